"""Sign-in through an OpenID Connect provider, over HTTP end to end (issue 17).

A real provider (Authlib's server components, ``oidc_provider.py``) runs on a free port of
127.0.0.1; the test's HTTP client follows the redirects between Odoo and the provider as a
browser does. Covered: the parent matched by SNILS lands in the own child's e-diary and
the link is recorded; a later sign-in goes by the subject id; no match, a forged, expired
or foreign ID token, a replayed code or state, a revoked link are refused, logged, and open
no session; the ESIA-style request signer command signs both requests.
"""

import sys
from urllib.parse import parse_qs, urlparse
from urllib.parse import quote as url_quote

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import SNILS_IVAN, SNILS_MOTHER, EsiaFixtures
from .oidc_provider import OidcTestProvider

MUTE = ("odoo.addons.school_ejournal_esia.controllers.main", "odoo.addons.base.models.res_users", "odoo.http")


class OidcCase(EsiaFixtures, HttpCase):
    signer_key = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.idp = OidcTestProvider(signer_key=cls.signer_key).start()
        cls.addClassCleanup(cls.idp.stop)
        cls.idp.redirect_uri = f"{cls.base_url()}/auth_oidc/callback"
        vals = {
            "name": "Test ESIA",
            "body": "Sign in with the test provider",
            "enabled": True,
            "oidc_flow": "code_pkce",
            "client_id": cls.idp.client_id,
            "auth_endpoint": f"{cls.idp.base_url}/authorize",
            "oidc_token_endpoint": f"{cls.idp.base_url}/token",
            "oidc_jwks_uri": f"{cls.idp.base_url}/jwks",
            "oidc_issuer": cls.idp.issuer,
            "validation_endpoint": f"{cls.idp.base_url}/userinfo",
            "scope": "openid fullname snils",
        }
        if cls.signer_key:
            script = (
                "import sys,hmac,hashlib,base64;"
                f"print(base64.b64encode(hmac.new({cls.signer_key!r},sys.stdin.buffer.read(),"
                "hashlib.sha256).digest()).decode())"
            )
            vals["oidc_signer_command"] = f'{sys.executable} -c "{script}"'
        else:
            vals["oidc_client_secret"] = cls.idp.client_secret
        cls.provider = cls.env["auth.oauth.provider"].create(vals)
        cls.mother_account = cls.idp.add_user("esia-mother", SNILS_MOTHER, "Петрова Елена Викторовна")
        cls.stranger_account = cls.idp.add_user("esia-stranger", "999-999-999 99", "Чужой Человек")
        cls.ivan_account = cls.idp.add_user("esia-ivan", SNILS_IVAN, "Иванов Иван Иванович")

    def setUp(self):
        super().setUp()
        self.idp.id_token_mode = "valid"
        self.idp.current_user = None
        self.opener.cookies.clear()

    def _signin(self, account, **params):
        self.idp.current_user = account
        url = f"/auth_oidc/authorize/{self.provider.id}"
        if params:
            url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
        return self.url_open(url)

    def _logs(self):
        return self.env["school.oidc.login.log"].search([("provider_id", "=", self.provider.id)], order="id")

    def _identity(self, subject):
        return (
            self.env["school.oidc.identity"]
            .with_context(active_test=False)
            .search([("provider_id", "=", self.provider.id), ("subject", "=", subject)])
        )

    def _session_uid(self):
        """Who the session of the test's HTTP client is: the diary list answers only users."""
        response = self.url_open("/my/diary", allow_redirects=False)
        return response.status_code

    def assertRefused(self, response, code):
        query = parse_qs(urlparse(response.url).query)
        self.assertEqual(urlparse(response.url).path, "/web/login", response.url)
        self.assertEqual(query.get("oidc_error"), [code])
        self.assertIn('class="alert alert-danger"', response.text)
        # no session was opened
        self.assertEqual(self._session_uid(), 303)


@tagged("post_install", "-at_install")
class TestOidcSignin(OidcCase):
    def test_parent_matched_by_snils_sees_own_child_diary(self):
        response = self._signin(self.mother_account)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(urlparse(response.url).path, "/my")
        # the authorization request carried PKCE S256, state and nonce; the token request the verifier
        auth_request = self.idp.authorize_requests[-1]
        self.assertEqual(auth_request["code_challenge_method"], "S256")
        self.assertEqual(auth_request["response_type"], "code")
        for key in ("state", "nonce", "code_challenge"):
            self.assertTrue(auth_request.get(key), key)
        self.assertTrue(self.idp.token_requests[-1].get("code_verifier"))
        self.assertNotIn("code_verifier", auth_request)

        diary = self.url_open(f"/my/diary/{self.child_maria.id}?date={self.ref_day}")
        self.assertEqual(diary.status_code, 200)
        self.assertIn("Сложение дробей", diary.text)
        self.assertIn("Молодец", diary.text)
        other = self.url_open(f"/my/diary/{self.child_petr.id}", allow_redirects=False)
        self.assertEqual(other.status_code, 404)

        identity = self._identity("esia-mother")
        self.assertEqual(identity.user_id, self.parent_mother)
        self.assertTrue(identity.linked_at)
        self.assertEqual(self._logs()[-1].outcome, "linked")
        self.assertEqual(self._logs()[-1].user_id, self.parent_mother)
        # the link is shown on the account
        self.assertIn(identity, self.parent_mother.school_oidc_identity_ids)

        # next time the subject id decides, whatever SNILS the provider sends
        self.opener.cookies.clear()
        self.mother_account["snils"] = None
        try:
            response = self._signin(self.mother_account)
        finally:
            self.mother_account["snils"] = SNILS_MOTHER
        self.assertEqual(urlparse(response.url).path, "/my")
        self.assertEqual(self._logs()[-1].outcome, "success")
        self.assertEqual(len(self._identity("esia-mother")), 1)

    def test_student_matched_by_snils_of_the_student_card(self):
        response = self._signin(self.ivan_account, redirect=f"/my/diary/{self.child_ivan.id}")
        self.assertEqual(urlparse(response.url).path, f"/my/diary/{self.child_ivan.id}")
        self.assertIn("Ивану: хорошо", response.text)
        self.assertEqual(self._identity("esia-ivan").user_id, self.user_student)

    def test_open_redirect_is_ignored(self):
        response = self._signin(self.ivan_account, redirect="//evil.example.com/x")
        self.assertEqual(urlparse(response.url).netloc, urlparse(self.base_url()).netloc)

    @mute_logger(*MUTE)
    def test_no_match_is_refused_and_logged(self):
        response = self._signin(self.stranger_account)
        self.assertRefused(response, "nomatch")
        # the login page of the database speaks Russian
        self.assertIn("Попросите школу внести ваш СНИЛС", response.text)
        log = self._logs()[-1]
        self.assertEqual((log.outcome, log.subject), ("refused", "esia-stranger"))
        self.assertIn("no account", log.reason)
        self.assertFalse(self._identity("esia-stranger"))

    def _assert_id_token_refused(self, mode, reason):
        """The provider answers with an ID token of ``mode``: the sign-in fails for ``reason``."""
        self.idp.id_token_mode = mode
        self.assertRefused(self._signin(self.mother_account), "failed")
        self.assertEqual(self._logs()[-1].reason, reason)

    @mute_logger(*MUTE)
    def test_forged_id_token_is_refused(self):
        self._assert_id_token_refused("forged", "ID token signature invalid")
        self.assertFalse(self._identity("esia-mother"))

    @mute_logger(*MUTE)
    def test_expired_id_token_is_refused(self):
        self._assert_id_token_refused("expired", "ID token expired")

    @mute_logger(*MUTE)
    def test_id_token_for_another_client_is_refused(self):
        self._assert_id_token_refused("wrong_audience", "ID token issued to another client")

    @mute_logger(*MUTE)
    def test_replayed_code_and_state_are_refused(self):
        self.idp.current_user = self.mother_account
        start = self.url_open(f"/auth_oidc/authorize/{self.provider.id}", allow_redirects=False)
        self.assertEqual(start.status_code, 303)
        at_provider = self.url_open(start.headers["Location"], allow_redirects=False)
        callback_url = at_provider.headers["Location"]
        self.assertIn("code=", callback_url)
        self.assertEqual(self.url_open(callback_url).url.split("?")[0], f"{self.base_url()}/my")
        self.opener.cookies.clear()

        # the same callback again: its state was used up
        response = self.url_open(callback_url)
        self.assertRefused(response, "state")

        # the old code under a fresh state of this session: the provider refuses the code
        fresh = self.url_open(f"/auth_oidc/authorize/{self.provider.id}", allow_redirects=False)
        fresh_state = parse_qs(urlparse(fresh.headers["Location"]).query)["state"][0]
        old_code = parse_qs(urlparse(callback_url).query)["code"][0]
        response = self.url_open(f"/auth_oidc/callback?code={old_code}&state={fresh_state}")
        self.assertRefused(response, "failed")
        self.assertIn("invalid_grant", self._logs()[-1].reason)

    @mute_logger(*MUTE)
    def test_revoked_link_is_refused(self):
        self._signin(self.mother_account)
        self.opener.cookies.clear()
        identity = self._identity("esia-mother")
        with self.assertRaises(AccessError):
            identity.with_user(self.class_teacher).action_revoke()
        with self.assertRaises(AccessError):
            identity.with_user(self.parent_mother).action_revoke()
        identity.with_user(self.user_ej_admin).action_revoke()
        self.assertFalse(identity.active)
        self.assertEqual(identity.revoked_by_id, self.user_ej_admin)
        response = self._signin(self.mother_account)
        self.assertRefused(response, "revoked")

    @mute_logger(*MUTE)
    def test_archived_account_is_refused(self):
        """A compromised or departed account (archived, SEC-2) no longer signs in through the link."""
        self._signin(self.mother_account)
        self.opener.cookies.clear()
        self.parent_mother.active = False
        response = self._signin(self.mother_account)
        self.assertRefused(response, "nomatch")
        self.assertEqual(self._logs()[-1].reason, "linked account archived")

    def test_browser_signin_of_the_parent(self):
        """The whole sign-in in Chrome: button, provider, callback, the child's diary."""
        self.idp.current_user = self.mother_account
        redirect = url_quote(f"/my/diary/{self.child_maria.id}?date={self.ref_day}", safe="")
        self.start_tour(f"/web/login?redirect={redirect}", "school_ejournal_esia_signin")
        self.assertEqual(self._identity("esia-mother").user_id, self.parent_mother)
        self.assertEqual(self._logs()[-1].outcome, "linked")

    def test_login_page_offers_the_provider(self):
        page = self.url_open("/web/login")
        self.assertIn(f"/auth_oidc/authorize/{self.provider.id}", page.text)
        self.assertIn("Sign in with the test provider", page.text)
        # the inactive ЕСИА preset and auth_oauth's Odoo.com provider are not offered
        self.assertNotIn("accounts.odoo.com", page.text)
        esia = self.env.ref("school_ejournal_esia.provider_esia")
        self.assertNotIn(f"/auth_oidc/authorize/{esia.id}", page.text)


@tagged("post_install", "-at_install")
class TestOidcSigner(OidcCase):
    """ESIA signs the client's requests: a signer command of the school's choice does it."""

    signer_key = b"school-certificate-stand-in"

    def test_signed_requests_sign_in(self):
        response = self._signin(self.mother_account)
        self.assertEqual(urlparse(response.url).path, "/my")
        auth_request = self.idp.authorize_requests[-1]
        self.assertTrue(auth_request.get("client_secret"))
        self.assertTrue(auth_request.get("timestamp"))
        token_request = self.idp.token_requests[-1]
        # the provider checked this signature (esia_signed client authentication)
        self.assertTrue(token_request.get("client_secret"))
        self.assertNotEqual(token_request["client_secret"], auth_request["client_secret"])

    @mute_logger(*MUTE)
    def test_failing_signer_refuses(self):
        self.provider.oidc_signer_command = f'{sys.executable} -c "import sys; sys.exit(3)"'
        response = self._signin(self.mother_account)
        self.assertRefused(response, "failed")
        self.assertIn("signer command exited with 3", self._logs()[-1].reason)
