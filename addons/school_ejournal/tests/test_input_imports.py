"""Malformed files given to the imports (issue 11 item 10; SETUP-5, PLAN-2, issue 14 duty 11).

A careless or hostile user uploads a file with a wrong extension, a non-XLSX renamed .xlsx,
an empty file, a missing, renamed or doubled column, bad dates, duplicates, an unknown class,
over-long texts, formulas, stray spaces, a class typed in the Latin layout ("5A" for "5А").
Each bad file is refused with a message naming the row (and the column) and leaves the
database as it was; what is only untidy (spaces, extra columns, "5A") is imported.
"""

import base64
import io
import zipfile

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import tagged

from . import test_bad_input
from .common import SchoolJournalCommon

IMPORTED = (
    "school.student",
    "school.enrollment",
    "res.partner",
    "school.guardian.link",
    "school.consent",
    "res.users",
)


def xlsx(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    # a text starting with "=" kept as a text cell, as a spreadsheet saves a typed "'=..."
    for cell in (c for row in workbook.active.iter_rows() for c in row):
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


@tagged("post_install", "-at_install")
class TestInputImports(SchoolJournalCommon):
    def _import(self, content, filename="contingent.csv", lang="en_US"):
        if isinstance(content, str):
            content = content.encode()
        wizard = self._contingent_wizard(content, filename, year_id=self.year.id)
        return wizard.with_context(lang=lang).action_import()

    def assertRefused(self, content, *expected, filename="contingent.csv", lang="en_US"):
        """The import of ``content`` is refused with ``expected`` in its message and changes
        nothing."""
        before = self._record_counts(*IMPORTED)
        with self.subTest(content=content[:80], filename=filename), self.assertRaises(UserError) as caught:
            self._import(content, filename, lang)
        for text in expected:
            self.assertIn(text, str(caught.exception))
        self.assertEqual(self._record_counts(*IMPORTED), before)
        return str(caught.exception)

    def test_not_a_table(self):
        table = "Фамилия;Имя;Класс\nИванов;Иван;5А\n"
        not_a_workbook = "neither an XLSX workbook nor a CSV file"
        self.assertRefused(table, not_a_workbook, filename="contingent.txt")
        self.assertRefused(b"%PDF-1.4 not a table", not_a_workbook, filename="contingent.xlsx")
        self.assertRefused(b"", not_a_workbook, filename="contingent.xlsx")
        self.assertRefused(b"", "The file is empty.")
        self.assertRefused("\n;;\n", "The file is empty.")
        # a zip that is no workbook (a .docx renamed)
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as zipped:
            zipped.writestr("word/document.xml", "<w:document/>")
        self.assertRefused(archive.getvalue(), not_a_workbook, filename="contingent.xlsx")
        self.assertRefused("Фамилия;Имя;Класс\n".encode("cp1251"), "UTF-8")

    def test_bad_columns(self):
        # a missing or renamed column is named as the user writes it, not by its inner key
        message = self.assertRefused("Фамилия;Имя;Класс ученика\nИванов;Иван;5А\n", "missing: Класс.")
        self.assertNotIn("class", message)
        self.assertRefused("Фамилия;Имя\nИванов;Иван\n", "missing: Класс.")
        # one column: the CSV sniffer finds no delimiter (before: a server error)
        self.assertRefused("Фамилия\nИванов\n", "missing: Имя, Класс.")
        self.assertRefused("Фамилия;Имя;Класс;Класс\nИванов;Иван;5А;5Б\n", "same column twice: Класс.")
        # a NUL byte in the CSV (before: a server error), named by its row and column
        self.assertRefused(
            "Фамилия;Имя;Класс\nИванов;Иван;5А\nПетров;Пё\0тр;5А\n",
            "Row 3:",
            "column «Имя»: the text holds control",
        )
        # a huge field: refused by its row and column
        self.assertRefused("Фамилия;Имя;Класс\nИванов;" + "И" * 140000 + ";5А\n", "Row 2:", "column «Имя»")
        # in Russian for a Russian user
        self.assertRefused("Фамилия;Имя\nИванов;Иван\n", "отсутствуют: Класс", lang="ru_RU")

    def test_bad_rows(self):
        head = "Фамилия;Имя;Класс;Дата рождения;Дата согласия;Представитель;Email представителя\n"
        cases = [
            ("Иванов;Иван;5А;31.02.2015;01.09.2026;;", "date of birth '31.02.2015' is not a date"),
            ("Иванов;Иван;5А;2015-13-01;01.09.2026;;", "date of birth '2015-13-01' is not a date"),
            ("Иванов;Иван;5А;вчера;01.09.2026;;", "date of birth 'вчера' is not a date"),
            ("Иванов;Иван;5А;01.01.1800;01.09.2026;;", "is not possible for a student"),
            ("Иванов;Иван;5А;01.01.2030;01.09.2026;;", "is not possible for a student"),
            ("Иванов;Иван;9Я;;;;", "class '9Я' does not exist"),
            ("Иванов;Иван;5А;;01.09.2026;Иванова Анна;anna.example.ru", "is not an address"),
            ("Я" * 300 + ";Иван;5А;;;;", "column «Фамилия»: the text is longer than 255 characters"),
            ('"=HYPERLINK(""http://evil.example"";""Иванов"")";Иван;5А;;;;', "column «Фамилия»: a formula"),
            (";Иван;5А;;;;", "last name and first name are required"),
        ]
        for row, expected in cases:
            # the good row first: the bad one is row 3, named in the message
            self.assertRefused(head + "Петров;Пётр;5А;;;;\n" + row + "\n", "Row 3:", expected)
        message = self.assertRefused(head + "Петров;Пётр;5А;;;;\n" * 2, "Row 3:", "duplicate of row 2")
        self.assertNotIn("Row 2:", message)
        self.assertRefused(
            head + "Я" * 300 + ";Иван;9Я;;;;\n", "Строка 2:", "столбец «Фамилия»", "«9Я»", lang="ru_RU"
        )

    def test_untidy_rows_are_imported(self):
        """Spaces, a hyphen, Latin look-alike letters and extra columns are no errors."""
        class_6a = self._create_class(6, "А")
        self._import(
            "  Фамилия ;Имя;Класс;Любимый цвет\n"
            "  Петров  ; Пётр ; 5 а ;синий\n"
            "Сидорова;Анна;5A;\n"  # Latin A
            "Кузнецов;Олег;6-a;\n"  # Latin a
            "Орлова;Ольга;5Б;\n"
        )
        Student = self.env["school.student"]
        petrov = Student.search([("last_name", "=", "Петров"), ("first_name", "=", "Пётр")])
        self.assertEqual(petrov.class_id, self.class_5a)
        self.assertEqual(Student.search([("last_name", "=", "Сидорова")]).class_id, self.class_5a)
        self.assertEqual(Student.search([("last_name", "=", "Кузнецов")]).class_id, class_6a)
        self.assertEqual(Student.search([("last_name", "=", "Орлова")]).class_id, self.class_5b)

    def test_xlsx_rows(self):
        head = ["Фамилия", "Имя", "Класс", "Дата рождения", "Дата согласия"]
        self.assertRefused(
            xlsx(
                [
                    head,
                    ["Петров", "Пётр", "5А", None, None],
                    ["Иванов", "Иван", "5А", "31.02.2015", "01.09.2026"],
                ]
            ),
            "Row 3:",
            "'31.02.2015' is not a date",
            filename="contingent.xlsx",
        )
        self.assertRefused(
            xlsx([head, ["Иванов", "Иван", "5А", 45000, "01.09.2026"]]),
            "Row 2:",
            "'45000' is not a date",
            filename="contingent.xlsx",
        )
        self.assertRefused(
            xlsx([["Фамилия", "Имя"], ["Иванов", "Иван"]]), "missing: Класс.", filename="contingent.xlsx"
        )

    def test_class_letter_in_latin_layout(self):
        """A letter typed in the Latin layout is the Cyrillic one: "6A" is the class 6А."""
        class_6a = self._create_class(6, "a")
        self.assertEqual((class_6a.letter, class_6a.name), ("А", "6А"))
        class_6a.letter = "B "
        self.assertEqual(class_6a.name, "6В")

    def test_staff_import_cells(self):
        before = self._record_counts(*IMPORTED)
        for row, expected in (
            ("=1+1;teacher_x;учитель", "column «ФИО»: a formula"),
            ("Учителева Ума;" + "x" * 300 + ";учитель", "column «Логин»: the text is longer"),
        ):
            wizard = (
                self.env["school.staff.import.wizard"]
                .with_user(self.user_ej_admin)
                .create(
                    {"file": base64.b64encode(f"ФИО;Логин;Роль\n{row}\n".encode()), "filename": "staff.csv"}
                )
            )
            with self.subTest(row=row[:40]), self.assertRaises(UserError) as caught:
                wizard.action_import()
            self.assertIn("Row 2:", str(caught.exception))
            self.assertIn(expected, str(caught.exception))
        self.assertEqual(self._record_counts(*IMPORTED), before)

    def test_plan_import_rows(self):
        plan = test_bad_input.TestBadInput._plan(self)
        header = [["№", "Раздел", "Тема", "Часы", "Вид работы", "Дата по плану"]]
        cases = [
            ([1, "Раздел", "Дроби", "inf", None, None], "the hours «inf» are not a positive number"),
            ([1, "Раздел", "Дроби", 5000, None, None], "the hours «5000» are not a positive number"),
            ([1, "Раздел", "Дроби", "nan", None, None], "are not a positive number"),
            ([1, "Раздел", "Дроби", 1, None, "15.09.1990"], "outside the academic year"),
            ([1, "Раздел", "Дроби", 1, None, "31.02.2027"], "«31.02.2027» is not a date"),
            ([1, "Раздел", '=HYPERLINK("http://evil.example","Дроби")', 1, None, None], "a formula"),
        ]
        for row, expected in cases:
            wizard = (
                self.env["school.plan.import.wizard"]
                .with_user(self.teacher_1)
                .create(
                    {"plan_id": plan.id, "file": base64.b64encode(xlsx([*header, row])), "filename": "p.xlsx"}
                )
            )
            with self.subTest(row=row), self.assertRaises(UserError) as caught:
                wizard.action_import()
            self.assertIn("Row 2:", str(caught.exception))
            self.assertIn(expected, str(caught.exception))
        self.assertEqual(plan.topic_ids.mapped("name"), ["Старая тема"])
        # a topic reading like a formula (typed in the form) is exported as a text
        plan.topic_ids.name = '=HYPERLINK("http://evil.example","Дроби")'
        sheet = openpyxl.load_workbook(io.BytesIO(plan._export_xlsx())).active
        cell = next(c for row in sheet.iter_rows() for c in row if c.value == plan.topic_ids.name)
        self.assertEqual(cell.data_type, "s")
