"""The PDF of a form rebuilt from the print button's data checks the printer's rights (SEC-3,
ROLE-4; issue 16 item 9).

The report models ``report.school_ejournal_reports.report_<code>`` take the form's parameters
from ``data``, which a browser can forge (the report URL's ``options``): another class's id,
another child's id, or another form's code. Each is refused as the print dialog refuses it.
"""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MUTE_ACCESS, TODAY, ReportsCommon, form_report
from .test_report_access import CLASS_FORMS


def _data(code, **values):
    data = {
        "report_code": code,
        "class_id": False,
        "period_id": False,
        "student_id": False,
        "date_from": False,
        "date_to": False,
    }
    data.update(values)
    return data


@tagged("post_install", "-at_install")
class TestReportDataAccess(ReportsCommon):
    def _render(self, user, code, data):
        return (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(form_report(code), None, data=data)[0]
            .decode()
        )

    def _class_data(self, code, school_class):
        return _data(
            code,
            class_id=school_class.id,
            period_id=self.quarter_1.id,
            date_from="2026-11-01" if code == "mark_changes" else False,
            date_to=str(TODAY) if code == "mark_changes" else False,
        )

    def test_class_teacher_forged_class_refused(self):
        """ROLE-4: the class teacher's PDF of his own class renders; the same PDF with the id
        of another class in its data is refused, for every class form."""
        for code in CLASS_FORMS:
            with self.subTest(form=code):
                html = self._render(self.class_teacher, code, self._class_data(code, self.class_5a))
                self.assertIn("o_school_form", html)
                with self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
                    self._render(self.class_teacher, code, self._class_data(code, self.class_5b))

    def test_class_teacher_forged_student_refused(self):
        """The digest and results of another class's student are refused from the data too."""
        for code in ("student_digest", "student_results"):
            with self.subTest(form=code), self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
                self._render(
                    self.class_teacher,
                    code,
                    _data(
                        code,
                        student_id=self.student_petrov.id,
                        period_id=self.quarter_1.id,
                        date_from=str(self.week_start),
                        date_to=str(self.week_end),
                    ),
                )

    def test_forged_form_code_is_ignored(self):
        """The report model prints its own form: the school-wide movement report with the
        data of a class form (the code changed) is still the movement report, refused to the
        class teacher; subject teachers, parents and portal users get nothing either."""
        with self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
            self._render(
                self.class_teacher,
                "movement",
                _data("marks_summary", date_from=str(date(2026, 11, 1)), date_to=str(TODAY)),
            )
        for user in (self.teacher, self.user_parent, self.user_portal):
            with self.subTest(user=user.login), self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
                self._render(user, "marks_summary", self._class_data("marks_summary", self.class_5a))
