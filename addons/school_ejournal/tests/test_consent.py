"""Consent to personal data as a document (152-FZ) and the staff import — issue 14, duty 11."""

import base64
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import MUTE_ACCESS, SchoolCommon


class TestConsent(SchoolCommon):
    def _consent(self, user=None, **vals):
        return (
            self.env["school.consent"]
            .with_user(user or self.user_ej_admin)
            .create(
                dict(
                    {
                        "partner_id": self.guardian_mother.id,
                        "holder_type": "guardian",
                        "student_id": self.student_petrov.id,
                        "date": self.today,
                        "document_ref": "Согласие № 17",
                    },
                    **vals,
                )
            )
        )

    def test_guardian_consent_and_withdrawal(self):
        self.link_petrov_mother.write({"consent_date": False, "consent_document": False})
        consent = self._consent()
        self.assertEqual(self.link_petrov_mother.consent_document, "Согласие № 17")
        self.assertEqual(self.link_petrov_mother.consent_date, self.today)
        # class teachers and the deputy read consents; they do not record them
        self.assertIn(consent, self.env["school.consent"].with_user(self.user_deputy).search([]))
        for user in (self.class_teacher, self.user_deputy, self.user_parent):
            with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
                self._consent(user=user)
        admin_consent = consent.with_user(self.user_ej_admin)
        with self.assertRaises(UserError):
            admin_consent.action_withdraw()
        admin_consent.write({"withdrawn_date": self.today, "withdrawal_document": "Отзыв № 3"})
        admin_consent.action_withdraw()
        self.assertEqual(consent.state, "withdrawn")
        link = self.link_petrov_mother
        self.assertFalse(link.notify_marks or link.notify_weekly or link.notify_alerts or link.notify_sms)
        self.assertTrue(link.electronic_access_refused)
        self.assertIn("Петров", consent.withdrawal_effect)
        # the other child's link is not touched
        self.assertFalse(self.link_petrova_mother.electronic_access_refused)
        self.assertTrue(self.link_petrova_mother.notify_marks)
        with self.assertRaises(UserError):
            admin_consent.action_withdraw()
        with self.assertRaises(UserError):
            admin_consent.write({"document_ref": "другой"})

    def test_bad_consents_refused(self):
        with self.assertRaises(ValidationError):
            self._consent(student_id=self.student_ivanov.id)
        with self.assertRaises(ValidationError):
            self._consent(date=self.today + timedelta(days=1))
        with self.assertRaises(ValidationError):
            self._consent(document_ref="  ")
        with self.assertRaises(ValidationError):
            self._consent(student_id=False)
        with self.assertRaises(ValidationError):
            self._consent(scope_journal=False, scope_electronic=False, scope_notifications=False)
        with self.assertRaises(UserError):
            self._consent().with_user(self.user_ej_admin).write({"state": "withdrawn"})

    def test_staff_consent_withdrawal(self):
        consent = self._consent(
            holder_type="staff",
            partner_id=self.teacher.partner_id.id,
            user_id=self.teacher.id,
            student_id=False,
        )
        self.teacher.notification_type = "email"
        consent.write({"withdrawn_date": self.today, "withdrawal_document": "Отзыв"})
        consent.with_user(self.user_ej_admin).action_withdraw()
        self.assertEqual(self.teacher.notification_type, "inbox")
        self.assertIn("ej_teacher", consent.withdrawal_effect)


class TestStaffImport(SchoolCommon):
    def _wizard(self, text, user=None):
        return (
            self.env["school.staff.import.wizard"]
            .with_user(user or self.user_ej_admin)
            .create({"file": base64.b64encode(text.encode()), "filename": "staff.csv"})
        )

    def test_import_all_rows(self):
        wizard = self._wizard(
            "ФИО;Логин;Email;Роль;Дата согласия;Документ согласия\n"
            "Новикова Нина Николаевна;novikova;novikova@example.com;Учитель;01.09.2026;Согласие № 5\n"
            "Орлов Олег Олегович;orlov;;Завуч;;\n"
        )
        wizard.action_import()
        users = self.env["res.users"].search([("login", "in", ("novikova", "orlov"))])
        self.assertEqual(len(users), 2)
        novikova = users.filtered(lambda u: u.login == "novikova")
        self.assertTrue(novikova.has_group("school_ejournal.group_school_teacher"))
        self.assertTrue(
            users.filtered(lambda u: u.login == "orlov").has_group("school_ejournal.group_school_deputy")
        )
        consent = self.env["school.consent"].search([("user_id", "=", novikova.id)])
        self.assertEqual((consent.holder_type, consent.document_ref), ("staff", "Согласие № 5"))

    def test_one_bad_row_rejects_the_file(self):
        wizard = self._wizard(
            "ФИО,Логин,Email,Роль,Дата согласия,Документ согласия\n"
            "Новикова Нина,novikova,,Учитель,,\n"
            "Орлов Олег,ej_teacher,,Учитель,,\n"
            "Павлов Павел,pavlov,pavlov@example.com,Учитель,,\n"
            "Рыбин Роман,rybin,,Дворник,31.02.2026,\n"
            "Сомов Семён,novikova,,Учитель,,\n"
        )
        with self.assertRaises(UserError) as error:
            wizard.action_import()
        message = str(error.exception)
        self.assertNotIn("Row 2:", message)
        self.assertIn("Row 3: login ej_teacher is already used", message)
        self.assertIn("Row 4: contacts without a recorded consent", message)
        self.assertIn("Row 5: role 'дворник' is unknown; consent date '31.02.2026' is not a date", message)
        self.assertIn("Row 6: duplicate of row 2", message)
        self.assertFalse(self.env["res.users"].search([("login", "in", ("novikova", "pavlov", "rybin"))]))

    def test_bad_files_and_rights(self):
        with self.assertRaises(UserError):
            self._wizard("Name;Login\nx;y\n").action_import()
        with self.assertRaises(UserError):
            self._wizard("ФИО;Логин;Роль\n").action_import()
        with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
            self._wizard("ФИО;Логин;Роль\nА Б;ab;Учитель\n", user=self.user_deputy)
