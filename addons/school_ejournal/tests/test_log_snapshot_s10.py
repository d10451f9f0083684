"""A "; x=" inside a logged value stays in it when the change log is read back (JOUR-7,
ARCH-2, REP-8)."""

from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.school_ejournal.models.school_log_snapshot import JSON_PREFIX, format_snapshot

from .common import SchoolJournalCommon


@tagged("post_install", "-at_install")
class TestLogSnapshotKeysS10(SchoolJournalCommon):
    """A "; x=" inside a logged value (a comment, a topic) stays in it when the change log's
    texts are read back: by the log's «Change» column and the mark change report (REP-8), and
    by the verification of the journal's values against the log (JOUR-7, ARCH-2)."""

    def _verification(self):
        values, findings = {}, []
        Anchor = type(self.env["school.chain.anchor"])
        with patch.object(Anchor, "_check_second_dir", return_value=False):
            self.env["school.chain.verification"]._verify_school(self.school, values, findings)
        return findings

    def _entries(self, record):
        return self.env["school.journal.log"].search(
            [("model", "=", record._name), ("res_id", "=", record.id)], order="sequence"
        )

    def test_comment_holding_keys_reads_back_whole(self):
        comment = "ок; value=5; упр=3; weight=2"
        mark = self._mark(self.lesson_5a, self.student_anna, 3, comment=comment)
        entry = self._entries(mark)
        # a value holding a ";" is logged in the JSON form
        self.assertTrue(entry.new_value.startswith(JSON_PREFIX), entry.new_value)
        self.assertEqual(entry._parse_snapshot(entry.new_value, mark._name)["comment"], comment)
        self.assertIn("Mark: 3", entry.change_description)
        self.assertNotIn("Mark: 5", entry.change_description)
        self.assertIn(f"Comment: {comment}", entry.change_description)
        self.assertIn(f"Weight: {mark.weight}", entry.change_description)
        self.assertFalse(self._verification())

    def test_topic_holding_a_key_verifies(self):
        lesson = self._as(self.teacher_1, "school.lesson").browse(self.lesson_5a.id)
        lesson.write({"topic": "Дроби"})
        topic = "Контрольная работа; date=перенесена; x=1"
        lesson.write({"topic": topic})
        self.assertEqual(self._entries(self.lesson_5a)[-1].new_value, format_snapshot([("topic", topic)]))
        self.assertFalse(self._verification())
        # a change behind the journal's back is still found
        self.env.flush_all()
        self.env.cr.execute(
            SQL("UPDATE school_lesson SET topic = %s WHERE id = %s", "Контрольная работа", self.lesson_5a.id)
        )
        self.env.invalidate_all()
        findings = self._verification()
        self.assertEqual(len(findings), 1, findings)
        self.assertIn("changed outside the journal", findings[0])
