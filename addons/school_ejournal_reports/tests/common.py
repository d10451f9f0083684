"""Shared fixtures of the reports tests: a journal of class 5А to print (REP-1..12, ARCH-1..3).

``ReportsCommon`` extends the small school of ``school_ejournal``'s ``SchoolCommon`` (users
per role, classes 5А, 5Б, 10А, 1А, the grading policy with weights 1 for an oral answer and
3 for a control work) with a hand-built journal of 5А, everything created as superuser.
Time is frozen on Wednesday 18.11.2026, a school day of the 2nd quarter of 2026/2027; the
1st quarter (01.09-26.10.2026) is over.

1st quarter, 5А (``class_teacher`` teaches Math, ``teacher_english`` the English subgroup
of Иванов and Петрова):

=========  =====  ==========================  ============================================
lesson     date   topic                       marks (weight) / attendance
=========  =====  ==========================  ============================================
math_1     07.09  Натуральные числа           Иванов 5, Петрова 3, Сидоров 2 (all 1)
english_1  08.09  Алфавит                     Иванов 4, Петрова 5
math_2     14.09  Сложение                    Иванов 4 and late (ОП); Петрова ill (Б);
                                              Сидоров absent (Н)
math_3     05.10  Умножение                   Сидоров 3; Петрова ill (Б)
english_2  06.10  Числительные                Иванов 5; Петрова ill (Б)
math_4     12.10  Контрольная работа № 1      control work (3): Иванов 5, Петрова 3,
                                              Сидоров 3; and an oral answer: Петрова 4
math_5     19.10  Деление                     Иванов absent (Н), Сидоров excused (УП)
=========  =====  ==========================  ============================================

Weighted averages in Math: Иванов 24/5 = 4.8, Петрова 16/5 = 3.2, Сидоров 14/5 = 2.8.
Period marks of the 1st quarter: Math 5, 3, 2; English 4 (Иванов), 5 (Петрова). Year mark
in Math: Иванов 5, Петрова 4.

The week 16.11-20.11.2026 (2nd quarter): ``math_6`` 16.11 (Дроби, homework «№ 101, 102»;
Иванов 5, Петрова 3 changed to 4 by the class teacher on 18.11), ``math_7`` 17.11
(Сравнение дробей, homework «§ 12»; Иванов 4; Сидоров late), ``english_3`` 17.11 (Мой дом,
homework «Упр. 4»; Иванов 5).

Movement: ``student_novikov`` studied in 5Б until 09.11.2026 and was transferred to 5А on
10.11.2026 by order «№ 45».
"""

import io
import re
from datetime import date

import openpyxl

from odoo.tests import freeze_time

from odoo.addons.school_ejournal.tests.common import MUTE_ACCESS, TODAY, SchoolCommon

__all__ = ["MUTE_ACCESS", "TODAY", "ReportsCommon", "form_report", "xlsx_rows", "xlsx_table"]


def form_report(code):
    """The xmlid of the PDF report of a form (one report per form, issue 16 item 9)."""
    return f"school_ejournal_reports.action_report_{code}"


def xlsx_rows(content, sheet=0):
    """The rows of a sheet of an XLSX file as lists of values, trailing blanks removed."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    rows = []
    for values in workbook.worksheets[sheet].iter_rows(values_only=True):
        values = list(values)
        while values and values[-1] is None:
            values.pop()
        rows.append(values)
    return rows


def xlsx_table(rows, title=None, header_start=None):
    """(columns, body, footer) of a section of a sheet written by school.report.xlsx.

    The section is found by its title (the header is the next row) or by the first cells of
    its header; it runs to the next blank row. Footer rows have no number in column A.
    """
    for index, values in enumerate(rows):
        if title is not None and values == [title]:
            start = index + 1
            break
        if header_start is not None and values[: len(header_start)] == list(header_start):
            start = index
            break
    else:
        raise AssertionError(f"No section {title or header_start} in the sheet")
    columns = rows[start]
    lines = []
    for values in rows[start + 1 :]:
        if not values:
            break
        lines.append(values)
    body = [line for line in lines if line[0] is not None]
    footer = [line for line in lines if line[0] is None]
    return columns, body, footer


@freeze_time("2026-11-18 10:00:00")
class ReportsCommon(SchoolCommon):
    """The school of ``SchoolCommon`` with a journal of 5А (see the module docstring): the
    layers of lessons and period marks of ``SchoolCase`` filled in."""

    @classmethod
    def _setup_teaching(cls):
        result = super()._setup_teaching()
        cls.policy.action_load_work_types()
        cls.quarter_1, cls.quarter_2 = cls.quarters[0], cls.quarters[1]
        cls.student_ivanov.personal_file = "ЛД-001"
        cls.student_petrova.personal_file = "ЛД-002"
        cls.student_sidorov.personal_file = "ЛД-003"
        return result

    @classmethod
    def _setup_lessons(cls):
        result = super()._setup_lessons()
        cls._setup_journal()
        return result

    @classmethod
    def _setup_period_marks(cls):
        """The period marks of the 1st quarter, then the week of 16.11 and the transfer."""
        result = super()._setup_period_marks()
        cls._setup_quarter_marks()
        cls._setup_week()
        cls._setup_movement()
        return result

    # ------------------------------------------------------------------
    # Builders
    # ------------------------------------------------------------------
    @classmethod
    def _journal_lesson(cls, day, number, topic, subject=None, teacher=None, school_class=None, **vals):
        """A lesson of 5А numbered ``number`` on ``day`` (Math of the class teacher by default)."""
        return cls._lesson(
            school_class or cls.class_5a,
            subject or cls.subject_math,
            teacher or cls.class_teacher,
            day,
            lesson_number=number,
            topic=topic,
            **vals,
        )

    @classmethod
    def _english(cls, day, number, topic, **vals):
        return cls._journal_lesson(
            day,
            number,
            topic,
            subject=cls.subject_english,
            teacher=cls.teacher_english,
            subgroup_id=cls.subgroup_5a_english.id,
            **vals,
        )

    @classmethod
    def _setup_journal(cls):
        ivanov, petrova, sidorov = cls.student_ivanov, cls.student_petrova, cls.student_sidorov
        cls.math_1 = cls._journal_lesson(date(2026, 9, 7), 1, "Натуральные числа", homework="№ 1-5")
        cls.english_1 = cls._english(date(2026, 9, 8), 3, "Алфавит")
        cls.math_2 = cls._journal_lesson(date(2026, 9, 14), 1, "Сложение", homework="№ 10")
        cls.math_3 = cls._journal_lesson(date(2026, 10, 5), 2, "Умножение")
        cls.english_2 = cls._english(date(2026, 10, 6), 3, "Числительные")
        cls.math_4 = cls._journal_lesson(
            date(2026, 10, 12), 1, "Контрольная работа № 1", work_type_ids=[cls.work_type_control.id]
        )
        cls.math_5 = cls._journal_lesson(date(2026, 10, 19), 1, "Деление")
        cls._marks(cls.math_1, {ivanov: 5, petrova: 3, sidorov: 2})
        cls._marks(cls.english_1, {ivanov: 4, petrova: 5})
        cls._marks(cls.math_2, {ivanov: 4})
        cls._marks(cls.math_3, {sidorov: 3})
        cls._marks(cls.english_2, {ivanov: 5})
        cls._marks(cls.math_4, {ivanov: 5, petrova: 3, sidorov: 3}, cls.work_type_control)
        cls._marks(cls.math_4, {petrova: 4})
        cls._absences(cls.math_2, {ivanov: "late", petrova: "ill", sidorov: "absent"})
        cls._absences(cls.math_3, {petrova: "ill"})
        cls._absences(cls.english_2, {petrova: "ill"})
        cls._absences(cls.math_5, {ivanov: "absent", sidorov: "excused"})

    @classmethod
    def _setup_quarter_marks(cls):
        ivanov, petrova, sidorov = cls.student_ivanov, cls.student_petrova, cls.student_sidorov
        cls.period_marks = cls.env["school.period.mark"].concat(
            *(
                cls._period_mark(student, subject, cls.class_5a, period, value)
                for period, subject, student, value in (
                    (cls.quarter_1, cls.subject_math, ivanov, 5),
                    (cls.quarter_1, cls.subject_math, petrova, 3),
                    (cls.quarter_1, cls.subject_math, sidorov, 2),
                    (cls.quarter_1, cls.subject_english, ivanov, 4),
                    (cls.quarter_1, cls.subject_english, petrova, 5),
                    (cls.period_year, cls.subject_math, ivanov, 5),
                    (cls.period_year, cls.subject_math, petrova, 4),
                )
            )
        )

    @classmethod
    def _setup_week(cls):
        ivanov, petrova, sidorov = cls.student_ivanov, cls.student_petrova, cls.student_sidorov
        cls.week_start, cls.week_end = date(2026, 11, 16), date(2026, 11, 20)
        cls.math_6 = cls._journal_lesson(date(2026, 11, 16), 1, "Дроби", homework="№ 101, 102")
        cls.math_7 = cls._journal_lesson(date(2026, 11, 17), 2, "Сравнение дробей", homework="§ 12")
        cls.english_3 = cls._english(date(2026, 11, 17), 3, "Мой дом", homework="Упр. 4")
        cls._marks(cls.math_6, {ivanov: 5})
        cls.mark_changed = cls._marks(cls.math_6, {petrova: 3})
        cls._marks(cls.math_7, {ivanov: 4})
        cls._marks(cls.english_3, {ivanov: 5})
        cls._absences(cls.math_7, {sidorov: "late"})
        # the class teacher corrects a mark of own lesson within the edit window (JOUR-7)
        cls.mark_changed.with_user(cls.class_teacher).write({"value": 4})

    @classmethod
    def _setup_movement(cls):
        cls.student_novikov = cls._create_student(
            "Новиков", "Николай", "Олегович", cls.class_5b, date_end=date(2026, 11, 9)
        )
        cls.env["school.enrollment"].create(
            {
                "student_id": cls.student_novikov.id,
                "class_id": cls.class_5a.id,
                "date_start": date(2026, 11, 10),
            }
        )
        cls.transfer = cls.env["school.movement"].create(
            {
                "student_id": cls.student_novikov.id,
                "movement_type": "transfer",
                "date": date(2026, 11, 10),
                "from_class_id": cls.class_5b.id,
                "to_class_id": cls.class_5a.id,
                "order_number": "№ 45",
                "reason": "Заявление родителей",
            }
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _wizard(self, code, user=None, **vals):
        Wizard = self.env["school.report.wizard"]
        if user:
            Wizard = Wizard.with_user(user)
        return Wizard.create(dict(vals, report_code=code))

    def _digest(self, student, user=None):
        """The wizard of the student digest of ``student`` for the week 16.11-20.11.2026."""
        return self._wizard(
            "student_digest", user, student_id=student.id, date_from=self.week_start, date_to=self.week_end
        )

    def _export(self, wizard):
        """Export the wizard's form to XLSX; return the rows of its sheet."""
        action = wizard.action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment = self.env["ir.attachment"].browse(
            int(re.search(r"/web/content/(\d+)", action["url"]).group(1))
        )
        self.assertTrue(attachment.name.endswith(".xlsx"))
        return xlsx_rows(attachment.raw)

    def _sql_one(self, query, *params):
        self.env.flush_all()
        self.env.cr.execute(query, params)
        return self.env.cr.fetchone()[0]
