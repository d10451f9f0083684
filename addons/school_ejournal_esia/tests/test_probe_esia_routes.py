"""Roles against the Gosuslugi sign-in routes (issue 17, SEC-1, SEC-3), over HTTP.

A provider that is disabled, unknown or not of the code + PKCE flow starts no attempt (404).
A callback opened in another browser session than the one that started the attempt (a
link sent to a victim) is refused and leaves the victim's session as it was. A sign-in made
while someone else is logged in links the Gosuslugi account to the person of its SNILS,
never to the account of the open session.
"""

from urllib.parse import urlparse

from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_oidc_signin import MUTE, OidcCase


@tagged("post_install", "-at_install")
class TestProbeEsiaRoutes(OidcCase):
    def _uid(self):
        response = self.url_open(
            "/web/session/get_session_info", data="{}", headers={"Content-Type": "application/json"}
        )
        return response.json().get("result", {}).get("uid")

    def test_unknown_disabled_or_legacy_provider_starts_nothing(self):
        legacy = self.provider.copy({"name": "Legacy", "oidc_flow": "implicit", "enabled": True})
        disabled = self.provider.copy({"name": "Disabled", "enabled": False})
        asked = len(self.idp.authorize_requests)
        for provider_id in (legacy.id, disabled.id, 999999):
            with self.subTest(provider=provider_id):
                response = self.url_open(f"/auth_oidc/authorize/{provider_id}", allow_redirects=False)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("state=", response.headers.get("Location", ""))
        self.assertEqual(len(self.idp.authorize_requests), asked, "the provider was never asked")

    @mute_logger(*MUTE)
    def test_callback_in_another_session_is_refused(self):
        """Login CSRF: the attacker's callback URL, opened by a logged-in class teacher,
        opens no session of the attacker's account and keeps the teacher's."""
        self.idp.current_user = self.mother_account
        start = self.url_open(f"/auth_oidc/authorize/{self.provider.id}", allow_redirects=False)
        callback_url = self.url_open(start.headers["Location"], allow_redirects=False).headers["Location"]
        self.opener.cookies.clear()
        self.authenticate(self.class_teacher.login, self.class_teacher.login)
        response = self.url_open(callback_url)
        self.assertEqual(urlparse(response.url).path, "/web/login")
        self.assertIn("oidc_error=state", response.url)
        self.assertEqual(self._uid(), self.class_teacher.id)
        self.assertFalse(self._identity("esia-mother"))

    def test_signin_never_links_the_open_session(self):
        """A Gosuslugi sign-in from the class teacher's open session links the mother's
        Gosuslugi account to the mother's account, not to the teacher's."""
        self.authenticate(self.class_teacher.login, self.class_teacher.login)
        self._signin(self.mother_account)
        self.assertEqual(self._identity("esia-mother").user_id, self.parent_mother)
        self.assertFalse(self.class_teacher.school_oidc_identity_ids)
        self.assertEqual(self._logs()[-1].user_id, self.parent_mother)
