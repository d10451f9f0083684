"""Shared fixtures of the journal tests (JOUR-1..12, SEC-3, SEC-4).

``SchoolJournalCommon`` builds, once per test class, one school of its own (a company) with
the academic year 2026/2027 and its periods, a grading policy and the people of a small
journal. Time is frozen on Wednesday 18.11.2026, a school day of the 2nd quarter
(05.11-28.12.2026), so every date below is deterministic.

======  ===================  =================================  ==========================
class   class teacher        students                           teaching assignments
======  ===================  =================================  ==========================
5А      ``class_teacher``    ``student_anna`` (``user_student``) Math: ``teacher_1``;
                             ``student_boris`` (``user_parent``  English subgroup
                             is his mother), ``student_vera``,   (anna, boris):
                             ``student_gleb``; ``student_left``  ``teacher_english``
                             left on 10.11.2026
5Б      -                    ``student_dina``, ``student_egor``  Math: ``teacher_2``
1А      -                    ``student_zoya``                    Russian: ``teacher_primary``
======  ===================  =================================  ==========================

``substitute`` is a subject teacher with no assignment at all; ``user_deputy``,
``user_director``, ``user_ej_admin`` and ``user_inspector`` read the whole journal.
Lessons of today: ``lesson_5a`` (Math, ``teacher_1``), ``lesson_5b`` (Math, ``teacher_2``),
``lesson_1a`` (Russian, ``teacher_primary``), ``lesson_5a_english`` (subgroup,
``teacher_english``).
"""

from contextlib import contextmanager
from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, freeze_time, new_test_user
from odoo.tools import mute_logger

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

# loggers of refused ACLs and record rules, muted around expected AccessErrors
MUTE_ACCESS = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")

TODAY = date(2026, 11, 18)


@freeze_time("2026-11-18 10:00:00")
class SchoolJournalCommon(TransactionCase):
    """A school with a journal, built once per test class (see the module docstring)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.today = TODAY
        cls._setup_school()
        cls._setup_users()
        cls._setup_classes()
        cls._setup_students()
        cls._setup_teaching()
        cls._setup_policy()
        cls._setup_lessons()

    # ------------------------------------------------------------------
    # Builders
    # ------------------------------------------------------------------
    @classmethod
    def _setup_school(cls):
        cls.school = cls.env["res.company"].create({"name": "Школа журнала (тест)"})
        cls.env.user.write({"company_ids": [Command.link(cls.school.id)], "company_id": cls.school.id})
        cls.year = cls.env["school.academic.year"].create(
            {
                "name": "2026/2027",
                "date_start": date(2026, 9, 1),
                "date_end": date(2027, 8, 31),
                "company_id": cls.school.id,
            }
        )
        cls.year.action_generate_periods()
        quarters = cls.year.period_ids.filtered(lambda p: p.period_type == "quarter").sorted("date_start")
        cls.quarter_1, cls.quarter_2 = quarters[0], quarters[1]
        cls.half_1 = cls.year.period_ids.filtered(lambda p: p.period_type == "half").sorted("date_start")[0]
        cls.period_year = cls.year.period_ids.filtered(lambda p: p.period_type == "year")
        cls.subject_math, cls.subject_english, cls.subject_russian = cls.env["school.subject"].create(
            [
                {"name": "Математика", "code": "MATH", "company_id": cls.school.id},
                {"name": "Английский язык", "code": "ENG", "grade_from": 2, "company_id": cls.school.id},
                {"name": "Русский язык", "code": "RUS", "company_id": cls.school.id},
            ]
        )
        cls.room_12, cls.room_21 = cls.env["school.room"].create(
            [
                {"name": "Кабинет 12", "company_id": cls.school.id},
                {"name": "Кабинет 21", "company_id": cls.school.id},
            ]
        )
        cls.work_type_answer = cls.env.ref("school_ejournal.work_type_answer")
        cls.work_type_test = cls.env.ref("school_ejournal.work_type_test")
        cls.work_type_control = cls.env.ref("school_ejournal.work_type_control")

    @classmethod
    def _new_user(cls, login, groups, name):
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            name=name,
            company_id=cls.school.id,
            company_ids=[Command.set(cls.school.ids)],
        )

    @classmethod
    def _setup_users(cls):
        prefix = "school_ejournal.group_school_"
        cls.teacher_1 = cls._new_user("jr_teacher_1", prefix + "teacher", "Учитель Первый")
        cls.teacher_2 = cls._new_user("jr_teacher_2", prefix + "teacher", "Учитель Второй")
        cls.teacher_english = cls._new_user("jr_teacher_en", prefix + "teacher", "Учитель Английского")
        cls.teacher_primary = cls._new_user("jr_teacher_prim", prefix + "teacher", "Учитель Начальных")
        cls.substitute = cls._new_user("jr_substitute", prefix + "teacher", "Учитель Заменяющий")
        cls.class_teacher = cls._new_user(
            "jr_class_teacher", prefix + "class_teacher", "Классный Руководитель"
        )
        cls.user_deputy = cls._new_user("jr_deputy", prefix + "deputy", "Завуч")
        cls.user_director = cls._new_user("jr_director", prefix + "director", "Директор")
        cls.user_ej_admin = cls._new_user("jr_admin", prefix + "admin", "Администратор ЭЖ")
        cls.user_inspector = cls._new_user("jr_inspector", prefix + "inspector", "Инспектор")
        cls.user_parent = cls._new_user("jr_parent", prefix + "parent", "Родитель Бориса")
        cls.user_student = cls._new_user("jr_student", prefix + "student", "Анна Ученица")
        cls.readers = cls.user_deputy | cls.user_director | cls.user_ej_admin | cls.user_inspector

    @classmethod
    def _setup_classes(cls):
        cls.class_1a, cls.class_5a, cls.class_5b = cls.env["school.class"].create(
            [
                {"grade": 1, "letter": "А", "year_id": cls.year.id, "company_id": cls.school.id},
                {
                    "grade": 5,
                    "letter": "А",
                    "year_id": cls.year.id,
                    "class_teacher_id": cls.class_teacher.id,
                    "company_id": cls.school.id,
                },
                {"grade": 5, "letter": "Б", "year_id": cls.year.id, "company_id": cls.school.id},
            ]
        )

    @classmethod
    def _create_student(cls, name, school_class, date_start=None, date_end=None, **vals):
        last_name, first_name = name.split()
        student = cls.env["school.student"].create(
            dict(vals, last_name=last_name, first_name=first_name, company_id=cls.school.id)
        )
        cls.env["school.enrollment"].create(
            {
                "student_id": student.id,
                "class_id": school_class.id,
                "date_start": date_start or cls.year.date_start,
                "date_end": date_end,
            }
        )
        return student

    @classmethod
    def _setup_students(cls):
        new = cls._create_student
        cls.student_anna = new("Аннова Анна", cls.class_5a, user_id=cls.user_student.id)
        cls.student_boris = new("Борисов Борис", cls.class_5a)
        cls.student_vera = new("Верова Вера", cls.class_5a)
        cls.student_gleb = new("Глебов Глеб", cls.class_5a)
        cls.student_left = new("Ушедший Устин", cls.class_5a, date_end=date(2026, 11, 10))
        cls.student_dina = new("Динова Дина", cls.class_5b)
        cls.student_egor = new("Егоров Егор", cls.class_5b)
        cls.student_zoya = new("Зоева Зоя", cls.class_1a)
        cls.students_5a = cls.student_anna | cls.student_boris | cls.student_vera | cls.student_gleb
        cls.env["school.guardian.link"].create(
            {
                "student_id": cls.student_boris.id,
                "guardian_id": cls.user_parent.partner_id.id,
                "relation": "mother",
                "date_start": cls.year.date_start,
                "consent_date": cls.year.date_start,
            }
        )

    @classmethod
    def _setup_teaching(cls):
        cls.subgroup_english = cls.env["school.subgroup"].create(
            {
                "name": "Группа 1",
                "class_id": cls.class_5a.id,
                "subject_id": cls.subject_english.id,
                "teacher_id": cls.teacher_english.id,
                "student_ids": [Command.set((cls.student_anna | cls.student_boris).ids)],
            }
        )
        cls.env["school.teaching.assignment"].create(
            [
                {
                    "teacher_id": cls.teacher_1.id,
                    "subject_id": cls.subject_math.id,
                    "class_id": cls.class_5a.id,
                },
                {
                    "teacher_id": cls.teacher_2.id,
                    "subject_id": cls.subject_math.id,
                    "class_id": cls.class_5b.id,
                },
                {
                    "teacher_id": cls.teacher_english.id,
                    "subject_id": cls.subject_english.id,
                    "class_id": cls.class_5a.id,
                    "subgroup_id": cls.subgroup_english.id,
                },
                {
                    "teacher_id": cls.teacher_primary.id,
                    "subject_id": cls.subject_russian.id,
                    "class_id": cls.class_1a.id,
                },
            ]
        )

    @classmethod
    def _setup_policy(cls):
        cls.policy = cls.env["school.grading.policy"].create(
            {
                "name": "Положение 2026/2027",
                "date_from": date(2026, 9, 1),
                "mark_scale": "2_5",
                "edit_window": "2w",
                "company_id": cls.school.id,
            }
        )
        cls.policy.action_load_work_types()
        cls.policy.weight_ids.filtered(lambda w: w.work_type_id == cls.work_type_control).weight = 4

    @classmethod
    def _setup_lessons(cls):
        cls.lesson_5a = cls._lesson(cls.class_5a, cls.subject_math, cls.teacher_1)
        cls.lesson_5b = cls._lesson(cls.class_5b, cls.subject_math, cls.teacher_2)
        cls.lesson_1a = cls._lesson(cls.class_1a, cls.subject_russian, cls.teacher_primary)
        cls.lesson_5a_english = cls._lesson(
            cls.class_5a,
            cls.subject_english,
            cls.teacher_english,
            subgroup_id=cls.subgroup_english.id,
            lesson_number=2,
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @classmethod
    def _lesson(cls, school_class, subject, teacher, day=None, **vals):
        """A lesson created by the superuser, as the timetable generates them (JOUR-1)."""
        return cls.env["school.lesson"].create(
            dict(
                {
                    "class_id": school_class.id,
                    "subject_id": subject.id,
                    "teacher_id": teacher.id,
                    "date": day or TODAY,
                    "state": "done",
                },
                **vals,
            )
        )

    @classmethod
    def _days_ago(cls, days):
        return TODAY - timedelta(days=days)

    def _as(self, user, model):
        """``model`` of ``user`` with a cold cache, as in a fresh request of that user."""
        self.env.invalidate_all()
        return self.env[model].with_user(user)

    def _mark(self, lesson, student, value=5, user=None, work_type=None, **vals):
        """Enter a mark as ``user`` (the lesson's teacher by default)."""
        Mark = self._as(user or lesson.teacher_id, "school.mark")
        return Mark.create(
            dict(
                {
                    "lesson_id": lesson.id,
                    "student_id": student.id,
                    "value": value,
                    "work_type_id": (work_type or self.work_type_answer).id,
                },
                **vals,
            )
        )

    def _absence(self, lesson, student, code="absent", user=None):
        Attendance = self._as(user or lesson.teacher_id, "school.attendance")
        return Attendance.create({"lesson_id": lesson.id, "student_id": student.id, "code": code})

    @contextmanager
    def assertAccessRefused(self):
        """The operation is refused by an ACL or a record rule (the access loggers muted)."""
        with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError) as catcher:
            yield catcher
