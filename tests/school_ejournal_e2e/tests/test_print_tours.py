"""The prints of the e-journal administrator and of the deputy, in the browser (issue 13).

ROLE-1 issues the credentials of class 5А and prints their notice (SEC-1, REP-11): the
temporary passwords go to that PDF only, so the print must succeed for that role (it used to
fail on ``base.document.layout``). "Re-issue" is off by default: the existing account of
Иванов keeps its password. ROLE-3 decides a correction request with a reason, then prints
the summary sheet of marks (REP-1) from the reports menu with the current period filled in.
Both tours send the download of the web client and wait for the report's answer; as a test
server answers with the report's HTML (wkhtmltopdf would wait on the test cursor for the
assets it fetches), the test then renders the same print with wkhtmltopdf as the same user.
"""

from odoo.tests import HttpCase, tagged

from odoo.addons.school_ejournal_reports.tests.common import ReportsCommon


@tagged("post_install", "-at_install")
class TestPrintTours(ReportsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.user_ej_admin | cls.user_deputy).write({"lang": "ru_RU"})

    def test_ej_admin_issues_credentials_and_prints_the_notice(self):
        # the student's own account exists already; the others have none
        self.assertEqual(self.student_ivanov.user_id, self.user_student)
        self.assertFalse((self.student_petrova | self.student_sidorov).user_id)
        self.school.external_report_layout_id = False
        Log = self.env["school.account.log"]
        before = Log.search([]).ids
        self.start_tour("/odoo", "school_credentials_notice_tour", login=self.user_ej_admin.login)
        logs = Log.search([("id", "not in", before)])
        self.assertTrue(logs, "the issue is logged")
        self.assertEqual(logs.actor_id, self.user_ej_admin)
        password_users = logs.filtered(lambda log: log.action == "password").user_id
        self.assertTrue(self.student_petrova.user_id, "Петрова got an account")
        self.assertTrue(self.student_sidorov.user_id, "Сидоров got an account")
        self.assertIn(self.student_petrova.user_id, password_users)
        self.assertIn(self.student_sidorov.user_id, password_users)
        self.assertTrue(self.student_petrova.user_id.has_group("school_ejournal.group_school_student"))
        # "Re-issue" was off: the existing account kept its password
        self.assertNotIn(self.user_student, password_users)
        # the notice as a real PDF, rendered with the administrator's rights
        report = self.env.ref("school_ejournal.action_report_credentials_notice")
        notice = {
            "name": self.student_sidorov.name,
            "login": self.student_sidorov.user_id.login,
            "password": "Temp-1234",
            "role": "Обучающийся",
            "class_name": "5А",
            "url": "http://localhost",
            "school": self.school.name,
            "date": "18.11.2026",
        }
        self._assert_pdf(self.user_ej_admin, report, {"notices": [notice]})

    def _assert_pdf(self, user, report, data):
        Report = self.env["ir.actions.report"].with_user(user).with_context(force_report_rendering=True)
        content, kind = Report._render_qweb_pdf(report.report_name, None, data=data)
        self.assertEqual(kind, "pdf")
        self.assertTrue(content.startswith(b"%PDF-"), content[:200])

    def test_deputy_decides_a_correction_and_prints_the_summary_sheet(self):
        request = (
            self.env["school.correction.request"]
            .with_user(self.class_teacher)
            .create(
                {
                    "lesson_id": self.math_3.id,
                    "student_id": self.student_sidorov.id,
                    "mark_id": self.math_3.mark_ids.id,
                    "new_value": 4,
                    "reason": "Ошибка при вводе",
                }
            )
        )
        self.start_tour(
            "/odoo/action-school_ejournal.school_correction_request_action",
            "school_correction_decision_tour",
            login=self.user_deputy.login,
        )
        self.assertEqual(request.state, "rejected")
        self.assertEqual(request.decision_note, "Исправление не подтверждено тетрадью")
        self.assertEqual(self.math_3.mark_ids.value, 3, "a rejected correction leaves the mark")
        self.start_tour("/odoo", "school_summary_sheet_tour", login=self.user_deputy.login)
        # the form the deputy printed is that of the current quarter
        wizard = self.env["school.report.wizard"].search(
            [("create_uid", "=", self.user_deputy.id)], order="id desc", limit=1
        )
        self.assertRecordValues(
            wizard,
            [{"report_code": "marks_summary", "class_id": self.class_5a.id, "period_id": self.quarter_2.id}],
        )
        report = self.env.ref("school_ejournal_reports.action_report_marks_summary")
        self._assert_pdf(self.user_deputy, report, wizard._report_data())
