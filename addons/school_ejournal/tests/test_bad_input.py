"""Bad input gets a clear message and changes nothing (issue 11 item 10).

Late minutes lie between 1 and the lesson's length; comments, topics and homework have
length limits; a mark is a value of the grading policy's scale written in ASCII digits
(JOUR-3, JOUR-5); the plan import (PLAN-2) and the contingent import (SETUP-5) take at most
5,000 rows and 5 MB, stream the sheet over a bounded number of columns and report the first
50 bad rows with the count of the others.
"""

import base64
import io
import re
import tracemalloc

import openpyxl

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SchoolJournalCommon

# a ValidationError is a UserError: either is a clear message
MARK_ERRORS = UserError
# a reported bad row, in the user's language
BAD_ROW = re.compile(r"^(?:Row|Строка) \d+:", re.MULTILINE)


@tagged("post_install", "-at_install")
class TestBadInput(SchoolJournalCommon):
    # ------------------------------------------------------------------
    # Attendance: minutes late
    # ------------------------------------------------------------------
    def test_late_minutes_within_the_lesson(self):
        Attendance = self._as(self.teacher_1, "school.attendance")
        vals = {"lesson_id": self.lesson_5a.id, "student_id": self.student_anna.id, "code": "late"}
        for minutes in (-30, 100000, 46):
            with self.assertRaises(ValidationError, msg=minutes):
                Attendance.create(dict(vals, late_minutes=minutes))
        self.assertFalse(Attendance.search([("lesson_id", "=", self.lesson_5a.id)]))
        entry = Attendance.create(dict(vals, late_minutes=10))
        with self.assertRaises(ValidationError):
            entry.write({"late_minutes": -1})
        self.assertEqual(entry.late_minutes, 10)
        # the lesson's length comes from the bell schedule of its class
        self.class_5a.bell_schedule_id = self.env["school.bell.schedule"].create(
            {
                "name": "Короткие уроки",
                "company_id": self.school.id,
                "bell_ids": [Command.create({"number": 1, "time_start": 8.0, "time_end": 8.5})],
            }
        )
        with self.assertRaises(ValidationError):
            entry.write({"late_minutes": 31})
        entry.write({"late_minutes": 30})
        self.assertEqual(entry.late_minutes, 30)

    # ------------------------------------------------------------------
    # Length limits of free texts
    # ------------------------------------------------------------------
    def test_text_length_limits(self):
        with self.assertRaises(ValidationError):
            self._mark(self.lesson_5a, self.student_anna, 5, comment="x" * 20000)
        self.assertFalse(self.env["school.mark"].search([("lesson_id", "=", self.lesson_5a.id)]))
        mark = self._mark(self.lesson_5a, self.student_anna, 5, comment="x" * 500)
        with self.assertRaises(ValidationError):
            mark.with_user(self.teacher_1).write({"comment": "y" * 501})
        self.assertEqual(mark.comment, "x" * 500)
        lesson = self.lesson_5a.with_user(self.teacher_1)
        with self.assertRaises(ValidationError):
            lesson.write({"topic": "т" * 1001})
        with self.assertRaises(ValidationError):
            lesson.write({"homework": "д" * 5001})
        lesson.write({"topic": "Дроби", "homework": "№ 12"})
        self.assertRecordValues(self.lesson_5a, [{"topic": "Дроби", "homework": "№ 12"}])

    # ------------------------------------------------------------------
    # Marks: ASCII digits of the scale
    # ------------------------------------------------------------------
    def test_mark_text_parsing(self):
        Grid = self._as(self.teacher_1, "school.journal.grid")
        for text in ("٥", "²", "５", "9" * 5000, "6", "55"):
            with self.assertRaises(MARK_ERRORS, msg=text[:10]):
                Grid.save_cell(self.lesson_5a.id, self.student_anna.id, text)
        self.assertFalse(self.env["school.mark"].search([("lesson_id", "=", self.lesson_5a.id)]))
        result = Grid.save_cell(self.lesson_5a.id, self.student_anna.id, "5 4")
        self.assertEqual([m["value"] for m in result["cell"]["marks"]], [5, 4])
        # the same through the ORM (JSON-RPC create of a mark)
        Mark = self._as(self.teacher_1, "school.mark")
        for value in ("٥", "²", 10**12):
            with self.assertRaises(MARK_ERRORS, msg=str(value)[:10]):
                Mark.create(
                    {
                        "lesson_id": self.lesson_5a.id,
                        "student_id": self.student_vera.id,
                        "value": value,
                        "work_type_id": self.work_type_answer.id,
                    }
                )
        self.assertFalse(self.env["school.mark"].search([("student_id", "=", self.student_vera.id)]))
        # and the period marks' grid
        PeriodMark = self._as(self.teacher_1, "school.period.mark")
        for value in ("٥", "²", "9" * 5000):
            with self.assertRaises(MARK_ERRORS, msg=value[:10]):
                PeriodMark.save_period_mark_grid(
                    self.class_5a.id,
                    self.subject_math.id,
                    self.quarter_2.id,
                    {str(self.student_vera.id): value},
                )
        self.assertFalse(
            self.env["school.period.mark"].search(
                [("student_id", "=", self.student_vera.id), ("value", "!=", 0)]
            )
        )
        # and a period mark written through the ORM
        row = self.env["school.period.mark"].create(
            {
                "student_id": self.student_vera.id,
                "subject_id": self.subject_math.id,
                "class_id": self.class_5a.id,
                "period_id": self.quarter_2.id,
            }
        )
        for value in ("٥", "²", 10**12):
            with self.assertRaises(MARK_ERRORS, msg=str(value)[:10]):
                row.with_user(self.teacher_1).write({"value": value})
        self.assertEqual(row.value, 0)

    # ------------------------------------------------------------------
    # Imports: size, rows, columns, error report
    # ------------------------------------------------------------------
    def _plan(self):
        return self.env["school.plan"].create(
            {
                "year_id": self.year.id,
                "subject_id": self.subject_math.id,
                "class_id": self.class_5a.id,
                "grade": 5,
                "teacher_id": self.teacher_1.id,
                "topic_ids": [Command.create({"name": "Старая тема", "hours": 1})],
            }
        )

    @staticmethod
    def _plan_xlsx(rows, far_cell=False):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet["A1"], sheet["C1"] = "Предмет", "Математика"
        sheet.cell(row=5, column=1, value="№")
        for col, title in enumerate(("Раздел", "Тема", "Часы", "Вид работы", "Дата по плану"), 2):
            sheet.cell(row=5, column=col, value=title)
        for index, row in enumerate(rows, 1):
            for col, value in enumerate((index, *row), 1):
                sheet.cell(row=5 + index, column=col, value=value)
        if far_cell:
            sheet.cell(row=2, column=16384, value="x")  # column XFD, the last one
        output = io.BytesIO()
        workbook.save(output)
        return output.getvalue()

    def _import_plan(self, plan, content):
        wizard = (
            self.env["school.plan.import.wizard"]
            .with_user(self.teacher_1)
            .create({"plan_id": plan.id, "file": base64.b64encode(content), "filename": "plan.xlsx"})
        )
        return wizard.action_import()

    def test_plan_import_limits(self):
        plan = self._plan()
        # many bad rows: the first 50 are listed, then their count
        with self.assertRaises(UserError) as error:
            self._import_plan(plan, self._plan_xlsx([("Раздел", f"Тема {i}", "много") for i in range(300)]))
        message = str(error.exception)
        self.assertEqual(len(BAD_ROW.findall(message)), 50)
        self.assertIn("250", message)
        self.assertLess(len(message), 10000)
        # more than 5,000 rows
        with self.assertRaises(UserError) as error:
            self._import_plan(plan, self._plan_xlsx([("Раздел", "Тема", 1)] * 5001))
        self.assertIn("5 000", str(error.exception))
        # more than 5 MB
        with self.assertRaises(UserError):
            self._import_plan(plan, b"PK" + b"0" * (5 * 1024 * 1024 + 1))
        self.assertEqual(plan.topic_ids.mapped("name"), ["Старая тема"])

    def test_plan_import_far_column_is_cheap(self):
        """A cell in column XFD does not make the parser build 16,384 cells per row."""
        plan = self._plan()
        content = self._plan_xlsx([("Раздел", f"Тема {i}", 1) for i in range(300)], far_cell=True)
        tracemalloc.start()
        try:
            vals_list, errors = plan._parse_xlsx(content)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        self.assertFalse(errors)
        self.assertEqual(len(vals_list), 300)
        self.assertLess(peak, 25 * 1024 * 1024)

    def test_contingent_import_limits(self):
        header = "Фамилия;Имя;Класс\n"
        content = (header + "Иванов;Иван;5А\n" * 5001).encode()
        wizard = self._contingent_wizard(content, "contingent.csv")
        with self.assertRaises(UserError) as error:
            wizard.action_import()
        self.assertIn("5 000", str(error.exception))
        # bad rows: the first 50 are listed, then their count
        content = (header + "Иванов;Иван;9Я\n" * 120).encode()
        wizard.file = base64.b64encode(content)
        with self.assertRaises(UserError) as error:
            wizard.action_import()
        message = str(error.exception)
        self.assertEqual(len(BAD_ROW.findall(message)), 50)
        self.assertIn("70", message)
