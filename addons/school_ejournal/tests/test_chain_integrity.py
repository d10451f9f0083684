"""A change log that proves its own integrity (issue 12, JOUR-7, ARCH-2, SEC-2).

The keyed chain per school, its anchors outside the table, the reconciliation of the
journal's current values with the log, the record of each verification and its
notifications; every kind of tampering by an insider with SQL access is named.
"""

import hashlib
import hmac
import json
import os
import secrets
import shutil
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import models
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL, config, mute_logger

from odoo.addons.school_ejournal.models import school_hash_chain_mixin

from .common import EnglishLogCase


@tagged("post_install", "-at_install")
class TestChainIntegrity(EnglishLogCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Anchor = cls.env["school.chain.anchor"]

    # ------------------------------------------------------------------
    def _fill_log(self):
        """Seven entries: marks and attendance, entered, changed, deleted."""
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        mark.write({"value": 5})
        self._mark(self.lesson_5a, self.student_boris, 3)
        absence = self._absence(self.lesson_5a, self.student_vera)
        absence.write({"code": "ill"})
        self._mark(self.lesson_5a, self.student_gleb, 2).unlink()
        entries = self.Log.search([("company_id", "=", self.school.id)], order="sequence")
        self.assertEqual(entries.mapped("sequence"), list(range(1, 8)))
        return entries

    def _sql(self, query, *args):
        self.env.flush_all()
        self.env.cr.execute(SQL(query, *args))
        self.env.invalidate_all()

    def _findings(self, anchors=()):
        return self.Log._verify_company(self.school.id, anchors)["findings"]

    def _anchor(self):
        """Anchor the heads and write the anchor files as a commit would."""
        anchors = self.Anchor._anchor(self.school, "manual")
        self.env.cr.postcommit.run()
        return anchors

    def _run(self):
        return self.Verification._run(self.school, "manual", user=self.env.user)

    def _key(self):
        keys = self.Log._chain_keys()
        return keys[max(keys)]

    # ------------------------------------------------------------------
    # The chain: per school, keyed, numbered once
    # ------------------------------------------------------------------
    def test_chain_per_school_keyed_and_versioned(self):
        entries = self._fill_log()
        self.assertFalse(self._findings())
        for entry in entries:
            self.assertEqual(entry.company_id, self.school)
            self.assertEqual(entry.hash_version, 1)
            self.assertGreaterEqual(entry.key_version, 1)
        # an unkeyed SHA-256 of the content is not the MAC
        first = entries[0]
        vals = {name: first[name] for name in self.Log._chain_hashed_fields[1]}
        vals["key_version"] = first.key_version
        content = self.Log._chain_canonical(vals, 1)
        self.assertNotEqual(hashlib.sha256(("0" * 64 + content).encode()).hexdigest(), first.entry_hash)
        self.assertEqual(
            hmac.new(self._key(), f"{'0' * 64}\n{content}".encode(), hashlib.sha256).hexdigest(),
            first.entry_hash,
        )
        # every column a report prints is signed
        for name in (
            "class_id",
            "subject_id",
            "lesson_date",
            "is_invalid",
            "company_id",
            "user_id",
            "logged_at",
        ):
            self.assertIn(name, self.Log._chain_hashed_fields[1])
        # school 2 has its own chain, numbered from 1
        school_2 = self.env["res.company"].create({"name": "Школа 2 (цепочка)"})
        self.Log.sudo()._append(
            [{"model": "school.mark", "res_id": 0, "action": "create", "company_id": school_2.id}]
        )
        self.assertEqual(self.Log.search([("company_id", "=", school_2.id)]).mapped("sequence"), [1])
        self.assertEqual(self.Log.search_count([("company_id", "=", self.school.id)]), 7)

    def test_sequence_unique_per_school(self):
        entries = self._fill_log()
        self.env.flush_all()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute(
                """INSERT INTO school_journal_log (sequence, company_id, logged_at, user_id, model, action)
                   VALUES (%s, %s, now(), %s, 'school.mark', 'create')""",
                [entries[-1].sequence, self.school.id, self.env.uid],
            )

    # ------------------------------------------------------------------
    # Tampering with the log
    # ------------------------------------------------------------------
    def test_unsigned_columns_no_longer_exist(self):
        """Class, subject, lesson date and the SEC-2 flag, altered in SQL, are named."""
        entries = self._fill_log()
        target = entries[2]
        for column, value in (
            ("class_id", self.class_5b.id),
            ("subject_id", self.subject_russian.id),
            ("lesson_date", "2026-11-01"),
            ("is_invalid", True),
            ("company_id", self.school.id),
        ):
            with self.subTest(column=column), self.env.cr.savepoint(flush=False) as savepoint:
                self._sql(
                    "UPDATE school_journal_log SET %s = %s WHERE id = %s",
                    SQL.identifier(column),
                    value,
                    target.id,
                )
                findings = self._findings()
                if column == "company_id":
                    self.assertFalse(findings)
                else:
                    self.assertEqual(findings[0][0], target.sequence, column)
                    self.assertIn("altered", findings[0][1])
                    self.assertEqual(self.Log._verify_chain(self.school), (target.id, target.sequence))
                savepoint.rollback()
        self.env.invalidate_all()
        self.assertFalse(self._findings())

    def test_entry_rehashed_without_the_key(self):
        """Altered and re-hashed with SHA-256, or with a key of one's own: still named."""
        entries = self._fill_log()
        target = entries[-1]
        forged_key = secrets.token_bytes(32)
        for forged in (
            hashlib.sha256(b"value=5").hexdigest(),
            hmac.new(forged_key, b"value=5", hashlib.sha256).hexdigest(),
        ):
            with self.subTest(forged=forged), self.env.cr.savepoint(flush=False) as savepoint:
                self._sql(
                    "UPDATE school_journal_log SET new_value = 'value=5', entry_hash = %s WHERE id = %s",
                    forged,
                    target.id,
                )
                findings = self._findings()
                self.assertEqual(findings[0], (target.sequence, "The entry was altered after it was signed."))
                savepoint.rollback()

    def test_chain_resigned_with_the_key_is_caught_by_anchors(self):
        """Even whoever holds the key cannot re-sign the chain past an anchor."""
        entries = self._fill_log()
        anchors = self._anchor()
        self.assertEqual(anchors.mapped("sequence"), [7])
        self.assertTrue(os.path.isfile(anchors.file_path))
        # entry 5 altered, 5 to 7 re-signed with the real key
        key, key_version = self._key(), entries[0].key_version
        previous = entries[3].entry_hash
        self._sql("UPDATE school_journal_log SET new_value = 'code=absent' WHERE id = %s", entries[4].id)
        for entry in entries[4:]:
            row = self.Log.browse(entry.id)
            vals = {name: row[name] for name in self.Log._chain_hashed_fields[1]}
            vals["key_version"] = key_version
            mac = self.Log._chain_mac(key, previous, vals, 1)
            self._sql(
                "UPDATE school_journal_log SET previous_hash = %s, entry_hash = %s WHERE id = %s",
                previous,
                mac,
                entry.id,
            )
            previous = mac
        self.assertFalse(self._findings(), "the chain itself verifies")
        findings = self._findings(self.Anchor._anchors_of(self.Log._name, self.school.id))
        self.assertEqual({number for number, _problem in findings}, {7})
        self.assertIn("re-signed", findings[0][1])
        # the register of anchors deleted too: the file on the second medium still tells
        self._sql("DELETE FROM school_chain_anchor")
        findings = self._findings(self.Anchor._anchors_of(self.Log._name, self.school.id))
        self.assertEqual(len(findings), 1)
        self.assertIn("anchor file", findings[0][1])

    def test_tail_deleted(self):
        entries = self._fill_log()
        self._anchor()
        self._sql("DELETE FROM school_journal_log WHERE id IN %s", tuple(entries[-3:].ids))
        self.assertFalse(self._findings(), "without anchors, a cut tail looks like a chain")
        run = self._run()
        self.assertEqual(run.state, "failed")
        self.assertIn("No. 7", run.first_problem)
        self.assertIn("tail was deleted", run.first_problem)
        self.assertEqual(self.Log._verify_chain(self.school)[1], 7)

    def test_middle_deleted(self):
        entries = self._fill_log()
        self._sql("DELETE FROM school_journal_log WHERE id = %s", entries[2].id)
        findings = self._findings()
        self.assertEqual(findings[0], (4, "Entry No. 3 is missing: it was deleted."))
        self.assertEqual(self.Log._verify_chain(self.school), (entries[3].id, 4))

    def test_verification_streams_in_batches(self):
        entries = self._fill_log()
        self._sql("DELETE FROM school_journal_log WHERE id IN %s", (entries[2].id, entries[3].id))
        with patch.object(school_hash_chain_mixin, "VERIFY_BATCH", 2):
            result = self.Log._verify_company(self.school.id)
        self.assertEqual(result["count"], 5)
        self.assertEqual((result["first"], result["last"]), (1, 7))
        self.assertEqual(result["findings"], [(5, "Entries No. 3 to 4 are missing: they were deleted.")])

    def test_invalid_flag_is_signed(self):
        """Flagging the operations of a compromised account (SEC-2) keeps the chain intact;
        removing a flag or setting one in SQL is named."""
        entries = self._fill_log()
        self.Log._flag_invalid(self.teacher_1, entries[0].logged_at)
        flagged = self.Log.search([("is_invalid", "=", True)])
        self.assertTrue(flagged)
        declared = self.Log.search([("action", "=", "invalidate")])
        self.assertEqual(len(declared), 1)
        self.assertEqual(declared.sequence, 8)
        self.assertFalse(self._findings())
        self._sql("UPDATE school_journal_log SET is_invalid = FALSE WHERE id = %s", flagged[0].id)
        findings = self._findings()
        self.assertEqual(
            findings, [(flagged[0].sequence, "The entry was declared invalid, but its flag was removed.")]
        )

    # ------------------------------------------------------------------
    # Reconciliation with the journal
    # ------------------------------------------------------------------
    def test_reconciliation_names_edits_behind_the_journal(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        gone = self._mark(self.lesson_5a, self.student_boris, 3)
        self.assertFalse(self.Log._reconcile(self.school.id))
        # 1. a value updated in SQL
        self._sql("UPDATE school_mark SET value = 5 WHERE id = %s", mark.id)
        # 2. a logged row gone
        self._sql("DELETE FROM school_mark WHERE id = %s", gone.id)
        # 3. a row with no log entry: created past the journal's own create()
        unlogged = models.Model.create(
            self.env["school.mark"].sudo(),
            [
                {
                    "lesson_id": self.lesson_5a.id,
                    "student_id": self.student_vera.id,
                    "value": 2,
                    "work_type_id": self.work_type_answer.id,
                }
            ],
        )
        self.assertTrue(unlogged)
        findings = self.Log._reconcile(self.school.id)
        self.assertEqual(len(findings), 3, findings)
        text = "\n".join(findings)
        self.assertIn(self.student_anna.name, text)
        self.assertIn("value=5", text)
        self.assertIn("value=4", text)
        self.assertIn("18.11.2026", text)
        self.assertIn("changed outside the journal", text)
        self.assertIn(self.student_boris.name, text)
        self.assertIn("deleted outside the journal", text)
        self.assertIn(self.student_vera.name, text)
        self.assertIn("entered outside the journal", text)
        run = self._run()
        self.assertEqual(run.state, "failed")
        self.assertEqual(run.finding_count, 3)
        self.assertFalse(self._findings(), "the chain itself is intact")

    def test_reconciliation_of_attendance_and_period_marks(self):
        absence = self._absence(self.lesson_5a, self.student_vera)
        self._sql("UPDATE school_attendance SET code = 'ill' WHERE id = %s", absence.id)
        pmark = self.env["school.period.mark"].create(
            {
                "student_id": self.student_anna.id,
                "subject_id": self.lesson_5a.subject_id.id,
                "class_id": self.class_5a.id,
                "period_id": self.lesson_5a.period_id.id,
                "value": 4,
            }
        )
        entry = self.Log.search([("model", "=", "school.period.mark"), ("res_id", "=", pmark.id)])
        self.assertEqual(entry.action, "create")
        self.assertIn("value=4", entry.new_value)
        self._sql("UPDATE school_period_mark SET value = 5 WHERE id = %s", pmark.id)
        findings = self.Log._reconcile(self.school.id)
        self.assertEqual(len(findings), 2, findings)
        self.assertTrue(any(self.student_vera.name in f and "code=ill" in f for f in findings))
        self.assertTrue(any(self.student_anna.name in f and "value=5" in f for f in findings))

    def test_period_marks_logged_like_marks(self):
        pmark = self.env["school.period.mark"].create(
            {
                "student_id": self.student_anna.id,
                "subject_id": self.lesson_5a.subject_id.id,
                "class_id": self.class_5a.id,
                "period_id": self.lesson_5a.period_id.id,
            }
        )
        Log = self.Log.search
        self.assertFalse(Log([("model", "=", "school.period.mark")]), "an empty row is no mark")
        pmark.write({"value": 4})
        pmark.write({"value": 5})
        pmark.write({"value": 0})
        entries = Log([("model", "=", "school.period.mark"), ("res_id", "=", pmark.id)], order="sequence")
        self.assertEqual(entries.mapped("action"), ["create", "write", "write"])
        self.assertIn("value=4", entries[0].new_value)
        self.assertEqual(entries[1].old_value, entries[0].new_value)
        self.assertIn("value=5", entries[1].new_value)
        self.assertFalse(entries[2].new_value, "cleared")
        self.assertEqual(entries.student_id, self.student_anna)
        self.assertEqual(entries.class_id, self.class_5a)
        self.assertEqual(entries.company_id, self.school)
        self.assertFalse(self._findings())
        self.assertFalse(self.Log._reconcile(self.school.id))

    # ------------------------------------------------------------------
    # Runs, their record and notifications; who may run them
    # ------------------------------------------------------------------
    def test_nightly_run_records_and_notifies(self):
        # the night writes in the school's language: English here, as the findings compared
        self.school.partner_id.lang = "en_US"
        entries = self._fill_log()
        self.env.flush_all()
        stamps = {e.id: (e.write_date, e.entry_hash) for e in entries}
        run = self.Verification._cron_nightly().filtered(lambda r: r.company_id == self.school)
        self.assertEqual(run.state, "ok", run.findings)
        self.assertEqual((run.trigger, run.user_id), ("cron", self.env["res.users"]))
        self.assertEqual((run.log_first, run.log_last, run.log_count), (1, 7, 7))
        anchors = self.Anchor.search(
            [("company_id", "=", self.school.id), ("chain", "=", "school.journal.log")]
        )
        self.assertEqual(anchors.mapped("reason"), ["nightly"])
        # tampering, then the next night
        self._sql("UPDATE school_journal_log SET new_value = 'value=2' WHERE id = %s", entries[1].id)
        run = self.Verification._cron_nightly().filtered(lambda r: r.company_id == self.school)
        self.assertEqual(run.state, "failed")
        self.assertIn("No. 2", run.first_problem)
        notified = run.activity_ids.user_id
        self.assertIn(self.user_ej_admin, notified)
        self.assertIn(self.user_deputy, notified)
        self.assertNotIn(self.teacher_1, notified)
        message = run.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertIn(self.user_deputy.partner_id, message.partner_ids)
        # the dashboard shows it
        data = self.env["school.control.report"].with_user(self.user_deputy).get_dashboard_data()
        self.assertEqual(data["integrity"]["state"], "failed")
        self.assertGreaterEqual(data["integrity"]["problem_count"], 1)
        # nothing written on the checked entries
        self.env.invalidate_all()
        self.assertEqual({e.id: (e.write_date, e.entry_hash) for e in entries}, stamps)

    def test_who_runs_a_verification(self):
        self._fill_log()
        for user in (self.teacher_1, self.class_teacher, self.user_parent, self.user_student):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError), mute_logger("odoo.models"):
                    self.Verification.with_user(user).action_run_now()
                with self.assertRaises(AccessError), mute_logger("odoo.models"):
                    self.Log.with_user(user).action_verify_chain()
        self.assertFalse(self.Verification.search([("company_id", "=", self.school.id)]))
        for user in self.readers:
            with self.subTest(user=user.login):
                action = self.Log.with_user(user).action_verify_chain()
                self.assertEqual(action["params"]["type"], "success", action["params"]["message"])
                self.assertIn("7", action["params"]["message"])
        runs = self.Verification.search([("company_id", "=", self.school.id)])
        self.assertEqual(runs.user_id, self.readers)
        self.assertEqual(set(runs.mapped("trigger")), {"manual"})
        # the record of the runs is the administration's to read, nobody's to write
        self.assertEqual(
            self.Verification.with_user(self.user_director).search([("id", "in", runs.ids)]), runs
        )
        with self.assertRaises(AccessError), mute_logger("odoo.models", "odoo.addons.base.models.ir_model"):
            runs[0].with_user(self.user_ej_admin).write({"state": "ok"})
        with self.assertRaises(AccessError), mute_logger("odoo.models", "odoo.addons.base.models.ir_model"):
            self.Verification.with_user(self.teacher_1).search([])

    def test_period_close_anchors(self):
        self._fill_log()
        period = self.lesson_5a.period_id
        period.action_close()
        anchor = self.Anchor.search([("company_id", "=", self.school.id), ("reason", "=", "period_close")])
        self.assertEqual(anchor.mapped("sequence"), [7])

    def test_second_medium_required(self):
        self._fill_log()
        with patch.dict(config.options, {"school_archive_second_dir": ""}):
            run = self._run()
        self.assertEqual(run.state, "failed")
        self.assertIn("second directory is not configured", run.findings)
        with patch.dict(config.options, {"school_archive_second_dir": os.path.join(self.second_dir, "gone")}):
            run = self._run()
        self.assertIn("is not reachable", run.findings)

    # ------------------------------------------------------------------
    # The key
    # ------------------------------------------------------------------
    def test_missing_key_is_a_clear_error(self):
        self._fill_log()
        path = os.path.join(self.second_dir, "no.key")
        with patch.dict(config.options, {"school_ejournal_chain_key_file": path}):
            with self.assertRaises(UserError) as catcher:
                self._mark(self.lesson_5b, self.student_dina, 5)
            self.assertIn(path, str(catcher.exception))
            run = self._run()
        self.assertEqual(run.state, "failed")
        self.assertIn(path, run.first_problem)
        self.assertEqual(self.Log.search_count([("company_id", "=", self.school.id)]), 7, "nothing saved")

    def test_wrong_key_is_a_clear_error(self):
        self._fill_log()
        path = os.path.join(self.second_dir, "other.key")
        school_hash_chain_mixin.write_chain_key(path)
        with patch.dict(config.options, {"school_ejournal_chain_key_file": path}):
            with self.assertRaises(UserError) as catcher:
                self._mark(self.lesson_5b, self.student_dina, 5)
            self.assertIn(path, str(catcher.exception))
            findings = self._findings()
        self.assertEqual(findings[0][0], 1)
        self.assertIn("key is wrong", findings[0][1])
        self.assertEqual(self.Log.search_count([("company_id", "=", self.school.id)]), 7, "nothing saved")

    def test_key_rotation(self):
        """A new key version signs new entries; the old ones verify with the old version."""
        entries = self._fill_log()
        path = os.path.join(self.second_dir, "rotated.key")
        shutil.copy(self.Log._chain_key_path(), path)
        version = school_hash_chain_mixin.write_chain_key(path)
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
        with patch.dict(config.options, {"school_ejournal_chain_key_file": path}):
            self._mark(self.lesson_5b, self.student_dina, 5)
            new = self.Log.search([("company_id", "=", self.school.id)], order="sequence desc", limit=1)
            self.assertEqual(new.key_version, version)
            self.assertEqual(new.previous_hash, entries[-1].entry_hash)
            self.assertFalse(self._findings())

    def test_key_file_outside_the_database(self):
        path = self.Log._chain_key_path()
        self.assertTrue(path.startswith(config["data_dir"]) or config.get("school_ejournal_chain_key_file"))
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
        with open(path, encoding="ascii") as handle:
            key_hex = handle.read().split(":")[-1].strip()
        self.env.cr.execute(
            "SELECT count(*) FROM ir_config_parameter WHERE value LIKE %s", [f"%{key_hex[:16]}%"]
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0, "the key is nowhere in the database")
        # never regenerated silently over a signed chain
        self._fill_log()
        with (
            patch.dict(
                config.options, {"school_ejournal_chain_key_file": os.path.join(self.second_dir, "x.key")}
            ),
            mute_logger("odoo.addons.school_ejournal.models.school_hash_chain_mixin"),
        ):
            self.assertFalse(self.Log._chain_ensure_key())
            self.assertFalse(os.path.exists(os.path.join(self.second_dir, "x.key")))

    def test_anchor_file_lines(self):
        self._fill_log()
        anchor = self._anchor()
        with open(anchor.file_path, encoding="utf-8") as handle:
            lines = [json.loads(line) for line in handle]
        self.assertEqual(lines[-1]["sequence"], 7)
        self.assertEqual(lines[-1]["mac"], anchor.entry_hash)
        self.assertTrue(anchor.file_path.startswith(self.second_dir))

    def test_entries_of_an_older_version_signed_at_update(self):
        """The update that brings the keyed chain signs the old unkeyed entries once."""
        entries = self._fill_log()
        contents = entries.mapped("new_value")
        self._sql(
            "UPDATE school_journal_log SET key_version = NULL, hash_version = NULL, "
            "sequence = sequence + 100, entry_hash = md5(id::text) WHERE id IN %s",
            tuple(entries.ids),
        )
        self.assertTrue(self._findings())
        with mute_logger("odoo.addons.school_ejournal.models.school_hash_chain_mixin"):
            self.assertEqual(self.Log._chain_sign_legacy(), 7)
        self.assertFalse(self._findings())
        signed = self.Log.search([("company_id", "=", self.school.id)], order="sequence")
        self.assertEqual(signed.mapped("sequence"), list(range(1, 8)))
        self.assertEqual(signed.mapped("new_value"), contents, "in their old order")
        self.assertEqual(self.Log._chain_sign_legacy(), 0, "once")

    def test_period_marks_set_before_logging_logged_at_update(self):
        """The update that starts logging period marks records those already set, once."""
        values = {
            "student_id": self.student_boris.id,
            "subject_id": self.lesson_5a.subject_id.id,
            "class_id": self.class_5a.id,
            "period_id": self.lesson_5a.period_id.id,
            "value": 4,
        }
        # as an older version of the journal saved it: without a log entry
        pmark = models.Model.create(self.env["school.period.mark"].sudo(), [values])
        self.assertEqual(len(self.Log._reconcile(self.school.id)), 1)
        with mute_logger("odoo.addons.school_ejournal.models.school_hash_chain_mixin"):
            self.Log._chain_setup()
            self.assertEqual(self.Log._chain_log_unlogged_period_marks(), 0, "once")
        entry = self.Log.search([("model", "=", "school.period.mark"), ("res_id", "=", pmark.id)])
        self.assertEqual((entry.action, entry.user_id), ("create", self.env.ref("base.user_root")))
        self.assertTrue(entry.reason)
        self.assertFalse(self.Log._reconcile(self.school.id))
        self.assertFalse(self._findings())
