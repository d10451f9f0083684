"""One report model and one PDF report per official form (REP-12, issue 16 item 9).

Every form of ``FORM_REGISTRY`` has its report model
``report.school_ejournal_reports.report_<code>`` (deriving from ``school.form.report``) and
its ``ir.actions.report``; the print button returns the form's own report, bound to the
form's parameters (``data``), not to the transient wizard (no record ids).
"""

from html import unescape

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models.school_report_service import FORM_REGISTRY
from ..report.report_school_form_base import SchoolFormReport
from .common import MUTE_ACCESS, ReportsCommon, form_report
from .test_reports import TITLES, TestReportForms


@tagged("post_install", "-at_install")
class TestReportModels(ReportsCommon):
    def _form_values(self):
        # the wizard values of every form, as the forms' own tests print them
        return TestReportForms._form_values(self)

    def test_every_form_has_its_report(self):
        paperformat = self.env.ref("school_ejournal_reports.paperformat_school_landscape")
        self.assertEqual(set(self._form_values()), set(FORM_REGISTRY))
        for code in FORM_REGISTRY:
            with self.subTest(form=code):
                report = self.env.ref(form_report(code))
                self.assertRecordValues(
                    report,
                    [
                        {
                            "report_type": "qweb-pdf",
                            "report_name": f"school_ejournal_reports.report_{code}",
                            "model": "school.report.wizard",
                            "paperformat_id": paperformat.id,
                        }
                    ],
                )
                model = self.env[f"report.school_ejournal_reports.report_{code}"]
                self.assertEqual(model._form_code, code)
                self.assertIsInstance(model, SchoolFormReport)
                # the file name of the PDF: the form's title, translated
                self.assertEqual(report.print_report_name.strip("'\""), FORM_REGISTRY[code][0])
                title_ru = report.with_context(lang="ru_RU").print_report_name
                self.assertNotEqual(title_ru, report.print_report_name)
                self.assertRegex(title_ru, "[А-Яа-я]")
        # the generic report of all the forms is gone
        self.assertFalse(self.env.ref("school_ejournal_reports.action_report_school_form", False))
        self.assertNotIn("report.school_ejournal_reports.report_school_form", self.env)

    def test_print_button_binds_the_pdf_to_the_data(self):
        for code, values in self._form_values().items():
            with self.subTest(form=code):
                wizard = self._wizard(code, self.user_deputy, **values)
                action = wizard.action_print_pdf()
                self.assertEqual(action["type"], "ir.actions.report")
                self.assertEqual(action["report_name"], f"school_ejournal_reports.report_{code}")
                self.assertEqual(action["data"], wizard._report_data())
                self.assertEqual(action["data"]["report_code"], code)
                # no record ids: the PDF does not depend on the transient wizard
                self.assertFalse(action["context"].get("active_ids"))
                self.assertFalse(action["context"].get("active_id"))

    def test_every_report_model_renders(self):
        """Each form's report renders its document as HTML for a staff user, from the data
        alone (the wizard deleted), with the form's title in the user's language."""
        Report = self.env["ir.actions.report"].with_user(self.user_deputy)
        for code, values in self._form_values().items():
            with self.subTest(form=code):
                wizard = self._wizard(code, self.user_deputy, **values)
                data = wizard._report_data()
                wizard.unlink()
                html = Report._render_qweb_html(form_report(code), None, data=data)[0].decode()
                self.assertIn("o_school_form", html)
                self.assertIn(TITLES[code], unescape(html))
                self.assertIn(self.school.name, html)

    def test_report_refuses_without_data_and_to_non_staff(self):
        Report = self.env["ir.actions.report"].with_user(self.user_deputy)
        wizard = self._wizard("marks_summary", self.user_deputy, **self._form_values()["marks_summary"])
        # a URL with the wizard's id and no parameters prints nothing
        with self.assertRaises(UserError):
            Report._render_qweb_html(form_report("marks_summary"), wizard.ids)
        # a parent or a user without a school role may not print a form, even with its data
        for user in (self.user_parent, self.user_internal):
            with self.subTest(user=user.login), self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
                self.env["ir.actions.report"].with_user(user)._render_qweb_html(
                    form_report("marks_summary"), None, data=wizard._report_data()
                )
