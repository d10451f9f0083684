"""The renames of the records whose names the change log's texts hold (JOUR-7): one shared
rule (``school.logged.name.mixin``) for the work types and the periods. Only a new name is
an entry of the log."""

from odoo.tests import tagged

from .common import SchoolJournalCommon


@tagged("post_install", "-at_install")
class TestTidyRenames(SchoolJournalCommon):
    def test_only_a_new_name_is_logged(self):
        Log = self.env["school.journal.log"]
        for record in (self.work_type_answer, self.lesson_5a.period_id):
            with self.subTest(model=record._name):
                self.assertIn(record._name, self.env["school.logged.name.mixin"]._inherit_children)
                domain = [("model", "=", record._name), ("res_id", "=", record.id)]
                record.sudo().write({"sequence": record.sequence + 1})
                record.sudo().write({"name": record.name})
                self.assertFalse(Log.search(domain))
                old = record.name
                record.sudo().write({"name": f"{old} (renamed)"})
                entry = Log.search(domain)
                self.assertEqual(entry.mapped("action"), ["write"])
                self.assertEqual(entry.old_value, f"name={old}")
                self.assertEqual(entry.new_value, f"name={old} (renamed)")
