"""Issue 14, duty 11: the contingent import records the guardians' consents as documents
(152-FZ, ``school.consent``) under the import's all-or-nothing rule; the template offered for
download has the consent columns."""

import io
from datetime import timedelta

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import SchoolCommon

HEADER = (
    "Фамилия;Имя;Отчество;Класс;Дата согласия;Документ согласия;Объём согласия;"
    "Представитель;Родство;Телефон представителя;Представитель 2;Родство 2"
)


class TestContingentConsent(SchoolCommon):
    def _import(self, lines):
        text = "\n".join([HEADER, *lines]) + "\n"
        return self._contingent_wizard(text.encode(), "contingent.csv", year_id=self.year.id).action_import()

    def _counts(self):
        return self._record_counts("school.student", "res.partner", "school.guardian.link", "school.consent")

    def test_consents_of_every_guardian_of_the_row(self):
        day = self.today.strftime("%d.%m.%Y")
        action = self._import(
            [
                f"Новиков;Андрей;Петрович;5А;{day};Согласие № 11;журнал, дневник;"
                "Новикова Мария;мать;+7 900 111-11-11;Новиков Пётр;отец",
                f"Орлова;Дарья;;5Б;{day};Согласие № 12;;Орлов Игорь;отец;+7 900 222-22-22;;",
                # a consent date without the document: the student's date only, as before
                f"Белов;Семён;;5А;{day};;;Белова Анна;мать;+7 900 333-33-33;;",
            ]
        )
        students = self.env["school.student"].search(action["domain"])
        novikov = students.filtered(lambda s: s.last_name == "Новиков")
        consents = self.env["school.consent"].search([("student_id", "in", students.ids)])
        self.assertEqual(len(consents), 3)
        mine = consents.filtered(lambda c: c.student_id == novikov)
        self.assertEqual(
            sorted(mine.partner_id.mapped("name")),
            ["Новиков Пётр", "Новикова Мария"],
            "each guardian of the row",
        )
        self.assertRecordValues(
            mine[:1],
            [
                {
                    "holder_type": "guardian",
                    "date": self.today,
                    "document_ref": "Согласие № 11",
                    "scope_journal": True,
                    "scope_electronic": True,
                    "scope_notifications": False,
                    "state": "active",
                    "company_id": self.school.id,
                }
            ],
        )
        self.assertEqual(set(novikov.guardian_link_ids.mapped("consent_document")), {"Согласие № 11"})
        orlova = consents.filtered(lambda c: c.student_id.last_name == "Орлова")
        # no scope given: the consent covers all three
        self.assertTrue(orlova.scope_journal and orlova.scope_electronic and orlova.scope_notifications)
        self.assertFalse(consents.filtered(lambda c: c.student_id.last_name == "Белов"))

        # the imported consent is withdrawn like any other, and stops the notifications
        consent = mine.filtered(lambda c: c.partner_id.name == "Новикова Мария").with_user(self.user_ej_admin)
        consent.write({"withdrawn_date": self.today, "withdrawal_document": "Отзыв № 1"})
        consent.action_withdraw()
        link = novikov.guardian_link_ids.filtered(lambda link: link.guardian_id == consent.partner_id)
        self.assertFalse(link.notify_marks or link.notify_sms)
        self.assertTrue(link.electronic_access_refused)
        other = novikov.guardian_link_ids - link
        self.assertFalse(other.electronic_access_refused)

    def test_bad_consent_columns_reject_the_file(self):
        day = self.today.strftime("%d.%m.%Y")
        tomorrow = (self.today + timedelta(days=1)).strftime("%d.%m.%Y")
        counts = self._counts()
        with self.assertRaises(UserError) as catcher:
            self._import(
                [
                    f"Новиков;Андрей;;5А;{day};Согласие № 1;журнал;Новикова Мария;мать;;;",
                    "Зайцев;Илья;;5А;;Согласие № 2;;Зайцева Ольга;мать;;;",
                    f"Орлова;Дарья;;5Б;{day};Согласие № 3;журнал, почта;Орлов Игорь;отец;;;",
                    f"Белов;Семён;;5А;{day};Согласие № 4;;;;;;",
                    f"Козлов;Кирилл;;5А;{tomorrow};Согласие № 5;;Козлова Ирина;мать;;;",
                    f"Лебедев;Лев;;5А;{day};;дневник;Лебедева Юлия;мать;;;",
                ]
            )
        message = str(catcher.exception)
        self.assertNotIn("Row 2:", message)
        self.assertIn("Row 3: consent document without the consent date", message)
        self.assertIn("Row 4: consent scope 'почта' is unknown", message)
        self.assertIn("Row 5: consent document without the guardian who signed it", message)
        self.assertIn(f"Row 6: consent date {tomorrow} is in the future", message)
        self.assertIn("Row 7: consent scope without the reference of the consent document", message)
        self.assertEqual(self._counts(), counts, "all or nothing")

    def test_errors_in_russian(self):
        counts = self._counts()
        wizard_text = "\n".join([HEADER, "Зайцев;Илья;;5А;;Согласие № 2;;Зайцева Ольга;мать;;;"]) + "\n"
        wizard = self._contingent_wizard(wizard_text.encode(), "c.csv", year_id=self.year.id).with_context(
            lang="ru_RU"
        )
        with self.assertRaisesRegex(UserError, "Строка 2: .*согласи"):
            wizard.action_import()
        self.assertEqual(self._counts(), counts)


@tagged("post_install", "-at_install")
class TestContingentTemplate(SchoolCommon, HttpCase):
    def test_template_has_the_consent_columns(self):
        self.authenticate(self.user_ej_admin.login, self.user_ej_admin.login)
        response = self.url_open("/school_ejournal/contingent_template.xlsx")
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        header = [cell.value for cell in sheet[1]]
        for column in ("Дата согласия", "Документ согласия", "Объём согласия"):
            self.assertIn(column, header)
        # the template's own example row imports, consent included
        example = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
        self.assertEqual(example["Объём согласия"], "журнал, дневник, уведомления")
        scope, errors = self.env["school.contingent.import.wizard"]._parse_scope(example["Объём согласия"])
        self.assertEqual(errors, [])
        self.assertTrue(all(scope.values()))
