"""An adversarial audit of the change log (JOUR-7, ARCH-2, SEC-3, issue 12).

Every change of a value of the journal leaves an entry in the change log, whichever path it
takes (the ORM's generic methods, copies, imports, the superuser, cascades of the
directories), and every change behind the journal's back (SQL on the journal or on the log)
is named by the verification: the chain's own checks and the reconciliation of the journal's
current values, and places, with the log.
"""

from datetime import date, timedelta
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import models
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TODAY, JournalLogCase


@tagged("post_install", "-at_install")
class TestLogTamperPaths(JournalLogCase):
    """The findings are compared in English, the tests' language (the users of the school get
    them in Russian)."""

    # the verification below skips the second medium (another test's)
    second_medium = False

    @property
    def Log(self):
        return self.env["school.journal.log"]

    def _verification(self):
        """What a run of the verification finds (``school.chain.verification._verify_school``):
        the chain, its anchors and the reconciliation; the second medium is another test's."""
        values, findings = {}, []
        Anchor = type(self.env["school.chain.anchor"])
        with patch.object(Anchor, "_check_second_dir", return_value=False):
            self.env["school.chain.verification"]._verify_school(self.school, values, findings)
        return findings

    def _assert_refused(self, method, *args):
        """``method(*args)`` is refused: by the journal (a UserError, an AccessError) or by the
        database's foreign keys, nothing changed."""
        try:
            with self.env.cr.savepoint():
                method(*args)
        except (UserError, IntegrityError):
            return
        self.fail(f"{method} was not refused")

    def _assert_found(self, *texts, count=1):
        """The verification finds ``count`` problems, the first naming each of ``texts``."""
        findings = self._verification()
        self.assertEqual(len(findings), count, findings)
        for text in texts:
            self.assertIn(text, findings[0])
        return findings

    # ------------------------------------------------------------------
    # The weight of a mark counts in the averages and the period marks: it is logged
    # ------------------------------------------------------------------
    def test_weight_changed_in_sql_is_found(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        self.assertFalse(self._verification())
        self._sql("UPDATE school_mark SET weight = 0 WHERE id = %s", mark.id)
        self._assert_found(self.student_anna.name, "18.11.2026", "weight=0.0", "changed outside the journal")

    def test_weight_is_logged_whoever_changes_it(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        weight = mark.weight
        self.assertIn(f"weight={weight}", self._entries(mark).new_value)
        # the teacher never writes the weight...
        with self.assertRaises(UserError):
            self._as(self.teacher_1, "school.mark").browse(mark.id).write({"weight": weight + 1})
        # ...the system may, and it is logged
        mark.sudo().write({"weight": weight + 1})
        entry = self._entries(mark)[-1]
        self.assertEqual(entry.action, "write")
        self.assertIn(f"weight={weight}", entry.old_value)
        self.assertIn(f"weight={weight + 1}", entry.new_value)
        # a new work type brings the weight of the policy in force, logged with it
        self._as(self.teacher_1, "school.mark").browse(mark.id).write(
            {"work_type_id": self.work_type_test.id}
        )
        entry = self._entries(mark)[-1]
        self.assertEqual(entry.user_id, self.teacher_1)
        self.assertIn(f"weight={mark.weight}", entry.new_value)
        self.assertIn(self.work_type_test.name, entry.new_value)
        self.assertFalse(self._verification())

    def test_entries_logged_before_the_weight_still_reconcile(self):
        """An entry written before the log held the weight is compared without it."""
        mark = models.Model.create(
            self.env["school.mark"].sudo(),
            [self._mark_vals(self.lesson_5a, self.student_anna, 4, weight=1.0)],
        )
        self.Log.sudo()._append(
            [
                {
                    "model": "school.mark",
                    "res_id": mark.id,
                    "lesson_id": self.lesson_5a.id,
                    "student_id": self.student_anna.id,
                    "action": "create",
                    "new_value": f"value=4; work_type_id={self.work_type_answer.name}; comment=",
                }
            ]
        )
        self.assertFalse(self._verification())
        self._sql("UPDATE school_mark SET value = 5 WHERE id = %s", mark.id)
        self._assert_found(self.student_anna.name, "value=5", "changed outside the journal")

    # ------------------------------------------------------------------
    # Where an entry is: its lesson, student, date, class, subject and period
    # ------------------------------------------------------------------
    def test_mark_moved_to_another_student_in_sql_is_found(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        self._sql("UPDATE school_mark SET student_id = %s WHERE id = %s", self.student_boris.id, mark.id)
        self._assert_found(self.student_boris.name, self.student_anna.name, "moved outside the journal")

    def test_attendance_moved_to_another_lesson_in_sql_is_found(self):
        other = self._lesson(self.class_5a, self.subject_math, self.teacher_1, day=TODAY - timedelta(days=1))
        absence = self._absence(self.lesson_5a, self.student_vera)
        self._sql("UPDATE school_attendance SET lesson_id = %s WHERE id = %s", other.id, absence.id)
        # moved away from its log entry, and from the date it copied from its old lesson
        findings = self._assert_found(
            self.student_vera.name, "17.11.2026", "18.11.2026", "moved outside the journal", count=2
        )
        self.assertIn("differs from its lesson's", findings[1])

    def test_period_mark_moved_to_another_student_in_sql_is_found(self):
        pmark = self._period_mark(
            self.student_anna, self.subject_math, self.class_5a, self.lesson_5a.period_id, value=4
        )
        self.assertFalse(self._verification())
        self._sql(
            "UPDATE school_period_mark SET student_id = %s WHERE id = %s", self.student_gleb.id, pmark.id
        )
        self._assert_found(self.student_gleb.name, self.student_anna.name, "moved outside the journal")

    def test_period_mark_moved_to_another_years_period_in_sql_is_found(self):
        """The log names a period mark's period by its name, which the same period of another
        school year shares: the period and year must be its class's year's."""
        pmark = self._period_mark(
            self.student_anna, self.subject_math, self.class_5a, self.lesson_5a.period_id, value=4
        )
        next_year = self._create_year(date(self.year.date_end.year, 9, 1))
        twin = next_year.period_ids.filtered(lambda p: p.name == pmark.period_id.name)
        self.assertEqual(len(twin), 1)
        self.assertFalse(self._verification())
        self._sql(
            "UPDATE school_period_mark SET period_id = %s, year_id = %s WHERE id = %s",
            twin.id,
            next_year.id,
            pmark.id,
        )
        self._assert_found(
            self.student_anna.name, "school year is not its class's", "moved outside the journal"
        )

    def test_mark_date_changed_in_sql_is_found(self):
        """The averages and period marks read a mark's own date: it is its lesson's."""
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        self._sql("UPDATE school_mark SET date = date - 30 WHERE id = %s", mark.id)
        self._assert_found(self.student_anna.name, "18.11.2026", "moved outside the journal")

    def test_lesson_date_changed_in_sql_is_found(self):
        self._mark(self.lesson_5a, self.student_anna, 4)
        self._sql(
            "UPDATE school_lesson SET date = %s WHERE id = %s", TODAY - timedelta(days=1), self.lesson_5a.id
        )
        # the marks' own dates follow in SQL too: the lesson is named anyway
        self._sql(
            "UPDATE school_mark SET date = %s WHERE lesson_id = %s",
            TODAY - timedelta(days=1),
            self.lesson_5a.id,
        )
        self._assert_found("17.11.2026", "18.11.2026", "changed outside the journal")

    def test_lesson_moved_through_the_journal_reconciles(self):
        """A lesson moved by its teacher (a logged move) is no finding, nor are its marks."""
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        self._absence(self.lesson_5a, self.student_vera)
        lesson = self._as(self.teacher_1, "school.lesson").browse(self.lesson_5a.id)
        lesson.write({"date": TODAY - timedelta(days=1)})
        self.assertEqual(mark.date, TODAY - timedelta(days=1))
        self.assertFalse(self._verification())
        # and moved back
        lesson.write({"date": TODAY})
        self._mark(self.lesson_5a, self.student_boris, 3)
        self.assertFalse(self._verification())

    # ------------------------------------------------------------------
    # Tampering with the log itself
    # ------------------------------------------------------------------
    def test_tail_entry_deleted_without_anchor_is_found_by_the_reconciliation(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        mark.write({"value": 5})
        self._sql("DELETE FROM school_journal_log WHERE id = %s", self._entries(mark)[-1].id)
        self._assert_found(self.student_anna.name, "value=5", "value=4", "changed outside the journal")

    def test_entries_reordered_or_edited_are_found(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        mark.write({"value": 5})
        mark.write({"value": 3})
        __, second, third = self._entries(mark)
        numbers = second.sequence, third.sequence
        # two entries swap their numbers
        self._sql("UPDATE school_journal_log SET sequence = -1 WHERE id = %s", second.id)
        self._sql("UPDATE school_journal_log SET sequence = %s WHERE id = %s", numbers[0], third.id)
        self._sql("UPDATE school_journal_log SET sequence = %s WHERE id = %s", numbers[1], second.id)
        findings = self._verification()
        self.assertIn(f"Change log No. {numbers[0]}:", findings[0])
        # the value of the entry now last is no longer the journal's
        self.assertTrue(
            any("changed outside the journal" in f and self.student_anna.name in f for f in findings)
        )

    # ------------------------------------------------------------------
    # Cascades and archiving of the directories never drop a logged value
    # ------------------------------------------------------------------
    def test_deletions_of_directories_never_drop_logged_entries(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        absence = self._absence(self.lesson_5a, self.student_vera)
        period_mark = self._period_mark(
            self.student_gleb, self.subject_math, self.class_5a, self.lesson_5a.period_id, value=5
        )
        count = self.Log.search_count([])
        # the attendance would go with the lesson (ondelete cascade): the log keeps the lesson
        directories = [self.lesson_5a, self.work_type_answer, self.class_5a, self.subject_math]
        students = self.student_anna | self.student_vera | self.student_gleb
        directories += [*students, self.lesson_5a.period_id, self.teacher_1]
        for record in directories:
            with self.subTest(record=record._name), mute_logger("odoo.sql_db", "odoo.models.unlink"):
                self._assert_refused(record.sudo().unlink)
        self.env.invalidate_all()
        self.assertTrue(mark.exists() and absence.exists() and period_mark.exists())
        self.assertEqual(self.Log.search_count([]), count)
        self.assertFalse(self._verification())

    def test_archiving_directories_keeps_the_journal_and_its_log(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        self._absence(self.lesson_5a, self.student_vera)
        count = self.Log.search_count([])
        self.student_anna.sudo().action_archive()
        self.work_type_answer.sudo().action_archive()
        self.teacher_1.sudo().action_archive()
        self.env.invalidate_all()
        self.assertEqual(mark.value, 4)
        self.assertEqual(self.Log.search_count([]), count)
        self.assertFalse(self._verification())
        # a value tampered with is still named, the archived student too
        self._sql("UPDATE school_mark SET value = 2 WHERE id = %s", mark.id)
        self._assert_found(self.student_anna.name, "value=2")

    def test_work_type_and_period_renamed(self):
        """A work type or a period renamed by the administrator is no tampering with the
        marks logged under the old name."""
        self._activate_languages("ru_RU")
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        self._period_mark(
            self.student_gleb, self.subject_math, self.class_5a, self.lesson_5a.period_id, value=5
        )
        self.assertFalse(self._verification())
        old_name = self.work_type_answer.name
        self.work_type_answer.sudo().name = "Oral answer at the board"
        self.work_type_answer.sudo().update_field_translations("name", {"ru_RU": "Ответ у доски"})
        self.lesson_5a.period_id.sudo().name = "Autumn term"
        # each rename is an entry of the log
        renames = self._entries(self.work_type_answer)
        self.assertEqual(renames.mapped("action"), ["write", "write"])
        self.assertEqual(renames[0].old_value, f"name={old_name}")
        self.assertEqual(renames[0].new_value, "name=Oral answer at the board")
        self.assertEqual(renames[1].new_value, "name=Ответ у доски")
        self.assertEqual(self._entries(self.lesson_5a.period_id).new_value, "name=Autumn term")
        self.assertFalse(self._verification())
        # a mark given another work type behind the journal's back is still named
        self._sql("UPDATE school_mark SET work_type_id = %s WHERE id = %s", self.work_type_test.id, mark.id)
        self._assert_found(self.student_anna.name, self.work_type_test.name, "changed outside the journal")

    # ------------------------------------------------------------------
    # The ORM's generic paths
    # ------------------------------------------------------------------
    def test_copy_and_import_are_logged(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        Mark = self._as(self.teacher_1, "school.mark")
        copied = Mark.browse(mark.id).copy()
        self.assertEqual(self._entries(copied).mapped("action"), ["create"])
        self.assertEqual(self._entries(copied).user_id, self.teacher_1)
        result = Mark.load(
            ["lesson_id/.id", "student_id/.id", "value", "work_type_id/.id"],
            [[str(self.lesson_5a.id), str(self.student_boris.id), "3", str(self.work_type_answer.id)]],
        )
        self.assertFalse(result["messages"], result)
        imported = Mark.browse(result["ids"])
        self.assertEqual(self._entries(imported).mapped("action"), ["create"])
        result = Mark.load([".id", "value"], [[str(mark.id), "2"]])
        self.assertFalse(result["messages"], result)
        self.assertEqual(self._entries(mark).mapped("action"), ["create", "write"])
        self.assertIn("value=2", self._entries(mark)[-1].new_value)
        self.assertFalse(self._verification())

    def test_fields_the_grid_never_sets_are_refused(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        absence = self._absence(self.lesson_5a, self.student_vera)
        other = self._lesson(self.class_5a, self.subject_math, self.teacher_1, day=TODAY - timedelta(days=1))
        count = self.Log.search_count([])
        for record, model in ((mark, "school.mark"), (absence, "school.attendance")):
            own = self._as(self.teacher_1, model).browse(record.id)
            for vals in (
                {"date": TODAY - timedelta(days=1)},
                {"lesson_id": other.id},
                {"student_id": self.student_gleb.id},
                {"class_id": self.class_5b.id},
                {"period_id": other.period_id.id},
            ):
                with self.subTest(model=model, vals=vals):
                    self._assert_refused(own.write, vals)
        with self.assertRaises(UserError):
            self._as(self.teacher_1, "school.mark").browse(mark.id).write({"author_id": self.teacher_2.id})
        self.env.invalidate_all()
        self.assertEqual(
            (mark.student_id, mark.lesson_id, mark.author_id),
            (self.student_anna, self.lesson_5a, self.teacher_1),
        )
        self.assertEqual(self.Log.search_count([]), count)
        self.assertFalse(self._verification())

    # ------------------------------------------------------------------
    # A lesson's topic, homework and actual teacher: their changes are in the log
    # ------------------------------------------------------------------
    def test_lesson_edits_are_logged_with_the_chatter_tracking_off(self):
        """The chatter's tracking can be switched off by any caller's context: the change log
        records each change of an entered topic, homework or actual teacher anyway."""
        quiet = {"tracking_disable": True, "mail_notrack": True}
        Lesson = self._as(self.teacher_1, "school.lesson").with_context(**quiet)
        lesson = Lesson.browse(self.lesson_5a.id)
        lesson.write({"topic": "Дроби", "homework": "№ 1"})
        self.assertFalse(self._entries(lesson), "entering them is no change")
        lesson.write({"topic": "Десятичные дроби"})
        lesson.write({"homework": False})
        entries = self._entries(lesson)
        self.assertEqual(entries.user_id, self.teacher_1)
        self.assertEqual(
            [(e.old_value, e.new_value) for e in entries],
            [("topic=Дроби", "topic=Десятичные дроби"), ("homework=№ 1", "homework=")],
        )
        # the deputy's substitution (JOUR-10)
        self._as(self.user_deputy, "school.lesson").with_context(**quiet).browse(self.lesson_5b.id).write(
            {"teacher_id": self.substitute.id, "substitution_reason": "Курсы"}
        )
        entry = self._entries(self.lesson_5b)
        self.assertEqual(entry.user_id, self.user_deputy)
        self.assertEqual(
            (entry.old_value, entry.new_value),
            (f"teacher_id={self.teacher_2.name}", f"teacher_id={self.substitute.name}"),
        )
        # a correction of an entered topic: one entry, with the request's reason
        request = self._as(self.teacher_1, "school.correction.request").create(
            {"lesson_id": self.lesson_5a.id, "kind": "lesson", "new_topic": "Дроби", "reason": "Опечатка"}
        )
        self._as(self.user_deputy, "school.correction.request").browse(request.id).action_approve()
        entry = self._entries(lesson)[2:]
        self.assertEqual(len(entry), 1)
        self.assertEqual((entry.old_value, entry.new_value), ("topic=Десятичные дроби", "topic=Дроби"))
        self.assertEqual(entry.user_id, self.user_deputy)
        self.assertIn("Опечатка", entry.reason)
        self.assertFalse(self._verification())

    def test_grading_policy_edits_leave_stored_marks_alone(self):
        """The weight of a mark is the one in force when it was entered: editing the policy's
        weights later changes no stored mark, so no average changes behind the log."""
        mark = self._mark(self.lesson_5a, self.student_anna, 4, work_type=self.work_type_control)
        self.assertEqual(mark.weight, 4.0)
        row = self.policy.weight_ids.filtered(lambda w: w.work_type_id == self.work_type_control)
        row.sudo().weight = 2.0
        self.env.invalidate_all()
        self.assertEqual(mark.weight, 4.0)
        self.assertFalse(self._verification())
        # a mark entered now takes the new weight, logged with it
        other = self._mark(self.lesson_5a, self.student_boris, 5, work_type=self.work_type_control)
        self.assertEqual(other.weight, 2.0)
        self.assertIn("weight=2.0", self._entries(other).new_value)

    def test_name_create_makes_no_unlogged_mark(self):
        """A mark has no name to make it from: ``name_create`` makes nothing."""
        Mark = self._as(self.teacher_1, "school.mark")
        with mute_logger("odoo.models"):
            self.assertFalse(Mark.name_create("5"))
        self.assertFalse(self.env["school.mark"].search_count([]))
        self.assertFalse(self.Log.search_count([]))

    def test_cancelling_a_lesson_is_logged(self):
        """A lesson that did not take place leaves the journal's grid: the cancellation, and its
        undoing, are in the log; holding a lesson is routine and is not. A lesson holding
        marks is not cancelled (test_journal_rules)."""
        quiet = {"tracking_disable": True, "mail_notrack": True}
        lesson = self._as(self.teacher_1, "school.lesson").with_context(**quiet).browse(self.lesson_5a.id)
        lesson.action_mark_done()
        self.assertFalse(self._entries(lesson))
        lesson.action_cancel()
        entry = self._entries(lesson)
        self.assertEqual((entry.old_value, entry.new_value), ("state=done", "state=cancelled"))
        self.assertEqual(entry.user_id, self.teacher_1)
        self.assertIn("Cancelled", entry.change_description)
        lesson.write({"state": "done"})
        entry = self._entries(lesson)[1:]
        self.assertEqual((entry.old_value, entry.new_value), ("state=cancelled", "state=done"))
        self.assertFalse(self._verification())

    def test_lesson_edits_changed_in_sql_are_found(self):
        """A topic or homework once entered and a cancellation are changed through the journal
        only, each change logged: a change in SQL is named."""
        lesson = self._as(self.teacher_1, "school.lesson").browse(self.lesson_5a.id)
        lesson.write({"topic": "Дроби", "homework": "№ 1"})
        lesson.write({"topic": "Десятичные дроби", "homework": "№ 2"})
        self.assertFalse(self._verification())
        self._sql("UPDATE school_lesson SET topic = 'Подделка' WHERE id = %s", lesson.id)
        self._assert_found(
            "18.11.2026", "topic=Подделка", "topic=Десятичные дроби", "changed outside the journal"
        )
        # cleared through the journal (logged), entered again (no change): nothing to name
        self._sql("UPDATE school_lesson SET topic = 'Десятичные дроби' WHERE id = %s", lesson.id)
        lesson.write({"homework": False})
        lesson.write({"homework": "№ 3"})
        self.assertFalse(self._verification())
        # a cancelled lesson held again in SQL
        lesson.action_cancel()
        self._sql("UPDATE school_lesson SET state = 'done' WHERE id = %s", lesson.id)
        self._assert_found("state=done", "state=cancelled", "changed outside the journal")
