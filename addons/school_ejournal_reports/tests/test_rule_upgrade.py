"""The record rules of the reports follow the code on every update (SEC-3): the 18.0.1.1.0
migration clears the ``noupdate`` flag an install up to 18.0.1.0.0 stored for them."""

from odoo.modules.migration import load_script
from odoo.tests import TransactionCase, tagged
from odoo.tools import convert_file

MIGRATION = "school_ejournal_reports/migrations/18.0.1.1.0/pre-migrate.py"
RULES_FILE = "security/school_ejournal_reports_rules.xml"
LEAKY = "[(1, '=', 1)]"


@tagged("post_install", "-at_install")
class TestReportRuleUpgrade(TransactionCase):
    def test_update_restores_shipped_rule(self):
        """A database installed with the noupdate rule gets the shipped rule back on update."""
        rule = self.env.ref("school_ejournal_reports.school_archive_entry_rule_company")
        shipped = rule.domain_force
        self.assertIn("company_ids", shipped)
        imd = self.env["ir.model.data"].search(
            [("module", "=", "school_ejournal_reports"), ("name", "=", "school_archive_entry_rule_company")]
        )
        self.assertFalse(imd.noupdate)
        rule.domain_force = LEAKY
        imd.noupdate = True
        self.env.flush_all()

        migration = load_script(MIGRATION, "school_ejournal_reports_pre_migrate_18_0_1_1_0")
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertFalse(imd.noupdate)
        convert_file(self.env, "school_ejournal_reports", RULES_FILE, idref={}, mode="update", noupdate=False)
        self.env.invalidate_all()
        self.assertEqual(rule.domain_force, shipped)
