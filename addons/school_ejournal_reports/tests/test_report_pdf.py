"""The forms as PDF (REP-12): wkhtmltopdf renders the form's report from the print data through the
running test server, the text of the file is extracted with pdftotext and checked."""

import os
import subprocess
import tempfile

from odoo.tests import HttpCase, tagged

from .common import ReportsCommon, form_report


@tagged("post_install", "-at_install")
class TestReportPdf(ReportsCommon, HttpCase):
    def _pdf_text(self, wizard, lang="en_US"):
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True, lang=lang)
        content, report_type = Report._render_qweb_pdf(
            form_report(wizard.report_code), None, data=wizard._report_data()
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        handle, path = tempfile.mkstemp(suffix=".pdf")
        try:
            with os.fdopen(handle, "wb") as pdf:
                pdf.write(content)
            text = subprocess.run(
                ["pdftotext", "-layout", "-enc", "UTF-8", path, "-"], capture_output=True, check=True
            ).stdout.decode()
        finally:
            os.unlink(path)
        return " ".join(text.split())

    def test_marks_summary_pdf_in_russian(self):
        wizard = self._wizard("marks_summary", class_id=self.class_5a.id, period_id=self.quarter_1.id)
        text = self._pdf_text(wizard, lang="ru_RU")
        self.assertIn("Сводная ведомость", text)
        self.assertIn(self.school.name, text)
        for student in self.students_5a:
            self.assertIn(student.last_name, text)
            self.assertIn(student.first_name, text)
        self.assertIn("Математика", text)
        # the weighted averages of the sheet
        for average in ("4.8", "3.2", "2.8"):
            self.assertIn(average, text)
        # the English source strings are translated
        self.assertNotIn("Summary sheet of marks", text)
        self.assertNotIn("Weighted averages", text)

    def test_journal_copy_and_digest_pdf(self):
        wizard = self._wizard("journal_copy", class_id=self.class_5a.id, period_id=self.quarter_1.id)
        text = self._pdf_text(wizard)
        self.assertIn("Class journal", text)
        for needle in (
            "Class list",
            "ЛД-002",
            "Натуральные числа",
            "Контрольная работа № 1",
            "ОП 4",
            "The paper copy matches the electronic journal",
        ):
            self.assertIn(needle, text)
        text = self._pdf_text(wizard, lang="ru_RU")
        self.assertIn("Классный журнал", text)
        self.assertIn(self.student_sidorov.last_name, text)

        wizard = self._digest(self.student_ivanov)
        text = self._pdf_text(wizard)
        for needle in (
            "Student's digest",
            "Дроби",
            "№ 101, 102",
            "Упр. 4",
            "4.5",
            "Acknowledged by the parent (legal representative), date",
        ):
            self.assertIn(needle, text)
