"""Odoo's module list (the Apps menu) and its install requests are for Odoo's settings
administrators only (SEC-3): the module ``base_install_request``, installed with ``mail``,
opened them to every internal user, the school's staff included."""

from odoo.exceptions import AccessDenied, AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MUTE_ACCESS, SchoolCommon


@tagged("post_install", "-at_install")
class TestAppsMenuAccess(SchoolCommon):
    def _staff(self):
        return (
            self.teacher
            | self.class_teacher
            | self.psychologist
            | self.user_deputy
            | self.user_director
            | self.user_ej_admin
            | self.user_inspector
            | self.user_internal
        )

    def test_apps_menu_hidden_from_school_staff(self):
        apps = self.env.ref("base.menu_management")
        Menu = self.env["ir.ui.menu"]
        for user in self._staff():
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                self.assertNotIn(apps.id, Menu.with_user(user)._visible_menu_ids())
                menus = Menu.with_user(user).load_menus(debug=False)
                self.assertNotIn(apps.id, menus)
                self.assertNotIn(apps.id, menus["root"]["children"])
        # Odoo's settings administrator keeps it
        self.assertIn(apps.id, Menu.with_user(self.env.ref("base.user_admin"))._visible_menu_ids())

    def test_module_list_and_install_request_refused(self):
        module = self.env["ir.module.module"].search([("state", "=", "uninstalled")], limit=1)
        self.assertTrue(module)
        for user in self._staff():
            with self.subTest(user=user.login):
                Module = self.env["ir.module.module"].with_user(user)
                with mute_logger(*MUTE_ACCESS, "odoo.addons.base.models.ir_module"):
                    with self.assertRaises(AccessError):
                        Module.search_read([("id", "=", module.id)], ["name"])
                    with self.assertRaises(AccessError):
                        Module.browse(module.id).action_open_install_request()
                    with self.assertRaises(AccessError):
                        self.env["base.module.install.request"].with_user(user).create(
                            {"module_id": module.id}
                        )
                    # the install buttons check the settings administrator first (AccessDenied)
                    for method in ("button_immediate_install", "button_install"):
                        with self.assertRaises(AccessDenied):
                            getattr(Module.browse(module.id), method)()
