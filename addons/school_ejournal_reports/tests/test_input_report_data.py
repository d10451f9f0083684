"""Bad ``data`` of a form's report (issue 11 item 10, REP-1..12): the report's URL carries
its parameters as JSON that a user can edit. A list instead of an object, an id that is no
id, a date that is no date are refused with a clear message, never a server error."""

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInputReportData(TransactionCase):
    def test_bad_report_data(self):
        report = self.env["report.school_ejournal_reports.report_attendance_by_period"]
        for data in (
            ["report_code"],
            "attendance_by_period",
            {"report_code": "attendance_by_period", "class_id": "abc"},
            {"report_code": "attendance_by_period", "class_id": [1, 2]},
            {"report_code": "attendance_by_period", "period_id": {"a": 1}},
            {"report_code": "attendance_by_period", "student_id": 2**63},
            {"report_code": "attendance_by_period", "date_from": "2026-13-01"},
            {"report_code": "attendance_by_period", "date_to": "вчера"},
            {"report_code": "attendance_by_period", "date_to": 17},
        ):
            with self.subTest(data=data), self.assertRaises(UserError):
                report._get_report_values(None, data=data)
