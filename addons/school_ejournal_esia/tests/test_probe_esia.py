"""Roles against the Gosuslugi linking and the feed keys with other people's ids (issue 17,
SEC-1, SEC-3, ROLE-1).

The SNILS by which a Gosuslugi account is linked is recorded only for the people of one's own
school, never for an administrator of Odoo itself; a SNILS found on such an account links
nothing. A feed key, shown once in its wizard, is read by nobody else (another school's
administrator included); a wizard does not issue a key for another school's feed account.
"""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.school_ejournal.tests.common import MUTE_ACCESS, SchoolCommon

from ..models.res_users import SchoolOidcRefused

SNILS_ATTACKER = "321-654-987 76"


@tagged("post_install", "-at_install")
class TestProbeEsia(SchoolCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls.env["auth.oauth.provider"].create(
            {
                "name": "Probe provider",
                "body": "Probe",
                "oidc_flow": "code_pkce",
                "client_id": "probe-client",
                "auth_endpoint": "https://idp.invalid/authorize",
                "validation_endpoint": "https://idp.invalid/userinfo",
                "oidc_token_endpoint": "https://idp.invalid/token",
                "oidc_jwks_uri": "https://idp.invalid/jwks",
                "oidc_issuer": "https://idp.invalid",
            }
        )
        cls.odoo_admin = cls.env.ref("base.user_admin")
        cls.feed_group = cls.env.ref("school_ejournal_esia.group_school_feed")

    def _signin(self, subject, snils):
        return (
            self.env["res.users"].sudo()._school_oidc_signin(self.provider, {"sub": subject, "snils": snils})
        )

    def test_snils_only_for_own_school_people(self):
        """ROLE-1 records the SNILS of the own school's guardians; another school's
        administrator records none of them (the guardian's account would be linked to the
        administrator's Gosuslugi account), nor of a staff member or of an Odoo administrator."""
        Partner = self.env["res.partner"]
        for partner, snils in (
            (self.guardian_father, "222-222-222 90"),
            (self.guardian_mother, "333-333-333 34"),
        ):
            Partner.browse(partner.id).with_user(self.user_ej_admin).write({"school_snils": snils})
            self.assertEqual(partner.sudo().school_snils, snils)
        for user, partner in (
            (self.user_ej_admin_2, self.guardian_father),
            (self.user_ej_admin_2, self.guardian_mother),
            (self.user_ej_admin_2, self.student_petrova.partner_id),
            (self.user_ej_admin_2, self.class_teacher.partner_id),
            (self.user_ej_admin, self.odoo_admin.partner_id),
        ):
            with self.subTest(user=user.login, partner=partner.name), self.assertAccessRefused():
                Partner.browse(partner.id).with_user(user).write({"school_snils": SNILS_ATTACKER})
        self.assertEqual(self.guardian_father.sudo().school_snils, "222-222-222 90")
        self.assertEqual(self.guardian_mother.sudo().school_snils, "333-333-333 34")
        self.assertFalse(self.odoo_admin.partner_id.sudo().school_snils)

    def test_odoo_administrator_is_never_linked(self):
        """Whoever wrote it, a SNILS on an Odoo administrator's account (group_system) links
        nothing: the Gosuslugi sign-in opens school accounts only."""
        self.odoo_admin.partner_id.school_snils = SNILS_ATTACKER
        with self.assertRaises(SchoolOidcRefused) as refused:
            self._signin("attacker-sub", SNILS_ATTACKER)
        self.assertEqual(refused.exception.code, "nomatch")
        self.assertFalse(self.env["school.oidc.identity"].search([("subject", "=", "attacker-sub")]))
        # a school account with the same SNILS is linked as before
        self.odoo_admin.partner_id.school_snils = False
        self.user_director.partner_id.school_snils = SNILS_ATTACKER
        identity, outcome = self._signin("director-sub", SNILS_ATTACKER)
        self.assertEqual((identity.user_id, outcome), (self.user_director, "linked"))

    def test_feed_key_wizard_is_its_authors_only(self):
        """The key shown in the wizard of school 1's administrator is read by no other
        administrator, of school 1 or 2; school 2's administrator issues no key for school
        1's feed account."""
        wizard = (
            self.env["school.feed.key.wizard"]
            .with_user(self.user_ej_admin)
            .create({"account_name": "Портал"})
        )
        wizard.action_generate()
        self.assertTrue(wizard.key)
        admin_bis = new_test_user(
            self.env,
            login="ej_admin_bis",
            groups="school_ejournal.group_school_admin",
            company_id=self.school.id,
            company_ids=[Command.set(self.school.ids)],
        )
        for user in (self.user_ej_admin_2, admin_bis):
            with self.subTest(user=user.login):
                with self.assertAccessRefused():
                    wizard.with_user(user).read(["key"])
                self.assertFalse(wizard.with_user(user).search([("id", "=", wizard.id)]))
                with self.assertAccessRefused():
                    wizard.with_user(user).action_generate()
        feed_account = wizard.user_id
        keys = self.env["res.users.apikeys"].sudo().search_count([("user_id", "=", feed_account.id)])
        with self.assertRaises(UserError), mute_logger(*MUTE_ACCESS):
            self.env["school.feed.key.wizard"].with_user(self.user_ej_admin_2).create(
                {"account_name": "Чужой", "user_id": feed_account.id}
            ).action_generate()
        self.assertEqual(
            self.env["res.users.apikeys"].sudo().search_count([("user_id", "=", feed_account.id)]), keys
        )

    def test_revoke_of_another_school_link_refused(self):
        """ROLE-1: school 2's administrator revokes no Gosuslugi link of school 1."""
        identity = self.env["school.oidc.identity"].create(
            {"user_id": self.class_teacher.id, "provider_id": self.provider.id, "subject": "ct-sub"}
        )
        with self.assertAccessRefused():
            identity.with_user(self.user_ej_admin_2).action_revoke()
        for user in (self.class_teacher, self.user_director, self.user_parent):
            with self.subTest(user=user.login), self.assertAccessRefused():
                identity.with_user(user).action_revoke()
        self.assertTrue(identity.active)
