"""Every print a role may use works for that role, over HTTP (issue 13; ROLE-1..9, REP-1..12).

The per-role smoke test (``test_role_screens``) opens every screen and prints the summary
sheet; this test prints the rest, as the web client does it: every form of the reports
wizard (PDF through the report route, XLSX through the download it returns) for every role
that sees the reports menu, the weekly digest of a guardian (the class teacher, PORT-4), the
compromise act (the e-journal administrator, SEC-2) and the credentials notice. Forms of
the school administration are refused to a class teacher with a clear message.
"""

import json
from urllib.parse import quote

from odoo.tests import HttpCase, tagged

from odoo.addons.school_ejournal_reports.tests.common import ReportsCommon
from odoo.addons.school_ejournal_reports.wizards.school_report_wizard import REPORT_CODES

# forms of the whole school, for the administration only (``group_school_reader``); the
# mark change report of the own class is the class teacher's too
ADMINISTRATION_FORMS = {"movement"}


@tagged("post_install", "-at_install")
class TestRolePrints(ReportsCommon, HttpCase):
    def _rpc(self, model, method, args, kwargs=None):
        payload = {
            "id": 0,
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        }
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _form_values(self, code):
        return {
            "report_code": code,
            "class_id": self.class_5a.id,
            "period_id": self.quarter_1.id,
            "student_id": self.student_petrova.id,
            "date_from": "2026-09-01",
            "date_to": "2026-10-26",
        }

    def _print_every_form(self, user):
        """{code: None when printed, or the refusal's message} of every form, as ``user``."""
        self.authenticate(user.login, user.login)
        result = {}
        for code, _title in REPORT_CODES:
            where = f"{user.login} {code}"
            created = self._rpc("school.report.wizard", "create", [self._form_values(code)])
            self.assertIn("result", created, f"{where}: {created.get('error')}")
            wizard_id = created["result"]
            wizard_id = wizard_id[0] if isinstance(wizard_id, list) else wizard_id
            answer = self._rpc("school.report.wizard", "action_print_pdf", [[wizard_id]])
            if "error" in answer:
                error = answer["error"]["data"]
                self.assertIn(
                    error["name"], ("odoo.exceptions.AccessError", "odoo.exceptions.UserError"), where
                )
                self.assertRegex(error["message"], "[А-Яа-я]", f"{where}: the refusal is in Russian")
                result[code] = error["message"]
                continue
            action = answer["result"]
            self.assertEqual(action["type"], "ir.actions.report", where)
            options = quote(json.dumps(action["data"]))
            response = self.url_open(f"/report/html/{action['report_name']}?options={options}")
            if response.status_code == 403:
                # the form is built with the user's rights when printed: refused there
                result[code] = "403"
                continue
            self.assertEqual(response.status_code, 200, f"{where}: {response.text[:500]}")
            self.assertIn(
                "5А" if code not in ("student_results", "student_digest") else "Петрова", response.text, where
            )
            # the same form as a spreadsheet, downloaded as the web client does
            answer = self._rpc("school.report.wizard", "action_export_xlsx", [[wizard_id]])
            self.assertIn("result", answer, f"{where} XLSX: {answer.get('error')}")
            response = self.url_open(answer["result"]["url"])
            self.assertEqual(response.status_code, 200, f"{where} XLSX")
            self.assertTrue(response.content.startswith(b"PK"), f"{where}: not an XLSX file")
            result[code] = None
        return result

    def test_every_form_for_every_role_with_the_reports_menu(self):
        menu = self.env.ref("school_ejournal_reports.school_report_wizard_menu")
        roles = {
            "ej_admin": self.user_ej_admin,
            "director": self.user_director,
            "deputy": self.user_deputy,
            "class_teacher": self.class_teacher,
            "teacher": self.teacher,
            "teacher_subgroup": self.teacher_english,
            "psychologist": self.psychologist,
            "inspector": self.user_inspector,
        }
        (self.user_director | self.user_deputy | self.class_teacher | self.user_inspector).write(
            {"lang": "ru_RU"}
        )
        printed_by = set()
        for role, user in roles.items():
            if menu not in self.env["ir.ui.menu"].with_user(user).search([("id", "=", menu.id)]):
                continue
            printed_by.add(role)
            with self.subTest(role=role):
                result = self._print_every_form(user)
                refused = {code for code, message in result.items() if message}
                if user.has_group("school_ejournal.group_school_reader"):
                    self.assertFalse(refused, f"{role} is refused: {result}")
                else:
                    # the class teacher prints every form of the own class
                    self.assertEqual(refused, ADMINISTRATION_FORMS, f"{role}: {result}")
                    # refused with a message at the click, not only by the PDF download
                    for code in refused:
                        self.assertNotEqual(result[code], "403", f"{role} {code}: refused only at download")
        self.assertLessEqual({"director", "deputy", "class_teacher", "inspector"}, printed_by)
        self.assertNotIn("teacher", printed_by)

    def test_guardian_digest_of_the_class_teacher(self):
        """The class teacher prints the weekly digest of a family of the own class (PORT-4)."""
        self.class_teacher.lang = "ru_RU"
        self.authenticate(self.class_teacher.login, self.class_teacher.login)
        report = self.env.ref("school_ejournal.action_report_guardian_digest")
        link = self.link_sidorov
        response = self.url_open(f"/report/html/{report.report_name}/{link.id}")
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertIn(self.student_sidorov.last_name, response.text)
        # and not of a family of another class
        response = self.url_open(f"/report/html/{report.report_name}/{self.link_smirnov.id}")
        self.assertNotIn(self.student_smirnov.last_name, response.text if response.status_code == 200 else "")

    def test_compromise_act_of_the_ej_admin(self):
        """The e-journal administrator prints the act of a compromised account (SEC-2)."""
        notice = (
            self.env["school.compromise.notice"]
            .with_user(self.user_ej_admin)
            .create({"user_id": self.user_parent.id, "reported_by": "Петрова Е. В."})
        )
        self.authenticate(self.user_ej_admin.login, self.user_ej_admin.login)
        report = self.env.ref("school_ejournal.action_report_compromise_act")
        action = self._rpc("ir.actions.report", "report_action", [[report.id], [notice.id]])
        self.assertEqual(action["result"]["type"], "ir.actions.report", action.get("error"))
        response = self.url_open(f"/report/html/{report.report_name}/{notice.id}")
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertIn("Петрова", response.text)
