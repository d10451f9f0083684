"""The change log of marks and attendance (JOUR-7, ARCH-2).

Every entry, change and deletion writes one entry with who, when, the old and the new value;
nobody writes or deletes entries through the ORM; the SHA-256 chain names the first entry
altered or removed behind the ORM's back; teachers see their own entries, the readers all.
"""

from datetime import datetime

from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import SchoolJournalCommon

NOW = datetime(2026, 11, 18, 10, 0, 0)


@tagged("post_install", "-at_install")
class TestJournalLog(SchoolJournalCommon):
    def _entries(self, record):
        return self.env["school.journal.log"].search(
            [("model", "=", record._name), ("res_id", "=", record.id)], order="sequence"
        )

    def _fill_log(self):
        """Seven entries by three people: marks and attendance, entered, changed, deleted."""
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        mark.write({"value": 5})
        self._mark(self.lesson_5b, self.student_dina, 3)
        absence = self._absence(self.lesson_5a, self.student_vera)
        self._as(self.class_teacher, "school.attendance").browse(absence.id).write({"code": "ill"})
        self._mark(self.lesson_5a, self.student_boris, 2).unlink()
        entries = self.env["school.journal.log"].search([], order="sequence")
        self.assertEqual(len(entries), 7)
        return entries

    # ------------------------------------------------------------------
    # What is logged
    # ------------------------------------------------------------------
    def test_mark_entered_changed_deleted(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4, comment="Устный ответ")
        mark.write({"value": 5})
        mark.write({"value": 5})  # no change, no entry
        mark_id = mark.id
        mark.unlink()
        entries = self.env["school.journal.log"].search(
            [("model", "=", "school.mark"), ("res_id", "=", mark_id)], order="sequence"
        )
        self.assertEqual(entries.mapped("action"), ["create", "write", "unlink"])
        created, changed, deleted = entries
        self.assertFalse(created.old_value)
        self.assertIn("value=4", created.new_value)
        self.assertIn("comment=Устный ответ", created.new_value)
        self.assertEqual(changed.old_value, created.new_value)
        self.assertIn("value=5", changed.new_value)
        self.assertEqual(deleted.old_value, changed.new_value)
        self.assertFalse(deleted.new_value)
        for entry in entries:
            self.assertEqual(entry.user_id, self.teacher_1)
            self.assertEqual(entry.logged_at, NOW)
            self.assertEqual(entry.lesson_id, self.lesson_5a)
            self.assertEqual(entry.student_id, self.student_anna)
            self.assertEqual(entry.class_id, self.class_5a)
            self.assertEqual(entry.subject_id, self.subject_math)
            self.assertEqual(entry.lesson_date, self.today)
            self.assertEqual(entry.company_id, self.school)
            self.assertEqual(len(entry.entry_hash), 64)
        self.assertEqual(changed.previous_hash, created.entry_hash)
        self.assertEqual(deleted.previous_hash, changed.entry_hash)

    def test_attendance_entered_changed_deleted(self):
        absence = self._absence(self.lesson_5a, self.student_vera, "late")
        absence.write({"late_minutes": 10})
        self._as(self.class_teacher, "school.attendance").browse(absence.id).write({"code": "excused"})
        absence_id = absence.id
        self._as(self.teacher_1, "school.attendance").browse(absence_id).unlink()
        entries = self.env["school.journal.log"].search(
            [("model", "=", "school.attendance"), ("res_id", "=", absence_id)], order="sequence"
        )
        self.assertEqual(entries.mapped("action"), ["create", "write", "write", "unlink"])
        self.assertEqual(
            entries.mapped("user_id"),
            self.teacher_1 | self.class_teacher,
        )
        self.assertEqual(entries[2].user_id, self.class_teacher, "the class teacher's correction (P 4.3)")
        self.assertIn("code=late", entries[0].new_value)
        self.assertIn("late_minutes=10", entries[1].new_value)
        self.assertIn("code=late", entries[2].old_value)
        self.assertIn("code=excused", entries[2].new_value)
        self.assertEqual(entries[3].old_value, entries[2].new_value)
        self.assertFalse(entries[3].new_value)
        self.assertEqual(set(entries.mapped("logged_at")), {NOW})

    def test_author_and_reason_cannot_be_forged_by_context(self):
        """Only an approved correction request names another author and a reason."""
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        mark.with_context(journal_log_user_id=self.user_deputy.id, journal_log_reason="Приказ").write(
            {"value": 3}
        )
        entry = self._entries(mark)[-1]
        self.assertEqual(entry.user_id, self.teacher_1)
        self.assertFalse(entry.reason)

    # ------------------------------------------------------------------
    # Append-only
    # ------------------------------------------------------------------
    def test_nobody_writes_or_deletes_entries(self):
        entries = self._fill_log()
        entry = entries[1]
        Log = self.env["school.journal.log"]
        # the superuser through the ORM
        with self.assertRaises(UserError):
            entry.write({"new_value": "value=2"})
        with self.assertRaises(UserError):
            entry.unlink()
        with self.assertRaises(UserError):
            Log.create({"model": "school.mark", "action": "create", "new_value": "value=5"})
        # the administrator, who reads every entry (JOUR-7)
        admin_entry = self._as(self.user_ej_admin, "school.journal.log").browse(entry.id)
        self.assertTrue(admin_entry.new_value)
        with self.assertRaises(UserError):
            admin_entry.write({"new_value": "value=2"})
        with self.assertAccessRefused():
            admin_entry.unlink()
        with self.assertRaises(UserError):
            Log.with_user(self.user_ej_admin).create({"model": "school.mark", "action": "create"})
        # the teacher, about his own entry
        own = self._as(self.teacher_1, "school.journal.log").browse(entries[0].id)
        with self.assertRaises(UserError):
            own.write({"old_value": "", "new_value": "value=5"})
        with self.assertAccessRefused():
            own.unlink()
        self.assertEqual(Log.search([], order="sequence"), entries)
        self.assertFalse(Log._verify_chain())

    def test_logged_lesson_and_student_are_never_deleted(self):
        """The hashed lesson and student of an entry are never rewritten by the database."""
        absence = self._absence(self.lesson_5a, self.student_vera)
        mark = self._mark(self.lesson_5a, self.student_gleb, 4)
        mark.unlink()
        # nobody but the system deletes lessons (issue 11, item 5); not even the system
        # deletes one with a logged history
        with self.assertAccessRefused():
            self._as(self.user_deputy, "school.lesson").browse(self.lesson_5a.id).unlink()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["school.lesson"].browse(self.lesson_5a.id).unlink()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._as(self.user_ej_admin, "school.student").browse(self.student_gleb.id).unlink()
        self.assertTrue(absence.exists())
        self.assertFalse(self.env["school.journal.log"]._verify_chain())
        # a lesson without any journal history may still be deleted
        spare = self._lesson(self.class_5a, self.subject_math, self.teacher_1, lesson_number=7)
        self.env["school.lesson"].browse(spare.id).unlink()
        self.assertFalse(spare.exists())

    # ------------------------------------------------------------------
    # The hash chain
    # ------------------------------------------------------------------
    def test_chain_intact(self):
        entries = self._fill_log()
        Log = self.env["school.journal.log"]
        self.assertFalse(Log._verify_chain())
        self.assertEqual(entries[0].previous_hash, "0" * 64)
        for previous, entry in zip(entries, entries[1:]):
            self.assertEqual(entry.previous_hash, previous.entry_hash)
            self.assertEqual(entry.sequence, previous.sequence + 1)
        action = Log.with_user(self.user_ej_admin).action_verify_chain()
        self.assertEqual(action["params"]["type"], "success")
        self.assertIn("7", action["params"]["message"])

    def test_chain_detects_an_altered_entry(self):
        entries = self._fill_log()
        middle = entries[3]
        self.env.flush_all()
        self.env.cr.execute("UPDATE school_journal_log SET new_value = 'x' WHERE id = %s", [middle.id])
        self.env.invalidate_all()
        Log = self.env["school.journal.log"]
        self.assertEqual(Log._verify_chain(), (middle.id, middle.sequence))
        action = Log.with_user(self.user_deputy).action_verify_chain()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertTrue(action["params"]["sticky"])
        self.assertIn(str(middle.sequence), action["params"]["message"])

    def test_chain_detects_other_altered_columns(self):
        entries = self._fill_log()
        Log = self.env["school.journal.log"]
        for column, value in (
            ("user_id", self.user_deputy.id),
            ("logged_at", "2026-11-17 09:00:00"),
            ("old_value", "value=5"),
            ("reason", "Приказ"),
        ):
            with self.subTest(column=column), self.env.cr.savepoint(flush=False) as savepoint:
                self.env.flush_all()
                self.env.cr.execute(
                    SQL(
                        "UPDATE school_journal_log SET %s = %s WHERE id = %s",
                        SQL.identifier(column),
                        value,
                        entries[1].id,
                    )
                )
                self.assertEqual(Log._verify_chain(), (entries[1].id, entries[1].sequence))
                savepoint.rollback()
        self.env.invalidate_all()
        self.assertFalse(Log._verify_chain())

    def test_chain_detects_a_deleted_entry(self):
        entries = self._fill_log()
        self.env.flush_all()
        self.env.cr.execute("DELETE FROM school_journal_log WHERE id = %s", [entries[3].id])
        self.env.invalidate_all()
        self.assertEqual(self.env["school.journal.log"]._verify_chain(), (entries[4].id, entries[4].sequence))

    def test_chain_goes_on_after_a_correction(self):
        """An approved correction request is logged in the same chain, by the deputy."""
        mark = self._mark(self.lesson_5a, self.student_anna, 3)
        request = self._as(self.teacher_1, "school.correction.request").create(
            self._correction_vals(mark, 4, "Ошибка ввода")
        )
        self._as(self.user_deputy, "school.correction.request").browse(request.id).action_approve()
        entry = self._entries(mark)[-1]
        self.assertEqual((entry.user_id, entry.action), (self.user_deputy, "write"))
        self.assertIn("Ошибка ввода", entry.reason)
        self.assertFalse(self.env["school.journal.log"]._verify_chain())

    # ------------------------------------------------------------------
    # Who reads the log
    # ------------------------------------------------------------------
    def test_teacher_sees_own_entries_readers_see_all(self):
        entries = self._fill_log()
        for user in (self.teacher_1, self.teacher_2, self.class_teacher):
            with self.subTest(user=user.login):
                seen = self._as(user, "school.journal.log").search([])
                self.assertTrue(seen)
                self.assertEqual(seen, entries.filtered(lambda e, user=user: e.user_id == user))
        with self.assertAccessRefused():
            self._as(self.teacher_2, "school.journal.log").browse(entries[0].id).read(["new_value"])
        for user in self.readers:
            with self.subTest(user=user.login):
                self.assertEqual(self._as(user, "school.journal.log").search([]), entries)
        for user in (self.user_parent, self.user_student):
            with self.subTest(user=user.login), self.assertAccessRefused():
                self._as(user, "school.journal.log").search([])
