"""The state portals' API key on Odoo's other paths (SEC-3, SEC-5, issue 17).

A feed key opens /api/v1 for its own school only (``test_feed_api``). Here the same key is
tried where Odoo accepts API keys or passwords: XML-RPC and the web session. The key is of
the feed's own scope: it opens nothing there; and a logged-in parent's session does not open
the feed.
"""

import json
import xmlrpc.client

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from . import test_feed_api
from .common import SNILS_MARIA, EsiaFixtures


@tagged("post_install", "-at_install")
class TestFeedKeyPaths(EsiaFixtures, HttpCase):
    # the feed's account, key and request of the feed's tests, not their tests
    _feed_account = test_feed_api.TestFeedApi.__dict__["_feed_account"]
    _api_key = test_feed_api.TestFeedApi.__dict__["_api_key"]
    _get = test_feed_api.TestFeedApi._get

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.feed_user = cls._feed_account("feed_probe", cls.school)
        cls.key = cls._api_key(cls.feed_user)

    def test_feed_key_is_no_password(self):
        db = self.env.cr.dbname
        with mute_logger("odoo.addons.base.models.res_users", "odoo.http", "odoo.service.model"):
            self.assertFalse(self.xmlrpc_common.authenticate(db, self.feed_user.login, self.key, {}))
            with self.assertRaises(xmlrpc.client.Fault):
                self.xmlrpc_object.execute_kw(
                    db, self.feed_user.id, self.key, "school.student", "search_read", [[]], {"limit": 1}
                )
            params = {"db": db, "login": self.feed_user.login, "password": self.key}
            response = self.url_open(
                "/web/session/authenticate",
                data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
                headers={"Content-Type": "application/json"},
            )
        self.assertIn("error", response.json())

    def test_session_of_a_parent_opens_no_feed(self):
        self.authenticate(self.parent_mother.login, self.parent_mother.login)
        with mute_logger("odoo.addons.school_ejournal_esia.controllers.api"):
            response = self._get(f"/api/v1/students/{SNILS_MARIA}/journal", key=False)
            self.assertEqual(response.status_code, 401)
            self.assertNotIn("Мария", response.text)
            response = self._get("/api/v1/changes", key=False)
            self.assertEqual(response.status_code, 401)
