"""Odoo's privacy lookup finds the records naming a person and archives or deletes them as
the superuser: it is offered only to Odoo's settings administrators, who may run it, not to
the e-journal's roles, who were offered it and then refused (SEC-5)."""

from odoo.tests import tagged

from .common import SchoolJournalCommon


@tagged("post_install", "-at_install")
class TestTidyPrivacy(SchoolJournalCommon):
    def test_privacy_lookup_not_offered_to_school_roles(self):
        actions = self.env.ref(
            "privacy_lookup.ir_action_server_action_privacy_lookup_partner"
        ) | self.env.ref("privacy_lookup.ir_action_server_action_privacy_lookup_user")
        Actions = self.env["ir.actions.actions"]
        for user in self.user_ej_admin | self.user_deputy | self.user_director | self.class_teacher:
            for model in ("res.partner", "res.users"):
                offered = Actions.with_user(user).get_bindings(model).get("action", [])
                with self.subTest(user=user.login, model=model):
                    self.assertFalse({a["id"] for a in offered} & set(actions.ids))
        # the lookup itself is refused to the e-journal administrator: it deletes as superuser
        with self.assertAccessRefused():
            self.env["privacy.lookup.wizard"].with_user(self.user_ej_admin).create(
                {"name": "Борисов", "email": "boris@example.com"}
            )
        # Odoo's settings administrators keep it
        system = self.env.ref("base.user_admin")
        for model in ("res.partner", "res.users"):
            offered = Actions.with_user(system).get_bindings(model).get("action", [])
            self.assertTrue({a["id"] for a in offered} & set(actions.ids))
