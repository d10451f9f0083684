"""The read API for state and regional portals under /api/v1, over HTTP with real Odoo API
keys (issue 17, P 1.12, S 1.12, SEC-5): authentication, the key's school only, paging, the
``since`` filter, the personal-data access log."""

import re

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL, file_open, mute_logger

from ..controllers.api import API_KEY_SCOPE
from .common import SNILS_ALEXEY, SNILS_MARIA, SNILS_OTHER_SCHOOL, EsiaFixtures


@tagged("post_install", "-at_install")
class TestFeedApi(EsiaFixtures, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period_mark = cls._period_mark(cls.child_maria, cls.subject_math, cls.class_5a, cls.term, 5)
        cls.feed_user = cls._feed_account("feed_region", cls.school)
        cls.key = cls._api_key(cls.feed_user)

        # another school with a student carrying a SNILS
        cls.school_other = cls.env["res.company"].create({"name": "Школа № 8 (другая)"})
        cls.student_other = cls.env["school.student"].create(
            {
                "last_name": "Чужая",
                "first_name": "Ученица",
                "company_id": cls.school_other.id,
                "consent_date": cls.year.date_start,
                "snils": SNILS_OTHER_SCHOOL,
            }
        )
        cls.feed_user_other = cls._feed_account("feed_other", cls.school_other)
        cls.key_other = cls._api_key(cls.feed_user_other)
        cls.key_no_group = cls._api_key(cls.user_ej_admin)

    @classmethod
    def _feed_account(cls, login, company):
        return new_test_user(
            cls.env,
            login=login,
            groups="base.group_user,school_ejournal_esia.group_school_feed",
            name=f"Региональный портал {login}",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    @classmethod
    def _api_key(cls, user):
        return cls.env["res.users.apikeys"].with_user(user).sudo()._generate(API_KEY_SCOPE, "portal", None)

    def _get(self, path, key=None, **params):
        headers = {"Authorization": f"Bearer {key or self.key}"} if key is not False else {}
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return self.url_open(path + (f"?{query}" if query else ""), headers=headers)

    def _journal(self, snils=SNILS_MARIA, **params):
        return self._get(f"/api/v1/students/{snils}/journal", **params)

    # ------------------------------------------------------------------
    @mute_logger("odoo.addons.school_ejournal_esia.controllers.api")
    def test_authentication(self):
        response = self._journal(key=False)
        self.assertEqual(response.status_code, 401)
        self.assertIn("Bearer", response.headers.get("WWW-Authenticate", ""))
        self.assertEqual(self._journal(key="0" * 40).status_code, 401)
        # a valid key of a user outside the feed group
        self.assertEqual(self._journal(key=self.key_no_group).status_code, 403)
        # a revoked key
        self.env["res.users.apikeys"].sudo().search([("user_id", "=", self.feed_user_other.id)]).unlink()
        self.assertEqual(self._get("/api/v1/changes", key=self.key_other).status_code, 401)

    def test_student_journal(self):
        response = self._journal()
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertEqual(data["student"]["snils"], "12345678964")
        self.assertEqual(data["student"]["name"], self.child_maria.name)
        by_type = {}
        for item in data["items"]:
            by_type.setdefault(item["type"], []).append(item)
        self.assertEqual(sorted(m["value"] for m in by_type["mark"]), [3, 4, 5])
        self.assertIn("Молодец", [m["comment"] for m in by_type["mark"]])
        self.assertEqual([(a["code"], a["late_minutes"]) for a in by_type["attendance"]], [("late", 10)])
        self.assertEqual(sorted(h["text"] for h in by_type["homework"]), ["Упражнение 45", "№ 123, 124"])
        self.assertEqual(by_type["timetable"][0]["subject"], "Математика")
        self.assertEqual([p["value"] for p in by_type["period_mark"]], [5])
        self.assertEqual(data["total"], 8)
        # nothing of other students: Petr's secret comment, Alexey's 5Б homework
        self.assertNotIn("Секретный комментарий", response.text)
        self.assertNotIn("№ 77", response.text)
        # SEC-5: the access is logged against the student and the key's user
        log = self.env["school.personal.data.log"].search(
            [("student_id", "=", self.child_maria.id), ("user_id", "=", self.feed_user.id)]
        )
        self.assertEqual(len(log), 1)
        self.assertIn("api_v1", log.fields_read)

    def test_paging(self):
        pages = [self._journal(page=page, page_size=3).json() for page in (1, 2, 3, 4)]
        self.assertEqual([p["total"] for p in pages], [8] * 4)
        self.assertEqual([p["pages"] for p in pages], [3] * 4)
        self.assertEqual([len(p["items"]) for p in pages], [3, 3, 2, 0])
        seen = [(i["type"], i["id"]) for p in pages for i in p["items"]]
        self.assertEqual(len(set(seen)), 8)
        for bad in ({"page": 0}, {"page_size": 501}, {"page": "x"}, {"since": "yesterday"}):
            response = self._journal(**bad)
            self.assertEqual(response.status_code, 400, bad)
            self.assertEqual(response.json()["error"], "bad_request")

    def test_since_filter(self):
        # everything old except one mark, changed "now"
        for table in (
            "school_mark",
            "school_attendance",
            "school_lesson",
            "school_timetable_slot",
            "school_period_mark",
        ):
            self.env.cr.execute(
                SQL("UPDATE %s SET write_date = '2020-01-01 00:00:00'", SQL.identifier(table))
            )
        self.env.cr.execute(
            SQL(
                "UPDATE school_mark SET write_date = '2024-06-01 10:00:00' WHERE id = %s",
                self.mark_maria_4.id,
            )
        )
        self.env.invalidate_all()
        data = self._journal(since="2024-01-01T00:00:00Z").json()
        self.assertEqual([(i["type"], i["id"]) for i in data["items"]], [("mark", self.mark_maria_4.id)])
        self.assertEqual(data["items"][0]["changed_at"], "2024-06-01T10:00:00Z")
        self.assertEqual(data["since"], "2024-01-01T00:00:00Z")
        # an offset is understood: 13:00+03:00 is 10:00Z
        self.assertEqual(self._journal(since="2024-06-01T13:00:01%2B03:00").json()["total"], 0)
        self.assertEqual(self._journal(since="2019-12-31").json()["total"], 8)

        changes = self._get("/api/v1/changes", since="2024-01-01").json()
        self.assertEqual([s["snils"] for s in changes["students"]], ["12345678964"])
        self.assertEqual(changes["students"][0]["changed_at"], "2024-06-01T10:00:00Z")

    @mute_logger("odoo.addons.school_ejournal_esia.controllers.api")
    def test_other_school_is_not_found(self):
        for snils in (SNILS_OTHER_SCHOOL, "000-000-000 00", "garbage"):
            response = self._journal(snils=snils)
            self.assertEqual(response.status_code, 404, snils)
            self.assertNotIn("Чужая", response.text)
        # the other school's key sees its own student, and not ours
        self.assertEqual(self._journal(snils=SNILS_OTHER_SCHOOL, key=self.key_other).status_code, 200)
        self.assertEqual(self._journal(key=self.key_other).status_code, 404)

    def test_changes(self):
        data = self._get("/api/v1/changes").json()
        snils = [s["snils"] for s in data["students"]]
        # Maria and Alexey have entries; Ivan has a mark; the other school's student never
        self.assertEqual(sorted(snils), sorted(["12345678964", "98765432183", "11122233372"]))
        self.assertNotIn("55566677750", snils)
        first = self._get("/api/v1/changes", page_size=2).json()
        second = self._get("/api/v1/changes", page_size=2, page=2).json()
        self.assertEqual((first["total"], first["pages"]), (3, 2))
        self.assertEqual(len(first["students"]) + len(second["students"]), 3)
        logged = self.env["school.personal.data.log"].search([("user_id", "=", self.feed_user.id)])
        self.assertEqual(
            set(logged.student_id.ids), {self.child_maria.id, self.child_alexey.id, self.child_ivan.id}
        )
        self.assertEqual(SNILS_ALEXEY.replace("-", "").replace(" ", ""), "98765432183")

    def test_admin_issues_a_key_through_the_wizard(self):
        Wizard = self.env["school.feed.key.wizard"]
        with self.assertRaises(AccessError):
            Wizard.with_user(self.class_teacher).create({"account_name": "x"}).action_generate()
        wizard = Wizard.with_user(self.user_ej_admin).create({"account_name": "Портал Минобразования"})
        wizard.action_generate()
        self.assertTrue(wizard.key)
        account = wizard.user_id
        self.assertEqual(account.company_id, self.school)
        self.assertEqual(account.groups_id, self.env.ref("school_ejournal_esia.group_school_feed"))
        self.assertEqual(self._journal(key=wizard.key).status_code, 200)
        # the feed key opens no RPC session
        self.assertFalse(self.env["res.users.apikeys"]._check_credentials(scope="rpc", key=wizard.key))

    def test_openapi_describes_every_route(self):
        with file_open("school_ejournal_esia/static/openapi.yaml") as spec_file:
            spec = spec_file.read()
        self.assertIn("openapi: 3.", spec)
        routes = [
            rule.rule
            for rule in self.env["ir.http"].routing_map().iter_rules()
            if rule.rule.startswith("/api/v1/")
        ]
        self.assertEqual(len(routes), 2)
        for route in routes:
            documented = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
            self.assertIn(f"  {documented}:", spec)

    def test_write_methods_are_refused(self):
        response = self.url_open(
            f"/api/v1/students/{SNILS_MARIA}/journal",
            data={"x": 1},
            headers={"Authorization": f"Bearer {self.key}"},
        )
        self.assertEqual(response.status_code, 405)
