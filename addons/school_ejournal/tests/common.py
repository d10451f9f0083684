"""Shared fixtures of the school_ejournal tests: a small hand-made school.

``SchoolCommon`` builds, once per test class, two schools (companies) with everything the
structure of the e-journal needs and one user per role of REQUIREMENTS.md (ROLE-1..9).
Later test modules inherit it and reuse the class attributes listed below; tests run in
a transaction that is rolled back, so they may change these records freely.

The environment of the test (``cls.env``, superuser, English, no mail tracking) works in
``cls.school`` by default: ``cls.env.company`` is school 1, new records land there unless
another company is given. ``record.with_user(user)`` keeps that context.

School 1 (``cls.school``), academic year ``cls.year`` containing today:

=====  ================  ===========================================  =====================
class  class teacher     students                                     teaching assignments
=====  ================  ===========================================  =====================
5А     ``class_teacher``  ``student_ivanov`` (has ``user_student``),   Math: class_teacher;
                         ``student_petrova``, ``student_sidorov``     English subgroup 1:
                                                                      ``teacher_english``
5Б     -                 ``student_petrov``, ``student_kuznetsova``   Math: ``teacher``
10А    -                 ``student_smirnov``                          Psychology: ``psychologist``
1А     -                 ``student_volkova``                          -
=====  ================  ===========================================  =====================

Guardians (``school.guardian.link``): ``user_parent``'s partner (``guardian_mother``) is the
mother of ``student_petrova`` (5А) and ``student_petrov`` (5Б); ``student_petrova`` also
has a father (``guardian_father``, no login); ``student_sidorov`` (5А) and
``student_smirnov`` (10А) each have one guardian without login.

Users of school 1 (logins start with ``ej_``): ``user_ej_admin`` (ROLE-1),
``user_director`` (ROLE-2), ``user_deputy`` (ROLE-3), ``class_teacher`` (ROLE-4, teaches
Math in 5А), ``teacher`` (ROLE-5, teaches Math in 5Б only), ``teacher_english`` (ROLE-5,
English subgroup of 5А), ``psychologist`` (ROLE-6, a course in 10А), ``user_student``
(ROLE-7, portal), ``user_parent`` (ROLE-8, portal), ``user_inspector`` (ROLE-9),
``user_internal`` (internal user without any school group) and ``user_portal`` (portal
user without any school group).

School 2 (``cls.school_2``): its own ``year_2``, class ``class_2_5a``, student
``student_2`` and administrator ``user_ej_admin_2``, for multi-company isolation.
"""

from datetime import date, timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT


class SchoolCommon(TransactionCase):
    """A small school built once per test class (see the module docstring)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # No mail, no tracking messages: faster, and nothing here tests chatter. Messages in
        # English, the source language, whatever the language of the database's users.
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT, lang="en_US"))

        cls.today = fields.Date.context_today(cls.env["res.users"])
        cls.year_start = date(cls.today.year if cls.today.month >= 9 else cls.today.year - 1, 9, 1)
        cls.year_end = date(cls.year_start.year + 1, 8, 31)

        cls._setup_schools()
        cls._setup_directories()
        cls._setup_users()
        cls._setup_classes()
        cls._setup_students()
        cls._setup_guardians()
        cls._setup_curriculum()
        cls._setup_grading_policy()
        cls._setup_school_2()

    # ------------------------------------------------------------------
    # Builders, in the order the school is set up (SETUP-1..8)
    # ------------------------------------------------------------------
    @classmethod
    def _setup_schools(cls):
        """Two schools; the superuser of the test works in school 1 (like BaseCommon)."""
        cls.school, cls.school_2 = cls.env["res.company"].create(
            [{"name": "МБОУ СОШ № 1 (тест)"}, {"name": "МБОУ СОШ № 2 (тест)"}]
        )
        cls.env.user.write(
            {
                "company_ids": [Command.link(cls.school.id), Command.link(cls.school_2.id)],
                "company_id": cls.school.id,
            }
        )
        cls.year = cls.env["school.academic.year"].create(
            {
                "name": f"{cls.year_start.year}/{cls.year_end.year}",
                "date_start": cls.year_start,
                "date_end": cls.year_end,
                "company_id": cls.school.id,
            }
        )
        cls.year.action_generate_periods()
        periods = cls.year.period_ids
        cls.quarters = periods.filtered(lambda p: p.period_type == "quarter").sorted("date_start")
        cls.halves = periods.filtered(lambda p: p.period_type == "half").sorted("date_start")
        cls.period_year = periods.filtered(lambda p: p.period_type == "year")

    @classmethod
    def _setup_directories(cls):
        """Bells, rooms, subjects of school 1 (SETUP-2, SETUP-3)."""
        cls.bell_schedule = cls.env["school.bell.schedule"].create(
            {
                "name": "Основное расписание",
                "bell_ids": [
                    Command.create({"number": 1, "time_start": 8.0, "time_end": 8.75}),
                    Command.create({"number": 2, "time_start": 8.9166, "time_end": 9.6666}),
                    Command.create({"number": 3, "time_start": 9.8333, "time_end": 10.5833}),
                ],
            }
        )
        cls.bells = cls.bell_schedule.bell_ids.sorted("number")
        cls.room_12, cls.room_21 = cls.env["school.room"].create(
            [
                {"name": "Кабинет 12", "capacity": 30},
                {"name": "Кабинет 21", "room_type": "computer", "capacity": 15},
            ]
        )
        cls.subject_math, cls.subject_russian, cls.subject_english, cls.subject_psychology = cls.env[
            "school.subject"
        ].create(
            [
                {"name": "Математика", "code": "MATH", "sequence": 1},
                {"name": "Русский язык", "code": "RUS", "sequence": 2},
                {"name": "Английский язык", "code": "ENG", "sequence": 3, "grade_from": 2},
                {
                    "name": "Психологический практикум",
                    "code": "PSY",
                    "sequence": 4,
                    "grade_from": 10,
                    "is_graded": False,
                },
            ]
        )
        cls.work_type_answer = cls.env.ref("school_ejournal.work_type_answer")
        cls.work_type_control = cls.env.ref("school_ejournal.work_type_control")

    @classmethod
    def _new_user(cls, login, groups, name, company=None):
        company = company or cls.school
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            name=name,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    @classmethod
    def _setup_users(cls):
        """One user per role of REQUIREMENTS ROLE, plus users without any school group."""
        prefix = "school_ejournal.group_school_"
        cls.user_ej_admin = cls._new_user("ej_admin", prefix + "admin", "Администраторова Алла")
        cls.user_director = cls._new_user("ej_director", prefix + "director", "Директоров Денис")
        cls.user_deputy = cls._new_user("ej_deputy", prefix + "deputy", "Завучева Зоя")
        cls.user_inspector = cls._new_user("ej_inspector", prefix + "inspector", "Проверкин Пётр")
        cls.class_teacher = cls._new_user("ej_class_teacher", prefix + "class_teacher", "Классная Клавдия")
        cls.teacher = cls._new_user("ej_teacher", prefix + "teacher", "Предметников Павел")
        cls.teacher_english = cls._new_user("ej_teacher_english", prefix + "teacher", "Английская Елена")
        cls.psychologist = cls._new_user("ej_psychologist", prefix + "specialist", "Психологова Полина")
        cls.user_parent = cls._new_user("ej_parent", prefix + "parent", "Петрова Елена Викторовна")
        cls.user_student = cls._new_user("ej_student", prefix + "student", "Иванов Иван")
        cls.user_internal = cls._new_user("ej_internal", "base.group_user", "Сотрудников Семён")
        cls.user_portal = cls._new_user("ej_portal", "base.group_portal", "Посторонний Пётр")

    @classmethod
    def _setup_classes(cls):
        """Classes 5А, 5Б, 10А, 1А of the year (SETUP-4)."""
        cls.class_5a, cls.class_5b, cls.class_10a, cls.class_1a = cls.env["school.class"].create(
            [
                {
                    "grade": 5,
                    "letter": "А",
                    "year_id": cls.year.id,
                    "class_teacher_id": cls.class_teacher.id,
                    "room_id": cls.room_12.id,
                    "bell_schedule_id": cls.bell_schedule.id,
                },
                {"grade": 5, "letter": "Б", "year_id": cls.year.id, "room_id": cls.room_21.id},
                {"grade": 10, "letter": "А", "year_id": cls.year.id},
                {"grade": 1, "letter": "А", "year_id": cls.year.id},
            ]
        )

    @classmethod
    def _create_student(cls, last_name, first_name, middle_name, school_class, **vals):
        """A student enrolled in ``school_class`` from the start of the year (SETUP-5, 8)."""
        student = cls.env["school.student"].create(
            dict(
                vals,
                last_name=last_name,
                first_name=first_name,
                middle_name=middle_name,
                company_id=school_class.company_id.id,
            )
        )
        cls.env["school.enrollment"].create(
            {
                "student_id": student.id,
                "class_id": school_class.id,
                "date_start": school_class.year_id.date_start,
            }
        )
        return student

    @classmethod
    def _setup_students(cls):
        cls.student_ivanov = cls._create_student(
            "Иванов", "Иван", "Иванович", cls.class_5a, user_id=cls.user_student.id
        )
        cls.student_petrova = cls._create_student("Петрова", "Мария", "Сергеевна", cls.class_5a)
        cls.student_sidorov = cls._create_student("Сидоров", "Пётр", "Андреевич", cls.class_5a)
        cls.student_petrov = cls._create_student("Петров", "Алексей", "Сергеевич", cls.class_5b)
        cls.student_kuznetsova = cls._create_student("Кузнецова", "Анна", "Олеговна", cls.class_5b)
        cls.student_smirnov = cls._create_student("Смирнов", "Дмитрий", "Павлович", cls.class_10a)
        cls.student_volkova = cls._create_student("Волкова", "Ольга", "Игоревна", cls.class_1a)
        cls.students_5a = cls.student_ivanov | cls.student_petrova | cls.student_sidorov
        cls.students_5b = cls.student_petrov | cls.student_kuznetsova
        cls.students = cls.students_5a | cls.students_5b | cls.student_smirnov | cls.student_volkova

    @classmethod
    def _setup_guardians(cls):
        """One guardian with two children in 5А and 5Б, one child with two guardians."""
        cls.guardian_mother = cls.user_parent.partner_id
        cls.guardian_father, cls.guardian_sidorova, cls.guardian_smirnova = cls.env["res.partner"].create(
            [
                {"name": "Петров Сергей Иванович", "phone": "+7 900 000-00-01"},
                {"name": "Сидорова Ирина Петровна", "phone": "+7 900 000-00-02"},
                {"name": "Смирнова Ольга Николаевна", "email": "smirnova@example.com"},
            ]
        )
        link_vals = [
            (cls.student_petrova, cls.guardian_mother, "mother"),
            (cls.student_petrov, cls.guardian_mother, "mother"),
            (cls.student_petrova, cls.guardian_father, "father"),
            (cls.student_sidorov, cls.guardian_sidorova, "mother"),
            (cls.student_smirnov, cls.guardian_smirnova, "mother"),
        ]
        links = cls.env["school.guardian.link"].create(
            [
                {
                    "student_id": student.id,
                    "guardian_id": guardian.id,
                    "relation": relation,
                    "date_start": cls.year_start,
                    "consent_date": cls.year_start,
                    "consent_document": "Согласие № 1",
                }
                for student, guardian, relation in link_vals
            ]
        )
        (
            cls.link_petrova_mother,
            cls.link_petrov_mother,
            cls.link_petrova_father,
            cls.link_sidorov,
            cls.link_smirnov,
        ) = links
        cls.guardian_links = links

    @classmethod
    def _setup_curriculum(cls):
        """Subgroup, curriculum and teacher load (SETUP-4, SETUP-6)."""
        cls.subgroup_5a_english = cls.env["school.subgroup"].create(
            {
                "name": "Группа 1",
                "class_id": cls.class_5a.id,
                "subject_id": cls.subject_english.id,
                "teacher_id": cls.teacher_english.id,
                "student_ids": [Command.set((cls.student_ivanov | cls.student_petrova).ids)],
            }
        )
        Line = cls.env["school.curriculum.line"]
        cls.line_5a_math = Line.create(
            {"class_id": cls.class_5a.id, "subject_id": cls.subject_math.id, "hours_per_week": 5}
        )
        cls.line_5a_english = Line.create(
            {
                "class_id": cls.class_5a.id,
                "subject_id": cls.subject_english.id,
                "hours_per_week": 3,
                "split_in_subgroups": True,
            }
        )
        cls.line_5b_math = Line.create(
            {"class_id": cls.class_5b.id, "subject_id": cls.subject_math.id, "hours_per_week": 5}
        )
        cls.line_1a_russian = Line.create(
            {"class_id": cls.class_1a.id, "subject_id": cls.subject_russian.id, "hours_per_week": 5}
        )
        Assignment = cls.env["school.teaching.assignment"]
        cls.assignment_5a_math = Assignment.create(
            {
                "teacher_id": cls.class_teacher.id,
                "subject_id": cls.subject_math.id,
                "class_id": cls.class_5a.id,
                "hours_per_week": 5,
            }
        )
        cls.assignment_5b_math = Assignment.create(
            {
                "teacher_id": cls.teacher.id,
                "subject_id": cls.subject_math.id,
                "class_id": cls.class_5b.id,
                "hours_per_week": 5,
            }
        )
        cls.assignment_5a_english = Assignment.create(
            {
                "teacher_id": cls.teacher_english.id,
                "subject_id": cls.subject_english.id,
                "class_id": cls.class_5a.id,
                "subgroup_id": cls.subgroup_5a_english.id,
                "hours_per_week": 3,
            }
        )
        cls.assignment_10a_psychology = Assignment.create(
            {
                "teacher_id": cls.psychologist.id,
                "subject_id": cls.subject_psychology.id,
                "class_id": cls.class_10a.id,
                "hours_per_week": 1,
            }
        )

    @classmethod
    def _setup_grading_policy(cls):
        """The policy in force this year: thresholds 4.6 / 3.6 / 2.6, two weeks to edit."""
        cls.policy = cls.env["school.grading.policy"].create(
            {
                "name": f"Положение об оценивании {cls.year.name}",
                "date_from": cls.year_start,
                "mark_scale": "2_5",
                "edit_window": "2w",
                "min_marks": 3,
                "threshold_5": 4.6,
                "threshold_4": 3.6,
                "threshold_3": 2.6,
                "weight_ids": [
                    Command.create({"work_type_id": cls.work_type_answer.id, "weight": 1}),
                    Command.create({"work_type_id": cls.work_type_control.id, "weight": 3}),
                ],
            }
        )

    @classmethod
    def _setup_school_2(cls):
        """Another school of the same database, for multi-company isolation."""
        cls.year_2 = cls.env["school.academic.year"].create(
            {
                "name": cls.year.name,
                "date_start": cls.year_start,
                "date_end": cls.year_end,
                "company_id": cls.school_2.id,
            }
        )
        cls.class_2_5a = cls.env["school.class"].create(
            {"grade": 5, "letter": "А", "year_id": cls.year_2.id, "company_id": cls.school_2.id}
        )
        cls.student_2 = cls._create_student("Чужов", "Иван", "Петрович", cls.class_2_5a)
        cls.user_ej_admin_2 = cls._new_user(
            "ej_admin_2", "school_ejournal.group_school_admin", "Администратор Второй", cls.school_2
        )

    # ------------------------------------------------------------------
    # Helpers for the tests
    # ------------------------------------------------------------------
    @classmethod
    def _day(cls, offset):
        """A date ``offset`` days after the start of the academic year."""
        return cls.year_start + timedelta(days=offset)
