"""The change log's texts read alike in the log's «Change» column and in the mark change
report (JOUR-7, REP-8, issue 13): one reading of a logged snapshot serves both, with the
field labels and selection values of the reader's language."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTidyLogTexts(TransactionCase):
    def _entry(self, model, action, old="", new=""):
        return (
            self.env["school.journal.log"]
            .with_context(lang="en_US")
            .new({"model": model, "action": action, "old_value": old, "new_value": new})
        )

    def _report(self, entry, text):
        return (
            self.env["school.report.service"].with_context(lang="en_US")._readable_snapshot(entry, text, {})
        )

    def test_changed_attendance(self):
        old = "code=absent; late_minutes=0; comment="
        new = "code=late; late_minutes=10; comment="
        entry = self._entry("school.attendance", "write", old, new)
        self.assertEqual(entry.change_description, "Code: Absent (Н) → Late (ОП); Minutes Late: 0 → 10")
        self.assertEqual(self._report(entry, old), "Code: Absent (Н); Minutes Late: 0")
        self.assertEqual(self._report(entry, new), "Code: Late (ОП); Minutes Late: 10")

    def test_created_and_deleted_mark(self):
        text = "value=4; work_type_id=Oral answer; comment=; weight=1.0"
        created = self._entry("school.mark", "create", new=text)
        self.assertEqual(created.change_description, "Mark: 4; Work Type: Oral answer; Weight: 1.0")
        self.assertEqual(self._report(created, text), "Mark: 4; Work Type: Oral answer; Weight: 1.0")
        self.assertEqual(self._report(created, ""), "")
        deleted = self._entry("school.mark", "unlink", old=text)
        self.assertEqual(
            deleted.change_description, "Mark: 4 → —; Work Type: Oral answer → —; Weight: 1.0 → —"
        )

    def test_period_and_unknown_names(self):
        """A period mark logs its period as «period=...» (the field period_id); a name that is
        no logged field of the model stays in the value it follows, as logged (a period's name
        or a comment may hold «; x=»), and a text that is no snapshot stays as logged."""
        entry = self._entry(
            "school.period.mark", "write", "period=1st quarter; foo=1", "period=1st quarter; foo=2"
        )
        self.assertEqual(entry.change_description, "Period: 1st quarter; foo=1 → 1st quarter; foo=2")
        self.assertEqual(self._report(entry, entry.old_value), "Period: 1st quarter; foo=1")
        plain = self._entry("school.mark", "write", "", "no snapshot here")
        self.assertEqual(plain.change_description, "no snapshot here")
