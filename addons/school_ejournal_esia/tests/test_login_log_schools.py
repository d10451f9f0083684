"""The Gosuslugi sign-in log across schools (SEC-3, SEC-5, GOS-1).

A refused attempt names a Gosuslugi subject and an IP address. It belongs to the school of the
account linked to that subject; an attempt of no known school is read by Odoo's technical
administrator only, not by the administrator of every school of the database.
"""

from odoo.tests import tagged

from odoo.addons.school_ejournal.tests.common import SchoolCommon


@tagged("post_install", "-at_install")
class TestLoginLogSchools(SchoolCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls.env["auth.oauth.provider"].create(
            {
                "name": "Log provider",
                "body": "Log",
                "oidc_flow": "code_pkce",
                "client_id": "log-client",
                "auth_endpoint": "https://idp.invalid/authorize",
                "validation_endpoint": "https://idp.invalid/userinfo",
                "oidc_token_endpoint": "https://idp.invalid/token",
                "oidc_jwks_uri": "https://idp.invalid/jwks",
                "oidc_issuer": "https://idp.invalid",
            }
        )
        cls.env["school.oidc.identity"].sudo().create(
            {"user_id": cls.user_parent.id, "provider_id": cls.provider.id, "subject": "esia-known"}
        )
        Log = cls.env["school.oidc.login.log"]
        cls.log_unknown = Log._record("refused", "no account", provider=cls.provider, subject="esia-stranger")
        cls.log_known = Log._record("refused", "blocked", provider=cls.provider, subject="esia-known")
        cls.log_state = Log._record("refused", "unknown, used or expired state")

    def _visible(self, user):
        return self.env["school.oidc.login.log"].with_user(user).search([])

    def test_refused_attempt_of_no_school_for_the_technical_administrator(self):
        self.assertFalse(self.log_unknown.company_id)
        self.assertEqual(self.log_known.company_id, self.school)
        for admin in (self.user_ej_admin, self.user_ej_admin_2):
            visible = self._visible(admin)
            self.assertNotIn(self.log_unknown, visible, admin.login)
            self.assertNotIn(self.log_state, visible, admin.login)
        self.assertIn(self.log_known, self._visible(self.user_ej_admin))
        self.assertNotIn(self.log_known, self._visible(self.user_ej_admin_2))
        system = self.env.ref("base.user_admin")
        self.assertGreaterEqual(self._visible(system), self.log_unknown | self.log_known | self.log_state)
