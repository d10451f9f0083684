"""The archive register (ARCH-1..3): XLSX copies of every class journal at the end of a
period, kept in the filestore and in a second directory, in the school's keyed hash chain
with anchors outside it (issue 12). A verification writes only the record of its run."""

import hashlib
import os
import shutil
import tempfile
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import config, mute_logger

from odoo.addons.school_ejournal.models.school_hash_chain_mixin import GENESIS_HASH

from .common import MUTE_ACCESS, ReportsCommon, xlsx_rows


def sha256_file(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


@tagged("post_install", "-at_install")
class TestArchive(ReportsCommon):
    """The files in the second directory outlive the rolled-back transactions: every test
    archives its own copies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.archive_dir = tempfile.mkdtemp(prefix="ej_archive_test_")
        cls.addClassCleanup(shutil.rmtree, cls.archive_dir, ignore_errors=True)
        cls.school.school_archive_dir = cls.archive_dir
        # the school's language: the copies are made in it
        cls.school.partner_id.lang = "ru_RU"
        cls.Archive = cls.env["school.archive.entry"]
        # classes assessed by quarters: their journals are archived at the end of a quarter
        cls.quarter_classes = cls.class_5a | cls.class_5b | cls.class_1a

    def setUp(self):
        super().setUp()
        # anchor files are written after a commit only: none of another test is read
        self.anchor_dir = tempfile.mkdtemp(prefix="ej_anchor_test_")
        self.addCleanup(shutil.rmtree, self.anchor_dir, ignore_errors=True)
        self.startPatcher(patch.dict(config.options, {"school_archive_second_dir": self.anchor_dir}))

    def _archive(self, period=None):
        return self.Archive._archive_period(period or self.quarter_1)

    def _problems(self):
        return self.Archive._verify(self.school)[1]

    def _sql(self, query, *args):
        self.env.flush_all()
        self.env.cr.execute(query, args)
        self.env.invalidate_all()

    def _entry(self, entries, school_class):
        entry = entries.filtered(lambda e: e.class_id == school_class)
        self.assertEqual(len(entry), 1)
        return entry

    # ------------------------------------------------------------------
    # ARCH-1, ARCH-3: one copy per class, twice
    # ------------------------------------------------------------------
    def test_archive_period(self):
        entries = self._archive()
        self.assertEqual(entries.class_id, self.quarter_classes, "every class of the quarter scheme, not 10А")
        self.assertEqual(entries.period_id, self.quarter_1)
        self.assertEqual(entries.year_id, self.year)
        for entry in entries:
            with self.subTest(cls=entry.class_id.name):
                attachment = entry.attachment_id
                self.assertEqual(attachment.res_model, "school.archive.entry")
                self.assertEqual(attachment.res_id, entry.id)
                self.assertTrue(attachment.store_fname, "kept in the filestore")
                self.assertEqual(hashlib.sha256(attachment.raw).hexdigest(), entry.file_sha256)
                # the second copy on the other medium
                self.assertTrue(entry.external_path.startswith(self.archive_dir + os.sep))
                self.assertTrue(os.path.isfile(entry.external_path))
                self.assertEqual(sha256_file(entry.external_path), entry.file_sha256)
                self.assertEqual(entry.archived_by_id, self.env.user)
                self.assertEqual(entry.company_id, self.school)
        # the copy is the class journal of the period, in the school's language
        rows = xlsx_rows(self._entry(entries, self.class_5a).attachment_id.raw)
        self.assertEqual(rows[0], ["Классный журнал"])
        self.assertIn([1, self.student_ivanov.name, "ЛД-001"], rows)
        self.assertEqual(self._problems(), [])
        # the archive run anchors the register's head (and the change log's)
        anchor = self.env["school.chain.anchor"].search(
            [("chain", "=", "school.archive.entry"), ("company_id", "=", self.school.id)]
        )
        self.assertEqual(anchor.mapped("sequence"), [max(entries.mapped("sequence"))])
        self.assertEqual(anchor.reason, "archive")

    def test_copies_in_school_language(self):
        """The copies are made in the school's language, whoever archives them."""
        english = self.Archive.with_context(lang="en_US")._archive_period(self.quarter_1)
        russian = self.Archive.with_context(lang="ru_RU")._archive_period(self.quarter_1)
        for school_class in self.quarter_classes:
            self.assertEqual(
                self._entry(english, school_class).content_sha256,
                self._entry(russian, school_class).content_sha256,
            )
        rows = xlsx_rows(self._entry(english, self.class_5a).attachment_id.raw)
        self.assertEqual(rows[0], ["Классный журнал"])

    def test_reexport_gives_same_hashes(self):
        first = self._archive()
        again = self._archive()
        self.assertFalse(first & again)
        for school_class in self.quarter_classes:
            old, new = self._entry(first, school_class), self._entry(again, school_class)
            self.assertEqual(new.file_sha256, old.file_sha256)
            self.assertEqual(new.content_sha256, old.content_sha256)
            self.assertEqual(new.attachment_id.raw, old.attachment_id.raw)
            self.assertNotEqual(new.external_path, old.external_path)
            with open(new.external_path, "rb") as a, open(old.external_path, "rb") as b:
                self.assertEqual(a.read(), b.read())
        # a changed journal gives another content and file
        self.env["school.mark"].create(
            {
                "lesson_id": self.math_5.id,
                "student_id": self.student_petrova.id,
                "value": 5,
                "work_type_id": self.work_type_answer.id,
            }
        )
        changed = self._entry(self._archive(), self.class_5a)
        self.assertNotEqual(changed.content_sha256, self._entry(first, self.class_5a).content_sha256)
        self.assertNotEqual(changed.file_sha256, self._entry(first, self.class_5a).file_sha256)

    def test_chain(self):
        self._archive()
        self._archive(self.quarter_2)
        entries = self.Archive.search([], order="sequence")
        self.assertEqual(len(entries), 6)
        # the school's own chain, numbered from 1
        self.assertEqual(entries.mapped("sequence"), list(range(1, 7)))
        self.assertEqual(entries[0].previous_hash, GENESIS_HASH)
        for previous, entry in zip(entries, entries[1:]):
            self.assertEqual(entry.previous_hash, previous.entry_hash)
            self.assertEqual(len(entry.entry_hash), 64)
        self.assertEqual(len(set(entries.mapped("entry_hash"))), 6)
        self.assertEqual(self._problems(), [])
        self.env.flush_all()
        stamps = [(e.write_date, e.entry_hash) for e in entries]
        action = entries.action_verify()
        self.assertEqual(action["params"]["type"], "success", action["params"]["message"])
        run = self.env["school.chain.verification"].search([], limit=1)
        self.assertEqual((run.state, run.archive_count, run.user_id), ("ok", 6, self.env.user))
        self.env.invalidate_all()
        self.assertEqual([(e.write_date, e.entry_hash) for e in entries], stamps, "nothing written on them")

    # ------------------------------------------------------------------
    # ARCH-2: tampering is detected
    # ------------------------------------------------------------------
    def test_altered_external_copy(self):
        entries = self._archive()
        entry = self._entry(entries, self.class_5b)
        with open(entry.external_path, "ab") as handle:
            handle.write(b"tampered")
        self.assertEqual(
            self._problems(), [(entry.sequence, "The copy in the second directory was altered.")]
        )
        action = self.Archive.action_verify()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn(f"No. {entry.sequence}", action["params"]["message"])

    def test_missing_external_copy(self):
        entry = self._entry(self._archive(), self.class_5a)
        os.unlink(entry.external_path)
        self.assertEqual(self._problems(), [(entry.sequence, "The copy in the second directory is missing.")])

    def test_altered_filestore_copy(self):
        entries = self._archive()
        entry, other = self._entry(entries, self.class_1a), self._entry(entries, self.class_5b)
        # the copy is replaced with another journal
        entry.attachment_id.raw = other.attachment_id.raw
        self.assertEqual(self._problems(), [(entry.sequence, "The filestore copy was altered.")])

    def test_missing_filestore_copy(self):
        entry = self._entry(self._archive(), self.class_1a)
        entry.attachment_id.unlink()
        self.assertEqual(self._problems(), [(entry.sequence, "The filestore copy is missing.")])

    def test_tampered_register_entry(self):
        entries = self._archive()
        entry = self._entry(entries, self.class_5b)
        # a forged hash written behind the ORM's back, as if a file were replaced with it
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE school_archive_entry SET file_sha256 = %s WHERE id = %s", ["f" * 64, entry.id]
        )
        self.env.invalidate_all()
        problems = self._problems()
        self.assertEqual(problems[0], (entry.sequence, "The entry was altered after it was signed."))
        self.assertEqual({number for number, _problem in problems}, {entry.sequence}, "that entry only")

    def test_entries_are_read_only(self):
        entry = self._entry(self._archive(), self.class_5a)
        for vals in (
            {"name": "other.xlsx"},
            {"file_sha256": "0" * 64},
            {"external_path": "/tmp/x.xlsx"},
            {"attachment_id": False},
            {"class_id": self.class_5b.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                entry.write(vals)
        with self.assertRaises(UserError):
            entry.unlink()
        with self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
            entry.with_user(self.user_ej_admin).unlink()
        with self.assertRaises(UserError):
            self.Archive.create({"sequence": 99, "name": "forged.xlsx", "company_id": self.school.id})
        self.assertEqual(self._problems(), [])

    # ------------------------------------------------------------------
    # who archives, and the cron
    # ------------------------------------------------------------------
    def test_only_ej_admin_archives(self):
        for user in (
            self.user_director,
            self.user_deputy,
            self.user_inspector,
            self.class_teacher,
            self.teacher,
        ):
            with self.subTest(user=user.login), self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
                self.quarter_1.with_user(user).action_archive_journals()
        self.assertFalse(self.Archive.search([]))
        action = self.quarter_1.with_user(self.user_ej_admin).action_archive_journals()
        self.assertEqual(action["tag"], "display_notification")
        entries = self.Archive.search([])
        self.assertEqual(entries.class_id, self.quarter_classes)
        self.assertEqual(entries.archived_by_id, self.user_ej_admin)
        # the register is read by the administration, not written
        self.assertEqual(self.Archive.with_user(self.user_director).search([]), entries)
        with self.assertRaises(UserError):
            entries[0].with_user(self.user_ej_admin).write({"name": "x.xlsx"})

    def test_cron_archives_ended_period_once(self):
        done = self.Archive._cron_archive_periods()
        entries = self.Archive.search([])
        self.assertEqual(done, 3)
        self.assertEqual(entries.period_id, self.quarter_1, "only the quarter that is over")
        self.assertEqual(entries.class_id, self.quarter_classes)
        self.assertEqual(self.Archive._cron_archive_periods(), 0)
        self.assertEqual(self.Archive.search([]), entries)
        # closing the running quarter archives it on the next run
        self.quarter_2.action_close()
        self.assertEqual(self.Archive._cron_archive_periods(), 3)
        self.assertEqual(
            self.Archive.search([("period_id", "=", self.quarter_2.id)]).class_id, self.quarter_classes
        )
        self.assertEqual(self.Archive._cron_archive_periods(), 0)
        self.assertEqual(self._problems(), [])

    def test_cron_batches(self):
        self.assertEqual(self.Archive._cron_archive_periods(batch_size=2), 2)
        self.assertEqual(self.Archive._cron_archive_periods(batch_size=2), 1)
        self.assertEqual(self.Archive._cron_archive_periods(batch_size=2), 0)
        self.assertEqual(self.Archive.search([]).class_id, self.quarter_classes)

    # ------------------------------------------------------------------
    # issue 12: deleted entries, the second medium, who verifies
    # ------------------------------------------------------------------
    def test_deleted_register_entries(self):
        self._archive()
        entries = self._archive(self.quarter_2).sorted("sequence")
        first = self.Archive.search([], order="sequence")
        for victim, expected in (
            (first[1], "Entry No. 2 is missing: it was deleted."),
            (entries[-1], "tail was deleted"),
        ):
            with self.subTest(sequence=victim.sequence), self.env.cr.savepoint(flush=False) as savepoint:
                self._sql("DELETE FROM school_archive_entry WHERE id = %s", victim.id)
                problems = self._problems()
                self.assertTrue(problems)
                self.assertIn(expected, problems[0][1])
                runs = self.env["school.chain.verification"]._run(self.school, "manual")
                self.assertEqual(runs.state, "failed")
                self.assertIn("Archive register No.", runs.findings)
                savepoint.rollback()

    def test_anchor_file_outlives_the_register(self):
        """The tail and the anchors deleted in the database: the anchor file still tells."""
        entries = self._archive().sorted("sequence")
        self.env.cr.postcommit.run()
        last = entries[-1].sequence
        self._sql("DELETE FROM school_archive_entry WHERE id = %s", entries[-1].id)
        self._sql("DELETE FROM school_chain_anchor")
        problems = self._problems()
        self.assertEqual(len(problems), 1)
        self.assertEqual(problems[0][0], last)
        self.assertIn("anchor file", problems[0][1])

    def test_second_copy_required(self):
        """Without a second directory the archive is incomplete and the verification says so."""
        self.school.school_archive_dir = False
        with patch.dict(config.options, {"school_archive_second_dir": ""}):
            entries = self._archive()
            self.assertFalse(any(entries.mapped("external_path")))
            problems = self._problems()
            self.assertEqual(len(problems), 3)
            self.assertIn("The second copy was never made", problems[0][1])
            run = self.env["school.chain.verification"]._run(self.school, "manual")
        self.assertEqual(run.state, "failed")
        self.assertIn("second directory is not configured", run.findings)
        # an unreachable directory fails the archive's second copy, not the archive run
        self.school.school_archive_dir = os.path.join(self.archive_dir, "file")
        with open(self.school.school_archive_dir, "w", encoding="utf-8") as handle:
            handle.write("not a directory")
        with mute_logger("odoo.addons.school_ejournal_reports.models.school_archive_entry"):
            entries = self._archive(self.quarter_2)
        self.assertFalse(any(entries.mapped("external_path")))
        run = self.env["school.chain.verification"]._run(self.school, "manual")
        self.assertIn("is not reachable", run.findings)

    def test_who_verifies(self):
        self._archive()
        for user in (self.teacher, self.class_teacher):
            with self.subTest(user=user.login), self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
                self.Archive.with_user(user).action_verify()
        self.assertFalse(self.env["school.chain.verification"].search([]))
        action = self.Archive.with_user(self.user_director).action_verify()
        self.assertEqual(action["params"]["type"], "success", action["params"]["message"])
        self.assertEqual(self.env["school.chain.verification"].search([]).user_id, self.user_director)

    def test_period_marks_in_mark_change_report(self):
        """REP-8 shows setting, changing and clearing a period mark (issue 12)."""
        Service = self.env["school.report.service"]
        key = {
            "student_id": self.student_ivanov.id,
            "subject_id": self.math_5.subject_id.id,
            "class_id": self.class_5a.id,
            "period_id": self.quarter_1.id,
        }
        PeriodMark = self.env["school.period.mark"]
        pmark = PeriodMark.search([(name, "=", value) for name, value in key.items()])
        pmark.write({"value": 0})
        pmark = pmark or PeriodMark.create(key)
        pmark.write({"value": 4})
        pmark.write({"value": 5})
        pmark.write({"value": 0})
        today = fields.Date.context_today(pmark)
        doc = Service._build_mark_changes(today, today, self.class_5a)
        rows = [
            row
            for row in doc["sections"][0]["rows"]
            if row[6] == self.student_ivanov.name and "Period: " in (row[8] + row[9])
        ]
        self.assertEqual(
            [row[9].split("; ")[1] if row[9] else "" for row in rows][-3:], ["Mark: 4", "Mark: 5", ""]
        )
