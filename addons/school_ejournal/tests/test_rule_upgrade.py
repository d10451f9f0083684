"""Record rules follow the code on every update (SEC-3).

The rules were loaded in ``noupdate`` blocks up to 18.0.1.0.0: a school that installed then and
runs ``-u school_ejournal`` kept the old rules, leaky ones included. The rules are no longer
``noupdate`` and the 18.0.1.1.0 migration clears the flag stored for them.
"""

from odoo.modules.migration import load_script
from odoo.tests import TransactionCase, tagged
from odoo.tools import convert_file

MIGRATION = "school_ejournal/migrations/18.0.1.1.0/pre-migrate.py"
RULES_FILE = "security/school_ejournal_rules.xml"
LEAKY = "[(1, '=', 1)]"
SCHOOL_ADDONS = ("school_ejournal", "school_ejournal_reports", "school_ejournal_esia", "school_ejournal_demo")


@tagged("post_install", "-at_install")
class TestRuleUpgrade(TransactionCase):
    def _imd(self, module, name):
        return self.env["ir.model.data"].search([("module", "=", module), ("name", "=", name)])

    def test_rules_not_noupdate(self):
        """Every record rule of the school addons is rewritten by a module update."""
        self.env.cr.execute(
            "SELECT module, name, noupdate FROM ir_model_data WHERE model = 'ir.rule' AND module IN %s",
            [SCHOOL_ADDONS],
        )
        rows = self.env.cr.fetchall()
        self.assertGreater(len([row for row in rows if row[0] == "school_ejournal"]), 100)
        self.assertEqual([f"{module}.{name}" for module, name, noupdate in rows if noupdate], [])

    def test_update_restores_shipped_rule(self):
        """A database installed with the noupdate rules gets the shipped rule back on update."""
        rule = self.env.ref("school_ejournal.school_mark_rule_teacher_read")
        shipped = rule.domain_force
        self.assertIn("is_taught_subject", shipped)
        imd = self._imd("school_ejournal", "school_mark_rule_teacher_read")
        # the state of an old install: a rule edited (or shipped leaky), its xmlid noupdate
        rule.domain_force = LEAKY
        imd.noupdate = True
        self.env.flush_all()

        # without the migration, the update keeps the old rule
        convert_file(self.env, "school_ejournal", RULES_FILE, idref={}, mode="update", noupdate=False)
        self.assertEqual(rule.domain_force, LEAKY)

        migration = load_script(MIGRATION, "school_ejournal_pre_migrate_18_0_1_1_0")
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertFalse(imd.noupdate)
        convert_file(self.env, "school_ejournal", RULES_FILE, idref={}, mode="update", noupdate=False)
        self.env.invalidate_all()
        self.assertEqual(rule.domain_force, shipped)

        # a second run changes nothing; a fresh install (no version) is left alone
        migration.migrate(self.env.cr, "18.0.1.0.0")
        imd.noupdate = True
        self.env.flush_all()
        migration.migrate(self.env.cr, None)
        self.env.invalidate_all()
        self.assertTrue(imd.noupdate)
