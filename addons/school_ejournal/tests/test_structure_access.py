"""Role matrix of the school structure (ROLE-1..9, SEC-3, SEC-4).

Every model of the structure is checked for every role: who reads which records, who may
create, write and unlink. Refusals must be ``AccessError`` (ACL or record rule).
"""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SchoolCommon

MUTE_ACCESS = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")

STRUCTURE_MODELS = [
    "school.academic.year",
    "school.period",
    "school.bell.schedule",
    "school.bell",
    "school.room",
    "school.subject",
    "school.class",
    "school.subgroup",
    "school.student",
    "school.guardian.link",
    "school.enrollment",
    "school.movement",
    "school.curriculum.line",
    "school.teaching.assignment",
    "school.work.type",
    "school.grading.policy",
    "school.grading.policy.weight",
]


@tagged("post_install", "-at_install")
class TestStructureAccess(SchoolCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.movement = cls.env["school.movement"].create(
            {
                "student_id": cls.student_sidorov.id,
                "movement_type": "arrival",
                "to_class_id": cls.class_5a.id,
                "date": cls.year_start,
                "order_number": "12-у",
            }
        )
        # One existing record of school 1 per model, and harmless values to write on it.
        cls.samples = {
            "school.academic.year": (cls.year, {"name": "Учебный год"}),
            "school.period": (cls.quarters[0], {"name": "Первая четверть"}),
            "school.bell.schedule": (cls.bell_schedule, {"name": "Звонки"}),
            "school.bell": (cls.bells[0], {"time_end": 8.7}),
            "school.room": (cls.room_12, {"capacity": 28}),
            "school.subject": (cls.subject_math, {"short_name": "Матем."}),
            "school.class": (cls.class_5a, {"room_id": cls.room_21.id}),
            "school.subgroup": (cls.subgroup_5a_english, {"name": "Группа А"}),
            "school.student": (cls.student_sidorov, {"personal_file": "С-15"}),
            "school.guardian.link": (cls.link_sidorov, {"notify_sms": True}),
            "school.enrollment": (cls.student_sidorov.enrollment_ids, {"date_start": cls._day(1)}),
            "school.movement": (cls.movement, {"order_number": "13-у"}),
            "school.curriculum.line": (cls.line_5a_math, {"hours_per_week": 6}),
            "school.teaching.assignment": (cls.assignment_5a_math, {"hours_per_week": 4}),
            "school.work.type": (cls.work_type_answer, {"sequence": 11}),
            "school.grading.policy": (cls.policy, {"min_marks": 4}),
            "school.grading.policy.weight": (cls.policy.weight_ids[:1], {"weight": 2}),
        }
        cls.new_partner = cls.env["res.partner"].create({"name": "Новикова Вера Павловна"})

    def _create_values(self, model):
        """Values of a new, valid record of ``model`` in school 1."""
        past_start = self.year_start - timedelta(days=365)
        return {
            "school.academic.year": {
                "name": "Архивный год",
                "date_start": past_start,
                "date_end": self.year_start - timedelta(days=1),
            },
            "school.period": {
                "name": "Экзамен",
                "year_id": self.year.id,
                "period_type": "exam",
                "date_start": self.year_end - timedelta(days=60),
                "date_end": self.year_end - timedelta(days=40),
            },
            "school.bell.schedule": {"name": "Сокращённые уроки"},
            "school.bell": {
                "schedule_id": self.bell_schedule.id,
                "number": 7,
                "time_start": 14.0,
                "time_end": 14.75,
            },
            "school.room": {"name": "Спортзал", "room_type": "gym"},
            "school.subject": {"name": "Физика", "grade_from": 7},
            "school.class": {"grade": 7, "letter": "В", "year_id": self.year.id},
            "school.subgroup": {
                "name": "Группа 2",
                "class_id": self.class_5a.id,
                "subject_id": self.subject_english.id,
            },
            "school.student": {"last_name": "Новиков", "first_name": "Олег"},
            "school.guardian.link": {
                "student_id": self.student_sidorov.id,
                "guardian_id": self.new_partner.id,
                "relation": "grandmother",
            },
            # a newcomer's membership within the class's year (issue 11 item 10: a membership
            # of the year before in this year's class is refused)
            "school.enrollment": {
                "student_id": self.env["school.student"]
                .create({"last_name": "Новиков", "first_name": "Нил", "company_id": self.school.id})
                .id,
                "class_id": self.class_5b.id,
                "date_start": self.year_start,
            },
            "school.movement": {
                "student_id": self.student_kuznetsova.id,
                "movement_type": "arrival",
                "to_class_id": self.class_5b.id,
            },
            "school.curriculum.line": {
                "class_id": self.class_5b.id,
                "subject_id": self.subject_russian.id,
                "hours_per_week": 5,
            },
            "school.teaching.assignment": {
                "teacher_id": self.teacher.id,
                "subject_id": self.subject_russian.id,
                "class_id": self.class_5b.id,
            },
            "school.work.type": {"name": "Проект", "code": "PROJECT_TEST"},
            "school.grading.policy": {
                "name": "Положение прошлых лет",
                "date_from": past_start,
                "date_to": self.year_start - timedelta(days=1),
            },
            "school.grading.policy.weight": {
                "policy_id": self.policy.id,
                "work_type_id": self.env.ref("school_ejournal.work_type_test").id,
                "weight": 2,
            },
        }[model]

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _assert_reads(self, user, records):
        """``user`` reads ``records`` and finds them by search."""
        records = records.with_user(user)
        records.check_access("read")
        self.assertTrue(all(records.read(["display_name"])))
        self.assertEqual(records.search([("id", "in", records.ids)]), records)

    def _assert_cannot_read(self, user, records):
        for record in records.with_user(user):
            with self.assertRaises(AccessError):
                record.read(["display_name"])

    def _assert_no_write(self, user, models=None):
        """``user`` can neither create, write nor unlink any record of ``models`` (default: all)."""
        for model in STRUCTURE_MODELS if models is None else models:
            record, values = self.samples[model]
            with self.subTest(user=user.login, model=model):
                with self.assertRaises(AccessError):
                    record.with_user(user).write(values)
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).create(self._create_values(model))
                with self.assertRaises(AccessError):
                    record.with_user(user).unlink()
                self.assertTrue(record.exists())

    def _search(self, user, model, domain=None):
        return self.env[model].with_user(user).search(domain or [])

    def _assert_finds(self, user, students, classes):
        """The students and the classes ``user`` finds by search are exactly these."""
        self.assertEqual(self._search(user, "school.student"), students)
        self.assertEqual(self._search(user, "school.class"), classes)

    def _assert_sees_only(self, user, students, classes):
        """``user`` finds exactly ``students`` and ``classes``, reads these students and no
        other student of the school."""
        self._assert_finds(user, students, classes)
        self._assert_reads(user, students)
        self._assert_cannot_read(user, self.students - students)

    # ------------------------------------------------------------------
    # ROLE-1: e-journal administrator
    # ------------------------------------------------------------------
    def test_ej_admin_manages_structure(self):
        """ROLE-1: the administrator creates, changes and deletes every structure record."""
        admin = self.user_ej_admin
        for model in STRUCTURE_MODELS:
            record, values = self.samples[model]
            with self.subTest(model=model):
                record.with_user(admin).write(values)
                for name, value in values.items():
                    expected = record[name].id if record._fields[name].type == "many2one" else record[name]
                    self.assertEqual(expected, value)
                new = self.env[model].with_user(admin).create(self._create_values(model))
                self.assertTrue(new.exists())
                if "company_id" in new._fields and new.company_id:
                    self.assertEqual(new.company_id, self.school)
                new.unlink()
                self.assertFalse(new.exists())

    def test_ej_admin_reads_whole_school(self):
        """ROLE-1: the administrator sees every class, student and guardian of the school."""
        admin = self.user_ej_admin
        self.assertEqual(self._search(admin, "school.student"), self.students)
        self.assertEqual(
            self._search(admin, "school.class"),
            self.class_5a | self.class_5b | self.class_10a | self.class_1a,
        )
        self.assertEqual(self._search(admin, "school.guardian.link"), self.guardian_links)
        # SEC-5: personal data, once the consent is recorded, is read by the administrator.
        self.student_petrova.write({"consent_date": self.year_start, "birthdate": "2015-04-01"})
        self.assertEqual(str(self.student_petrova.with_user(admin).birthdate), "2015-04-01")

    # ------------------------------------------------------------------
    # ROLE-2, ROLE-3, ROLE-9: director, deputy director, inspector
    # ------------------------------------------------------------------
    @mute_logger(*MUTE_ACCESS)
    def test_readers_read_everything_write_nothing(self):
        """ROLE-2, ROLE-3, ROLE-9: read every structure record of the school, change none."""
        for user in (self.user_director, self.user_deputy, self.user_inspector):
            with self.subTest(user=user.login):
                for model in STRUCTURE_MODELS:
                    self._assert_reads(user, self.samples[model][0])
                self.assertEqual(self._search(user, "school.student"), self.students)
                self.assertEqual(self._search(user, "school.guardian.link"), self.guardian_links)
                self.assertEqual(
                    self._search(user, "school.class"),
                    self.class_5a | self.class_5b | self.class_10a | self.class_1a,
                )
            self._assert_no_write(user)

    # ------------------------------------------------------------------
    # ROLE-4: class teacher
    # ------------------------------------------------------------------
    def test_class_teacher_reads_own_class(self):
        """ROLE-4: the class teacher sees the students of own class and their guardians."""
        teacher = self.class_teacher
        self._assert_finds(teacher, self.students_5a, self.class_5a)
        self.assertEqual(
            self._search(teacher, "school.guardian.link"),
            self.link_petrova_mother | self.link_petrova_father | self.link_sidorov,
        )
        self._assert_reads(teacher, self.students_5a | self.subgroup_5a_english.student_ids)

    def test_class_teacher_keeps_student_and_parent_data(self):
        """ROLE-4 (P 4.3): the class teacher keeps own students' and parents' data current."""
        teacher = self.class_teacher
        self.student_sidorov.with_user(teacher).write(
            {
                "personal_file": "С-15",
                "pe_group": "special",
                "last_name": "Сидоренко",
                "phone": "+7 900 111-11-11",
            }
        )
        self.assertRecordValues(
            self.student_sidorov,
            [{"personal_file": "С-15", "pe_group": "special", "name": "Сидоренко Пётр Андреевич"}],
        )
        self.assertEqual(self.student_sidorov.partner_id.phone, "+7 900 111-11-11")
        self.link_sidorov.with_user(teacher).write(
            {"relation": "guardian", "notify_sms": True, "guardian_phone": "+7 900 222-22-22"}
        )
        self.assertEqual(self.link_sidorov.relation, "guardian")
        self.assertEqual(self.guardian_sidorova.phone, "+7 900 222-22-22")

    @mute_logger(*MUTE_ACCESS)
    def test_class_teacher_cannot_change_staff_contact(self):
        """ROLE-4, SEC-3: a guardian who is also staff keeps the protection of staff contacts."""
        link = self.env["school.guardian.link"].create(
            {
                "student_id": self.student_sidorov.id,
                "guardian_id": self.user_director.partner_id.id,
                "relation": "father",
            }
        )
        with self.assertRaises(AccessError):
            link.with_user(self.class_teacher).write({"guardian_email": "attacker@example.com"})
        self.assertNotEqual(self.user_director.partner_id.email, "attacker@example.com")

    @mute_logger(*MUTE_ACCESS)
    def test_class_teacher_not_other_classes(self):
        """ROLE-4, SEC-3: no write to another class's students, no read of classes not taught."""
        teacher = self.class_teacher
        self._assert_cannot_read(teacher, self.students_5b | self.student_smirnov)
        self._assert_cannot_read(teacher, self.link_petrov_mother | self.link_smirnov)
        with self.assertRaises(AccessError):
            self.student_smirnov.with_user(teacher).write({"personal_file": "С-1"})
        # Teaching in 5Б shows its students, but only the own class is kept by the class teacher.
        self.env["school.teaching.assignment"].create(
            {
                "teacher_id": teacher.id,
                "subject_id": self.subject_russian.id,
                "class_id": self.class_5b.id,
            }
        )
        self._assert_reads(teacher, self.students_5b)
        with self.assertRaises(AccessError):
            self.student_petrov.with_user(teacher).write({"personal_file": "П-1"})
        self._assert_cannot_read(teacher, self.link_petrov_mother)
        with self.assertRaises(AccessError):
            self.link_petrov_mother.with_user(teacher).write({"notify_sms": True})
        self.assertFalse(self.student_petrov.personal_file)

    @mute_logger(*MUTE_ACCESS)
    def test_class_teacher_no_structure_write(self):
        """ROLE-4: the class teacher changes no structure record but own students and links."""
        models = [m for m in STRUCTURE_MODELS if m not in ("school.student", "school.guardian.link")]
        self._assert_no_write(self.class_teacher, models)
        with self.assertRaises(AccessError):
            self.env["school.student"].with_user(self.class_teacher).create(
                self._create_values("school.student")
            )
        with self.assertRaises(AccessError):
            self.student_sidorov.with_user(self.class_teacher).unlink()
        with self.assertRaises(AccessError):
            self.link_sidorov.with_user(self.class_teacher).unlink()

    # ------------------------------------------------------------------
    # ROLE-5, ROLE-6: subject teacher, psychologist
    # ------------------------------------------------------------------
    @mute_logger(*MUTE_ACCESS)
    def test_subject_teacher_reads_taught_classes_only(self):
        """ROLE-5, SEC-3: a subject teacher sees only the classes taught (5Б) and their students."""
        teacher = self.teacher
        self._assert_sees_only(teacher, self.students_5b, self.class_5b)
        self.assertFalse(self._search(teacher, "school.subgroup"))
        self._assert_reads(teacher, self.class_5b)
        self._assert_cannot_read(teacher, self.class_5a | self.class_10a)
        self.assertFalse(self._search(teacher, "school.student", [("id", "in", self.students_5a.ids)]))

    @mute_logger(*MUTE_ACCESS)
    def test_subject_teacher_of_subgroup(self):
        """ROLE-5, JOUR-12: the teacher of a subgroup sees its class and subgroup."""
        teacher = self.teacher_english
        self.assertEqual(self._search(teacher, "school.class"), self.class_5a)
        self.assertEqual(self._search(teacher, "school.subgroup"), self.subgroup_5a_english)
        self.assertEqual(self._search(teacher, "school.student"), self.students_5a)
        self._assert_cannot_read(teacher, self.students_5b)

    @mute_logger(*MUTE_ACCESS)
    def test_subject_teacher_writes_nothing_no_guardians(self):
        """ROLE-5, SEC-3: no write to students or structure; guardian links are not shown."""
        teacher = self.teacher
        self._assert_no_write(teacher)
        with self.assertRaises(AccessError):
            self._search(teacher, "school.guardian.link")
        self._assert_cannot_read(teacher, self.link_petrov_mother)

    @mute_logger(*MUTE_ACCESS)
    def test_psychologist_like_a_teacher(self):
        """ROLE-6: the psychologist sees the classes of own activities (10А), writes nothing."""
        psychologist = self.psychologist
        self._assert_finds(psychologist, self.student_smirnov, self.class_10a)
        self._assert_cannot_read(psychologist, self.students_5a | self.students_5b)
        with self.assertRaises(AccessError):
            self._search(psychologist, "school.guardian.link")
        self._assert_no_write(psychologist)

    # ------------------------------------------------------------------
    # ROLE-8: parent
    # ------------------------------------------------------------------
    @mute_logger(*MUTE_ACCESS)
    def test_parent_reads_own_children_only(self):
        """ROLE-8, PORT-1: a parent sees exactly own children, their classes and own links."""
        parent = self.user_parent
        children = self.student_petrova | self.student_petrov
        self._assert_sees_only(parent, children, self.class_5a | self.class_5b)
        self.assertEqual(
            self._search(parent, "school.guardian.link"),
            self.link_petrova_mother | self.link_petrov_mother,
        )
        self._assert_cannot_read(parent, self.link_petrova_father | self.link_sidorov)
        self.assertFalse(self._search(parent, "school.student", [("id", "=", self.student_ivanov.id)]))

    @mute_logger(*MUTE_ACCESS)
    def test_parent_link_ended(self):
        """ROLE-8: a guardian link that has ended gives no access any more."""
        parent = self.user_parent
        self.link_petrova_mother.write(
            {"date_start": self.today - timedelta(days=30), "date_end": self.today - timedelta(days=1)}
        )
        self._assert_finds(parent, self.student_petrov, self.class_5b)
        self._assert_cannot_read(parent, self.student_petrova)
        self._assert_cannot_read(parent, self.link_petrova_mother)
        # A link starting in the future gives no access yet.
        self.link_petrov_mother.date_start = self.today + timedelta(days=1)
        self.assertFalse(self._search(parent, "school.student"))

    @mute_logger(*MUTE_ACCESS)
    def test_parent_writes_nothing(self):
        """ROLE-8: a parent only reads, even own children's records."""
        self._assert_no_write(self.user_parent)
        own = (
            (self.student_petrova, {"personal_file": "П-1"}),
            (self.link_petrova_mother, {"notify_sms": True}),
        )
        for record, vals in own:
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(self.user_parent).write(vals)

    # ------------------------------------------------------------------
    # ROLE-7: student
    # ------------------------------------------------------------------
    @mute_logger(*MUTE_ACCESS)
    def test_student_reads_only_self(self):
        """ROLE-7, PORT-2: a student sees only oneself and own class."""
        user = self.user_student
        self._assert_sees_only(user, self.student_ivanov, self.class_5a)
        self.assertFalse(self._search(user, "school.guardian.link"))

    @mute_logger(*MUTE_ACCESS)
    def test_student_writes_nothing(self):
        """SEC-4 (P 3.12): students never get write access."""
        self._assert_no_write(self.user_student)
        with self.assertRaises(AccessError):
            self.student_ivanov.with_user(self.user_student).write({"personal_file": "И-1"})

    # ------------------------------------------------------------------
    # Users without a school role
    # ------------------------------------------------------------------
    @mute_logger(*MUTE_ACCESS)
    def test_users_without_school_group(self):
        """SEC-3: an internal or portal user without a school role sees no student nor class."""
        for user in (self.user_internal, self.user_portal):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self._search(user, "school.student")
                with self.assertRaises(AccessError):
                    self._search(user, "school.class")
                with self.assertRaises(AccessError):
                    self._search(user, "school.guardian.link")
                self._assert_cannot_read(user, self.student_ivanov)
                self._assert_no_write(user)

    # ------------------------------------------------------------------
    # Multi-company: one school is one company
    # ------------------------------------------------------------------
    @mute_logger(*MUTE_ACCESS)
    def test_multi_company_logs_notices_work_types(self):
        """Issue 16 item 7: personal-data log entries, compromise notices and work types of
        another school are invisible; shared work types (no company) stay visible to all."""
        admin, admin_2 = self.user_ej_admin, self.user_ej_admin_2
        log_2 = (
            self.env["school.personal.data.log"]
            .sudo()
            .create({"user_id": admin_2.id, "student_id": self.student_2.id, "company_id": self.school_2.id})
        )
        notice_2 = (
            self.env["school.compromise.notice"]
            .sudo()
            .create({"user_id": admin_2.id, "reported_by": "Директор", "company_id": self.school_2.id})
        )
        WorkType = self.env["school.work.type"].sudo()
        type_2 = WorkType.create({"name": "Зачёт", "code": "ZACHET2", "company_id": self.school_2.id})
        shared = WorkType.create({"name": "Общий вид", "code": "SHARED"})
        for model, record in (
            ("school.personal.data.log", log_2),
            ("school.compromise.notice", notice_2),
            ("school.work.type", type_2),
        ):
            with self.subTest(model=model):
                self.assertNotIn(record, self._search(admin, model))
                self._assert_cannot_read(admin, record)
                self.assertIn(record, self._search(admin_2, model))
        self.assertIn(shared, self._search(admin, "school.work.type"))
        self.assertIn(shared, self._search(admin_2, "school.work.type"))

    def test_check_company_on_journal_fields(self):
        """Issue 16 item 7: the relational fields of the journal's company-bound models are
        checked against the record's school: another school's period is refused."""
        Ack = self.env["school.acknowledgement"]
        vals = {
            "guardian_id": self.guardian_mother.id,
            "student_id": self.student_petrova.id,
            "kind": "period_mark",
        }
        period_2 = self.env["school.period"].create(
            {
                "name": "1-я четверть",
                "year_id": self.year_2.id,
                "date_start": self.year_2.date_start,
                "date_end": self.year_2.date_start + timedelta(days=30),
                "company_id": self.school_2.id,
            }
        )
        with self.assertRaisesRegex(UserError, "compan"):
            Ack.create(dict(vals, period_id=period_2.id))
        own = Ack.create(dict(vals, period_id=self.year.period_ids[:1].id))
        self.assertEqual(own.company_id, self.school)
        for model, names in (
            ("school.mark", ("student_id", "work_type_id")),
            ("school.attendance", ("student_id",)),
            ("school.correction.request", ("student_id", "work_type_id")),
            ("school.period.mark", ("student_id", "subject_id", "class_id", "period_id")),
        ):
            for name in names:
                self.assertTrue(self.env[model]._fields[name].check_company, f"{model}.{name}")

    def test_check_company_of_entry_batches(self):
        """Issue 15: the company check of a batch of marks runs in one pass, and still refuses
        a batch where one entry names another school's work type, with Odoo's message and
        nothing created; work types of no school serve every school."""
        WorkType = self.env["school.work.type"].sudo()
        foreign = WorkType.create({"name": "Зачёт", "code": "ZACHET2", "company_id": self.school_2.id})
        shared = WorkType.create({"name": "Общий вид", "code": "SHARED"})
        own = self.env.ref("school_ejournal.work_type_answer")
        lesson = self._lesson(self.class_5a, self.subject_math, self.class_teacher)
        Mark = self.env["school.mark"].sudo()
        students = (self.student_ivanov, self.student_petrova, self.student_sidorov)
        for work_types in ((foreign,), (own, own, foreign)):
            with self.subTest(entries=len(work_types)):
                with self.assertRaisesRegex(UserError, "Incompatible companies"), self.env.cr.savepoint():
                    Mark.create(
                        [
                            self._mark_vals(lesson, student, 5, work_type)
                            for student, work_type in zip(students, work_types, strict=False)
                        ]
                    )
                self.assertFalse(Mark.search([("lesson_id", "=", lesson.id)]))
        marks = Mark.create(
            [
                self._mark_vals(lesson, student, 4, work_type)
                for student, work_type in zip(students, (own, shared, own), strict=True)
            ]
        )
        self.assertEqual(marks.work_type_id, own | shared)
        self.assertEqual(marks.company_id, self.school)

    @mute_logger(*MUTE_ACCESS)
    def test_multi_company_isolation(self):
        """SEC-3: the staff of one school never see another school's data."""
        admin = self.user_ej_admin
        self.assertNotIn(self.student_2, self._search(admin, "school.student"))
        self.assertNotIn(self.class_2_5a, self._search(admin, "school.class"))
        self.assertNotIn(self.year_2, self._search(admin, "school.academic.year"))
        for record in (self.student_2, self.class_2_5a, self.year_2, self.student_2.enrollment_ids):
            self._assert_cannot_read(admin, record)
        with self.assertRaises(AccessError):
            self.student_2.with_user(admin).write({"personal_file": "Ч-1"})

        admin_2 = self.user_ej_admin_2
        self._assert_finds(admin_2, self.student_2, self.class_2_5a)

        # A user of both schools sees the schools selected in the company switcher.
        admin.company_ids = [Command.link(self.school_2.id)]
        Student = self.env["school.student"].with_user(admin)
        self.assertEqual(Student.with_context(allowed_company_ids=self.school.ids).search([]), self.students)
        self.assertEqual(
            Student.with_context(allowed_company_ids=(self.school | self.school_2).ids).search([]),
            self.students | self.student_2,
        )
