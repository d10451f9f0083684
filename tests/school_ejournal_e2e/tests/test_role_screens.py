"""Every screen of every role opens without an error (issue 13; ROLE-1..9, UI).

For each of the nine roles of the small school of the reports tests (``ReportsCommon``:
users built from the school's groups, a journal of 5А), the test logs in over HTTP and does
what the web client does when the user clicks each menu item of the e-journal that the user
sees: loads the action (``/web/action/load``), its views (``get_views``), the records of the
default search (``web_search_read`` or ``web_read_group`` with the search view's default
filters and group-bys, ``read_group`` of pivot views), the form of the first record
(``web_read``) and, where the user may create, the new-record form (``onchange``). Client
actions call their data methods; the forms and notices the role may print are rendered. Any
JSON-RPC error fails the test with the menu path and the server's message.

No role is offered a button that changes records it may not write (the inspector, ROLE-9,
sees no write button at all). The domains of the default filters are evaluated like the web
client's py.js does (no ``date.weekday()``).
"""

import json
import re
from datetime import date, datetime, time
from urllib.parse import quote

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import safe_eval
from odoo.tools.safe_eval import time as safe_time

from odoo.addons.school_ejournal.wizards.school_contingent_import_wizard import HEADERS
from odoo.addons.school_ejournal_reports.tests.common import TODAY, ReportsCommon, xlsx_rows

# buttons of read-only screens that only read, print or navigate (allowed for read-only roles)
READ_ONLY_BUTTONS = re.compile(
    r"^(action_(open|view|print|export|show|download|verify|check|preview)\w*|print\w*|\d+)$"
)

# buttons whose methods check the caller's rights themselves and then write as superuser
CHECKED_BUTTONS = {
    ("school.notification", "action_release"),
    ("school.notification", "action_cancel"),
    ("school.class", "action_sync_discuss_channel"),
    # a verification run is a read of the chains; the system records the run (issue 12)
    ("school.chain.verification", "action_run_now"),
    # revoking a Gosuslugi link is ej_admin's, checked in the method (issue 17)
    ("school.oidc.identity", "action_revoke"),
    # the director approves (ROLE-2); the deputy generates the year's deadlines (issue 14)
    ("school.approval", "action_approve"),
    ("school.academic.year", "action_generate_deadlines"),
}


class PyJsDate(date):
    """``context_today()`` of the web client's py.js: no weekday(), isoweekday(), isocalendar()."""

    def _unsupported(self, *args):
        raise AssertionError("date.weekday()/isoweekday()/isocalendar() do not exist in the web client")

    weekday = isoweekday = isocalendar = _unsupported


class PyJsRelativeDelta(relativedelta):
    """``relativedelta`` of py.js, applied to the plain date (it may use weekday() itself)."""

    def __add__(self, other):
        if isinstance(other, PyJsDate):
            other = date(other.year, other.month, other.day)
        return super().__add__(other)

    __radd__ = __add__

    def __rsub__(self, other):
        return self.__neg__().__radd__(other)


class RpcError(AssertionError):
    pass


@tagged("post_install", "-at_install")
class TestRoleScreens(ReportsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roles = {
            "ej_admin": cls.user_ej_admin,
            "director": cls.user_director,
            "deputy": cls.user_deputy,
            "class_teacher": cls.class_teacher,
            "teacher": cls.teacher,
            "teacher_subgroup": cls.teacher_english,
            "psychologist": cls.psychologist,
            "inspector": cls.user_inspector,
        }
        (cls.roles["ej_admin"] | cls.user_director | cls.user_deputy | cls.class_teacher).write(
            {"lang": "ru_RU"}
        )
        cls.root_menu = cls.env.ref("school_ejournal.school_ejournal_menu_root")

    # ------------------------------------------------------------------
    # JSON-RPC as the logged-in user
    # ------------------------------------------------------------------
    def _rpc(self, route, params, where):
        payload = json.dumps({"id": 0, "jsonrpc": "2.0", "method": "call", "params": params})
        response = self.url_open(route, payload.encode(), headers={"Content-Type": "application/json"})
        if response.status_code != 200:
            raise RpcError(f"{where}: HTTP {response.status_code} on {route}")
        body = response.json()
        if "error" in body:
            data = body["error"].get("data") or {}
            debug = (data.get("debug") or "").strip().splitlines()[-3:]
            raise RpcError(f"{where}: {data.get('name')}: {data.get('message')}\n" + "\n".join(debug))
        return body["result"]

    def _call(self, model, method, args, kwargs, where):
        return self._rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
            where,
        )

    # ------------------------------------------------------------------
    # What the web client evaluates
    # ------------------------------------------------------------------
    def _eval_context(self, user, context):
        today = datetime.combine(TODAY, time(10))
        return {
            "uid": user.id,
            "user": user,
            "context_today": lambda: PyJsDate(TODAY.year, TODAY.month, TODAY.day),
            "current_date": TODAY.strftime("%Y-%m-%d"),
            "datetime": safe_datetime,
            "relativedelta": PyJsRelativeDelta,
            "time": safe_time,
            "today": today,
            "now": today,
            "allowed_company_ids": user.company_ids.ids,
            "active_id": False,
            "active_ids": [],
            "context": context,
            "company_id": user.company_id.id,
            "company_ids": user.company_ids.ids,
        }

    def _eval(self, text, user, context, default):
        if not text:
            return default
        if not isinstance(text, str):
            return text
        return safe_eval(text, self._eval_context(user, context))

    @staticmethod
    def _spec(arch, fields):
        """The specification of the top-level fields of an arch, as the web client reads them."""
        spec = {}
        for node in etree.fromstring(arch).xpath("//field[not(ancestor::field)]"):
            name = node.get("name")
            field = fields.get(name)
            if not field:
                continue
            if field["type"] in ("many2one", "one2many", "many2many"):
                spec[name] = {"fields": {"display_name": {}}}
            elif field["type"] == "properties":
                continue
            else:
                spec[name] = {}
        spec.setdefault("display_name", {})
        return spec

    def _default_search(self, search_arch, fields, context, user):
        """(domain, group_by) of the search view's defaults (``search_default_*``)."""
        tree = etree.fromstring(search_arch)
        domains, group_by = [], list(context.get("group_by") or [])
        for key, value in context.items():
            if not key.startswith("search_default_") or not value:
                continue
            name = key[len("search_default_") :]
            node = tree.xpath(f"//filter[@name='{name}']")
            if node:
                node = node[0]
                filter_context = self._eval(node.get("context"), user, context, {})
                if filter_context.get("group_by"):
                    group_by.extend(
                        [filter_context["group_by"]]
                        if isinstance(filter_context["group_by"], str)
                        else filter_context["group_by"]
                    )
                if node.get("domain"):
                    domains.append(self._eval(node.get("domain"), user, context, []))
                if node.get("date"):
                    domains.append([(node.get("date"), "!=", False)])
                continue
            field_node = tree.xpath(f"//field[@name='{name}']")
            if field_node and name in fields:
                filter_domain = field_node[0].get("filter_domain")
                if filter_domain:
                    domains.append(
                        safe_eval(filter_domain, dict(self._eval_context(user, context), self=value))
                    )
                else:
                    domains.append([(name, "=", value)])
            else:
                self.fail(f"Default filter {key} of the search view does not exist")
        domain = []
        for part in domains:
            domain += list(part)
        return domain, group_by

    # ------------------------------------------------------------------
    # Opening screens
    # ------------------------------------------------------------------
    def _open_window_action(self, action, user, where):
        model = action["res_model"]
        context = dict(self._eval(action.get("context"), user, {}, {}))
        call_context = dict(context, lang=user.lang or "en_US", tz="Europe/Moscow", uid=user.id)
        call_context.setdefault("allowed_company_ids", user.company_ids.ids)
        domain = self._eval(action.get("domain"), user, context, []) or []
        views = [list(view) for view in action["views"]]
        if not any(view[1] == "search" for view in views):
            views.append([action.get("search_view_id") and action["search_view_id"][0], "search"])
        result = self._call(
            model,
            "get_views",
            [],
            {
                "views": views,
                "options": {"load_filters": True, "toolbar": True, "action_id": action["id"]},
                "context": call_context,
            },
            f"{where} get_views",
        )
        fields = result["models"][model]["fields"]
        arch = {view_type: view["arch"] for view_type, view in result["views"].items()}
        search_domain, group_by = self._default_search(arch["search"], fields, context, user)
        domain = list(domain) + search_domain
        self._assert_no_write_buttons(model, arch, user, where)
        # an action opening one record (the school's settings): its form reads that record
        record_ids = [action["res_id"]] if action.get("res_id") else []
        main_type = next((v[1] for v in views if v[1] in ("list", "kanban")), None)
        if main_type:
            spec = self._spec(arch[main_type], fields)
            if group_by:
                aggregates = ["__count"]
                for node in etree.fromstring(arch[main_type]).xpath("//field[@sum or @avg]"):
                    aggregates.append(f"{node.get('name')}:{'sum' if node.get('sum') else 'avg'}")
                self._call(
                    model,
                    "web_read_group",
                    [],
                    {
                        "domain": domain,
                        "fields": aggregates,
                        "groupby": group_by[:1],
                        "lazy": True,
                        "context": call_context,
                    },
                    f"{where} web_read_group {group_by}",
                )
            data = self._call(
                model,
                "web_search_read",
                [],
                {"domain": domain, "specification": spec, "limit": 80, "context": call_context},
                f"{where} web_search_read",
            )
            record_ids = [record["id"] for record in data["records"]]
            if not record_ids:
                # the default filters may hide everything: the first record without them
                data = self._call(
                    model,
                    "web_search_read",
                    [],
                    {
                        "domain": self._eval(action.get("domain"), user, context, []) or [],
                        "specification": spec,
                        "limit": 1,
                        "context": call_context,
                    },
                    f"{where} web_search_read without filters",
                )
                record_ids = [record["id"] for record in data["records"]]
        for view_type in ("pivot", "graph"):
            if view_type not in arch:
                continue
            tree = etree.fromstring(arch[view_type])
            measures = [f"{n.get('name')}:sum" for n in tree.xpath("//field[@type='measure']")]
            rows = [
                n.get("name") + (f":{n.get('interval')}" if n.get("interval") else "")
                for n in tree.xpath("//field[@type='row' or @type='col' or not(@type)]")
                if n.get("type") != "measure"
            ]
            for row in rows[:2] or [False]:
                self._call(
                    model,
                    "read_group",
                    [],
                    {
                        "domain": domain,
                        "fields": measures + ["__count"],
                        "groupby": [row] if row else [],
                        "lazy": False,
                        "context": call_context,
                    },
                    f"{where} {view_type} read_group {row}",
                )
        if "form" in arch:
            spec = self._spec(arch["form"], fields)
            if record_ids:
                self._call(
                    model,
                    "web_read",
                    [record_ids[:1]],
                    {"specification": spec, "context": call_context},
                    f"{where} web_read form",
                )
            form = etree.fromstring(arch["form"])
            if form.get("create") not in ("0", "false", "False") and (main_type or not record_ids):
                self._call(
                    model,
                    "onchange",
                    [[], {}, [], spec],
                    {"context": call_context},
                    f"{where} new record",
                )
        return model, record_ids

    def _assert_no_write_buttons(self, model, arch, user, where):
        """No button that changes a record is offered on records the user may not write.

        Staff outside the teachers' groups (ROLE-1..3, ROLE-9) write only what their access
        rights let them; teachers change some records through checked methods (a class
        teacher releases the notifications of the own class), so they are not checked here.
        """
        Model = self.env[model].with_user(user)
        if (
            Model.is_transient()
            or Model.has_access("write")
            or user.has_group("school_ejournal.group_school_teacher")
        ):
            return
        for view_type in ("list", "kanban", "form"):
            if view_type not in arch:
                continue
            root = etree.fromstring(arch[view_type])
            self.assertIn(
                root.get("edit", "false"),
                ("0", "false", "False"),
                f"{where}: the {view_type} view offers to edit records the user may not write",
            )
            for button in root.xpath(
                "//header//button[@type='object'] | /list//button[@type='object']"
                " | //kanban//button[@type='object']"
                # the form's sheet too (button box, buttons beside a field), outside sub-views
                " | /form//button[@type='object'][not(ancestor::field)]"
            ):
                name = button.get("name")
                self.assertTrue(
                    READ_ONLY_BUTTONS.match(name)
                    or (model, name) in CHECKED_BUTTONS
                    or button.get("invisible") in ("1", "True", "true"),
                    f"{where}: the button {name} ({button.get('string')}) is offered to a user who "
                    f"may not change {model}",
                )

    def _open_client_action(self, action, user, where):
        tag = action["tag"]
        context = dict(self._eval(action.get("context"), user, {}, {}))
        call_context = dict(context, lang=user.lang or "en_US", tz="Europe/Moscow", uid=user.id)
        if tag == "school_ejournal.journal_grid":
            options = self._call("school.journal.grid", "get_options", [], {"context": call_context}, where)
            for school_class in options["classes"][:3]:
                for subject in school_class["subjects"][:2]:
                    subgroup = False if subject["whole_class"] else subject["subgroups"][0]["id"]
                    for period in school_class["periods"][:2]:
                        self._call(
                            "school.journal.grid",
                            "get_grid",
                            [school_class["id"], subject["id"], period["id"], subgroup],
                            {"context": call_context},
                            f"{where} grid {school_class['name']}",
                        )
            return options
        if tag == "school_ejournal.period_mark_grid":
            options = self._call(
                "school.period.mark", "get_grid_options", [], {"context": call_context}, where
            )
            periods = [p for p in options["periods"] if p["type"] == "quarter"][:2]
            if context.get("period_mark_mode") == "matrix":
                for school_class in options["classes"][:2]:
                    for period in periods:
                        self._call(
                            "school.period.mark",
                            "get_class_matrix",
                            [school_class["id"], period["id"]],
                            {"context": call_context},
                            f"{where} matrix",
                        )
            else:
                for pair in options["subjects"][:3]:
                    for period in periods:
                        self._call(
                            "school.period.mark",
                            "get_period_mark_grid",
                            [pair["class_id"], pair["subject_id"], period["id"]],
                            {"context": call_context},
                            f"{where} period marks",
                        )
            return options
        if tag == "school_ejournal.attendance_day":
            options = self._call(
                "school.journal.grid", "get_day_options", [], {"context": call_context}, where
            )
            for school_class in options["classes"][:3]:
                for day in (options["default_date"], "2026-11-17"):
                    self._call(
                        "school.journal.grid",
                        "get_day_sheet",
                        [school_class["id"], day],
                        {"context": call_context},
                        f"{where} {school_class['name']} {day}",
                    )
            return options
        if tag == "school_ejournal.control_dashboard":
            return self._call(
                "school.control.report",
                "get_dashboard_data",
                [],
                {"period_id": False, "class_id": False, "context": call_context},
                where,
            )
        self.fail(f"{where}: the smoke test does not know the client action {tag}")

    def _open_menus(self, user):
        """Open every menu item of the e-journal the user sees; return the opened paths."""
        self.authenticate(user.login, user.login)
        menus = self.env["ir.ui.menu"].with_user(user).search([("id", "child_of", self.root_menu.id)])
        opened = {}
        errors = []
        for menu in menus.filtered("action"):
            where = f"{user.login}: {menu.complete_name}"
            try:
                action = self._rpc("/web/action/load", {"action_id": menu.action.id}, f"{where} load")
                if action["type"] == "ir.actions.act_window":
                    opened[menu.complete_name] = self._open_window_action(action, user, where)
                elif action["type"] == "ir.actions.client":
                    opened[menu.complete_name] = self._open_client_action(action, user, where)
                elif action["type"] == "ir.actions.server":
                    # the web client runs it and opens the action it returns (the school's
                    # settings with the colours of the marks, ROLE-1)
                    result = self._rpc("/web/action/run", {"action_id": action["id"]}, f"{where} run")
                    if result and result.get("type") == "ir.actions.act_window":
                        result.setdefault("id", action["id"])
                        opened[menu.complete_name] = self._open_window_action(result, user, where)
                    else:
                        opened[menu.complete_name] = result and result.get("type")
                else:
                    opened[menu.complete_name] = action["type"]
            except AssertionError as error:
                errors.append(str(error))
        self.assertFalse(errors, "\n\n".join(errors))
        return opened

    # ------------------------------------------------------------------
    # The roles
    # ------------------------------------------------------------------
    def _print_form(self, user, code, **vals):
        """Print one form of the reports wizard as the user, through the web client's path."""
        self.authenticate(user.login, user.login)
        where = f"{user.login}: print {code}"
        wizard_id = self._call("school.report.wizard", "create", [dict(vals, report_code=code)], {}, where)
        wizard_id = wizard_id[0] if isinstance(wizard_id, list) else wizard_id
        action = self._call("school.report.wizard", "action_print_pdf", [[wizard_id]], {}, where)
        self.assertEqual(action["type"], "ir.actions.report", f"{where}: {action}")
        # the PDF is bound to the form's parameters (issue 16 item 9), not to the wizard's id
        options = quote(json.dumps(action["data"]))
        response = self.url_open(f"/report/html/{action['report_name']}?options={options}")
        self.assertEqual(response.status_code, 200, where)
        return response.text

    # screens changed in the third session (issues 13, 14, 16) and the roles that use them:
    # the smoke test must reach each of them as each of these roles
    SCREENS_OF_ROLES = {
        "ej_admin": (
            "school_ejournal.school_ejournal_school_settings_menu",  # colours of the marks
            "school_ejournal.school_period_menu",  # intermediate attestation date (P 4.4)
            "school_ejournal.school_calendar_day_menu",
            "school_ejournal.school_consent_menu",
            "school_ejournal.school_credential_wizard_menu",
            "school_ejournal.school_entry_deadline_menu",
        ),
        "deputy": (
            "school_ejournal.school_year_deadline_menu",
            "school_ejournal.school_entry_deadline_menu",
            "school_ejournal.school_period_menu",
            "school_ejournal_reports.school_report_wizard_menu",
        ),
        "director": (
            "school_ejournal.school_year_deadline_menu",
            "school_ejournal.school_entry_deadline_menu",
            "school_ejournal_reports.school_report_wizard_menu",
        ),
        "inspector": (
            "school_ejournal.school_year_deadline_menu",
            "school_ejournal.school_entry_deadline_menu",
            "school_ejournal_reports.school_report_wizard_menu",
        ),
        "class_teacher": (
            "school_ejournal.school_credential_wizard_menu",
            "school_ejournal.school_entry_deadline_menu",
            "school_ejournal_reports.school_report_wizard_menu",
        ),
        "teacher": ("school_ejournal.school_entry_deadline_menu",),
    }

    def test_staff_screens(self):
        for role, user in self.roles.items():
            with self.subTest(role=role):
                opened = self._open_menus(user)
                self.assertTrue(opened, f"{role} sees no menu item of the e-journal")
                for xmlid in self.SCREENS_OF_ROLES.get(role, ()):
                    menu = self.env.ref(xmlid)
                    self.assertIn(menu.complete_name, opened, f"{role} does not reach {xmlid}")
                    # the screen was really read (model and records), not only its action loaded
                    self.assertIsInstance(opened[menu.complete_name], tuple, f"{role}: {xmlid}")

    def test_reports_of_staff(self):
        for user in (self.user_director, self.user_deputy, self.class_teacher, self.user_inspector):
            html = self._print_form(
                user, "marks_summary", class_id=self.class_5a.id, period_id=self.quarter_1.id
            )
            self.assertIn(self.student_sidorov.last_name, html)

    def test_ej_admin_prints_credentials(self):
        """ROLE-1 prints the credentials notice, not the layout configurator it may not use.

        Even an administrator who also manages access rights (``group_erp_manager``, which
        Odoo takes for an "admin" and sends to the document layout configurator) gets the
        report of a school without a configured layout.
        """
        self.user_ej_admin.groups_id += self.env.ref("base.group_erp_manager")
        self.school.external_report_layout_id = False
        self.authenticate(self.user_ej_admin.login, self.user_ej_admin.login)
        action = self._call(
            "ir.actions.report",
            "report_action",
            [[self.env.ref("school_ejournal.action_report_credentials_notice").id], []],
            {},
            "report_action",
        )
        self.assertEqual(action["type"], "ir.actions.report")

    def test_staff_open_on_their_screen(self):
        """Staff land on the journal or the dashboard, not on Discuss."""
        grid = self.env.ref("school_ejournal.school_journal_grid_action")
        dashboard = self.env.ref("school_ejournal.school_control_dashboard_action")
        for user, action in (
            (self.teacher, grid),
            (self.class_teacher, grid),
            (self.user_inspector, grid),
            (self.user_ej_admin, grid),
            (self.user_deputy, dashboard),
            (self.user_director, dashboard),
        ):
            self.authenticate(user.login, user.login)
            info = self._rpc("/web/session/get_session_info", {}, user.login)
            self.assertEqual(info["home_action_id"], action.id, user.login)

    def test_contingent_template(self):
        self.authenticate(self.user_ej_admin.login, self.user_ej_admin.login)
        response = self.url_open("/school_ejournal/contingent_template.xlsx")
        self.assertEqual(response.status_code, 200)
        rows = xlsx_rows(response.content)
        self.assertEqual(rows[0][:3], ["Фамилия", "Имя", "Отчество"])
        # its columns are those the import reads
        headers = {h.lower() for h in rows[0]}
        self.assertLessEqual(headers, set(HEADERS))
        self.authenticate(self.teacher.login, self.teacher.login)
        response = self.url_open("/school_ejournal/contingent_template.xlsx")
        self.assertNotEqual(response.status_code, 200)

    def test_report_wizard_defaults(self):
        """The class teacher's form opens on the own class and the current quarter."""
        wizard = self.env["school.report.wizard"].with_user(self.class_teacher).create({})
        self.assertEqual(wizard.class_id, self.class_5a)
        self.assertEqual(wizard.period_id, self.quarter_2)
        wizard = self.env["school.report.wizard"].with_user(self.user_deputy).create({})
        self.assertEqual(wizard.period_id, self.quarter_2)

    def test_portal_pages(self):
        for user in (self.user_student, self.user_parent):
            self.authenticate(user.login, user.login)
            response = self.url_open("/my/diary")
            self.assertEqual(response.status_code, 200, user.login)
            student = self.student_ivanov if user == self.user_student else self.student_petrova
            for suffix in ("", "/marks", "/events"):
                response = self.url_open(f"/my/diary/{student.id}{suffix}")
                self.assertEqual(response.status_code, 200, f"{user.login} {suffix}")
                self.assertIn(student.first_name, response.text)
            # the portal users have no back office
            self.assertFalse(user.has_group("base.group_user"))


@tagged("post_install", "-at_install")
class TestRoleTours(ReportsCommon, HttpCase):
    """Browser tours of the daily work of the roles (issue 13). The deputy's decision on a
    correction request runs once, in ``test_print_tours`` (with the summary sheet after it)."""

    def test_inspector_finds_no_write_button(self):
        self.start_tour(
            "/odoo/action-school_ejournal.school_lesson_action",
            "school_inspector_readonly_tour",
            login="ej_inspector",
        )

    def test_class_teacher_records_a_day(self):
        self.start_tour(
            "/odoo/action-school_ejournal.school_attendance_day_action",
            "school_attendance_day_tour",
            login="ej_class_teacher",
        )
        entries = self.env["school.attendance"].search(
            [("student_id", "=", self.student_petrova.id), ("date", "=", "2026-11-17")]
        )
        self.assertEqual(entries.lesson_id, self.math_7 | self.english_3)
        self.assertEqual(set(entries.mapped("code")), {"ill"})

    def test_teacher_files_correction_from_refused_cell(self):
        url = (
            f"/odoo/school-journal?class_id={self.class_5a.id}&subject_id={self.subject_math.id}"
            f"&period_id={self.quarter_1.id}"
        )
        self.start_tour(url, "school_correction_from_cell_tour", login="ej_class_teacher")
        request = self.env["school.correction.request"].search([("lesson_id", "=", self.math_3.id)])
        self.assertEqual(len(request), 1)
        self.assertRecordValues(
            request,
            [
                {
                    "student_id": self.student_sidorov.id,
                    "new_value": 4,
                    "state": "submitted",
                    "requested_by_id": self.class_teacher.id,
                }
            ],
        )
        self.assertEqual(request.mark_id.value, 3, "the mark itself waits for the deputy's decision")
