"""Pieces of the OpenID Connect sign-in without HTTP (issue 17): SNILS matching, ID-token
checks that need no provider, settings validation, the one-time login token."""

import base64
import json
import sys
import time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.school_ejournal.tests.common import SchoolCommon

from ..models.auth_oauth_provider import OidcError, b64url_encode
from ..models.res_partner import normalize_snils
from ..models.res_users import SchoolOidcRefused


def _token(header, claims):
    return (
        ".".join(b64url_encode(json.dumps(part).encode()) for part in (header, claims))
        + "."
        + b64url_encode(b"signature")
    )


@tagged("post_install", "-at_install")
class TestOidcUnits(SchoolCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls.env["auth.oauth.provider"].create(
            {
                "name": "Unit provider",
                "body": "Unit",
                "oidc_flow": "code_pkce",
                "client_id": "unit-client",
                "auth_endpoint": "https://idp.invalid/authorize",
                "validation_endpoint": "https://idp.invalid/userinfo",
                "oidc_token_endpoint": "https://idp.invalid/token",
                "oidc_jwks_uri": "https://idp.invalid/jwks",
                "oidc_issuer": "https://idp.invalid",
            }
        )
        cls.student_petrova.write({"consent_date": cls.year_start, "snils": "123-456-789 64"})

    def test_normalize_snils(self):
        self.assertEqual(normalize_snils("123-456-789 64"), "12345678964")
        self.assertEqual(normalize_snils("12345678964"), "12345678964")
        self.assertEqual(normalize_snils("123-456"), "")
        self.assertEqual(normalize_snils(None), "")

    def test_partner_snils_must_have_eleven_digits(self):
        with self.assertRaises(ValidationError):
            self.user_parent.partner_id.school_snils = "12-34"
        self.user_parent.partner_id.school_snils = "112 233 445 95"
        self.assertEqual(self.env["res.users"]._school_users_by_snils("112-233-445-95"), self.user_parent)

    def test_partner_snils_checksum_on_create_and_import(self):
        """GOS-1: the SNILS of a guardian or staff member is checked with its checksum when the
        partner is created or imported, as when it is changed later."""
        Partner = self.env(user=self.user_ej_admin)["res.partner"]
        with self.assertRaises(ValidationError) as caught, self.env.cr.savepoint():
            Partner.create({"name": "Снилсов Семён", "school_snils": "112-233-445 59"})
        self.assertIn("mistyped", str(caught.exception))
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Partner.create({"name": "Снилсов Семён", "school_snils": "1122"})
        result = Partner.load(["name", "school_snils"], [["Снилсов Семён", "987-654-321 00"]])
        self.assertFalse(result["ids"])
        self.assertIn("mistyped", " ".join(m["message"] for m in result["messages"]))
        self.assertFalse(Partner.search([("name", "=", "Снилсов Семён")]))
        partner = Partner.create({"name": "Снилсов Семён", "school_snils": "987-654-321 83"})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            partner.school_snils = "987-654-321 38"
        self.assertEqual(partner.school_snils, "987-654-321 83")
        ru = self.env(user=self.user_ej_admin, context=dict(self.env.context, lang="ru_RU"))
        with self.assertRaises(ValidationError) as caught, self.env.cr.savepoint():
            ru["res.partner"].create({"name": "Снилсов Семён", "school_snils": "112-233-445 59"})
        self.assertIn("контрольное число", str(caught.exception))

    def test_student_without_account_is_no_match(self):
        claims = {"sub": "s-1", "snils": "123-456-789 64"}
        with self.assertRaises(SchoolOidcRefused) as refused:
            self.env["res.users"]._school_oidc_signin(self.provider, claims)
        self.assertEqual(refused.exception.code, "nomatch")
        self.student_petrova.user_id = self.user_student
        identity, outcome = self.env["res.users"]._school_oidc_signin(self.provider, claims)
        self.assertEqual((identity.user_id, outcome), (self.user_student, "linked"))

    def test_ambiguous_snils_is_refused(self):
        self.user_parent.partner_id.school_snils = "112-233-445 95"
        self.teacher.partner_id.school_snils = "11223344595"
        with self.assertRaises(SchoolOidcRefused) as refused:
            self.env["res.users"]._school_oidc_signin(self.provider, {"sub": "x", "snils": "112-233-445 95"})
        self.assertEqual(refused.exception.code, "ambiguous")
        self.assertFalse(self.env["school.oidc.identity"].search([("subject", "=", "x")]))

    def test_unsigned_or_malformed_tokens_are_refused_before_any_key(self):
        now = int(time.time())
        claims = {"iss": "https://idp.invalid", "aud": "unit-client", "exp": now + 60, "iat": now, "sub": "a"}
        for header in ({"alg": "none"}, {"alg": "HS256"}):
            with self.assertRaisesRegex(OidcError, "algorithm"):
                self.provider._school_oidc_verify_id_token(_token(header, claims), "nonce")
        with self.assertRaisesRegex(OidcError, "malformed"):
            self.provider._school_oidc_verify_id_token("not-a-jwt", "nonce")
        with self.assertRaisesRegex(OidcError, "malformed"):
            self.provider._school_oidc_verify_id_token(
                base64.urlsafe_b64encode(b"[]").decode() + ".e30.c2ln", "nonce"
            )

    def test_other_algorithms_need_the_verifier_command(self):
        """ESIA signs ID tokens with GOST keys: a verifier command of the school checks them."""
        now = int(time.time())
        claims = {
            "iss": "https://idp.invalid",
            "aud": "unit-client",
            "exp": now + 60,
            "iat": now,
            "sub": "1000299",
            "nonce": "n-1",
        }
        token = _token({"alg": "GOST3410_2012_256"}, claims)
        with self.assertRaisesRegex(OidcError, "algorithm"):
            self.provider._school_oidc_verify_id_token(token, "n-1")
        python = sys.executable
        # the command sees the whole token on stdin
        self.provider.oidc_token_verifier_command = (
            f"{python} -c \"import sys; sys.exit(0 if sys.stdin.read().count('.') == 2 else 1)\""
        )
        self.assertEqual(self.provider._school_oidc_verify_id_token(token, "n-1")["sub"], "1000299")
        # the claims are still checked after the command
        with self.assertRaisesRegex(OidcError, "nonce"):
            self.provider._school_oidc_verify_id_token(token, "n-2")
        self.provider.oidc_token_verifier_command = f'{python} -c "import sys; sys.exit(1)"'
        with self.assertRaisesRegex(OidcError, "signature invalid"):
            self.provider._school_oidc_verify_id_token(token, "n-1")
        # never for unsigned or shared-secret tokens
        self.provider.oidc_token_verifier_command = f'{python} -c "pass"'
        with self.assertRaisesRegex(OidcError, "algorithm"):
            self.provider._school_oidc_verify_id_token(_token({"alg": "none"}, claims), "n-1")

    def test_enabled_provider_needs_its_endpoints(self):
        with self.assertRaises(ValidationError):
            self.provider.write({"oidc_jwks_uri": False, "enabled": True})
        with self.assertRaises(ValidationError):
            self.provider.oidc_clock_skew = -1

    def test_pkce_challenge_is_s256_of_the_verifier(self):
        import hashlib

        transaction = self.env["auth.oauth.provider"]._school_oidc_new_transaction()
        expected = b64url_encode(hashlib.sha256(transaction["code_verifier"].encode()).digest())
        self.assertEqual(transaction["code_challenge"], expected)
        self.assertGreaterEqual(len(transaction["code_verifier"]), 43)
        url = self.provider._school_oidc_authorize_url("https://school.invalid/cb", transaction)
        self.assertIn("code_challenge_method=S256", url)
        self.assertNotIn(transaction["code_verifier"], url)

    def test_login_token_is_single_use(self):
        identity = self.env["school.oidc.identity"].create(
            {"user_id": self.user_parent.id, "provider_id": self.provider.id, "subject": "tok"}
        )
        token = identity._issue_login_token()
        Identity = self.env["school.oidc.identity"]
        self.assertFalse(Identity._consume_login_token(self.user_student, token))
        self.assertEqual(Identity._consume_login_token(self.user_parent, token), identity)
        self.assertFalse(Identity._consume_login_token(self.user_parent, token))

    def test_esia_preset_is_inactive_and_complete(self):
        esia = self.env.ref("school_ejournal_esia.provider_esia")
        self.assertFalse(esia.enabled)
        self.assertEqual(esia.oidc_flow, "code_pkce")
        self.assertIn("snils", esia.scope.split())
        self.assertTrue(esia.oidc_token_endpoint.startswith("https://esia.gosuslugi.ru/"))

    def test_refusal_message_is_russian(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["school_ejournal_esia"], ["ru_RU"], overwrite=True)
        message = self.env["res.users"].with_context(lang="ru_RU")._school_oidc_error_message("nomatch")
        self.assertIn("СНИЛС", message)

    def test_only_the_school_admin_reads_links(self):
        identity = self.env["school.oidc.identity"].create(
            {"user_id": self.user_parent.id, "provider_id": self.provider.id, "subject": "acl"}
        )
        Identity = self.env["school.oidc.identity"]
        for user in (self.teacher, self.user_parent, self.user_director):
            with self.assertRaises(AccessError):
                Identity.with_user(user).search([])
        self.assertEqual(Identity.with_user(self.user_ej_admin).search([("subject", "=", "acl")]), identity)
        self.assertFalse(Identity.with_user(self.user_ej_admin_2).search([("subject", "=", "acl")]))
        # the administrator revokes, but never re-points or reactivates a link
        with self.assertRaises(AccessError):
            identity.with_user(self.user_ej_admin).write({"user_id": self.user_ej_admin.id})
        with self.assertRaises(AccessError):
            identity.with_user(self.user_ej_admin_2).action_revoke()
        identity.with_user(self.user_ej_admin).action_revoke()
        self.assertFalse(identity.active)
        with self.assertRaises(AccessError):
            identity.with_user(self.user_ej_admin).write({"active": True})
        with self.assertRaises(AccessError):
            self.env["school.oidc.login.log"].with_user(self.user_ej_admin).create({"outcome": "success"})
