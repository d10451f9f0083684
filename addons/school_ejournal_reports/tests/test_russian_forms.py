"""Every printed form in Russian for a Russian user (REP-1..12): the HTML of each form's PDF
report and its XLSX export (titles, headers, sheet names, the file's name and properties)
hold no English word, for the test school whose own data (class, students, subjects) a
Russian school writes in Russian."""

import io
import re

import openpyxl

from odoo.tests import tagged

from odoo.addons.school_ejournal.tests.russian_text import LANG, EnglishFinder, page_texts

from . import test_reports
from .common import ReportsCommon, form_report


@tagged("post_install", "-at_install")
class TestRussianForms(ReportsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env["res.lang"]._lang_get(LANG).active:
            raise AssertionError("ru_RU is not installed: run the tests with --load-language=ru_RU")
        # The change log keeps the names of records as they were when logged: the fixture
        # wrote its journal in English as the superuser, a Russian school's teachers write it
        # in Russian. Those names are the test's data, not the product's words.
        periods = cls.year.period_ids
        cls.logged_names = [cls.env.ref("base.user_root").name, *periods.mapped("name")]
        cls.logged_names += cls.env["school.work.type"].search([]).with_context(lang="en_US").mapped("name")
        # the periods as a Russian school names them (the fixture generates them in English)
        for number, period in enumerate(periods.sorted("date_start"), start=1):
            period.name = f"Период {number}"
        cls.env = cls.env(context=dict(cls.env.context, lang=LANG))

    def _wizards(self):
        values = test_reports.TestReportForms._form_values(self)
        codes = [code for code, _label in self.env["school.report.wizard"]._fields["report_code"].selection]
        self.assertEqual(set(codes), set(values), "every form is read")
        return {code: self._wizard(code, **values[code]) for code in codes}

    def assertNoEnglish(self, finder, what):
        self.assertFalse(
            finder.leaks, f"English met by a Russian user in {what}:\n" + "\n".join(finder.leaks)
        )

    def test_pdf_forms(self):
        """The HTML of every form's PDF report (the layout's header and footer included)."""
        finder = EnglishFinder(self.logged_names)
        Report = self.env["ir.actions.report"]
        for code, wizard in self._wizards().items():
            body = Report._render_qweb_html(form_report(code), None, data=wizard._report_data())[0]
            self.assertIn(self.school.name, body.decode())
            for where, text in page_texts(body):
                finder.check(f"{code} {where}", text)
            finder.check(f"{code} report name", self.env.ref(form_report(code)).name)
        self.assertNoEnglish(finder, "the printed forms")

    def test_xlsx_exports(self):
        """Every XLSX export: the file's name, its sheets' names, every cell, the title and
        author of the workbook."""
        finder = EnglishFinder(self.logged_names)
        for code, wizard in self._wizards().items():
            action = wizard.action_export_xlsx()
            attachment = self.env["ir.attachment"].browse(
                int(re.search(r"/web/content/(\d+)", action["url"]).group(1))
            )
            finder.check(f"{code} file name", attachment.name.removesuffix(".xlsx"))
            workbook = openpyxl.load_workbook(io.BytesIO(attachment.raw))
            finder.check(f"{code} title", workbook.properties.title)
            finder.check(f"{code} author", workbook.properties.creator)
            for sheet in workbook.worksheets:
                finder.check(f"{code} sheet name", sheet.title)
                for row in sheet.iter_rows(values_only=True):
                    for value in row:
                        if isinstance(value, str):
                            finder.check(f"{code} cell of {sheet.title}", value)
        self.assertNoEnglish(finder, "the XLSX exports")

    def test_change_log_reads_in_russian(self):
        """The change log's description of a mark's and a period mark's change: the fields'
        labels and values of the reader's language (the period of a period mark included)."""
        entries = self.env["school.journal.log"].search(
            [("model", "in", ("school.mark", "school.period.mark")), ("class_id", "=", self.class_5a.id)]
        )
        self.assertEqual(set(entries.mapped("model")), {"school.mark", "school.period.mark"})
        finder = EnglishFinder(self.logged_names)
        for entry in entries:
            finder.check(f"log {entry.sequence}", entry.change_description)
        self.assertNoEnglish(finder, "the change log")
