"""The append-only refusals of the hash chain mixin (JOUR-7, ARCH-2, issue 16).

Both chained models refuse any change and deletion through the ORM, each in its own words;
the change log refuses a deletion even while its addon is uninstalled.
"""

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from .common import SchoolJournalCommon


@tagged("post_install", "-at_install")
class TestChainAppendOnly(SchoolJournalCommon):
    def test_change_log_refuses_in_its_own_words(self):
        self._mark(self.lesson_5a, self.student_anna, 4)
        Log = self.env["school.journal.log"]
        entry = Log.search([], order="sequence desc", limit=1)
        self.assertTrue(entry)
        with self.assertRaises(UserError) as refused:
            entry.write({"new_value": "value=2"})
        self.assertEqual(str(refused.exception), Log._chain_refusal("write"))
        with self.assertRaises(UserError) as refused:
            entry.unlink()
        self.assertEqual(str(refused.exception), Log._chain_refusal("unlink"))
        # not even the uninstallation of the addon deletes the change log
        with self.assertRaises(UserError) as refused:
            entry.with_context(**{MODULE_UNINSTALL_FLAG: True}).unlink()
        self.assertEqual(str(refused.exception), Log._chain_refusal("unlink"))
        self.assertTrue(entry.exists())
        self.assertIn("value=4", entry.new_value)
        self.assertFalse(Log._verify_chain())

    def test_mixin_asks_each_model_for_its_message(self):
        Log = self.env["school.journal.log"].with_context(lang="en_US")
        self.assertEqual(Log._chain_refusal("write"), "Entries of the change log cannot be changed.")
        self.assertEqual(Log._chain_refusal("unlink"), "Entries of the change log cannot be deleted.")
        with self.assertRaises(NotImplementedError):
            self.env["school.hash.chain.mixin"]._chain_refusal("write")
