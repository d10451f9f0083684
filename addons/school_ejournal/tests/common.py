"""The one fixture base of the School e-Journal tests (issue 16 item 5).

``SchoolCase`` is the base of every test case of every addon (school_ejournal, the
reports, Gosuslugi, the demo and the end-to-end tests) that needs a school. It prepares
the environment (superuser, English, no mail, no tracking) and builds a school in layers,
each a class method that a fixture fills in and a subclass extends with ``super()``:

1. ``_setup_school``: the school (a company), its academic year with the periods, the
   subjects, rooms and bells, the grading policy;
2. ``_setup_staff``: one user per role (ROLE-1..9);
3. ``_setup_classes``: classes, students with their enrollments, guardians;
4. ``_setup_teaching``: subgroups, curriculum, teaching assignments, timetable;
5. ``_setup_lessons``: lessons with their marks and attendance (the journal);
6. ``_setup_period_marks``: period and year marks.

Each layer is written with the builders of ``SchoolCase`` (``_create_schools``,
``_year_start``, ``_create_year``, ``_periods``, ``_create_policy``, ``_new_user``, ``_new_mail_user``,
``_create_class``, ``_create_student``, ``_new_students``, ``_create_subgroup``, the tables
``_link_guardians``, ``_assign`` and ``_curriculum`` (rows of values, ``_create_rows``),
``_slots``, ``_lesson`` / ``_lesson_vals``, ``_marks`` / ``_mark_vals``, ``_absences``,
``_correction_vals``, ``_period_mark``) and the tests use the same builders and the
helpers ``_as``, ``_mark``, ``_absence`` and ``assertAccessRefused``.
A test class that needs more than its fixture adds it in its own ``setUpClass`` with these
builders, or extends a layer with ``super()``.

The fixtures below are the schools the tests are written against; each fills the layers
of ``SchoolCase`` and nothing else:

* ``SchoolCommon``: two schools on the real clock, one user per role (structure, access,
  accounts, reports, e2e); ``SchoolTimetableCommon`` adds a week of timetable slots
  (wizards, demo journal);
* ``SchoolJournalCommon``: a journal frozen on 18.11.2026 (journal rules, log, chain);
* ``PeriodMarkCommon``: the year 2026/2027 with two dated policies (period marks, control);
* ``JournalGridCommon``: one class and three lessons of the current quarter (the grid);
* ``DiaryFixtures``: the e-diary of parents and students on the real clock (portal).

The reports addon adds ``ReportsCommon`` (``SchoolCommon`` plus a journal of 5А), the
Gosuslugi addon ``EsiaFixtures`` (``DiaryFixtures`` plus SNILS).

``SchoolCommon``
================

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

import base64
import itertools
import shutil
import tempfile
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from unittest.mock import patch
from urllib.parse import urlencode

from odoo import Command, fields, models
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, freeze_time, new_test_user
from odoo.tools import SQL, config, mute_logger

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

# loggers of refused ACLs and record rules, muted around expected AccessErrors
MUTE_ACCESS = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
# the frozen day of the journal tests: Wednesday of the 2nd quarter of 2026/2027
TODAY = date(2026, 11, 18)
GROUP = "school_ejournal.group_school_"


class SchoolCase(TransactionCase):
    """The base: the environment, the layers of a school and the builders they use."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # No mail, no tracking messages: faster, and nothing here tests chatter. Messages in
        # English, the source language, whatever the language of the database's users.
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT, lang="en_US"))
        cls.work_type_answer = cls.env.ref("school_ejournal.work_type_answer")
        cls.work_type_test = cls.env.ref("school_ejournal.work_type_test")
        cls.work_type_control = cls.env.ref("school_ejournal.work_type_control")
        cls.work_type_homework = cls.env.ref("school_ejournal.work_type_homework")
        cls._setup_school()
        cls._setup_staff()
        cls._setup_classes()
        cls._setup_teaching()
        cls._setup_lessons()
        cls._setup_period_marks()

    # ------------------------------------------------------------------
    # Layers: empty here, filled by the fixtures
    # ------------------------------------------------------------------
    @classmethod
    def _setup_school(cls):
        """Layer 1: company, academic year and periods, subjects, grading policy."""

    @classmethod
    def _setup_staff(cls):
        """Layer 2: the users of the roles."""

    @classmethod
    def _setup_classes(cls):
        """Layer 3: classes, students, guardians."""

    @classmethod
    def _setup_teaching(cls):
        """Layer 4: subgroups, curriculum, teaching assignments, timetable."""

    @classmethod
    def _setup_lessons(cls):
        """Layer 5: lessons, marks, attendance."""

    @classmethod
    def _setup_period_marks(cls):
        """Layer 6: period and year marks."""

    # ------------------------------------------------------------------
    # Builders
    # ------------------------------------------------------------------
    @classmethod
    def _activate_languages(cls, *langs):
        """Make ``langs`` installed languages, so that their users read their own formats (an
        inactive language falls back to the default one's)."""
        for lang in langs:
            if not cls.env["res.lang"]._activate_lang(lang):
                raise AssertionError(f"The language {lang} is unknown to this database")

    @classmethod
    def _create_schools(cls, *vals_list, switch_user=True):
        """Companies. With ``switch_user`` the superuser of the test works in the first one
        (like BaseCommon); without, only the environment of the test does (its
        ``allowed_company_ids``): the superuser's record, hence the registry's caches, stay
        untouched, which the query-count tests of the grid need."""
        schools = cls.env["res.company"].create(list(vals_list))
        if switch_user:
            cls.env.user.write(
                {"company_ids": [Command.link(school.id) for school in schools], "company_id": schools[0].id}
            )
        else:
            cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=schools.ids))
        return schools

    @staticmethod
    def _year_start(day):
        """1 September that begins the academic year of ``day``."""
        return date(day.year if day.month >= 9 else day.year - 1, 9, 1)

    @classmethod
    def _create_year(cls, date_start, company=None, periods=True, name=None):
        """An academic year of a year from ``date_start``, its periods generated."""
        date_end = date(date_start.year + 1, date_start.month, date_start.day) - timedelta(days=1)
        year = cls.env["school.academic.year"].create(
            {
                "name": name or f"{date_start.year}/{date_end.year}",
                "date_start": date_start,
                "date_end": date_end,
                "company_id": (company or cls.school).id,
            }
        )
        if periods:
            year.action_generate_periods()
        return year

    @classmethod
    def _periods(cls, period_type, year=None):
        """The periods of a type of ``year`` (``cls.year``), in their order."""
        periods = (year or cls.year).period_ids.filtered(lambda p: p.period_type == period_type)
        return periods.sorted("date_start")

    @classmethod
    def _create_policy(cls, name, date_from, load_work_types=False, **vals):
        policy = cls.env["school.grading.policy"].create(
            dict({"name": name, "date_from": date_from, "company_id": cls.school.id}, **vals)
        )
        if load_work_types:
            policy.action_load_work_types()
        return policy

    @classmethod
    def _new_user(cls, login, groups, name, company=None, **vals):
        """A user of ``company`` (``cls.school``); ``groups`` as xml ids, comma separated."""
        company = company or cls.school
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            name=name,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            **vals,
        )

    @classmethod
    def _new_mail_user(cls, login, role, name):
        """A user of the school in the school group ``role`` with an e-mail address
        (notifications reach him) and English as language."""
        return cls._new_user(login, GROUP + role, name, email=f"{login}@example.com", lang="en_US")

    @classmethod
    def _create_class(cls, grade, letter, year=None, **vals):
        year = year or cls.year
        return cls.env["school.class"].create(
            dict(
                {"grade": grade, "letter": letter, "year_id": year.id, "company_id": year.company_id.id},
                **vals,
            )
        )

    @classmethod
    def _create_student(
        cls, last_name, first_name, middle_name, school_class, date_start=None, date_end=None, **vals
    ):
        """A student enrolled in ``school_class`` from ``date_start`` (the start of its year)."""
        if middle_name:
            vals["middle_name"] = middle_name
        student = cls.env["school.student"].create(
            dict(vals, last_name=last_name, first_name=first_name, company_id=school_class.company_id.id)
        )
        cls.env["school.enrollment"].create(
            {
                "student_id": student.id,
                "class_id": school_class.id,
                "date_start": date_start or school_class.year_id.date_start,
                "date_end": date_end,
            }
        )
        return student

    @classmethod
    def _new_students(cls, school_class, names):
        """Students named "Last First", enrolled in ``school_class`` from the start of its year."""
        students = cls.env["school.student"].create(
            [
                {
                    "last_name": name.split()[0],
                    "first_name": name.split()[1],
                    "company_id": school_class.company_id.id,
                }
                for name in names
            ]
        )
        cls.env["school.enrollment"].create(
            [
                {
                    "student_id": student.id,
                    "class_id": school_class.id,
                    "date_start": school_class.year_id.date_start,
                }
                for student in students
            ]
        )
        return students

    @classmethod
    def _create_rows(cls, model, fnames, rows, **common):
        """Records of ``model``, one a row of the values of ``fnames`` (a record stands for
        its id) optionally followed by a dict of more values; ``common`` values go to every
        record. The table builders below (``_link_guardians``, ``_assign``, ``_curriculum``)
        are written with it."""
        return cls.env[model].create(
            [
                {
                    **common,
                    **{
                        fname: value.id if isinstance(value, models.BaseModel) else value
                        for fname, value in zip(fnames, row)
                    },
                    **(row[len(fnames)] if len(row) > len(fnames) else {}),
                }
                for row in rows
            ]
        )

    @classmethod
    def _link_guardians(cls, links, **defaults):
        """Guardian links: (student, guardian partner, relation[, values]) each."""
        return cls._create_rows(
            "school.guardian.link", ("student_id", "guardian_id", "relation"), links, **defaults
        )

    @classmethod
    def _create_subgroup(cls, school_class, subject, teacher, students, name="Группа 1"):
        """A subgroup of ``school_class`` for ``subject``, taught by ``teacher`` (or nobody yet)."""
        return cls.env["school.subgroup"].create(
            {
                "name": name,
                "class_id": school_class.id,
                "subject_id": subject.id,
                "teacher_id": teacher.id if teacher else False,
                "student_ids": [Command.set(students.ids)],
            }
        )

    @classmethod
    def _assign(cls, *rows):
        """Teaching assignments: (teacher, subject, class[, values]) each."""
        return cls._create_rows("school.teaching.assignment", ("teacher_id", "subject_id", "class_id"), rows)

    @classmethod
    def _curriculum(cls, *rows):
        """Curriculum lines: (class, subject, hours a week[, values]) each."""
        return cls._create_rows("school.curriculum.line", ("class_id", "subject_id", "hours_per_week"), rows)

    @classmethod
    def _slots(cls, *rows, user=None, **common):
        """Timetable slots created by ``user`` (the superuser): (class, subject, teacher, room
        or None, weekday, lesson number[, values]) each; ``common`` values go to every slot."""
        Slot = cls.env["school.timetable.slot"]
        return (Slot.with_user(user) if user else Slot).create(
            [
                dict(
                    common,
                    class_id=school_class.id,
                    subject_id=subject.id,
                    teacher_id=teacher.id,
                    room_id=room.id if room else False,
                    weekday=str(weekday),
                    lesson_number=number,
                    **(extra[0] if extra else {}),
                )
                for school_class, subject, teacher, room, weekday, number, *extra in rows
            ]
        )

    @classmethod
    def _lesson_vals(cls, school_class, subject, teacher, day=None, **vals):
        return dict(
            {
                "class_id": school_class.id,
                "subject_id": subject.id,
                "teacher_id": teacher.id,
                "date": day or cls.today,
                "state": "done",
            },
            **vals,
        )

    @classmethod
    def _lesson(cls, school_class, subject, teacher, day=None, **vals):
        """A lesson given by ``teacher``, created by the superuser as the timetable creates
        them (JOUR-1); on ``cls.today`` unless ``day`` is given."""
        return cls.env["school.lesson"].create(cls._lesson_vals(school_class, subject, teacher, day, **vals))

    @classmethod
    def _mark_vals(cls, lesson, student, value, work_type=None, comment=None, **vals):
        if comment is not None:
            vals["comment"] = comment
        return dict(
            {
                "lesson_id": lesson.id,
                "student_id": student.id,
                "value": value,
                "work_type_id": (work_type or cls.work_type_answer).id,
            },
            **vals,
        )

    @classmethod
    def _marks(cls, lesson, values, work_type=None):
        """Marks at a lesson, as superuser: {student: value or [values]}."""
        return cls.env["school.mark"].create(
            [
                cls._mark_vals(lesson, student, value, work_type)
                for student, marks in values.items()
                for value in (marks if isinstance(marks, (list, tuple)) else [marks])
            ]
        )

    @classmethod
    def _absences(cls, lesson, codes):
        """Attendance exceptions of one lesson, as superuser: {student: code}."""
        return cls.env["school.attendance"].create(
            [
                {"lesson_id": lesson.id, "student_id": student.id, "code": code}
                for student, code in codes.items()
            ]
        )

    @classmethod
    def _correction_vals(cls, mark, new_value, reason, **vals):
        """The values of a request to correct ``mark`` to ``new_value`` (JOUR-7)."""
        return dict(
            {
                "lesson_id": mark.lesson_id.id,
                "student_id": mark.student_id.id,
                "mark_id": mark.id,
                "new_value": new_value,
                "reason": reason,
            },
            **vals,
        )

    @classmethod
    def _period_mark(cls, student, subject, school_class, period, value=None):
        vals = {
            "student_id": student.id,
            "subject_id": subject.id,
            "class_id": school_class.id,
            "period_id": period.id,
        }
        if value is not None:
            vals["value"] = value
        return cls.env["school.period.mark"].create(vals)

    # ------------------------------------------------------------------
    # Helpers of the tests
    # ------------------------------------------------------------------
    def _as(self, user, model):
        """``model`` of ``user`` with a cold cache, as in a fresh request of that user."""
        self.env.invalidate_all()
        return self.env[model].with_user(user)

    def _mark(self, lesson, student, value=5, user=None, work_type=None, **vals):
        """Enter a mark as ``user`` (the lesson's teacher by default), with a cold cache."""
        Mark = self._as(user or lesson.teacher_id, "school.mark")
        return Mark.create(self._mark_vals(lesson, student, value, work_type, **vals))

    def _absence(self, lesson, student, code="absent", user=None):
        """Record an absence as ``user`` (the lesson's teacher by default)."""
        Attendance = self._as(user or lesson.teacher_id, "school.attendance")
        return Attendance.create({"lesson_id": lesson.id, "student_id": student.id, "code": code})

    def _contingent_wizard(self, content, filename, user=None, **vals):
        """The contingent import wizard (SETUP-5) of ``user`` (the e-journal administrator by
        default) loaded with the file ``content`` (bytes)."""
        Wizard = self.env["school.contingent.import.wizard"].with_user(user or self.user_ej_admin)
        return Wizard.create({"file": base64.b64encode(content), "filename": filename, **vals})

    def _record_counts(self, *models):
        """How many records of each model there are, archived ones included: what a refused
        import must leave as it was (all or nothing)."""
        return {model: self.env[model].with_context(active_test=False).search_count([]) for model in models}

    @contextmanager
    def assertAccessRefused(self):
        """The operation is refused by an ACL or a record rule (the access loggers muted)."""
        with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError) as catcher:
            yield catcher


# ======================================================================
# SchoolCommon: two schools on the real clock, one user per role
# ======================================================================
class SchoolCommon(SchoolCase):
    """A small school built once per test class (see ``SchoolCommon`` in the module
    docstring); ``cls.env.company`` is ``cls.school``."""

    @classmethod
    def _setup_school(cls):
        """Two schools, the year containing today with its periods, bells, rooms, subjects
        and the policy of the year (SETUP-1..3)."""
        cls.today = fields.Date.context_today(cls.env["res.users"])
        cls.year_start = cls._year_start(cls.today)
        cls.year_end = date(cls.year_start.year + 1, 8, 31)
        cls.school, cls.school_2 = cls._create_schools(
            {"name": "МБОУ СОШ № 1 (тест)"}, {"name": "МБОУ СОШ № 2 (тест)"}
        )
        cls.year = cls._create_year(cls.year_start)
        cls.quarters = cls._periods("quarter")
        cls.halves = cls._periods("half")
        cls.period_year = cls._periods("year")
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
        # the policy in force this year: thresholds 4.6 / 3.6 / 2.6, two weeks to edit
        cls.policy = cls._create_policy(
            f"Положение об оценивании {cls.year.name}",
            cls.year_start,
            mark_scale="2_5",
            edit_window="2w",
            min_marks=3,
            threshold_5=4.6,
            threshold_4=3.6,
            threshold_3=2.6,
            weight_ids=[
                Command.create({"work_type_id": cls.work_type_answer.id, "weight": 1}),
                Command.create({"work_type_id": cls.work_type_control.id, "weight": 3}),
            ],
        )

    @classmethod
    def _setup_staff(cls):
        """One user per role (ROLE-1..9), plus users without any school group."""
        new = cls._new_user
        cls.user_ej_admin = new("ej_admin", GROUP + "admin", "Администраторова Алла")
        cls.user_director = new("ej_director", GROUP + "director", "Директоров Денис")
        cls.user_deputy = new("ej_deputy", GROUP + "deputy", "Завучева Зоя")
        cls.user_inspector = new("ej_inspector", GROUP + "inspector", "Проверкин Пётр")
        cls.class_teacher = new("ej_class_teacher", GROUP + "class_teacher", "Классная Клавдия")
        cls.teacher = new("ej_teacher", GROUP + "teacher", "Предметников Павел")
        cls.teacher_english = new("ej_teacher_english", GROUP + "teacher", "Английская Елена")
        cls.psychologist = new("ej_psychologist", GROUP + "specialist", "Психологова Полина")
        cls.user_parent = new("ej_parent", GROUP + "parent", "Петрова Елена Викторовна")
        cls.user_student = new("ej_student", GROUP + "student", "Иванов Иван")
        cls.user_internal = new("ej_internal", "base.group_user", "Сотрудников Семён")
        cls.user_portal = new("ej_portal", "base.group_portal", "Посторонний Пётр")

    @classmethod
    def _setup_classes(cls):
        """Classes 5А, 5Б, 10А, 1А (SETUP-4), their students (SETUP-5, 8); one guardian
        with two children in 5А and 5Б, one child with two guardians."""
        cls.class_5a = cls._create_class(
            5,
            "А",
            class_teacher_id=cls.class_teacher.id,
            room_id=cls.room_12.id,
            bell_schedule_id=cls.bell_schedule.id,
        )
        cls.class_5b = cls._create_class(5, "Б", room_id=cls.room_21.id)
        cls.class_10a = cls._create_class(10, "А")
        cls.class_1a = cls._create_class(1, "А")
        new = cls._create_student
        cls.student_ivanov = new("Иванов", "Иван", "Иванович", cls.class_5a, user_id=cls.user_student.id)
        cls.student_petrova = new("Петрова", "Мария", "Сергеевна", cls.class_5a)
        cls.student_sidorov = new("Сидоров", "Пётр", "Андреевич", cls.class_5a)
        cls.student_petrov = new("Петров", "Алексей", "Сергеевич", cls.class_5b)
        cls.student_kuznetsova = new("Кузнецова", "Анна", "Олеговна", cls.class_5b)
        cls.student_smirnov = new("Смирнов", "Дмитрий", "Павлович", cls.class_10a)
        cls.student_volkova = new("Волкова", "Ольга", "Игоревна", cls.class_1a)
        cls.students_5a = cls.student_ivanov | cls.student_petrova | cls.student_sidorov
        cls.students_5b = cls.student_petrov | cls.student_kuznetsova
        cls.students = cls.students_5a | cls.students_5b | cls.student_smirnov | cls.student_volkova

        cls.guardian_mother = cls.user_parent.partner_id
        cls.guardian_father, cls.guardian_sidorova, cls.guardian_smirnova = cls.env["res.partner"].create(
            [
                {"name": "Петров Сергей Иванович", "phone": "+7 900 000-00-01"},
                {"name": "Сидорова Ирина Петровна", "phone": "+7 900 000-00-02"},
                {"name": "Смирнова Ольга Николаевна", "email": "smirnova@example.com"},
            ]
        )
        cls.guardian_links = cls._link_guardians(
            [
                (cls.student_petrova, cls.guardian_mother, "mother"),
                (cls.student_petrov, cls.guardian_mother, "mother"),
                (cls.student_petrova, cls.guardian_father, "father"),
                (cls.student_sidorov, cls.guardian_sidorova, "mother"),
                (cls.student_smirnov, cls.guardian_smirnova, "mother"),
            ],
            date_start=cls.year_start,
            consent_date=cls.year_start,
            consent_document="Согласие № 1",
        )
        (
            cls.link_petrova_mother,
            cls.link_petrov_mother,
            cls.link_petrova_father,
            cls.link_sidorov,
            cls.link_smirnov,
        ) = cls.guardian_links

    @classmethod
    def _setup_teaching(cls):
        """Subgroup, curriculum and teacher load (SETUP-4, SETUP-6); then the second school."""
        cls.subgroup_5a_english = cls._create_subgroup(
            cls.class_5a, cls.subject_english, cls.teacher_english, cls.student_ivanov | cls.student_petrova
        )
        cls.line_5a_math, cls.line_5a_english, cls.line_5b_math, cls.line_1a_russian = cls._curriculum(
            (cls.class_5a, cls.subject_math, 5),
            (cls.class_5a, cls.subject_english, 3, {"split_in_subgroups": True}),
            (cls.class_5b, cls.subject_math, 5),
            (cls.class_1a, cls.subject_russian, 5),
        )
        (
            cls.assignment_5a_math,
            cls.assignment_5b_math,
            cls.assignment_5a_english,
            cls.assignment_10a_psychology,
        ) = cls._assign(
            (cls.class_teacher, cls.subject_math, cls.class_5a, {"hours_per_week": 5}),
            (cls.teacher, cls.subject_math, cls.class_5b, {"hours_per_week": 5}),
            (
                cls.teacher_english,
                cls.subject_english,
                cls.class_5a,
                {"subgroup_id": cls.subgroup_5a_english.id, "hours_per_week": 3},
            ),
            (cls.psychologist, cls.subject_psychology, cls.class_10a, {"hours_per_week": 1}),
        )
        cls._setup_school_2()

    @classmethod
    def _setup_school_2(cls):
        """Another school of the same database, for multi-company isolation."""
        cls.year_2 = cls._create_year(cls.year_start, company=cls.school_2, periods=False, name=cls.year.name)
        cls.class_2_5a = cls._create_class(5, "А", year=cls.year_2)
        cls.student_2 = cls._create_student("Чужов", "Иван", "Петрович", cls.class_2_5a)
        cls.user_ej_admin_2 = cls._new_user(
            "ej_admin_2", GROUP + "admin", "Администратор Второй", cls.school_2
        )

    @classmethod
    def _day(cls, offset):
        """A date ``offset`` days after the start of the academic year."""
        return cls.year_start + timedelta(days=offset)


class SchoolTimetableCommon(SchoolCommon):
    """``SchoolCommon`` with a week of timetable slots from the start of the year
    (``monday`` .. ``sunday`` of its second week, in the 1st quarter): Math in 5А on Monday
    (1st lesson), Tuesday (2nd) and Wednesday (1st) by the class teacher in room 12, the
    English subgroup of 5А on Monday (2nd) in room 21, Math in 5Б on Monday (1st) by
    ``teacher`` in room 21."""

    @classmethod
    def _setup_teaching(cls):
        result = super()._setup_teaching()
        cls.subject_math.room_ids = [Command.set(cls.room_12.ids)]
        first_monday = cls.year_start + timedelta(days=(7 - cls.year_start.weekday()) % 7 + 7)
        cls.monday = first_monday
        cls.sunday = first_monday + timedelta(days=6)
        cls.quarter_1, cls.quarter_2 = cls.quarters[0], cls.quarters[1]
        math_5a = (cls.class_5a, cls.subject_math, cls.class_teacher, cls.room_12)
        cls.slots = cls._slots(
            (*math_5a, 0, 1),
            (*math_5a, 1, 2),
            (*math_5a, 2, 1),
            (
                cls.class_5a,
                cls.subject_english,
                cls.teacher_english,
                cls.room_21,
                0,
                2,
                {"subgroup_id": cls.subgroup_5a_english.id},
            ),
            (cls.class_5b, cls.subject_math, cls.teacher, cls.room_21, 0, 1),
            date_from=cls.year_start,
            date_to=cls.year_end,
        )
        (
            cls.slot_5a_math_mon,
            cls.slot_5a_math_tue,
            cls.slot_5a_math_wed,
            cls.slot_5a_english_mon,
            cls.slot_5b_math_mon,
        ) = cls.slots
        return result


# ======================================================================
# SchoolJournalCommon: a journal frozen on Wednesday 18.11.2026
# ======================================================================
@freeze_time("2026-11-18 10:00:00")
class SchoolJournalCommon(SchoolCase):
    """A school of its own with the year 2026/2027, built once per test class (JOUR-1..12,
    SEC-3, SEC-4). Time is frozen on Wednesday 18.11.2026 (``TODAY``), a school day of the
    2nd quarter (05.11-28.12.2026), so every date is deterministic.

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
    ``user_director``, ``user_ej_admin`` and ``user_inspector`` (``readers``) read the whole
    journal. Lessons of today: ``lesson_5a`` (Math, ``teacher_1``), ``lesson_5b`` (Math,
    ``teacher_2``), ``lesson_1a`` (Russian, ``teacher_primary``), ``lesson_5a_english``
    (subgroup, ``teacher_english``). The policy weighs a control work 4.
    """

    @classmethod
    def _setup_school(cls):
        cls.today = TODAY
        (cls.school,) = cls._create_schools({"name": "Школа журнала (тест)"})
        cls.year = cls._create_year(date(2026, 9, 1))
        cls.quarter_1, cls.quarter_2 = cls._periods("quarter")[:2]
        cls.half_1 = cls._periods("half")[0]
        cls.period_year = cls._periods("year")
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
        cls.policy = cls._create_policy(
            "Положение 2026/2027", date(2026, 9, 1), True, mark_scale="2_5", edit_window="2w"
        )
        cls.policy.weight_ids.filtered(lambda w: w.work_type_id == cls.work_type_control).weight = 4

    @classmethod
    def _setup_staff(cls):
        new = cls._new_user
        cls.teacher_1 = new("jr_teacher_1", GROUP + "teacher", "Учитель Первый")
        cls.teacher_2 = new("jr_teacher_2", GROUP + "teacher", "Учитель Второй")
        cls.teacher_english = new("jr_teacher_en", GROUP + "teacher", "Учитель Английского")
        cls.teacher_primary = new("jr_teacher_prim", GROUP + "teacher", "Учитель Начальных")
        cls.substitute = new("jr_substitute", GROUP + "teacher", "Учитель Заменяющий")
        cls.class_teacher = new("jr_class_teacher", GROUP + "class_teacher", "Классный Руководитель")
        cls.user_deputy = new("jr_deputy", GROUP + "deputy", "Завуч")
        cls.user_director = new("jr_director", GROUP + "director", "Директор")
        cls.user_ej_admin = new("jr_admin", GROUP + "admin", "Администратор ЭЖ")
        cls.user_inspector = new("jr_inspector", GROUP + "inspector", "Инспектор")
        cls.user_parent = new("jr_parent", GROUP + "parent", "Родитель Бориса")
        cls.user_student = new("jr_student", GROUP + "student", "Анна Ученица")
        cls.readers = cls.user_deputy | cls.user_director | cls.user_ej_admin | cls.user_inspector

    @classmethod
    def _setup_classes(cls):
        cls.class_1a = cls._create_class(1, "А")
        cls.class_5a = cls._create_class(5, "А", class_teacher_id=cls.class_teacher.id)
        cls.class_5b = cls._create_class(5, "Б")
        new = cls._create_student
        cls.student_anna = new("Аннова", "Анна", None, cls.class_5a, user_id=cls.user_student.id)
        cls.student_boris = new("Борисов", "Борис", None, cls.class_5a)
        cls.student_vera = new("Верова", "Вера", None, cls.class_5a)
        cls.student_gleb = new("Глебов", "Глеб", None, cls.class_5a)
        cls.student_left = new("Ушедший", "Устин", None, cls.class_5a, date_end=date(2026, 11, 10))
        cls.student_dina = new("Динова", "Дина", None, cls.class_5b)
        cls.student_egor = new("Егоров", "Егор", None, cls.class_5b)
        cls.student_zoya = new("Зоева", "Зоя", None, cls.class_1a)
        cls.students_5a = cls.student_anna | cls.student_boris | cls.student_vera | cls.student_gleb
        cls._link_guardians(
            [(cls.student_boris, cls.user_parent.partner_id, "mother")],
            date_start=cls.year.date_start,
            consent_date=cls.year.date_start,
        )

    @classmethod
    def _setup_teaching(cls):
        cls.subgroup_english = cls._create_subgroup(
            cls.class_5a, cls.subject_english, cls.teacher_english, cls.student_anna | cls.student_boris
        )
        cls._assign(
            (cls.teacher_1, cls.subject_math, cls.class_5a),
            (cls.teacher_2, cls.subject_math, cls.class_5b),
            (
                cls.teacher_english,
                cls.subject_english,
                cls.class_5a,
                {"subgroup_id": cls.subgroup_english.id},
            ),
            (cls.teacher_primary, cls.subject_russian, cls.class_1a),
        )

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

    @classmethod
    def _days_ago(cls, days):
        return TODAY - timedelta(days=days)


# ======================================================================
# JournalLogCase: the change log's tests on SchoolJournalCommon's school
# ======================================================================
class JournalLogCase(SchoolJournalCommon):
    """The change log's tests (JOUR-7, ARCH-2): each test writes its chain's anchors to a second
    medium of its own (``second_medium``), and reads the log entries of a record."""

    # a temporary second medium per test: anchor files outlive the rolled-back transactions
    second_medium = True

    def setUp(self):
        super().setUp()
        if self.second_medium:
            self.second_dir = tempfile.mkdtemp(prefix="ej_log_test_")
            self.addCleanup(shutil.rmtree, self.second_dir, ignore_errors=True)
            if "school_archive_dir" in self.school:
                self.school.sudo().school_archive_dir = False
            self.startPatcher(patch.dict(config.options, {"school_archive_second_dir": self.second_dir}))

    def _sql(self, query, *args):
        """Run ``query`` as tampering would: past the ORM, its caches flushed and dropped."""
        self.env.flush_all()
        self.env.cr.execute(SQL(query, *args))
        self.env.invalidate_all()

    def _entries(self, record):
        """The change log's entries of ``record``, in the chain's order."""
        return self.env["school.journal.log"].search(
            [("model", "=", record._name), ("res_id", "=", record.id)], order="sequence"
        )


class EnglishLogCase(JournalLogCase):
    """The change log's tests that compare the verification's findings in English (the users of
    the school get them in Russian)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.Log = cls.env["school.journal.log"]
        cls.Verification = cls.env["school.chain.verification"]


# ======================================================================
# PeriodMarkCommon: the year 2026/2027 with two dated grading policies
# ======================================================================
class PeriodMarkCommon(SchoolCase):
    """The school of the period-mark and control tests (FINAL-1..6, CTRL-1..4).

    Year 2026/2027 from 2026-09-01 with the usual periods (1st quarter 01.09-26.10, 2nd
    quarter 05.11-28.12, 3rd quarter 09.01-21.03 ...). Two dated grading policies:
    ``policy`` for 2026 (thresholds 4.6 / 3.6 / 2.6, at least 3 marks) and ``policy_2027``
    from 2027-01-01 (4.5 / 3.5 / 2.5). Work types weigh as loaded from their defaults
    (answer 1, test 2, control 3), homework weighs 0.

    =====  =================  =============================  ==================================
    class  class teacher      students                       teaching assignments
    =====  =================  =============================  ==================================
    5А     ``class_teacher``  ``s_ivanov`` (``user_student``),  Math: ``teacher_math``; Russian:
                              ``s_petrova`` (child of         ``class_teacher``; English
                              ``user_parent``), ``s_sidorov``  subgroup (Ivanov, Petrova):
                                                               ``teacher_english``
    5Б     -                  ``s_kuznetsov``                Math: ``teacher_other``
    =====  =================  =============================  ==================================

    ``user_other_parent`` is the guardian of ``s_kuznetsov`` only. ``user_admin`` (ROLE-1),
    ``user_deputy`` (ROLE-3) and ``teacher_idle`` (a teacher with nothing to do) complete
    the staff. Lessons (``_lesson``) have a topic and homework unless told otherwise.
    """

    @classmethod
    def _setup_school(cls):
        (cls.school,) = cls._create_schools({"name": "МБОУ СОШ № 7 (итоговые отметки)"})
        cls.year = cls._create_year(date(2026, 9, 1))
        cls.q1, cls.q2, cls.q3, cls.q4 = cls._periods("quarter")
        cls.period_year = cls._periods("year")
        cls.wt_answer = cls.work_type_answer
        cls.wt_test = cls.work_type_test
        cls.wt_control = cls.work_type_control
        cls.wt_homework = cls.work_type_homework
        policy = {"mark_scale": "2_5", "edit_window": "2w", "min_marks": 3}
        cls.policy = cls._create_policy(
            "Положение 2026",
            date(2026, 9, 1),
            True,
            date_to=date(2026, 12, 31),
            threshold_5=4.6,
            threshold_4=3.6,
            threshold_3=2.6,
            **policy,
        )
        cls.policy_2027 = cls._create_policy(
            "Положение 2027",
            date(2027, 1, 1),
            True,
            threshold_5=4.5,
            threshold_4=3.5,
            threshold_3=2.5,
            **policy,
        )
        (cls.policy | cls.policy_2027).weight_ids.filtered(
            lambda w: w.work_type_id == cls.wt_homework
        ).weight = 0
        cls.math, cls.russian, cls.english = cls.env["school.subject"].create(
            [
                {"name": "Математика (ИО)", "sequence": 1, "company_id": cls.school.id},
                {"name": "Русский язык (ИО)", "sequence": 2, "company_id": cls.school.id},
                {"name": "Английский язык (ИО)", "sequence": 3, "company_id": cls.school.id},
            ]
        )

    @classmethod
    def _setup_staff(cls):
        new = cls._new_mail_user
        cls.user_admin = new("pm_admin", "admin", "Админова Анна")
        cls.user_deputy = new("pm_deputy", "deputy", "Завучева Зоя")
        cls.class_teacher = new("pm_class_teacher", "class_teacher", "Классная Клавдия")
        cls.teacher_math = new("pm_teacher_math", "teacher", "Математиков Марк")
        cls.teacher_english = new("pm_teacher_english", "teacher", "Английская Елена")
        cls.teacher_other = new("pm_teacher_other", "teacher", "Другов Дмитрий")
        cls.teacher_idle = new("pm_teacher_idle", "teacher", "Свободнов Степан")
        cls.user_parent = new("pm_parent", "parent", "Петрова Елена")
        cls.user_other_parent = new("pm_other_parent", "parent", "Кузнецова Ольга")
        cls.user_student = new("pm_student", "student", "Иванов Иван")

    @classmethod
    def _setup_classes(cls):
        cls.class_5a = cls._create_class(5, "А", class_teacher_id=cls.class_teacher.id)
        cls.class_5b = cls._create_class(5, "Б")
        new = cls._create_student
        cls.s_ivanov = new("Иванов", "Иван", None, cls.class_5a, user_id=cls.user_student.id)
        cls.s_petrova = new("Петрова", "Мария", None, cls.class_5a)
        cls.s_sidorov = new("Сидоров", "Пётр", None, cls.class_5a)
        cls.s_kuznetsov = new("Кузнецов", "Кирилл", None, cls.class_5b)
        cls.students_5a = cls.s_ivanov | cls.s_petrova | cls.s_sidorov
        cls._link_guardians(
            [
                (cls.s_petrova, cls.user_parent.partner_id, "mother"),
                (cls.s_kuznetsov, cls.user_other_parent.partner_id, "mother"),
            ],
            date_start=date(2026, 9, 1),
            consent_date=date(2026, 9, 1),
        )

    @classmethod
    def _setup_teaching(cls):
        cls.subgroup_english = cls._create_subgroup(
            cls.class_5a, cls.english, cls.teacher_english, cls.s_ivanov | cls.s_petrova
        )
        cls._curriculum(
            (cls.class_5a, cls.math, 5),
            (cls.class_5a, cls.russian, 4),
            (cls.class_5a, cls.english, 3, {"split_in_subgroups": True}),
            (cls.class_5b, cls.math, 5),
        )
        (
            cls.assignment_5a_math,
            cls.assignment_5a_russian,
            cls.assignment_5a_english,
            cls.assignment_5b_math,
        ) = cls._assign(
            (cls.teacher_math, cls.math, cls.class_5a),
            (cls.class_teacher, cls.russian, cls.class_5a),
            (cls.teacher_english, cls.english, cls.class_5a, {"subgroup_id": cls.subgroup_english.id}),
            (cls.teacher_other, cls.math, cls.class_5b),
        )
        cls.PeriodMark = cls.env["school.period.mark"]

    @classmethod
    def _lesson_vals(cls, school_class, subject, teacher, day=None, **vals):
        vals = dict({"topic": "Тема урока", "homework": "№ 1-3"}, **vals)
        return super()._lesson_vals(school_class, subject, teacher, day, **vals)


# ======================================================================
# JournalGridCommon: class 5А and three Math lessons of the current quarter
# ======================================================================
class JournalGridCommon(SchoolCase):
    """A school with class 5А of three students and three Math lessons of the current quarter.

    ``teacher`` teaches Math in 5А and gives ``lesson_1`` and ``lesson_2``; ``teacher_2``
    gives ``lesson_3`` as a substitute for ``teacher``. ``student_a`` has a 5 at lesson 1
    (answer, weight 1) and a 3 at lesson 2 (control work, weight 3); ``student_b`` was absent
    from lesson 1; ``student_c`` has nothing yet. The lessons are held on ``lesson_day`` and
    the day before it, today when today falls in a quarter, else the last day of the last
    quarter; the edit window is unlimited, so the tests hold on any day of the year.
    """

    @classmethod
    def _setup_school(cls):
        (cls.school,) = cls._create_schools({"name": "Школа журнала (тест)"}, switch_user=False)
        cls.today = fields.Date.context_today(cls.env.user)
        cls.year = cls._create_year(cls._year_start(cls.today))
        cls.period = cls._periods("quarter").filtered(lambda p: p.date_start <= cls.today)[-1]
        cls.lesson_day = min(cls.today, cls.period.date_end)
        cls.day_before = max(cls.lesson_day - timedelta(days=1), cls.period.date_start)
        cls.policy = cls._create_policy(
            "Положение об оценивании (тест)", cls.year.date_start, True, edit_window="unlimited"
        )
        cls.subject_math = cls.env["school.subject"].create(
            {"name": "Математика", "code": "MATH", "company_id": cls.school.id}
        )

    @classmethod
    def _setup_staff(cls):
        cls.teacher = cls._new_user("grid_teacher", GROUP + "teacher", "Учителева Ульяна")
        cls.teacher_2 = cls._new_user("grid_teacher_2", GROUP + "teacher", "Заменова Зинаида")
        cls.deputy = cls._new_user("grid_deputy", GROUP + "deputy", "Завучева Зоя")

    @classmethod
    def _setup_classes(cls):
        cls.class_5a = cls._new_class("А")
        cls.student_a, cls.student_b, cls.student_c = cls._new_students(
            cls.class_5a, ["Алексеев Артём", "Борисова Вера", "Васильев Глеб"]
        )

    @classmethod
    def _setup_teaching(cls):
        cls._assign((cls.teacher, cls.subject_math, cls.class_5a))

    @classmethod
    def _setup_lessons(cls):
        Lesson = cls.env["school.lesson"]
        cls.lesson_1, cls.lesson_2 = Lesson.create(
            [
                cls._lesson_values(cls.class_5a, cls.day_before, 1, topic="Натуральные числа"),
                cls._lesson_values(
                    cls.class_5a,
                    cls.day_before,
                    2,
                    topic="Контрольная работа № 1",
                    work_type_ids=[Command.set(cls.work_type_control.ids)],
                ),
            ]
        )
        cls.lesson_3 = Lesson.create(
            cls._lesson_values(
                cls.class_5a,
                cls.lesson_day,
                3,
                teacher_id=cls.teacher_2.id,
                planned_teacher_id=cls.teacher.id,
            )
        )
        cls._marks(cls.lesson_1, {cls.student_a: 5})
        cls._marks(cls.lesson_2, {cls.student_a: 3}, cls.work_type_control)
        cls._absences(cls.lesson_1, {cls.student_b: "absent"})

    @classmethod
    def _filled_class(cls, letter, size, marked=4):
        """Class 5<letter> of ``size`` students taught Math by ``teacher``: four lessons the
        day before ``lesson_day``, a 4 or a 5 of every student at the first ``marked`` of
        them, its first student ill at the first two. Returns (class, students, lessons)."""
        school_class = cls._new_class(letter)
        students = cls._new_students(school_class, [f"Ученик{letter}{n:02d} Имя{n:02d}" for n in range(size)])
        cls._assign((cls.teacher, cls.subject_math, school_class))
        lessons = cls.env["school.lesson"].create(
            [cls._lesson_values(school_class, cls.day_before, n) for n in range(1, 5)]
        )
        cls.env["school.mark"].create(
            [
                cls._mark_vals(lesson, student, 4 + n % 2)
                for n, (lesson, student) in enumerate(itertools.product(lessons[:marked], students))
            ]
        )
        for lesson in lessons[:2]:
            cls._absences(lesson, {students[0]: "ill"})
        return school_class, students, lessons

    @classmethod
    def _new_class(cls, letter, grade=5):
        return cls._create_class(grade, letter)

    @classmethod
    def _lesson_values(cls, school_class, day, number, **vals):
        """The values of a Math lesson of ``teacher`` (number ``number`` of ``day``)."""
        return cls._lesson_vals(
            school_class, cls.subject_math, cls.teacher, day, lesson_number=number, **vals
        )

    def _start_journal_tour(self, tour, user=None, **params):
        """The browser tour ``tour`` (an ``HttpCase``'s) on the journal of Math in 5А in
        ``period``, logged in as ``user`` (by default ``teacher``); ``params`` add to the
        address (``lesson_id``, ``journal_mode``)."""
        params = dict(
            class_id=self.class_5a.id, subject_id=self.subject_math.id, period_id=self.period.id, **params
        )
        login = (user or self.teacher).login
        self.start_tour(f"/odoo/school-journal?{urlencode(params)}", tour, login=login)

    def _entries(self, lesson, student):
        """The marks and the attendance entry of ``student`` at ``lesson``."""
        domain = [("lesson_id", "=", lesson.id), ("student_id", "=", student.id)]
        return self.env["school.mark"].search(domain), self.env["school.attendance"].search(domain)


# ======================================================================
# DiaryFixtures: the e-diary of parents and students, on the real clock
# ======================================================================
class DiaryFixtures(SchoolCase):
    """A small school for the e-diary, built once per test class (no frozen time: the
    browser and the record rules run on the real clock).

    5А (class teacher ``class_teacher``, Math; ``teacher_russian`` Russian):
    ``child_maria`` (guardians: ``parent_mother`` with login, ``guardian_father`` without
    login who does not want marks by e-mail, ``parent_ended`` whose link ended yesterday),
    ``child_petr`` (guardians: ``parent_other`` with login, ``guardian_granny`` who refused
    electronic access), ``child_ivan`` (``user_student`` is him). 5Б (``teacher_5b``, Math):
    ``child_alexey`` (guardian: ``parent_mother``).

    Lessons of the week of ``ref_day`` (today, or the last school day of the term that ended
    last): 5А Math on ``day1`` (topic "Сложение дробей", homework "№ 123"), 5А Russian on
    ``day2``, 5Б Math on ``day1``; marks and attendance of each child on them.
    """

    @classmethod
    def _setup_school(cls):
        (cls.school,) = cls._create_schools(
            {"name": "Школа № 7 (дневник)", "email": "school7@example.com"}, switch_user=False
        )
        cls.today = fields.Date.context_today(cls.env.user)
        cls.year = cls._create_year(cls._year_start(cls.today))
        quarters = cls._periods("quarter")
        cls.term = (
            quarters.filtered(lambda p: p.date_start <= cls.today <= p.date_end)[:1]
            or quarters.filtered(lambda p: p.date_start <= cls.today)[-1:]
        )
        cls.ref_day = (
            cls.today if cls.term.date_start <= cls.today <= cls.term.date_end else cls.term.date_end
        )
        monday = cls.ref_day - timedelta(days=cls.ref_day.weekday())
        days = [
            monday + timedelta(days=i)
            for i in range(5)
            if cls.term.date_start <= monday + timedelta(days=i) <= cls.term.date_end
        ]
        cls.week_start, cls.day1, cls.day2 = monday, days[0], days[-1]
        cls.policy = cls._create_policy("Положение об оценивании", cls.year.date_start, True)
        cls.subject_math, cls.subject_russian = cls.env["school.subject"].create(
            [
                {"name": "Математика", "sequence": 1, "company_id": cls.school.id},
                {"name": "Русский язык", "sequence": 2, "company_id": cls.school.id},
            ]
        )
        cls.room_12, cls.room_21 = cls.env["school.room"].create(
            [
                {"name": "Кабинет 12", "company_id": cls.school.id},
                {"name": "Кабинет 21", "company_id": cls.school.id},
            ]
        )

    @classmethod
    def _setup_staff(cls):
        new = cls._new_mail_user
        cls.class_teacher = new("dn_class_teacher", "class_teacher", "Классная Клавдия Петровна")
        cls.teacher_russian = new("dn_teacher_russian", "teacher", "Русова Раиса Романовна")
        cls.teacher_5b = new("dn_teacher_5b", "teacher", "Бэшкин Борис Борисович")
        cls.parent_mother = new("dn_mother", "parent", "Петрова Елена Викторовна")
        cls.parent_other = new("dn_other", "parent", "Сидорова Ирина Петровна")
        cls.parent_ended = new("dn_ended", "parent", "Петров Сергей Иванович")
        cls.user_student = new("dn_student", "student", "Иванов Иван Иванович")

    @classmethod
    def _setup_classes(cls):
        cls.class_5a = cls._create_class(5, "А", class_teacher_id=cls.class_teacher.id)
        cls.class_5b = cls._create_class(5, "Б")
        new = cls._create_student
        cls.child_maria = new("Петрова", "Мария", "Сергеевна", cls.class_5a)
        cls.child_petr = new("Сидоров", "Пётр", "Андреевич", cls.class_5a)
        cls.child_ivan = new("Иванов", "Иван", "Иванович", cls.class_5a, user_id=cls.user_student.id)
        cls.child_alexey = new("Петров", "Алексей", "Сергеевич", cls.class_5b)
        cls.guardian_father, cls.guardian_granny = cls.env["res.partner"].create(
            [
                {"name": "Петров Андрей Олегович", "email": "father@example.com"},
                {"name": "Сидорова Галина Ивановна", "email": "granny@example.com"},
            ]
        )
        (
            cls.link_maria_mother,
            cls.link_alexey_mother,
            cls.link_maria_father,
            cls.link_maria_ended,
            cls.link_petr_other,
            cls.link_petr_granny,
        ) = cls._link_guardians(
            [
                (cls.child_maria, cls.parent_mother.partner_id, "mother"),
                (cls.child_alexey, cls.parent_mother.partner_id, "mother"),
                (cls.child_maria, cls.guardian_father, "father", {"notify_marks": False}),
                (
                    cls.child_maria,
                    cls.parent_ended.partner_id,
                    "father",
                    {"date_end": cls.today - timedelta(days=1)},
                ),
                (cls.child_petr, cls.parent_other.partner_id, "mother"),
                (cls.child_petr, cls.guardian_granny, "grandmother", {"electronic_access_refused": True}),
            ],
            date_start=date(2020, 1, 1),
        )

    @classmethod
    def _setup_teaching(cls):
        cls._assign(
            (cls.class_teacher, cls.subject_math, cls.class_5a),
            (cls.teacher_russian, cls.subject_russian, cls.class_5a),
            (cls.teacher_5b, cls.subject_math, cls.class_5b),
        )
        cls.slot_math = cls.env["school.timetable.slot"].create(
            {
                "class_id": cls.class_5a.id,
                "subject_id": cls.subject_math.id,
                "teacher_id": cls.class_teacher.id,
                "room_id": cls.room_12.id,
                "weekday": str(cls.day1.weekday()),
                "lesson_number": 1,
                "date_from": cls.year.date_start,
                "date_to": cls.year.date_end,
            }
        )

    @classmethod
    def _setup_lessons(cls):
        cls.lesson_math = cls._lesson(
            cls.class_5a,
            cls.subject_math,
            cls.class_teacher,
            cls.day1,
            lesson_number=1,
            slot_id=cls.slot_math.id,
            room_id=cls.room_21.id,
            topic="Сложение дробей",
            homework="№ 123, 124",
        )
        cls.lesson_russian = cls._lesson(
            cls.class_5a,
            cls.subject_russian,
            cls.teacher_russian,
            cls.day2,
            planned_teacher_id=cls.class_teacher.id,
            lesson_number=2,
            topic="Имя существительное",
            homework="Упражнение 45",
        )
        cls.lesson_5b = cls._lesson(
            cls.class_5b,
            cls.subject_math,
            cls.teacher_5b,
            cls.day1,
            lesson_number=3,
            topic="Десятичные дроби",
            homework="№ 77",
        )
        answer, control = cls.work_type_answer, cls.work_type_control
        (
            cls.mark_maria_5,
            cls.mark_maria_4,
            cls.mark_petr_2,
            cls.mark_maria_russian,
            cls.mark_alexey,
            cls.mark_ivan,
        ) = cls.env["school.mark"].create(
            [
                cls._mark_vals(cls.lesson_math, cls.child_maria, 5, answer, comment="Молодец"),
                cls._mark_vals(cls.lesson_math, cls.child_maria, 4, control, comment=False),
                cls._mark_vals(
                    cls.lesson_math, cls.child_petr, 2, answer, comment="Секретный комментарий Сидорова"
                ),
                cls._mark_vals(cls.lesson_russian, cls.child_maria, 3, answer, comment=False),
                cls._mark_vals(cls.lesson_5b, cls.child_alexey, 3, answer, comment="Старайся, Алексей"),
                cls._mark_vals(cls.lesson_math, cls.child_ivan, 4, answer, comment="Ивану: хорошо"),
            ]
        )
        cls.late_maria, cls.absent_petr = cls.env["school.attendance"].create(
            [
                {
                    "lesson_id": cls.lesson_russian.id,
                    "student_id": cls.child_maria.id,
                    "code": "late",
                    "late_minutes": 10,
                },
                {"lesson_id": cls.lesson_russian.id, "student_id": cls.child_petr.id, "code": "absent"},
            ]
        )
        event_day = datetime.combine(cls.day1, datetime.min.time())
        cls.event_school, cls.event_5a, cls.event_5b = cls.env["school.event"].create(
            [
                {
                    "name": "Родительское собрание",
                    "date_start": event_day + timedelta(hours=15),
                    "company_id": cls.school.id,
                },
                {
                    "name": "Классный час 5А",
                    "date_start": event_day + timedelta(hours=12),
                    "class_id": cls.class_5a.id,
                    "company_id": cls.school.id,
                },
                {
                    "name": "Экскурсия 5Б в музей",
                    "date_start": event_day + timedelta(hours=9),
                    "class_id": cls.class_5b.id,
                    "company_id": cls.school.id,
                },
            ]
        )

    # names of the fixture before issue 16, kept for test modules written against it
    @classmethod
    def _setup_diary_school(cls):
        """Nothing left to do: ``setUpClass`` builds the school (kept for older modules)."""

    @classmethod
    def _publish_period_mark(cls, student, subject, school_class, period, value):
        return cls._period_mark(student, subject, school_class, period, value)
