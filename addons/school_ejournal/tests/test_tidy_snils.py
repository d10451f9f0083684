"""A SNILS is 11 digits with their checksum however a student is created: the form, an import
through ``load``, the contingent import (GOS-1), as when it is changed later. The refusal
is a ValidationError in the user's language, and nothing is written."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models.school_snils import snils_error
from .test_tidy_bounds import TidyCase


@tagged("post_install", "-at_install")
class TestTidySnils(TidyCase):
    def test_snils_rule(self):
        self.assertIsNone(snils_error(self.env, "112-233-445 95"))
        self.assertIsNone(snils_error(self.env, "12345678964"))
        # the numbers issued before the checksum carry none
        self.assertIsNone(snils_error(self.env, "001-001-998 00"))
        self.assertIn("11 digits", snils_error(self.env, "12-34"))
        self.assertIn("mistyped", snils_error(self.env, "112-233-445 96"))
        self.assertIn("mistyped", snils_error(self.env, "987-654-321 00"))

    def test_student_snils_checked_at_creation(self):
        Student = self.admin["school.student"]
        vals = {"last_name": "Снилсова", "first_name": "Ольга", "consent_date": self.year.date_start}
        self.assertInvalid(lambda: Student.create(dict(vals, snils="112-233-445 96")), "Снилсова", "mistyped")
        self.assertInvalid(lambda: Student.create(dict(vals, snils="1122")), "11 digits")
        self.assertFalse(Student.search([("last_name", "=", "Снилсова")]))
        student = Student.create(dict(vals, snils="112-233-445 95"))
        self.assertEqual(student.snils, "112-233-445 95")
        # the same rule on a later change
        self.assertInvalid(lambda: student.write({"snils": "112-233-445 59"}), "mistyped")
        self.assertEqual(student.snils, "112-233-445 95")
        message = self.assertInvalid(
            lambda: student.with_env(self.admin_ru).write({"snils": "112-233-445 59"})
        )
        self.assertIn("контрольное число", message)

    def test_student_snils_checked_on_import(self):
        Student = self.admin["school.student"]
        names = ["last_name", "first_name", "consent_date", "snils"]
        result = Student.load(names, [["Импортова", "Ия", "2026-09-01", "123-456-789 46"]])
        self.assertFalse(result["ids"])
        self.assertIn("mistyped", " ".join(m["message"] for m in result["messages"]))
        self.assertFalse(Student.search([("last_name", "=", "Импортова")]))
        result = Student.load(names, [["Импортова", "Ия", "2026-09-01", "123-456-789 64"]])
        self.assertEqual(len(result["ids"]), 1, result["messages"])

    def test_student_snils_checked_by_contingent_import(self):
        header = "Фамилия;Имя;Отчество;Класс;Дата согласия;СНИЛС"
        counts = self._record_counts("school.student", "res.partner")
        wizard = self._contingent_wizard(
            f"{header}\nИмпортова;Ия;;5Б;18.11.2026;123-456-789 46\n".encode(),
            "contingent.csv",
            year_id=self.year.id,
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_import()
        self.assertIn("mistyped", str(caught.exception))
        self.assertEqual(self._record_counts("school.student", "res.partner"), counts)
        wizard = self._contingent_wizard(
            f"{header}\nИмпортова;Ия;;5Б;18.11.2026;123-456-789 64\n".encode(),
            "contingent.csv",
            year_id=self.year.id,
        )
        wizard.action_import()
        self.assertEqual(
            self.env["school.student"].search([("last_name", "=", "Импортова")]).snils, "123-456-789 64"
        )
