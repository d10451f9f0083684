"""The demo school wizard is its author's, as every school wizard (SEC-3)."""

from odoo.tests import tagged

from odoo.addons.school_ejournal.tests.common import SchoolCommon


@tagged("post_install", "-at_install")
class TestDemoWizardOwner(SchoolCommon):
    def test_wizard_of_another_administrator_is_not_read(self):
        wizard = self.env["school.demo.wizard"].with_user(self.user_ej_admin).create({"seed": 7})
        with self.assertAccessRefused():
            wizard.with_user(self.user_ej_admin_2).read(["seed"])
        self.assertFalse(self.env["school.demo.wizard"].with_user(self.user_ej_admin_2).search([]))
        self.assertEqual(wizard.with_user(self.user_ej_admin).seed, 7)
