"""Fixtures of the period-mark and control tests: a small school of the year 2026/2027.

School ``cls.school``, year 2026/2027 from 2026-09-01 with the usual periods (1st quarter
01.09-26.10, 2nd quarter 05.11-28.12, 3rd quarter 09.01-21.03 ...). Two dated grading
policies: ``policy`` for 2026 (thresholds 4.6 / 3.6 / 2.6, at least 3 marks) and
``policy_2027`` from 2027-01-01 (4.5 / 3.5 / 2.5). Work types weigh as loaded from their
defaults (answer 1, test 2, control 3), homework weighs 0.

=====  =================  =============================  ======================================
class  class teacher      students                       teaching assignments
=====  =================  =============================  ======================================
5А     ``class_teacher``  ``s_ivanov`` (``user_student``),  Math: ``teacher_math``; Russian:
                          ``s_petrova`` (child of         ``class_teacher``; English subgroup
                          ``user_parent``), ``s_sidorov``  (Ivanov, Petrova): ``teacher_english``
5Б     -                  ``s_kuznetsov``                Math: ``teacher_other``
=====  =================  =============================  ======================================

``user_other_parent`` is the guardian of ``s_kuznetsov`` only. ``user_admin`` (ROLE-1),
``user_deputy`` (ROLE-3) and ``teacher_idle`` (a teacher with nothing to do) complete the
staff. Lessons are created as superuser with their ``teacher_id``.
"""

from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT


class PeriodMarkCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT, lang="en_US"))
        cls.school = cls.env["res.company"].create({"name": "МБОУ СОШ № 7 (итоговые отметки)"})
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
        periods = cls.year.period_ids
        cls.q1, cls.q2, cls.q3, cls.q4 = periods.filtered(lambda p: p.period_type == "quarter").sorted(
            "date_start"
        )
        cls.period_year = periods.filtered(lambda p: p.period_type == "year")

        cls.wt_answer = cls.env.ref("school_ejournal.work_type_answer")
        cls.wt_test = cls.env.ref("school_ejournal.work_type_test")
        cls.wt_control = cls.env.ref("school_ejournal.work_type_control")
        cls.wt_homework = cls.env.ref("school_ejournal.work_type_homework")
        Policy = cls.env["school.grading.policy"]
        cls.policy = Policy.create(
            {
                "name": "Положение 2026",
                "date_from": date(2026, 9, 1),
                "date_to": date(2026, 12, 31),
                "mark_scale": "2_5",
                "edit_window": "2w",
                "min_marks": 3,
                "threshold_5": 4.6,
                "threshold_4": 3.6,
                "threshold_3": 2.6,
                "company_id": cls.school.id,
            }
        )
        cls.policy_2027 = Policy.create(
            {
                "name": "Положение 2027",
                "date_from": date(2027, 1, 1),
                "mark_scale": "2_5",
                "edit_window": "2w",
                "min_marks": 3,
                "threshold_5": 4.5,
                "threshold_4": 3.5,
                "threshold_3": 2.5,
                "company_id": cls.school.id,
            }
        )
        (cls.policy | cls.policy_2027).action_load_work_types()
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

        def user(login, group, name):
            return new_test_user(
                cls.env,
                login=login,
                groups=f"school_ejournal.group_school_{group}",
                name=name,
                company_id=cls.school.id,
                company_ids=[Command.set(cls.school.ids)],
                email=f"{login}@example.com",
                lang="en_US",
            )

        cls.user_admin = user("pm_admin", "admin", "Админова Анна")
        cls.user_deputy = user("pm_deputy", "deputy", "Завучева Зоя")
        cls.class_teacher = user("pm_class_teacher", "class_teacher", "Классная Клавдия")
        cls.teacher_math = user("pm_teacher_math", "teacher", "Математиков Марк")
        cls.teacher_english = user("pm_teacher_english", "teacher", "Английская Елена")
        cls.teacher_other = user("pm_teacher_other", "teacher", "Другов Дмитрий")
        cls.teacher_idle = user("pm_teacher_idle", "teacher", "Свободнов Степан")
        cls.user_parent = user("pm_parent", "parent", "Петрова Елена")
        cls.user_other_parent = user("pm_other_parent", "parent", "Кузнецова Ольга")
        cls.user_student = user("pm_student", "student", "Иванов Иван")

        Class = cls.env["school.class"]
        cls.class_5a = Class.create(
            {
                "grade": 5,
                "letter": "А",
                "year_id": cls.year.id,
                "class_teacher_id": cls.class_teacher.id,
                "company_id": cls.school.id,
            }
        )
        cls.class_5b = Class.create(
            {"grade": 5, "letter": "Б", "year_id": cls.year.id, "company_id": cls.school.id}
        )

        def student(last, first, school_class, **vals):
            rec = cls.env["school.student"].create(
                dict(vals, last_name=last, first_name=first, company_id=cls.school.id)
            )
            cls.env["school.enrollment"].create(
                {"student_id": rec.id, "class_id": school_class.id, "date_start": date(2026, 9, 1)}
            )
            return rec

        cls.s_ivanov = student("Иванов", "Иван", cls.class_5a, user_id=cls.user_student.id)
        cls.s_petrova = student("Петрова", "Мария", cls.class_5a)
        cls.s_sidorov = student("Сидоров", "Пётр", cls.class_5a)
        cls.s_kuznetsov = student("Кузнецов", "Кирилл", cls.class_5b)
        cls.students_5a = cls.s_ivanov | cls.s_petrova | cls.s_sidorov
        cls.env["school.guardian.link"].create(
            [
                {
                    "student_id": cls.s_petrova.id,
                    "guardian_id": cls.user_parent.partner_id.id,
                    "relation": "mother",
                    "date_start": date(2026, 9, 1),
                    "consent_date": date(2026, 9, 1),
                },
                {
                    "student_id": cls.s_kuznetsov.id,
                    "guardian_id": cls.user_other_parent.partner_id.id,
                    "relation": "mother",
                    "date_start": date(2026, 9, 1),
                    "consent_date": date(2026, 9, 1),
                },
            ]
        )
        cls.subgroup_english = cls.env["school.subgroup"].create(
            {
                "name": "Группа 1",
                "class_id": cls.class_5a.id,
                "subject_id": cls.english.id,
                "teacher_id": cls.teacher_english.id,
                "student_ids": [Command.set((cls.s_ivanov | cls.s_petrova).ids)],
            }
        )
        cls.env["school.curriculum.line"].create(
            [
                {"class_id": cls.class_5a.id, "subject_id": cls.math.id, "hours_per_week": 5},
                {"class_id": cls.class_5a.id, "subject_id": cls.russian.id, "hours_per_week": 4},
                {
                    "class_id": cls.class_5a.id,
                    "subject_id": cls.english.id,
                    "hours_per_week": 3,
                    "split_in_subgroups": True,
                },
                {"class_id": cls.class_5b.id, "subject_id": cls.math.id, "hours_per_week": 5},
            ]
        )
        Assignment = cls.env["school.teaching.assignment"]
        cls.assignment_5a_math = Assignment.create(
            {"teacher_id": cls.teacher_math.id, "subject_id": cls.math.id, "class_id": cls.class_5a.id}
        )
        cls.assignment_5a_russian = Assignment.create(
            {"teacher_id": cls.class_teacher.id, "subject_id": cls.russian.id, "class_id": cls.class_5a.id}
        )
        cls.assignment_5a_english = Assignment.create(
            {
                "teacher_id": cls.teacher_english.id,
                "subject_id": cls.english.id,
                "class_id": cls.class_5a.id,
                "subgroup_id": cls.subgroup_english.id,
            }
        )
        cls.assignment_5b_math = Assignment.create(
            {"teacher_id": cls.teacher_other.id, "subject_id": cls.math.id, "class_id": cls.class_5b.id}
        )
        cls.PeriodMark = cls.env["school.period.mark"]

    # ------------------------------------------------------------------
    @classmethod
    def _lesson(cls, school_class, subject, teacher, day, **vals):
        """A lesson given by ``teacher``, created as superuser."""
        return cls.env["school.lesson"].create(
            dict(
                {
                    "class_id": school_class.id,
                    "subject_id": subject.id,
                    "teacher_id": teacher.id,
                    "date": day,
                    "topic": "Тема урока",
                    "homework": "№ 1-3",
                    "state": "done",
                },
                **vals,
            )
        )

    @classmethod
    def _marks(cls, lesson, values, work_type=None):
        """Marks at a lesson, as superuser: {student: value or [values]}."""
        vals_list = []
        for student, marks in values.items():
            for value in marks if isinstance(marks, (list, tuple)) else [marks]:
                vals_list.append(
                    {
                        "lesson_id": lesson.id,
                        "student_id": student.id,
                        "value": value,
                        "work_type_id": (work_type or cls.wt_answer).id,
                    }
                )
        return cls.env["school.mark"].create(vals_list)
