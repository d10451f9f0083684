"""Rules of the journal: who writes what, when, and which values (JOUR-1..12, SEC-3, SEC-4).

Every rule is checked both ways: the allowed operation succeeds and the refused one raises
the exact exception class: ``AccessError`` for a role or a class not taught (ACL, record
rule), ``UserError`` for a time limit or a workflow step, ``ValidationError`` for a value.
"""

from datetime import date

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import TODAY, SchoolJournalCommon


@tagged("post_install", "-at_install")
class TestJournalRules(SchoolJournalCommon):
    # ------------------------------------------------------------------
    # ROLE-5: the subject teacher writes the lessons he gives, and nothing else
    # ------------------------------------------------------------------
    def test_teacher_writes_own_lesson(self):
        """T1 enters, changes and deletes marks and attendance of his lesson, today and 13 days ago."""
        earlier = self._lesson(self.class_5a, self.subject_math, self.teacher_1, day=self._days_ago(13))
        for lesson in (self.lesson_5a, earlier):
            mark = self._mark(lesson, self.student_anna, 4)
            self.assertEqual(mark.author_id, self.teacher_1)
            mark.write({"value": 5, "comment": "Молодец"})
            self.assertEqual(mark.value, 5)
            absence = self._absence(lesson, self.student_vera)
            absence.write({"code": "ill"})
            self.assertEqual(absence.code, "ill")
            mark.unlink()
            absence.unlink()
            self.assertFalse(self.env["school.mark"].search([("lesson_id", "=", lesson.id)]))
            self.assertFalse(self.env["school.attendance"].search([("lesson_id", "=", lesson.id)]))
        lesson = self._as(self.teacher_1, "school.lesson").browse(self.lesson_5a.id)
        lesson.write({"topic": "Дроби", "homework": "№ 12, 14"})
        self.assertTrue(lesson.homework_entered_at)

    def test_teacher_refused_on_lesson_of_another_teacher(self):
        """T1 neither enters nor changes anything on T2's lesson of 5Б (ROLE-5: classes not taught)."""
        with self.assertAccessRefused():
            self._mark(self.lesson_5b, self.student_dina, user=self.teacher_1)
        with self.assertAccessRefused():
            self._absence(self.lesson_5b, self.student_dina, user=self.teacher_1)
        mark = self._mark(self.lesson_5b, self.student_dina, 3)
        absence = self._absence(self.lesson_5b, self.student_egor)
        for record, vals in ((mark, {"value": 2}), (absence, {"code": "late"})):
            with self.assertAccessRefused():
                self._as(self.teacher_1, record._name).browse(record.id).write(vals)
            with self.assertAccessRefused():
                self._as(self.teacher_1, record._name).browse(record.id).unlink()
        with self.assertAccessRefused():
            self._as(self.teacher_1, "school.lesson").browse(self.lesson_5b.id).write({"topic": "Чужое"})
        self.assertEqual(mark.value, 3)
        self.assertEqual(absence.code, "absent")

    def test_teacher_creates_lessons_only_of_taught_classes(self):
        Lesson = self._as(self.teacher_1, "school.lesson")
        vals = {"subject_id": self.subject_math.id, "date": TODAY, "lesson_number": 5}
        lesson = Lesson.create(dict(vals, class_id=self.class_5a.id))
        self.assertEqual(lesson.teacher_id, self.teacher_1)
        with self.assertAccessRefused():
            Lesson.create(dict(vals, class_id=self.class_5b.id))
        with self.assertAccessRefused():
            Lesson.create(dict(vals, class_id=self.class_5a.id, teacher_id=self.teacher_2.id))
        # lessons are deleted, and the timetable is built, by the administration only
        with self.assertAccessRefused():
            lesson.unlink()
        with self.assertAccessRefused():
            self._as(self.teacher_1, "school.timetable.slot").create(
                {
                    "class_id": self.class_5a.id,
                    "subject_id": self.subject_math.id,
                    "teacher_id": self.teacher_1.id,
                    "date_from": self.year.date_start,
                    "date_to": self.year.date_end,
                }
            )

    def test_teacher_cannot_move_or_hand_over_own_lesson(self):
        """A teacher may not move his lesson into a class not taught, nor give it to another teacher."""
        lesson = self._as(self.teacher_1, "school.lesson").browse(self.lesson_5a.id)
        # a lesson keeps its class for life (issue 11, item 2): refused before any rule
        with self.assertRaises(UserError):
            lesson.write({"class_id": self.class_5b.id})
        with self.assertAccessRefused():
            lesson.write({"teacher_id": self.substitute.id})
        lesson.write({"lesson_number": 3})
        self.assertEqual(self.lesson_5a.class_id, self.class_5a)
        self.assertEqual(self.lesson_5a.teacher_id, self.teacher_1)

    def test_teacher_does_not_read_classes_not_taught(self):
        self._mark(self.lesson_5b, self.student_dina)
        Lesson = self._as(self.teacher_1, "school.lesson")
        self.assertFalse(Lesson.search([("class_id", "=", self.class_5b.id)]))
        self.assertIn(self.lesson_5a, Lesson.search([]))
        self.assertFalse(
            self._as(self.teacher_1, "school.mark").search([("class_id", "=", self.class_5b.id)])
        )
        with self.assertAccessRefused():
            Lesson.browse(self.lesson_5b.id).read(["topic"])

    # ------------------------------------------------------------------
    # Substitution (P 4.4, R 2.1, JOUR-10)
    # ------------------------------------------------------------------
    def test_substitute_writes_the_lesson_taken_over(self):
        mark_t1 = self._mark(self.lesson_5a, self.student_boris, 4)
        # the deputy records the substitution of the day
        self._as(self.user_deputy, "school.lesson").browse(self.lesson_5a.id).write(
            {"teacher_id": self.substitute.id, "substitution_reason": "Болезнь"}
        )
        self.assertTrue(self.lesson_5a.is_substitution)
        self.assertEqual(self.lesson_5a.planned_teacher_id, self.teacher_1)
        mark = self._mark(self.lesson_5a, self.student_anna, 5, user=self.substitute)
        self.assertEqual(mark.author_id, self.substitute)
        self._absence(self.lesson_5a, self.student_vera, user=self.substitute)
        self._as(self.substitute, "school.mark").browse(mark_t1.id).write({"value": 5})
        with self.assertRaises(ValidationError):
            self._mark(self.lesson_5a, self.student_dina, user=self.substitute)
        # the planned teacher no longer writes it
        with self.assertAccessRefused():
            self._mark(self.lesson_5a, self.student_gleb, user=self.teacher_1)
        with self.assertAccessRefused():
            self._as(self.teacher_1, "school.mark").browse(mark.id).write({"value": 3})
        with self.assertAccessRefused():
            self._as(self.teacher_1, "school.lesson").browse(self.lesson_5a.id).write({"topic": "Т1"})
        # nor does the substitute write other lessons of the class
        with self.assertAccessRefused():
            self._mark(self.lesson_5a_english, self.student_anna, user=self.substitute)

    def test_substitute_of_a_subgroup_lesson(self):
        self.lesson_5a_english.teacher_id = self.substitute
        self.assertTrue(self.lesson_5a_english.is_substitution)
        self._mark(self.lesson_5a_english, self.student_anna, 5)
        with self.assertRaises(ValidationError):
            self._mark(self.lesson_5a_english, self.student_vera)

    # ------------------------------------------------------------------
    # ROLE-4: the class teacher
    # ------------------------------------------------------------------
    def test_class_teacher_reads_the_whole_class(self):
        mark_math = self._mark(self.lesson_5a, self.student_anna)
        mark_english = self._mark(self.lesson_5a_english, self.student_boris)
        self._mark(self.lesson_5b, self.student_dina)
        lessons = self._as(self.class_teacher, "school.lesson").search([])
        self.assertEqual(lessons, self.lesson_5a | self.lesson_5a_english)
        self.assertEqual(self._as(self.class_teacher, "school.mark").search([]), mark_math | mark_english)
        with self.assertAccessRefused():
            self._as(self.class_teacher, "school.lesson").browse(self.lesson_5b.id).read(["topic"])

    def test_class_teacher_corrects_attendance_not_marks(self):
        """P 4.3: the class teacher corrects attendance of lessons given by others, never their marks."""
        absence = self._absence(self.lesson_5a, self.student_vera)
        mark = self._mark(self.lesson_5a, self.student_vera, 3)
        Attendance = self._as(self.class_teacher, "school.attendance")
        Attendance.browse(absence.id).write({"code": "excused"})
        self.assertEqual(absence.code, "excused")
        late = self._absence(self.lesson_5a, self.student_gleb, "late", user=self.class_teacher)
        self._as(self.class_teacher, "school.attendance").browse(late.id).unlink()
        self.assertFalse(late.exists())
        Mark = self._as(self.class_teacher, "school.mark")
        with self.assertAccessRefused():
            Mark.browse(mark.id).write({"value": 5})
        with self.assertAccessRefused():
            Mark.browse(mark.id).unlink()
        with self.assertAccessRefused():
            self._mark(self.lesson_5a, self.student_gleb, user=self.class_teacher)
        with self.assertAccessRefused():
            self._absence(self.lesson_5b, self.student_dina, user=self.class_teacher)
        self.assertEqual(mark.value, 3)

    # ------------------------------------------------------------------
    # JOUR-6: the mark edit window
    # ------------------------------------------------------------------
    def test_edit_window_two_weeks(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        with freeze_time("2026-12-02 10:00:00"):  # 14 days after: the last day
            self._as(self.teacher_1, "school.mark").browse(mark.id).write({"value": 5})
        with freeze_time("2026-12-09 10:00:00"):  # 3 weeks after
            Mark = self._as(self.teacher_1, "school.mark")
            with self.assertRaises(UserError):
                Mark.browse(mark.id).write({"value": 3})
            with self.assertRaises(UserError):
                Mark.browse(mark.id).unlink()
            with self.assertRaises(UserError):
                self._mark(self.lesson_5a, self.student_boris)
            # the superuser (an approved correction request) is not bound by the window
            self.env["school.mark"].browse(mark.id).write({"value": 2})
        self.assertEqual(mark.value, 2)

    def test_edit_window_is_set_by_the_administrator(self):
        """S 3.6: the administrator sets the window; a teacher cannot widen it."""
        with self.assertAccessRefused():
            self._as(self.teacher_1, "school.grading.policy").browse(self.policy.id).write(
                {"edit_window": "unlimited"}
            )
        self._as(self.user_ej_admin, "school.grading.policy").browse(self.policy.id).write(
            {"edit_window": "3w"}
        )
        self.assertEqual(self.policy.edit_window, "3w")

    def test_edit_window_unlimited(self):
        self.policy.edit_window = "unlimited"
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        with freeze_time("2027-05-20 10:00:00"):
            self._as(self.teacher_1, "school.mark").browse(mark.id).write({"value": 5})
            self._mark(self.lesson_5a, self.student_boris)
        self.assertEqual(mark.value, 5)

    def test_edit_window_one_week_boundary(self):
        self.policy.edit_window = "1w"
        seven = self._lesson(self.class_5a, self.subject_math, self.teacher_1, day=self._days_ago(7))
        eight = self._lesson(self.class_5a, self.subject_math, self.teacher_1, day=self._days_ago(8))
        self._mark(seven, self.student_anna)
        with self.assertRaises(UserError):
            self._mark(eight, self.student_anna)

    def test_edit_window_one_month(self):
        self.policy.edit_window = "1m"
        on_time = self._lesson(self.class_5a, self.subject_math, self.teacher_1, day=date(2026, 10, 18))
        late = self._lesson(self.class_5a, self.subject_math, self.teacher_1, day=date(2026, 10, 17))
        self._mark(on_time, self.student_anna)
        with self.assertRaises(UserError):
            self._mark(late, self.student_anna)

    # ------------------------------------------------------------------
    # JOUR-8: a closed period
    # ------------------------------------------------------------------
    def test_closed_period(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        absence = self._absence(self.lesson_5a, self.student_boris)
        self.assertEqual(self.lesson_5a.period_id, self.quarter_2)
        self.quarter_2.with_user(self.user_ej_admin).action_close()
        Mark = self._as(self.teacher_1, "school.mark")
        Attendance = self.env["school.attendance"].with_user(self.teacher_1)
        Lesson = self.env["school.lesson"].with_user(self.teacher_1)
        for operation in (
            lambda: Mark.create(
                {
                    "lesson_id": self.lesson_5a.id,
                    "student_id": self.student_vera.id,
                    "value": 5,
                    "work_type_id": self.work_type_answer.id,
                }
            ),
            lambda: Mark.browse(mark.id).write({"value": 5}),
            lambda: Mark.browse(mark.id).unlink(),
            lambda: Attendance.create({"lesson_id": self.lesson_5a.id, "student_id": self.student_vera.id}),
            lambda: Attendance.browse(absence.id).write({"code": "ill"}),
            lambda: Attendance.browse(absence.id).unlink(),
            lambda: Lesson.browse(self.lesson_5a.id).write({"topic": "Поздно"}),
            lambda: Lesson.create(
                {
                    "class_id": self.class_5a.id,
                    "subject_id": self.subject_math.id,
                    "date": TODAY,
                    "lesson_number": 6,
                }
            ),
        ):
            with self.subTest(operation=operation), self.assertRaises(UserError):
                self.env.invalidate_all()
                operation()
        # the class teacher is bound by the close too
        with self.assertRaises(UserError):
            self._as(self.class_teacher, "school.attendance").browse(absence.id).write({"code": "ill"})
        # only the administrator closes and reopens periods (ROLE-1, P 4.1)
        with self.assertAccessRefused():
            self._as(self.teacher_1, "school.period").browse(self.quarter_2.id).action_reopen()
        self.quarter_2.with_user(self.user_ej_admin).action_reopen()
        Mark.browse(mark.id).write({"value": 5})
        Attendance.browse(absence.id).write({"code": "ill"})
        Lesson.browse(self.lesson_5a.id).write({"topic": "Вовремя"})
        self.assertEqual((mark.value, absence.code), (5, "ill"))

    def test_closed_year(self):
        """Closing the year period closes every lesson of the year."""
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        self.period_year.with_user(self.user_ej_admin).action_close()
        with self.assertRaises(UserError):
            self._as(self.teacher_1, "school.mark").browse(mark.id).write({"value": 5})
        with self.assertRaises(UserError):
            self._absence(self.lesson_5a, self.student_boris)

    def test_teacher_cannot_move_lesson_into_closed_period(self):
        self.quarter_1.action_close()
        with self.assertRaises(UserError):
            self._as(self.teacher_1, "school.lesson").browse(self.lesson_5a.id).write(
                {"date": date(2026, 10, 20)}
            )

    # ------------------------------------------------------------------
    # JOUR-3, 4, 5, 12: values, grade 1, students of the class or subgroup
    # ------------------------------------------------------------------
    def test_mark_values_on_the_scale(self):
        for value in (1, 6, 0, -3):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                self._mark(self.lesson_5a, self.student_anna, value)
        marks = self.env["school.mark"]
        for value in (2, 3, 4, 5):
            marks |= self._mark(self.lesson_5a, self.student_anna, value)
        with self.assertRaises(ValidationError):
            self._as(self.teacher_1, "school.mark").browse(marks[0].id).write({"value": 6})
        self.assertEqual(sorted(marks.mapped("value")), [2, 3, 4, 5])
        self.policy.mark_scale = "1_5"
        self.assertEqual(self._mark(self.lesson_5a, self.student_boris, 1).value, 1)

    def test_grade_one_gets_no_marks_nor_homework(self):
        with self.assertRaises(ValidationError):
            self._mark(self.lesson_1a, self.student_zoya, 5)
        Lesson = self._as(self.teacher_primary, "school.lesson")
        for vals in ({"homework": "Прописи"}, {"homework_pages": "с. 12"}, {"homework_exercises": "упр. 3"}):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                Lesson.browse(self.lesson_1a.id).write(vals)
        with self.assertRaises(ValidationError):
            self._lesson(
                self.class_1a, self.subject_russian, self.teacher_primary, homework="Прописи", lesson_number=4
            )
        Lesson.browse(self.lesson_1a.id).write({"topic": "Буква А"})
        absence = self._absence(self.lesson_1a, self.student_zoya, "ill")
        self.assertEqual(absence.code, "ill")

    def test_only_students_of_the_class_on_the_date(self):
        with self.assertRaises(ValidationError):
            self._mark(self.lesson_5a, self.student_dina)
        with self.assertRaises(ValidationError):
            self._absence(self.lesson_5a, self.student_dina)
        # left 5А on 10.11: refused on the 18th, accepted on the 9th
        with self.assertRaises(ValidationError):
            self._mark(self.lesson_5a, self.student_left)
        with self.assertRaises(ValidationError):
            self._absence(self.lesson_5a, self.student_left)
        before = self._lesson(self.class_5a, self.subject_math, self.teacher_1, day=date(2026, 11, 9))
        self.assertEqual(self._mark(before, self.student_left, 4).student_id, self.student_left)

    def test_only_students_of_the_subgroup(self):
        mark = self._mark(self.lesson_5a_english, self.student_anna, 5)
        self.assertEqual(mark.author_id, self.teacher_english)
        with self.assertRaises(ValidationError):
            self._mark(self.lesson_5a_english, self.student_vera)
        with self.assertRaises(ValidationError):
            self._absence(self.lesson_5a_english, self.student_gleb)
        # JOUR-12: the Math teacher of the class does not keep the English group's records
        with self.assertAccessRefused():
            self._mark(self.lesson_5a_english, self.student_boris, user=self.teacher_1)

    def test_cancelled_lesson(self):
        """A lesson holding marks or attendance is not cancelled: the grid would hide what the
        averages, period marks and diary count. Its entries deleted, it is; a cancelled lesson
        takes no mark and no absence."""
        lesson = self._as(self.teacher_1, "school.lesson").browse(self.lesson_5a.id)
        mark = self._mark(self.lesson_5a, self.student_anna)
        with self.assertRaisesRegex(UserError, "cannot be cancelled: it holds marks or attendance"):
            lesson.action_cancel()
        self.assertNotEqual(lesson.state, "cancelled")
        self._as(self.teacher_1, "school.mark").browse(mark.id).unlink()
        absence = self._absence(self.lesson_5a, self.student_boris)
        with self.assertRaisesRegex(UserError, "cannot be cancelled"):
            lesson.write({"state": "cancelled"})
        self._as(self.teacher_1, "school.attendance").browse(absence.id).unlink()
        lesson.action_cancel()
        self.assertEqual(lesson.state, "cancelled")
        with self.assertRaises(UserError):
            self._mark(self.lesson_5a, self.student_boris)
        with self.assertRaises(UserError):
            self._absence(self.lesson_5a, self.student_boris)

    def test_written_out_topic_of_control_work(self):
        """JOUR-11: practical, laboratory and control works have their topic written out."""
        Lesson = self._as(self.teacher_1, "school.lesson")
        vals = {
            "class_id": self.class_5a.id,
            "subject_id": self.subject_math.id,
            "date": TODAY,
            "lesson_number": 4,
            "work_type_ids": [Command.set(self.work_type_control.ids)],
        }
        with self.assertRaises(ValidationError):
            Lesson.create(vals)
        with self.assertRaises(ValidationError):
            Lesson.create(dict(vals, topic="   "))
        lesson = Lesson.create(dict(vals, topic="Контрольная работа № 2 «Дроби»"))
        with self.assertRaises(ValidationError):
            lesson.write({"topic": False})
        with self.assertRaises(ValidationError):
            Lesson.browse(self.lesson_5a.id).write(
                {"work_type_ids": [Command.link(self.work_type_control.id)]}
            )
        # an oral answer needs no written-out topic
        Lesson.browse(self.lesson_5a.id).write({"work_type_ids": [Command.link(self.work_type_answer.id)]})

    # ------------------------------------------------------------------
    # JOUR-3: several marks, weights from the dated policy
    # ------------------------------------------------------------------
    def test_several_marks_per_lesson_with_policy_weight(self):
        answer = self._mark(self.lesson_5a, self.student_anna, 5)
        control = self._mark(self.lesson_5a, self.student_anna, 3, work_type=self.work_type_control)
        self.assertEqual(len(self.env["school.mark"].search([("lesson_id", "=", self.lesson_5a.id)])), 2)
        self.assertEqual(answer.weight, 1)
        self.assertEqual(control.weight, 4, "the policy's weight, not the work type's default 3")
        self._as(self.teacher_1, "school.mark").browse(answer.id).write(
            {"work_type_id": self.work_type_control.id}
        )
        self.assertEqual(answer.weight, 4)
        with self.assertRaises(UserError):
            self._as(self.teacher_1, "school.mark").browse(answer.id).write({"weight": 10})
        with self.assertRaises(UserError):
            self._as(self.teacher_1, "school.mark").browse(answer.id).write(
                {"student_id": self.student_boris.id}
            )
        forged = self._mark(self.lesson_5a, self.student_boris, author_id=self.teacher_2.id)
        self.assertEqual(forged.author_id, self.teacher_1)

    def test_weight_of_the_policy_in_force_on_the_lesson_date(self):
        self.policy.date_to = date(2026, 11, 15)
        policy_2 = self.env["school.grading.policy"].create(
            {
                "name": "Положение с 16.11.2026",
                "date_from": date(2026, 11, 16),
                "edit_window": "2w",
                "company_id": self.school.id,
                "weight_ids": [Command.create({"work_type_id": self.work_type_control.id, "weight": 5})],
            }
        )
        earlier = self._lesson(self.class_5a, self.subject_math, self.teacher_1, day=date(2026, 11, 12))
        old_mark = self._mark(earlier, self.student_anna, 4, work_type=self.work_type_control)
        new_mark = self._mark(self.lesson_5a, self.student_anna, 4, work_type=self.work_type_control)
        self.assertEqual((old_mark.weight, new_mark.weight), (4, 5))
        # changing the policy later changes no existing mark
        policy_2.weight_ids.weight = 6
        self.policy.weight_ids.filtered(lambda w: w.work_type_id == self.work_type_control).weight = 2
        self.env.invalidate_all()
        self.assertEqual((old_mark.weight, new_mark.weight), (4, 5))
        self.assertEqual(
            self._mark(self.lesson_5a, self.student_boris, work_type=self.work_type_control).weight, 6
        )

    # ------------------------------------------------------------------
    # SEC-3, SEC-4: roles that never write the journal; who reads what
    # ------------------------------------------------------------------
    def test_deputy_and_director_who_teach_write_only_their_own_lessons(self):
        """Reading every journal gives no right to write it, even with the teacher's rights (SEC-3)."""
        prefix = "school_ejournal.group_school_"
        deputy_teacher = self._new_user(
            "jr_deputy_teacher", f"{prefix}deputy,{prefix}teacher", "Завуч-учитель"
        )
        director_teacher = self._new_user(
            "jr_director_teacher", f"{prefix}director,{prefix}teacher", "Директор-учитель"
        )
        self.env["school.teaching.assignment"].create(
            [
                {"teacher_id": user.id, "subject_id": self.subject_russian.id, "class_id": self.class_5a.id}
                for user in (deputy_teacher, director_teacher)
            ]
        )
        own = self._lesson(self.class_5a, self.subject_russian, deputy_teacher, lesson_number=5)
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        absence = self._absence(self.lesson_5a, self.student_boris)
        for user in (deputy_teacher, director_teacher):
            with self.subTest(user=user.login):
                self.assertEqual(len(self._as(user, "school.mark").search([])), 1)
                with self.assertAccessRefused():
                    self._as(user, "school.mark").browse(mark.id).write({"value": 2})
                with self.assertAccessRefused():
                    self._as(user, "school.mark").browse(mark.id).unlink()
                with self.assertAccessRefused():
                    self._mark(self.lesson_5a, self.student_vera, user=user)
                with self.assertAccessRefused():
                    self._as(user, "school.attendance").browse(absence.id).write({"code": "ill"})
                with self.assertAccessRefused():
                    self._absence(self.lesson_5a, self.student_vera, user=user)
        with self.assertAccessRefused():
            self._as(director_teacher, "school.lesson").browse(self.lesson_5a.id).write({"topic": "Чужое"})
        self.assertEqual((mark.value, absence.code), (4, "absent"))
        # own lesson: as any teacher
        self._mark(own, self.student_vera, 5, user=deputy_teacher)
        # the deputy still records substitutions on any lesson (SETUP-7)
        self._as(deputy_teacher, "school.lesson").browse(self.lesson_5b.id).write(
            {"teacher_id": self.substitute.id}
        )
        self.assertTrue(self.lesson_5b.is_substitution)

    def test_readers_and_portal_never_write_the_journal(self):
        mark = self._mark(self.lesson_5a, self.student_boris, 4)
        absence = self._absence(self.lesson_5a, self.student_anna)
        users = self.readers | self.user_student | self.user_parent
        for user in users:
            with self.subTest(user=user.login):
                with self.assertAccessRefused():
                    self._mark(self.lesson_5a, self.student_vera, user=user)
                with self.assertAccessRefused():
                    self._absence(self.lesson_5a, self.student_vera, user=user)
                for record, vals in ((mark, {"value": 5}), (absence, {"code": "excused"})):
                    with self.assertAccessRefused():
                        self._as(user, record._name).browse(record.id).write(vals)
                    with self.assertAccessRefused():
                        self._as(user, record._name).browse(record.id).unlink()
        self.assertEqual((mark.value, absence.code), (4, "absent"))

    def test_readers_read_every_mark(self):
        marks = (
            self._mark(self.lesson_5a, self.student_anna)
            | self._mark(self.lesson_5b, self.student_dina)
            | self._mark(self.lesson_5a_english, self.student_boris)
        )
        absences = self._absence(self.lesson_5a, self.student_vera) | self._absence(
            self.lesson_1a, self.student_zoya
        )
        for user in self.readers:
            with self.subTest(user=user.login):
                self.assertEqual(self._as(user, "school.mark").search([]), marks)
                self.assertEqual(self._as(user, "school.attendance").search([]), absences)
                self.assertEqual(len(self._as(user, "school.lesson").search([])), 4)

    def test_parent_reads_own_child_only(self):
        own = self._mark(self.lesson_5a, self.student_boris, 5)
        other = self._mark(self.lesson_5a, self.student_anna, 4)
        own_absence = self._absence(self.lesson_5a_english, self.student_boris)
        other_absence = self._absence(self.lesson_5a, self.student_vera)
        self._mark(self.lesson_5b, self.student_dina)
        Mark = self._as(self.user_parent, "school.mark")
        self.assertEqual(Mark.search([]), own)
        self.assertEqual(Mark.browse(own.id).value, 5)
        with self.assertAccessRefused():
            Mark.browse(other.id).read(["value"])
        Attendance = self._as(self.user_parent, "school.attendance")
        self.assertEqual(Attendance.search([]), own_absence)
        with self.assertAccessRefused():
            Attendance.browse(other_absence.id).read(["code"])

    def test_student_reads_own_marks_only(self):
        own = self._mark(self.lesson_5a, self.student_anna, 5) | self._mark(
            self.lesson_5a_english, self.student_anna, 4
        )
        other = self._mark(self.lesson_5a, self.student_boris, 3)
        Mark = self._as(self.user_student, "school.mark")
        self.assertEqual(Mark.search([]), own)
        with self.assertAccessRefused():
            Mark.browse(other.id).read(["value"])

    # ------------------------------------------------------------------
    # Correction requests (JOUR-6, JOUR-8)
    # ------------------------------------------------------------------
    @freeze_time("2026-12-09 10:00:00")
    def test_correction_request_approved(self):
        with freeze_time("2026-11-18 10:00:00"):
            mark = self._mark(self.lesson_5a, self.student_anna, 3)
        with self.assertRaises(UserError):
            self._as(self.teacher_1, "school.mark").browse(mark.id).write({"value": 4})
        request = self._as(self.teacher_1, "school.correction.request").create(
            self._correction_vals(mark, 4, "Ошибка при вводе: в тетради 4")
        )
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.requested_by_id, self.teacher_1)
        self.assertTrue(request.name.endswith(str(request.id)))
        with self.assertRaises(UserError):
            request.action_approve()
        self.assertEqual(mark.value, 3)
        self._as(self.user_deputy, "school.correction.request").browse(request.id).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.decided_by_id, self.user_deputy)
        self.assertEqual(mark.value, 4)
        entry = self.env["school.journal.log"].search(
            [("model", "=", "school.mark"), ("res_id", "=", mark.id), ("action", "=", "write")]
        )
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.user_id, self.user_deputy)
        self.assertIn("Ошибка при вводе: в тетради 4", entry.reason)
        self.assertIn(request.name, entry.reason)
        self.assertIn("value=3", entry.old_value)
        self.assertIn("value=4", entry.new_value)
        with self.assertRaises(UserError):
            self._as(self.user_deputy, "school.correction.request").browse(request.id).action_approve()
        with self.assertRaises(UserError):
            self._as(self.user_deputy, "school.correction.request").browse(request.id).action_reject()

    @freeze_time("2026-12-09 10:00:00")
    def test_correction_request_rejected(self):
        with freeze_time("2026-11-18 10:00:00"):
            mark = self._mark(self.lesson_5a, self.student_anna, 3)
        Request = self._as(self.teacher_1, "school.correction.request")
        request = Request.create(self._correction_vals(mark, 5, "Пересдача"))
        with self.assertRaises(UserError):
            Request.browse(request.id).action_reject()
        entries = self.env["school.journal.log"].search_count([])
        as_deputy = self._as(self.user_deputy, "school.correction.request").browse(request.id)
        # a rejection needs its reason (issue 13), a text (issue 11 item 10: not a server error)
        with self.assertRaises(UserError):
            as_deputy.action_reject()
        for reason in ({"note": "x"}, ["x"], 5):
            with self.subTest(reason=reason), self.assertRaisesRegex(UserError, "cannot use"):
                as_deputy.action_reject(reason=reason)
        self.assertEqual(request.state, "submitted")
        as_deputy.decision_note = "Пересдача не проводилась"
        as_deputy.action_reject()
        self.assertEqual(request.state, "rejected")
        self.assertEqual(request.decision_note, "Пересдача не проводилась")
        self.assertEqual(mark.value, 3)
        self.assertEqual(self.env["school.journal.log"].search_count([]), entries)
        with self.assertRaises(UserError):
            self._as(self.user_deputy, "school.correction.request").browse(request.id).action_approve()

    @freeze_time("2026-12-09 10:00:00")
    def test_correction_request_new_mark_in_closed_period(self):
        self.quarter_2.action_close()
        request = self._as(self.teacher_1, "school.correction.request").create(
            {
                "lesson_id": self.lesson_5a.id,
                "student_id": self.student_vera.id,
                "new_value": 5,
                "work_type_id": self.work_type_test.id,
                "reason": "Оценка за проверочную не внесена",
            }
        )
        self._as(self.user_deputy, "school.correction.request").browse(request.id).action_approve()
        mark = self.env["school.mark"].search(
            [("lesson_id", "=", self.lesson_5a.id), ("student_id", "=", self.student_vera.id)]
        )
        self.assertEqual((mark.value, mark.weight, mark.author_id), (5, 2, self.teacher_1))
        entry = self.env["school.journal.log"].search(
            [("model", "=", "school.mark"), ("res_id", "=", mark.id)]
        )
        self.assertEqual((entry.action, entry.user_id), ("create", self.user_deputy))

    @freeze_time("2026-12-09 10:00:00")
    def test_correction_request_of_attendance_and_deletion(self):
        with freeze_time("2026-11-18 10:00:00"):
            mark = self._mark(self.lesson_5a, self.student_gleb, 2)
        self.quarter_2.action_close()
        Request = self._as(self.teacher_1, "school.correction.request")
        requests = Request.create(
            [
                {
                    "lesson_id": self.lesson_5a.id,
                    "student_id": self.student_vera.id,
                    "kind": "attendance",
                    "attendance_code": "ill",
                    "reason": "Справка от врача",
                },
                {
                    "lesson_id": self.lesson_5a.id,
                    "student_id": self.student_gleb.id,
                    "mark_id": mark.id,
                    "operation": "delete",
                    "reason": "Оценка выставлена не тому ученику",
                },
            ]
        )
        self._as(self.user_deputy, "school.correction.request").browse(requests.ids).action_approve()
        absence = self.env["school.attendance"].search([("lesson_id", "=", self.lesson_5a.id)])
        self.assertEqual((absence.student_id, absence.code), (self.student_vera, "ill"))
        self.assertFalse(mark.exists())
        entries = self.env["school.journal.log"].search([("logged_at", "=", "2026-12-09 10:00:00")])
        self.assertEqual(entries.mapped("action"), ["unlink", "create"])
        self.assertEqual(entries.user_id, self.user_deputy)
        self.assertEqual(set(entries.mapped("model")), {"school.mark", "school.attendance"})

    def test_correction_request_cannot_be_filed_decided(self):
        """A request is filed as submitted, whatever the teacher sends (no forged decision)."""
        mark = self._mark(self.lesson_5a, self.student_anna, 3)
        request = self._as(self.teacher_1, "school.correction.request").create(
            self._correction_vals(mark, 5, "Сам себе", state="approved", decided_by_id=self.user_deputy.id)
        )
        self.assertEqual((request.state, request.decided_by_id.id), ("submitted", False))
        with self.assertAccessRefused():
            request.write({"state": "approved"})
        for user in (self.user_parent, self.user_student, self.user_director, self.user_inspector):
            with self.subTest(user=user.login), self.assertAccessRefused():
                self._as(user, "school.correction.request").create(self._correction_vals(mark, 5, "—"))

    def test_correction_request_of_a_mark_of_another_student(self):
        mark = self._mark(self.lesson_5a, self.student_boris, 3)
        with self.assertRaises(ValidationError):
            self._as(self.teacher_1, "school.correction.request").create(
                self._correction_vals(mark, 5, "Не тот ученик", student_id=self.student_anna.id)
            )

    # ------------------------------------------------------------------
    # SETUP-7: timetable conflicts
    # ------------------------------------------------------------------
    def test_timetable_slot_conflicts(self):
        dates = {"date_from": self.year.date_start, "date_to": self.year.date_end, "user": self.user_deputy}
        math_5b = (self.class_5b, self.subject_math)
        english = (self.class_5a, self.subject_english)
        self._slots((self.class_5a, self.subject_math, self.teacher_1, self.room_12, 0, 1), **dates)
        conflicts = {
            "teacher": (*math_5b, self.teacher_1, self.room_21),
            "room": (*math_5b, self.teacher_2, self.room_12),
            "class": (self.class_5a, self.subject_russian, self.teacher_2, self.room_21),
            "subgroup in a whole-class slot": (*english, self.teacher_english, None),
        }
        for what, row in conflicts.items():
            with self.subTest(conflict=what), self.assertRaises(ValidationError):
                subgroup = {"subgroup_id": self.subgroup_english.id} if what.startswith("subgroup") else {}
                self._slots((*row, 0, 1, subgroup), **dates)
        # the same teacher, room and class another lesson of the day: fine
        self._slots((*math_5b, self.teacher_1, self.room_12, 0, 2), **dates)
        # two subgroups of a class at the same time, with their own teachers and rooms
        group_2 = self._create_subgroup(
            self.class_5a, self.subject_english, None, self.student_vera | self.student_gleb, name="Группа 2"
        )
        self._slots(
            (*english, self.teacher_english, self.room_12, 1, 3, {"subgroup_id": self.subgroup_english.id}),
            **dates,
        )
        self._slots((*english, self.teacher_2, self.room_21, 1, 3, {"subgroup_id": group_2.id}), **dates)
        for row in (
            (self.class_5a, self.subject_math, self.teacher_1, None, 1, 3),
            (*english, self.substitute, None, 1, 3, {"subgroup_id": group_2.id}),
        ):
            with self.subTest(row=row), self.assertRaises(ValidationError):
                self._slots(row, **dates)
