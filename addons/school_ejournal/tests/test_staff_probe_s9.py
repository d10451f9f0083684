"""Adversarial probes of the internal roles' rights (ROLE-1..6, ROLE-9, SEC-3, SEC-5).

What the role x model matrix and the generic public-method probe do not reach: writes
through one2many and many2many commands, a record moved by a write out of what the record
rule let the user change (a guardian link or an event carried to another class), content
entered into the journal by the administration at a lesson's creation, the administration
recording itself as the teacher of a lesson, a plan for a class not taught, a follow-up
closed by a teacher who did not set the mark, a substitute after the substitution ended,
attachments and imports on journal records, and reads of personal data by teachers.
Every refused probe also checks that nothing changed.
"""

import base64
from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import GROUP, MUTE_ACCESS, SchoolJournalCommon


@tagged("post_install", "-at_install")
class TestStaffProbe(SchoolJournalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mark_boris = cls._marks(cls.lesson_5a, {cls.student_boris: 4})
        cls.mark_dina = cls._marks(cls.lesson_5b, {cls.student_dina: 3})
        cls.link_boris = cls.student_boris.guardian_link_ids
        cls.link_dina = cls.env["school.guardian.link"].create(
            {
                "student_id": cls.student_dina.id,
                "guardian_id": cls.env["res.partner"]
                .create({"name": "Динова Мать", "phone": "+7 900 000-00-01"})
                .id,
                "relation": "mother",
                "date_start": cls.year.date_start,
            }
        )

    def _refused(self, operation, exception=UserError):
        with mute_logger(*MUTE_ACCESS, "odoo.models"), self.assertRaises(exception):
            operation()
        self.env.invalidate_all()

    # ------------------------------------------------------------------
    # ROLE-4: the class teacher keeps own class's data, and nothing of another class
    # ------------------------------------------------------------------
    def test_class_teacher_cannot_move_a_guardian_link_to_another_class(self):
        """A link of the own class carried to a student of 5Б would let its guardian read that
        child's diary (ROLE-4, ROLE-8, SEC-3)."""
        link = self.link_boris.with_user(self.class_teacher)
        self._refused(lambda: link.write({"student_id": self.student_dina.id}))
        self.assertEqual(self.link_boris.student_id, self.student_boris)
        # through the student's one2many too
        student = self.student_dina.with_user(self.class_teacher)
        self._refused(lambda: student.write({"guardian_link_ids": [Command.link(self.link_boris.id)]}))
        own = self.student_boris.with_user(self.class_teacher)
        self._refused(
            lambda: own.write(
                {"guardian_link_ids": [Command.update(self.link_dina.id, {"notify_sms": True})]}
            )
        )
        self.assertEqual(self.link_boris.student_id, self.student_boris)
        self.assertFalse(self.link_dina.notify_sms)
        # the own class's links stay the class teacher's to keep
        link.write({"notify_sms": True, "relation": "guardian"})
        self.assertEqual(self.link_boris.relation, "guardian")

    def test_students_move_by_movement_orders_only(self):
        """A student's class follows the class history (SETUP-8): neither the class teacher nor
        the administrator writes it directly, nor through a class's student list; the class
        teacher does not record a departure (ROLE-1, ROLE-4)."""
        own = self.student_boris.with_user(self.class_teacher)
        self._refused(lambda: own.write({"class_id": self.class_5b.id}))
        self._refused(lambda: own.write({"state": "left"}), AccessError)
        for user in (self.user_ej_admin, self.class_teacher):
            with self.subTest(user=user.login):
                school_class = self.class_5a.with_user(user)
                self._refused(
                    lambda school_class=school_class: school_class.write(
                        {"student_ids": [Command.link(self.student_dina.id)]}
                    )
                )
                self._refused(
                    lambda school_class=school_class: school_class.write(
                        {"student_ids": [Command.unlink(self.student_boris.id)]}
                    )
                )
        Student = self.env["school.student"].with_user(self.user_ej_admin)
        self._refused(
            lambda: Student.create(
                {
                    "last_name": "Новый",
                    "first_name": "Никита",
                    "class_id": self.class_5a.id,
                    "company_id": self.school.id,
                }
            )
        )
        self.assertEqual(
            (self.student_boris.class_id, self.student_dina.class_id), (self.class_5a, self.class_5b)
        )
        self.assertEqual(self.student_boris.state, "studying")
        # the class teacher keeps the student's data current (P 4.3)
        own.write({"pe_group": "special"})
        self.assertEqual(self.student_boris.pe_group, "special")

    def test_class_teacher_cannot_move_an_event_to_another_class(self):
        """An event of the own class is not carried to 5Б nor made a school-wide one (ROLE-4)."""
        event = self.env["school.event"].create(
            {
                "name": "Родительское собрание",
                "date_start": datetime(2026, 11, 25, 18, 0),
                "class_id": self.class_5a.id,
                "company_id": self.school.id,
            }
        )
        mine = event.with_user(self.class_teacher)
        for target in (self.class_5b.id, False):
            self._refused(lambda target=target: mine.write({"class_id": target}))
            self.assertEqual(event.class_id, self.class_5a)
        mine.write({"location": "Кабинет 12"})
        self.assertEqual(event.location, "Кабинет 12")

    def test_class_teacher_does_not_close_a_followup_of_another_teacher(self):
        """The retake's result of another teacher's subject is a mark of that teacher: the class
        teacher reads the follow-up, the subject teacher plans and closes it (ROLE-4, P 4.4)."""
        pmark = self._period_mark(
            self.student_boris, self.subject_math, self.class_5a, self.quarter_1, value=2
        )
        followup = self.env["school.followup"].create(
            {"period_mark_id": pmark.id, "teacher_id": self.teacher_1.id, "reason": "mark_2"}
        )
        as_class_teacher = followup.with_user(self.class_teacher)
        self.assertEqual(as_class_teacher.search([("id", "=", followup.id)]), followup)
        self._refused(
            lambda: as_class_teacher.write(
                {"retake_date": date(2026, 11, 12), "result": "passed", "result_value": 5}
            ),
            AccessError,
        )
        self._refused(lambda: as_class_teacher.write({"plan": "Консультации"}), AccessError)
        self.assertRecordValues(
            followup, [{"result": "pending", "result_value": 0, "plan": False, "state": "open"}]
        )
        # the subject teacher does
        followup.with_user(self.teacher_1).write(
            {"retake_date": date(2026, 11, 12), "result": "passed", "result_value": 4}
        )
        self.assertEqual(followup.state, "done")

    def test_class_teacher_does_not_write_other_teachers_marks_through_the_lesson(self):
        """One2many commands of a lesson reach the marks with the user's own rights (ROLE-4)."""
        lesson = self.lesson_5a.with_user(self.class_teacher)
        self._refused(lambda: lesson.write({"mark_ids": [Command.update(self.mark_boris.id, {"value": 2})]}))
        self._refused(lambda: lesson.write({"mark_ids": [Command.delete(self.mark_boris.id)]}))
        self.assertEqual(self.mark_boris.value, 4)

    # ------------------------------------------------------------------
    # ROLE-1, ROLE-2, ROLE-3: the administration reads the journal and keeps the timetable
    # ------------------------------------------------------------------
    def test_administration_creates_lessons_without_content(self):
        """A lesson created by the administrator or the deputy is a lesson of the timetable: its
        topic, homework and comment are the teacher's (ROLE-1, ROLE-3, issue 11, item 5)."""
        Lesson = self.env["school.lesson"]
        before = Lesson.search_count([])
        for user in (self.user_ej_admin, self.user_deputy):
            for content in ({"topic": "Чужая тема"}, {"homework": "№ 1-100"}, {"comment": "Примечание"}):
                with self.subTest(user=user.login, content=content):
                    vals = self._lesson_vals(
                        self.class_5a, self.subject_math, self.teacher_1, lesson_number=6, **content
                    )
                    self._refused(lambda user=user, vals=vals: Lesson.with_user(user).create(vals))
        self.assertEqual(Lesson.search_count([]), before)
        # a lesson of the timetable, without content, is theirs to create
        lesson = Lesson.with_user(self.user_deputy).create(
            self._lesson_vals(
                self.class_5a, self.subject_math, self.teacher_1, lesson_number=6, state="planned"
            )
        )
        self.assertEqual(lesson.teacher_id, self.teacher_1)

    def test_entries_of_two_lessons_in_one_call_are_checked_per_lesson(self):
        """The record rules of a batch of entries are checked on each lesson of the batch: a
        teacher's own lesson beside another teacher's in one create or write is refused whole
        (ROLE-5, issue 15)."""
        Attendance = self.env["school.attendance"]
        before = Attendance.search_count([])
        own = [
            {"lesson_id": self.lesson_5a.id, "student_id": student.id, "code": "late"}
            for student in (self.student_anna, self.student_boris)
        ]
        foreign = {"lesson_id": self.lesson_5b.id, "student_id": self.student_dina.id, "code": "late"}
        self._refused(lambda: Attendance.with_user(self.teacher_1).create([*own, foreign]))
        self.assertEqual(Attendance.search_count([]), before)
        entries = Attendance.with_user(self.teacher_1).create(own)
        other = Attendance.create(foreign)
        self._refused(lambda: (entries | other).with_user(self.teacher_1).write({"code": "absent"}))
        self._refused(lambda: (entries | other).with_user(self.teacher_1).unlink())
        self.assertEqual(set((entries | other).mapped("code")), {"late"})
        entries.with_user(self.teacher_1).write({"code": "absent"})
        self.assertEqual(set(entries.mapped("code")), {"absent"})

    def test_administration_creates_no_lesson_with_content_by_the_default_teacher(self):
        """Without a teacher in the values, a lesson's teacher is the creator or the context's
        default: the checks see that teacher too. A deputy without a teaching role neither
        becomes the teacher of a lesson with his topic, nor gives his topic to a lesson of
        another teacher named by the context's default (ROLE-1..3)."""
        Lesson = self.env["school.lesson"]
        before = Lesson.search_count([])
        vals = self._lesson_vals(self.class_5a, self.subject_math, self.teacher_1, lesson_number=6)
        del vals["teacher_id"]
        for user in (self.user_ej_admin, self.user_deputy):
            for context in ({}, {"default_teacher_id": self.teacher_1.id}):
                with self.subTest(user=user.login, context=context):
                    self._refused(
                        lambda user=user, context=context: Lesson.with_user(user)
                        .with_context(**context)
                        .create(dict(vals, topic="Тема завуча"))
                    )
        self.assertEqual(Lesson.search_count([]), before)
        # the context's default teacher, without content: the lesson of the timetable
        lesson = (
            Lesson.with_user(self.user_deputy)
            .with_context(default_teacher_id=self.teacher_1.id)
            .create(dict(vals, state="planned"))
        )
        self.assertEqual((lesson.teacher_id, lesson.planned_teacher_id), (self.teacher_1, self.teacher_1))
        self.assertFalse(lesson.is_substitution)

    def test_administration_does_not_make_itself_the_teacher(self):
        """The administrator, director or deputy without a teaching role is never the teacher
        of a lesson: as its teacher they would enter its topic and homework (ROLE-1..3)."""
        for user in (self.user_ej_admin, self.user_deputy):
            lesson = self.lesson_5b.with_user(user)
            with self.subTest(user=user.login):
                self._refused(lambda lesson=lesson, user=user: lesson.write({"teacher_id": user.id}))
                self.assertEqual(self.lesson_5b.teacher_id, self.teacher_2)
                self._refused(lambda lesson=lesson: lesson.write({"topic": "Чужая тема"}))
        self.assertFalse(self.lesson_5b.topic)
        # a substitution by a teacher is recorded as before (SETUP-7)
        self.lesson_5b.with_user(self.user_deputy).write({"teacher_id": self.substitute.id})
        self.assertTrue(self.lesson_5b.is_substitution)

    def test_deputy_who_teaches_does_not_approve_own_correction(self):
        """A correction request is decided by a deputy director who did not file it: a deputy
        who also teaches would otherwise change own marks after the edit window or in a closed
        period by approving himself (ROLE-3, JOUR-8, P 4.1)."""
        prefix = GROUP
        deputy_teacher = self._new_user(
            "jr_probe_dep_teacher", f"{prefix}deputy,{prefix}teacher", "Завуч-учитель"
        )
        self._assign((deputy_teacher, self.subject_russian, self.class_5a))
        lesson = self._lesson(self.class_5a, self.subject_russian, deputy_teacher, lesson_number=5)
        mark = self._marks(lesson, {self.student_gleb: 2})
        request = self._as(deputy_teacher, "school.correction.request").create(
            self._correction_vals(mark, 5, "Ошибка ввода")
        )
        self._refused(
            lambda: self._as(deputy_teacher, "school.correction.request").browse(request.id).action_approve()
        )
        self.assertRecordValues(request, [{"state": "submitted"}])
        self.assertEqual(mark.value, 2)
        # another deputy director decides on it
        self._as(self.user_deputy, "school.correction.request").browse(request.id).action_approve()
        self.assertEqual((request.state, mark.value), ("approved", 5))

    def test_assessment_periods_of_a_class_with_a_closed_period_stay(self):
        """Switching a class from quarters to halves (its own field, its grade, or the school's
        setting) would carry the lessons and marks of a closed quarter into an open half, where
        they can be changed again (JOUR-8, P 4.1): refused once a period of them is closed."""
        lesson = self._lesson(self.class_5a, self.subject_math, self.teacher_1, day=date(2026, 10, 20))
        self._marks(lesson, {self.student_vera: 4})
        self.assertEqual(lesson.period_id, self.quarter_1)
        self.quarter_1.is_closed = True
        admin_class = self.class_5a.with_user(self.user_ej_admin)
        self._refused(lambda: admin_class.write({"period_scheme": "half"}))
        self._refused(lambda: admin_class.write({"grade": 10}))
        self._refused(lambda: self.school.with_user(self.user_ej_admin).write({"school_half_from_grade": 5}))
        next_year = self._create_year(date(2027, 9, 1))
        self._refused(lambda: admin_class.write({"year_id": next_year.id}))
        self.assertEqual((self.class_5a.period_scheme, self.class_5a.grade), ("quarter", 5))
        self.assertEqual((lesson.period_id, lesson.year_id), (self.quarter_1, self.year))
        # a closed year closes its lessons too, whatever their quarter
        self.quarter_1.is_closed = False
        self.period_year.is_closed = True
        self._refused(lambda: admin_class.write({"period_scheme": "half"}))
        self.period_year.is_closed = False
        # without a closed period the administrator sets them (SETUP-1)
        self.class_5b.with_user(self.user_ej_admin).write({"period_scheme": "half"})
        self.assertEqual(self.class_5b.period_scheme, "half")

    def test_readers_attach_nothing_to_the_journal(self):
        """A file is attached to a record only by who may write it (ROLE-1..3, ROLE-9)."""
        Attachment = self.env["ir.attachment"]
        count = Attachment.search_count([])
        for user in self.readers:
            for record in (self.mark_boris, self.lesson_5a.with_user(self.user_inspector)):
                if record._name == "school.lesson" and user != self.user_inspector:
                    continue  # the timetable's lessons are the administration's to keep
                with self.subTest(user=user.login, model=record._name):
                    self._refused(
                        lambda user=user, record=record: Attachment.with_user(user).create(
                            {
                                "name": "x.txt",
                                "datas": base64.b64encode(b"x"),
                                "res_model": record._name,
                                "res_id": record.id,
                            }
                        )
                    )
        self.assertEqual(Attachment.search_count([]), count)

    def test_readers_import_nothing_into_the_journal(self):
        """``load`` (the import of a spreadsheet) writes marks with the caller's rights."""
        Mark = self.env["school.mark"]
        count = Mark.search_count([])
        for user in (*self.readers, self.class_teacher, self.teacher_2):
            with self.subTest(user=user.login):
                result = Mark.with_user(user).load(
                    ["lesson_id/.id", "student_id/.id", "value", "work_type_id/.id"],
                    [[str(self.lesson_5a.id), str(self.student_vera.id), "5", str(self.work_type_answer.id)]],
                )
                self.assertFalse(result["ids"])
                self.assertTrue(result["messages"])
        self.assertEqual(Mark.search_count([]), count)

    def test_inspector_changes_nothing(self):
        """ROLE-9: archiving, copying, deleting and the journal's buttons are refused."""
        inspector = self.user_inspector
        self._refused(lambda: self.class_5a.with_user(inspector).action_archive())
        self._refused(lambda: self.lesson_5a.with_user(inspector).copy())
        self._refused(lambda: self.mark_boris.with_user(inspector).unlink())
        self._refused(lambda: self.lesson_5a.with_user(inspector).action_cancel())
        self._refused(lambda: self.lesson_5a.with_user(inspector).action_mark_done())
        self._refused(lambda: self.student_boris.with_user(inspector).write({"pe_group": "special"}))
        self._refused(lambda: self.link_boris.with_user(inspector).write({"guardian_phone": "+7 000"}))
        self.assertTrue(self.class_5a.active)
        self.assertTrue(self.mark_boris.exists())
        self.assertEqual(self.lesson_5a.state, "done")
        self.assertEqual(self.student_boris.pe_group, "main")

    # ------------------------------------------------------------------
    # ROLE-5: a teacher writes the classes and subgroups taught, the lessons taken over
    # ------------------------------------------------------------------
    def test_plan_only_for_a_class_or_parallel_taught(self):
        """A calendar-thematic plan of a class gives the topics of its lessons (PLAN-3): a teacher
        makes plans only for what he teaches (ROLE-5: touch no class not taught)."""
        Plan = self.env["school.plan"]
        count = Plan.search_count([])
        vals = {"year_id": self.year.id, "subject_id": self.subject_math.id, "grade": 5}
        # Math in 5А is the first teacher's
        self._refused(
            lambda: Plan.with_user(self.teacher_2).create(dict(vals, class_id=self.class_5a.id)), AccessError
        )
        # no Russian in the 5th parallel for the second teacher
        self._refused(
            lambda: Plan.with_user(self.teacher_2).create(dict(vals, subject_id=self.subject_russian.id)),
            AccessError,
        )
        self.assertEqual(Plan.search_count([]), count)
        own = Plan.with_user(self.teacher_2).create(dict(vals, class_id=self.class_5b.id))
        self._refused(lambda: own.write({"class_id": self.class_5a.id}), AccessError)
        self._refused(
            lambda: own.write({"subject_id": self.subject_russian.id, "class_id": False}), AccessError
        )
        self.assertEqual(own.class_id, self.class_5b)
        # a plan of the parallel: he teaches Math in 5Б
        Plan.with_user(self.teacher_2).create(vals)
        # the deputy keeps every plan
        Plan.with_user(self.user_deputy).create(dict(vals, class_id=self.class_5a.id))

    def test_teacher_does_not_record_own_substitution(self):
        """A substitution is recorded by the administration (SETUP-7, JOUR-10): a teacher of
        the class (the English subgroup's, or the class teacher) who names Math's teacher as the
        planned one does not create a Math lesson of 5А to mark it (ROLE-4, ROLE-5)."""
        Lesson = self.env["school.lesson"]
        count = Lesson.search_count([])
        for user in (self.teacher_english, self.class_teacher, self.substitute):
            with self.subTest(user=user.login):
                vals = self._lesson_vals(
                    self.class_5a,
                    self.subject_math,
                    user,
                    lesson_number=6,
                    planned_teacher_id=self.teacher_1.id,
                    substitution_reason="Болезнь",
                )
                self._refused(lambda user=user, vals=vals: self._as(user, "school.lesson").create(vals))
        self.assertEqual(Lesson.search_count([]), count)
        # nor does a teacher turn his own lesson into a substitution of another teacher
        own = self._as(self.teacher_1, "school.lesson").browse(self.lesson_5a.id)
        self._refused(lambda: own.write({"planned_teacher_id": self.teacher_2.id}))
        self.assertFalse(self.lesson_5a.is_substitution)
        # his own lessons he still creates and keeps
        lesson = self._as(self.teacher_1, "school.lesson").create(
            self._lesson_vals(self.class_5a, self.subject_math, self.teacher_1, lesson_number=6)
        )
        self.assertEqual(lesson.planned_teacher_id, self.teacher_1)
        own.write({"lesson_number": 3, "room_id": self.room_12.id})

    def test_homework_files_are_the_teachers_own_uploads(self):
        """A lesson's homework files are published to its class's families with access tokens
        (PORT-1): a teacher does not make another class's or another person's file one of them
        through the lesson's own form (ROLE-5, SEC-5), as the journal grid already refuses."""
        Attachment = self.env["ir.attachment"]
        foreign = Attachment.create(
            {
                "name": "5Б.pdf",
                "datas": base64.b64encode(b"%PDF 5B"),
                "res_model": "school.lesson",
                "res_id": self.lesson_5b.id,
            }
        )
        private = Attachment.create({"name": "private.txt", "datas": base64.b64encode(b"secret")})
        lesson = self._as(self.teacher_1, "school.lesson").browse(self.lesson_5a.id)
        for attachment in (foreign, private):
            with self.subTest(file=attachment.name):
                self._refused(
                    lambda attachment=attachment: lesson.write(
                        {"homework": "Читать", "homework_attachment_ids": [Command.link(attachment.id)]}
                    )
                )
                self._refused(
                    lambda attachment=attachment: self._as(self.teacher_1, "school.lesson").create(
                        self._lesson_vals(
                            self.class_5a,
                            self.subject_math,
                            self.teacher_1,
                            lesson_number=6,
                            homework="Читать",
                            homework_attachment_ids=[Command.set(attachment.ids)],
                        )
                    )
                )
        self.assertFalse(self.lesson_5a.homework_attachment_ids)
        self.assertFalse((foreign | private).filtered("access_token"))
        # the teacher's own upload to the lesson is its homework file
        upload = Attachment.with_user(self.teacher_1).create(
            {
                "name": "задание.pdf",
                "datas": base64.b64encode(b"%PDF own"),
                "res_model": "school.lesson",
                "res_id": self.lesson_5a.id,
            }
        )
        lesson.write({"homework": "Читать", "homework_attachment_ids": [Command.link(upload.id)]})
        self.assertEqual(self.lesson_5a.homework_attachment_ids, upload)

    def test_substitute_after_the_substitution_ended(self):
        """A substitute writes the lesson taken over; once it is given back to its teacher, no
        longer (ROLE-5, P 4.4, R 2.1)."""
        self.lesson_5b.write({"teacher_id": self.substitute.id})
        mark = self._mark(self.lesson_5b, self.student_egor, 4, user=self.substitute)
        self.lesson_5b.write({"teacher_id": self.teacher_2.id})
        Mark = self._as(self.substitute, "school.mark")
        self._refused(lambda: Mark.browse(mark.id).write({"value": 2}))
        self._refused(lambda: Mark.browse(self.mark_dina.id).unlink())
        self._refused(lambda: self._mark(self.lesson_5b, self.student_dina, 2, user=self.substitute))
        self._refused(
            lambda: self._as(self.substitute, "school.lesson").browse(self.lesson_5b.id).write({"topic": "x"})
        )
        self.assertEqual((self.env["school.mark"].browse(mark.id).value, self.mark_dina.value), (4, 3))
        self.assertFalse(self.lesson_5b.topic)

    def test_subgroup_teacher_marks_only_the_subgroup(self):
        """The English subgroup holds Anna and Boris: Vera is not its teacher's (JOUR-12)."""
        self._refused(lambda: self._mark(self.lesson_5a_english, self.student_vera, 5))
        self._refused(lambda: self._absence(self.lesson_5a_english, self.student_vera))
        lesson = self._as(self.teacher_english, "school.lesson").browse(self.lesson_5a_english.id)
        self._refused(
            lambda: lesson.write(
                {
                    "mark_ids": [
                        Command.create(
                            {
                                "student_id": self.student_vera.id,
                                "value": 5,
                                "work_type_id": self.work_type_answer.id,
                            }
                        )
                    ]
                }
            )
        )
        self.assertFalse(self.env["school.mark"].search([("student_id", "=", self.student_vera.id)]))

    def test_teacher_reaches_no_other_lesson_through_own_records(self):
        """Commands in one's own lesson and a lesson created with marks of another class reach
        no record of another teacher (ROLE-5)."""
        Lesson = self._as(self.teacher_1, "school.lesson")
        own = Lesson.browse(self.lesson_5a.id)
        self._refused(lambda: own.write({"mark_ids": [Command.update(self.mark_dina.id, {"value": 2})]}))
        self._refused(lambda: own.write({"mark_ids": [Command.link(self.mark_dina.id)]}))
        self._refused(
            lambda: Lesson.create(
                self._lesson_vals(
                    self.class_5a,
                    self.subject_math,
                    self.teacher_1,
                    lesson_number=7,
                    mark_ids=[
                        Command.create(
                            {
                                "student_id": self.student_dina.id,
                                "value": 5,
                                "work_type_id": self.work_type_answer.id,
                            }
                        )
                    ],
                )
            )
        )
        self._refused(lambda: self._as(self.teacher_2, "school.lesson").browse(self.lesson_5a.id).copy())
        self.assertEqual(self.mark_dina.lesson_id, self.lesson_5b)
        self.assertEqual(self.mark_dina.value, 3)

    # ------------------------------------------------------------------
    # SEC-5: personal data
    # ------------------------------------------------------------------
    def test_subject_teacher_reads_no_personal_data(self):
        """SNILS and the date of birth are not the subject teacher's, whatever the path; the
        guardians' links are the class teacher's (SEC-5)."""
        Student = self._as(self.teacher_1, "school.student")
        students = Student.browse(self.students_5a.ids)
        for fname in ("snils", "birthdate"):
            with self.subTest(field=fname):
                self._refused(lambda fname=fname: students.read([fname]), AccessError)
                # no export at all for a teacher (Odoo's export right), let alone of these fields
                self._refused(lambda fname=fname: students.export_data([fname]))
                self._refused(lambda fname=fname: Student.read_group([], [fname], [fname]), AccessError)
                self._refused(lambda fname=fname: Student.search([(fname, "!=", False)]), AccessError)
        self._refused(
            lambda: self._as(self.teacher_1, "school.guardian.link").search_read([], ["guardian_phone"]),
            AccessError,
        )
        # the contacts of another class's guardians are not a subject teacher's
        guardian = self.link_dina.guardian_id
        self._refused(
            lambda: self._as(self.teacher_1, "res.partner").browse(guardian.id).read(["phone"]), AccessError
        )
        self.assertFalse(self._as(self.teacher_1, "res.partner").search([("phone", "=", "+7 900 000-00-01")]))
        # the other class's guardians are not even the class teacher's
        links = self._as(self.class_teacher, "school.guardian.link").search([])
        self.assertNotIn(self.link_dina, links)
        self._refused(
            lambda: self._as(self.class_teacher, "school.guardian.link")
            .browse(self.link_dina.id)
            .read(["guardian_phone"]),
            AccessError,
        )

    def test_specialist_without_load_writes_nothing(self):
        """ROLE-6: a psychologist writes own activities only; 5А is not one of them."""
        specialist = self._new_user("jr_probe_specialist", GROUP + "specialist", "Психолог Проба")
        self._refused(lambda: self._mark(self.lesson_5a, self.student_vera, 5, user=specialist))
        self._refused(
            lambda: self._as(specialist, "school.lesson").browse(self.lesson_5a.id).write({"topic": "x"})
        )
        self._refused(
            lambda: self._as(specialist, "school.lesson").create(
                self._lesson_vals(self.class_5a, self.subject_math, specialist, lesson_number=8)
            )
        )
        self.assertFalse(self.lesson_5a.topic)
