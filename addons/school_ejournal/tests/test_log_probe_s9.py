"""A second adversarial audit of the change log (JOUR-7, ARCH-2, issue 12).

What the first audit (``test_log_tamper_paths``) left open: the ORM's writes of several
records at once and through a lesson's lists, imports of attendance and period marks, the
period-mark grid, the correction requests, copies of lessons; SQL on the log that the chain
and its anchors must name (a forged entry, a tail cut after the last anchor); appends rolled
back with their transaction or savepoint, which leave no head behind.
"""

import json
import os
import shutil
import tempfile
from datetime import timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged
from odoo.tools import config, mute_logger

from odoo.addons.school_ejournal.models.school_chain_anchor import HEADS_KEY

from .common import JournalLogCase


class RolledBack(Exception):
    """What rolls a savepoint back in these tests."""


@tagged("post_install", "-at_install")
class TestLogProbeS9(JournalLogCase):
    """The findings are compared in English, the tests' language, and once in Russian."""

    @property
    def Log(self):
        return self.env["school.journal.log"]

    def _verification(self):
        values, findings = {}, []
        self.env["school.chain.verification"]._verify_school(self.school, values, findings)
        return findings

    def _commit_heads(self):
        """What the commit of this transaction does to the head files (``_note_head``): the
        heads of the chains it appended to, written from what it holds (here: the test's
        transaction, which stands for the committed data)."""
        heads = self.env.cr.postcommit.data.get(HEADS_KEY)
        self.assertTrue(heads, "an append leaves the head to write after the commit")
        self.env["school.chain.anchor"]._write_heads(set(heads))

    # ------------------------------------------------------------------
    # 1. The ORM's writes: several records at once, through a lesson's lists
    # ------------------------------------------------------------------
    def test_write_of_several_records_logs_each_own_old_value(self):
        marks = self._mark(self.lesson_5a, self.student_anna, 4) | self._mark(
            self.lesson_5a, self.student_boris, 3, comment="У доски"
        )
        entries = self._as(self.teacher_1, "school.attendance").create(
            [
                {"lesson_id": self.lesson_5a.id, "student_id": self.student_vera.id, "code": "absent"},
                {
                    "lesson_id": self.lesson_5a.id,
                    "student_id": self.student_gleb.id,
                    "code": "late",
                    "late_minutes": 5,
                },
            ]
        )
        self._as(self.teacher_1, "school.mark").browse(marks.ids).write({"value": 5})
        self._as(self.class_teacher, "school.attendance").browse(entries.ids).write(
            {"code": "ill", "late_minutes": 0}
        )
        for record, old, new, user in (
            (marks[0], "value=4", "value=5", self.teacher_1),
            (marks[1], "value=3", "value=5", self.teacher_1),
            (entries[0], "code=absent", "code=ill", self.class_teacher),
            (entries[1], "code=late; late_minutes=5", "code=ill; late_minutes=0", self.class_teacher),
        ):
            with self.subTest(record=record):
                entry = self._entries(record)[-1]
                self.assertEqual(entry.action, "write")
                self.assertTrue(entry.old_value.startswith(old), entry.old_value)
                self.assertTrue(entry.new_value.startswith(new), entry.new_value)
                self.assertEqual(entry.old_value, self._entries(record)[0].new_value)
                self.assertEqual(entry.user_id, user)
                self.assertEqual((entry.lesson_id, entry.student_id), (self.lesson_5a, record.student_id))
        self.assertIn("comment=У доски", self._entries(marks[1])[-1].new_value)
        self.assertFalse(self._verification())

    def test_writes_through_the_lessons_lists_are_logged(self):
        """A lesson's marks and attendance changed or removed through the lesson's own lists
        (one2many commands) go through the entries' write and unlink: each is logged."""
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        gone = self._mark(self.lesson_5a, self.student_boris, 3)
        absences = self._absence(self.lesson_5a, self.student_vera) | self._absence(
            self.lesson_5a, self.student_gleb
        )
        gone_id, absence_ids = gone.id, absences.ids
        lesson = self._as(self.teacher_1, "school.lesson").browse(self.lesson_5a.id)
        lesson.write({"mark_ids": [Command.update(mark.id, {"value": 2}), Command.delete(gone_id)]})
        lesson.write({"attendance_ids": [Command.unlink(absence_ids[0])]})
        lesson.write({"attendance_ids": [Command.clear()]})
        self.assertEqual(self._entries(mark).mapped("action"), ["create", "write"])
        self.assertIn("value=2", self._entries(mark)[-1].new_value)
        for model, res_id in (("school.mark", gone_id), *(("school.attendance", i) for i in absence_ids)):
            with self.subTest(model=model, res_id=res_id):
                entries = self.Log.search([("model", "=", model), ("res_id", "=", res_id)], order="sequence")
                self.assertEqual(entries.mapped("action"), ["create", "unlink"])
                self.assertEqual(entries[-1].user_id, self.teacher_1)
                self.assertFalse(self.env[model].browse(res_id).exists())
        self.assertFalse(self._verification())

    def test_lesson_copy_carries_no_unlogged_entry(self):
        """A copied lesson takes none of the marks and attendance of the original."""
        self._mark(self.lesson_5a, self.student_anna, 4)
        self._absence(self.lesson_5a, self.student_vera)
        copied = self.lesson_5a.copy({"lesson_number": 7})
        self.assertFalse(copied.sudo().mark_ids)
        self.assertFalse(copied.sudo().attendance_ids)
        self.assertFalse(self._verification())

    def test_imports_of_attendance_and_period_marks_are_logged(self):
        result = self._as(self.teacher_1, "school.attendance").load(
            ["lesson_id/.id", "student_id/.id", "code"],
            [[str(self.lesson_5a.id), str(self.student_vera.id), "ill"]],
        )
        self.assertFalse(result["messages"], result)
        absence = self.env["school.attendance"].browse(result["ids"])
        self.assertEqual(self._entries(absence).mapped("action"), ["create"])
        PeriodMark = self._as(self.teacher_1, "school.period.mark")
        result = PeriodMark.load(
            ["student_id/.id", "subject_id/.id", "class_id/.id", "period_id/.id", "value"],
            [
                [
                    str(self.student_anna.id),
                    str(self.subject_math.id),
                    str(self.class_5a.id),
                    str(self.quarter_2.id),
                    "4",
                ]
            ],
        )
        self.assertFalse(result["messages"], result)
        pmark = self.env["school.period.mark"].browse(result["ids"])
        result = PeriodMark.load([".id", "value"], [[str(pmark.id), "5"]])
        self.assertFalse(result["messages"], result)
        entries = self._entries(pmark)
        self.assertEqual(entries.mapped("action"), ["create", "write"])
        self.assertEqual(entries.user_id, self.teacher_1)
        self.assertIn("value=4", entries[1].old_value)
        self.assertIn("value=5", entries[1].new_value)
        self.assertFalse(self._verification())

    def test_work_type_weight_changes_no_stored_mark(self):
        """A work type's default weight (used where no policy weighs it) changed later
        changes no stored mark: no average moves behind the log."""
        mark = self._mark(self.lesson_5a, self.student_anna, 4, work_type=self.work_type_test)
        weight = mark.weight
        self.work_type_test.sudo().default_weight = weight + 2
        self.env.invalidate_all()
        self.assertEqual(mark.weight, weight)
        self.assertFalse(self._verification())

    def test_changes_of_homework_pages_and_exercises_are_logged(self):
        """The pages and exercises of a homework, shown in the diary with it, are homework:
        changing them once entered is logged, and changing them in SQL is named."""
        lesson = self._as(self.teacher_1, "school.lesson").browse(self.lesson_5a.id)
        lesson.write({"homework": "Учебник", "homework_pages": "с. 12", "homework_exercises": "упр. 3"})
        self.assertFalse(self._entries(lesson), "entering them is no change")
        lesson.write({"homework_pages": "с. 14", "homework_exercises": "упр. 5"})
        entry = self._entries(lesson)
        self.assertEqual(
            (entry.old_value, entry.new_value),
            (
                "homework_pages=с. 12; homework_exercises=упр. 3",
                "homework_pages=с. 14; homework_exercises=упр. 5",
            ),
        )
        self.assertEqual(entry.user_id, self.teacher_1)
        self.assertIn("Pages: с. 12 → с. 14", entry.change_description)
        self.assertFalse(self._verification())
        self._sql("UPDATE school_lesson SET homework_exercises = 'упр. 99' WHERE id = %s", lesson.id)
        findings = self._verification()
        self.assertEqual(len(findings), 1, findings)
        self.assertIn("homework_exercises=упр. 99", findings[0])
        self.assertIn("homework_exercises=упр. 5", findings[0])
        self.assertIn("changed outside the journal", findings[0])

    def test_changes_of_individual_homework_are_logged(self):
        """A homework given to some students of a lesson is homework too: changing or
        withdrawing it once given is logged, with its students and due date."""
        Homework = self._as(self.teacher_1, "school.homework.individual")
        homework = Homework.create(
            {
                "lesson_id": self.lesson_5a.id,
                "student_ids": [Command.set(self.student_anna.ids)],
                "text": "Упр. 1; прочитать § 2",
            }
        )
        self.assertFalse(self._entries(homework), "giving it is no change")
        homework.write({"text": "Упр. 2", "student_ids": [Command.link(self.student_boris.id)]})
        entry = self._entries(homework)
        self.assertEqual(
            (entry.action, entry.user_id, entry.lesson_id), ("write", self.teacher_1, self.lesson_5a)
        )
        # a text holding a ";" is logged in the JSON form, which reads back exactly
        old = self.Log._parse_snapshot(entry.old_value, homework._name)
        self.assertEqual(old["text"], "Упр. 1; прочитать § 2", entry.old_value)
        self.assertEqual(old["student_ids"], self.student_anna.name)
        self.assertTrue(entry.new_value.endswith("text=Упр. 2"), entry.new_value)
        self.assertIn(self.student_boris.name, entry.new_value)
        self.assertIn("Упр. 1; прочитать § 2 → Упр. 2", entry.change_description)
        homework.write({"text": "Упр. 2"})
        self.assertEqual(len(self._entries(homework)), 1, "no change, no entry")
        self.assertFalse(self._verification())
        # changed or deleted in SQL once logged: named
        self._sql("UPDATE school_homework_individual SET text = 'Подделка' WHERE id = %s", homework.id)
        findings = self._verification()
        self.assertEqual(len(findings), 1, findings)
        self.assertIn("text=Подделка", findings[0])
        self.assertIn("text=Упр. 2", findings[0])
        self.assertIn("changed outside the journal", findings[0])
        with self.env.cr.savepoint(flush=False) as savepoint:
            self._sql("DELETE FROM school_homework_individual WHERE id = %s", homework.id)
            findings = self._verification()
            self.assertEqual(len(findings), 1, findings)
            self.assertIn("«—»", findings[0])
            savepoint.rollback()
        self._sql("UPDATE school_homework_individual SET text = 'Упр. 2' WHERE id = %s", homework.id)
        self.assertFalse(self._verification())
        homework_id = homework.id
        homework.unlink()
        entries = self.Log.search(
            [("model", "=", "school.homework.individual"), ("res_id", "=", homework_id)], order="sequence"
        )
        self.assertEqual(entries.mapped("action"), ["write", "unlink"])
        self.assertEqual((entries[1].old_value, entries[1].new_value), (entries[0].new_value, ""))
        self.assertFalse(self._verification())

    def test_individual_homework_text_with_a_key_like_part_is_checked_whole(self):
        """A homework's text holding "; a=" is one text: a change of it after that part in SQL
        is named by the verification."""
        homework = self._as(self.teacher_1, "school.homework.individual").create(
            {
                "lesson_id": self.lesson_5a.id,
                "student_ids": [Command.set(self.student_anna.ids)],
                "text": "№ 4",
            }
        )
        homework.write({"text": "№ 5; a=3"})
        new_value = self._entries(homework).new_value
        self.assertEqual(self.Log._parse_snapshot(new_value, homework._name)["text"], "№ 5; a=3", new_value)
        self.assertFalse(self._verification())
        self._sql("UPDATE school_homework_individual SET text = '№ 5; a=4' WHERE id = %s", homework.id)
        findings = self._verification()
        self.assertEqual(len(findings), 1, findings)
        self.assertIn("text=№ 5; a=4", findings[0])
        self.assertIn("changed outside the journal", findings[0])

    def test_lessons_never_change_period_behind_a_closed_journal(self):
        """A period's dates, or the school's grade of halves, decide which period a lesson and
        its marks belong to: changed later, they move the lessons, never out of or into a
        period closed for edits or one whose period marks are set (JOUR-8)."""
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        self.assertEqual(mark.period_id, self.quarter_2)
        later_start = self.lesson_5a.date + timedelta(days=2)
        attempts = (
            (self.quarter_2, {"date_start": later_start}),
            (self.school, {"school_half_from_grade": 5}),
        )
        self.quarter_2.sudo().is_closed = True
        for record, vals in attempts:
            with self.subTest(record=record._name, state="closed"), self.assertRaises(UserError) as caught:
                record.sudo().write(vals)
            # a closed period keeps its dates, whatever its lessons hold (JOUR-8)
            expected = "Reopen it first" if record == self.quarter_2 else "would move from the period"
            self.assertIn(expected, str(caught.exception))
        self.quarter_2.sudo().is_closed = False
        self._period_mark(self.student_boris, self.subject_math, self.class_5a, self.quarter_2, 5)
        for record, vals in attempts:
            with (
                self.subTest(record=record._name, state="period marks"),
                self.assertRaises(UserError) as caught,
            ):
                record.sudo().write(vals)
            self.assertIn("would move from the period", str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(mark.period_id, self.quarter_2)
        self.assertEqual(self.class_5a.period_scheme, "quarter")
        self.assertFalse(self._verification())
        # an open period without period marks: the lesson and its marks follow
        self.env["school.period.mark"].search([("class_id", "=", self.class_5a.id)]).sudo().unlink()
        self.school.sudo().school_half_from_grade = 5
        self.env.invalidate_all()
        self.assertEqual(mark.period_id, self.half_1)
        self.assertEqual(self.lesson_5a.period_id, self.half_1)

    def test_author_and_reason_never_come_from_the_callers_context(self):
        """Every public path of the journal, called with a context naming another author and a
        reason (as any JSON-RPC caller may send), logs its caller and no reason."""
        forged = {"journal_log_user_id": self.user_deputy.id, "journal_log_reason": "Приказ"}
        teacher = self.env(user=self.teacher_1, context=dict(self.env.context, **forged))
        teacher["school.journal.grid"].save_cell(self.lesson_5a.id, self.student_anna.id, "4")
        teacher["school.journal.grid"].save_attendance(self.lesson_5a.id, {str(self.student_vera.id): "Н"})
        lesson = teacher["school.lesson"].browse(self.lesson_5a.id)
        lesson.write({"topic": "Дроби", "homework": "№ 1"})
        lesson.write({"topic": "Десятичные дроби", "homework": "№ 2"})
        homework = teacher["school.homework.individual"].create(
            {
                "lesson_id": self.lesson_5a.id,
                "student_ids": [Command.set(self.student_boris.ids)],
                "text": "№ 3",
            }
        )
        homework.write({"text": "№ 4"})
        teacher["school.period.mark"].save_period_mark_grid(
            self.class_5a.id, self.subject_math.id, self.quarter_2.id, {str(self.student_gleb.id): 5}
        )
        entries = self.Log.search([("company_id", "=", self.school.id)])
        self.assertEqual(
            set(entries.mapped("model")),
            {
                "school.mark",
                "school.attendance",
                "school.lesson",
                "school.homework.individual",
                "school.period.mark",
            },
        )
        self.assertEqual(entries.user_id, self.teacher_1)
        self.assertFalse(any(entries.mapped("reason")))

    # ------------------------------------------------------------------
    # 2. The period-mark grid and the correction requests
    # ------------------------------------------------------------------
    def test_period_mark_grid_logs_each_rows_old_value(self):
        PeriodMark = self.env["school.period.mark"]
        anna = self._period_mark(self.student_anna, self.subject_math, self.class_5a, self.quarter_2, 3)
        boris = self._period_mark(self.student_boris, self.subject_math, self.class_5a, self.quarter_2, 4)
        PeriodMark.with_user(self.teacher_1).save_period_mark_grid(
            self.class_5a.id,
            self.subject_math.id,
            self.quarter_2.id,
            {
                str(self.student_anna.id): 5,
                str(self.student_boris.id): 5,
                str(self.student_vera.id): 2,
                str(self.student_gleb.id): 0,
            },
        )
        for pmark, old in ((anna, "value=3"), (boris, "value=4")):
            entry = self._entries(pmark)[-1]
            self.assertEqual(entry.action, "write")
            self.assertIn(old, entry.old_value)
            self.assertIn("value=5", entry.new_value)
            self.assertEqual(entry.user_id, self.teacher_1)
            self.assertEqual((entry.student_id, entry.class_id), (pmark.student_id, self.class_5a))
        vera = PeriodMark.search(
            [("student_id", "=", self.student_vera.id), ("period_id", "=", self.quarter_2.id)]
        )
        self.assertEqual(self._entries(vera).mapped("action"), ["create"])
        gleb = PeriodMark.search(
            [("student_id", "=", self.student_gleb.id), ("period_id", "=", self.quarter_2.id)]
        )
        self.assertFalse(self._entries(gleb), "an empty row is no mark")
        self.assertFalse(self._verification())

    def test_approved_mark_correction_is_logged_by_the_deputy(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        request = self._as(self.teacher_1, "school.correction.request").create(
            self._correction_vals(mark, 5, "Ошибка ввода")
        )
        self._as(self.user_deputy, "school.correction.request").browse(request.id).action_approve()
        entry = self._entries(mark)[-1]
        self.assertEqual((entry.action, entry.user_id), ("write", self.user_deputy))
        self.assertIn("value=4", entry.old_value)
        self.assertIn("value=5", entry.new_value)
        self.assertIn("Ошибка ввода", entry.reason)
        self.assertEqual((entry.lesson_id, entry.student_id), (self.lesson_5a, self.student_anna))
        self.assertFalse(self._verification())

    # ------------------------------------------------------------------
    # 3. SQL on the log
    # ------------------------------------------------------------------
    def test_forged_entries_are_found(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        mark.write({"value": 5})
        last = self._entries(mark)[-1]
        number = last.sequence
        self.assertFalse(self._verification())
        # a forged entry at the tail, linked to the last one, with a MAC made without the key
        with self.env.cr.savepoint(flush=False) as savepoint:
            self._sql(
                """INSERT INTO school_journal_log (sequence, company_id, logged_at, user_id, model,
                       res_id, action, lesson_id, student_id, old_value, new_value, previous_hash,
                       entry_hash, hash_version, key_version)
                   SELECT sequence + 1, company_id, logged_at, user_id, model, res_id, 'write',
                          lesson_id, student_id, new_value, 'value=2', entry_hash, md5(entry_hash) || md5(''),
                          hash_version, key_version
                     FROM school_journal_log WHERE id = %s""",
                last.id,
            )
            findings = self._verification()
            self.assertIn(f"Change log No. {number + 1}: The entry was altered", findings[0])
            savepoint.rollback()
        # a forged entry in the middle: the later entries numbered one up to make room
        with self.env.cr.savepoint(flush=False) as savepoint:
            self._sql(
                "UPDATE school_journal_log SET sequence = sequence + 1000 "
                "WHERE company_id = %s AND sequence >= %s",
                self.school.id,
                number,
            )
            self._sql(
                "UPDATE school_journal_log SET sequence = sequence - 999 "
                "WHERE company_id = %s AND sequence > 1000",
                self.school.id,
            )
            self._sql(
                """INSERT INTO school_journal_log (sequence, company_id, logged_at, user_id, model,
                       res_id, action, old_value, new_value, previous_hash, entry_hash, hash_version,
                       key_version)
                   SELECT %s, company_id, logged_at, user_id, model, res_id, 'write', '', 'value=2',
                          previous_hash, entry_hash, hash_version, key_version
                     FROM school_journal_log WHERE id = %s""",
                number,
                last.id,
            )
            findings = self._verification()
            self.assertIn(f"Change log No. {number}: The entry was altered", findings[0])
            savepoint.rollback()
        self.env.invalidate_all()
        self.assertFalse(self._verification())

    def test_tail_cut_after_the_last_anchor_is_found(self):
        """A mark changed and changed back, then the two changes cut from the tail: the
        journal agrees with what is left of the log, no anchor records them, only the head
        written at the commit does."""
        self._activate_languages("ru_RU")
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        Anchor = self.env["school.chain.anchor"]
        anchors = Anchor._anchor(self.school, "manual")
        Anchor._write_lines([(anchor.file_path, anchor._file_line()) for anchor in anchors])
        mark.write({"value": 5})
        mark.write({"value": 4})
        self._commit_heads()
        self.assertFalse(self._verification())
        cut = self._entries(mark)[1:]
        self.assertEqual(len(cut), 2)
        number = cut[-1].sequence
        self._sql("DELETE FROM school_journal_log WHERE id IN %s", tuple(cut.ids))
        findings = self._verification()
        self.assertEqual(len(findings), 1, findings)
        self.assertIn(f"Change log No. {number}", findings[0])
        self.assertIn("head file", findings[0])
        self.assertIn("tail was deleted", findings[0])
        values, findings = {}, []
        self.env["school.chain.verification"].with_context(lang="ru_RU")._verify_school(
            self.school, values, findings
        )
        self.assertIn("конец удалён", findings[0])
        # the chain grown again past the cut by the next saves: the cut is still named
        self._mark(self.lesson_5a, self.student_boris, 3)
        self._mark(self.lesson_5a, self.student_vera, 3)
        self._mark(self.lesson_5a, self.student_gleb, 3)
        self._commit_heads()
        findings = self._verification()
        self.assertTrue(findings)
        self.assertIn("anchor file", findings[0])

    def test_first_topic_change_cut_from_the_tail_is_found(self):
        """The first change of an entered topic is the lesson's only entry: cut from the tail,
        the lesson has nothing left to reconcile; the head written at the commit names it."""
        lesson = self._as(self.teacher_1, "school.lesson").browse(self.lesson_5a.id)
        lesson.write({"topic": "Дроби"})
        lesson.write({"topic": "Подделка"})
        self._commit_heads()
        self.assertFalse(self._verification())
        self._sql("DELETE FROM school_journal_log WHERE id IN %s", tuple(self._entries(lesson).ids))
        findings = self._verification()
        self.assertEqual(len(findings), 1, findings)
        self.assertIn("tail was deleted", findings[0])

    def test_head_file_of_a_save_during_the_verification_is_no_finding(self):
        """A head committed after the verification began (a teacher's save meanwhile) is
        beyond what the verification sees, yet no cut tail."""
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        self._commit_heads()
        Anchor = self.env["school.chain.anchor"]
        path = Anchor._head_file(self.school, self.Log._name)
        with open(path, encoding="utf-8") as handle:
            head = json.load(handle)
        self.assertEqual(head["sequence"], self._entries(mark).sequence)
        head["sequence"] += 1
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(head, handle)
        with patch.object(type(Anchor), "_committed_after_snapshot", return_value=True):
            self.assertFalse(self._verification())
        self.assertIn("tail was deleted", self._verification()[0])

    def test_no_second_directory_no_head_hook(self):
        """Without a second directory no head file is written: a save registers nothing to
        run after its commit (no cursor opened on every commit)."""
        postcommit = self.env.cr.postcommit

        def append(number):
            postcommit.clear()
            self.Log._append(
                [
                    {
                        "model": "test.log.probe.s9",
                        "res_id": number,
                        "action": "create",
                        "new_value": f"entry {number}",
                        "company_id": self.school.id,
                    }
                ]
            )
            return len(postcommit._funcs), postcommit.data.get(HEADS_KEY)

        if "school_archive_dir" in self.school:
            # nor a school's own second directory (school_ejournal_reports)
            self.env["res.company"].sudo().with_context(active_test=False).search(
                []
            ).school_archive_dir = False
        with patch.dict(config.options, {"school_archive_second_dir": ""}):
            self.assertEqual(append(1), (0, None))
        self.assertEqual(append(2), (1, {(self.Log._name, self.school.id)}))
        postcommit.clear()

    # ------------------------------------------------------------------
    # 4. Rolled-back appends
    # ------------------------------------------------------------------
    def test_append_in_a_rolled_back_savepoint_leaves_no_head(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        head = self._entries(mark).sequence
        with mute_logger("odoo.sql_db"), self.assertRaises(RolledBack), self.env.cr.savepoint():
            self._mark(self.lesson_5a, self.student_boris, 3)
            self.assertEqual(self.Log._chain_head(self.school.id)[0], head + 1)
            raise RolledBack
        self.env.invalidate_all()
        self.assertEqual(self.Log._chain_head(self.school.id)[0], head)
        other = self._mark(self.lesson_5a, self.student_vera, 3)
        self.assertEqual(self._entries(other).sequence, head + 1)
        self.assertFalse(self.env["school.mark"].search([("student_id", "=", self.student_boris.id)]))
        self.assertFalse(self._verification())


@tagged("post_install", "-at_install")
class TestLogProbeS9Commits(TransactionCase):
    """Appends in real transactions: rolled back whole, or with a savepoint rolled back inside
    a transaction that commits. What they committed is removed at the end."""

    MARKER = "test.log.probe.s9"

    def setUp(self):
        super().setUp()
        self.second_dir = tempfile.mkdtemp(prefix="ej_probe_s9_commits_")
        self.addCleanup(shutil.rmtree, self.second_dir, ignore_errors=True)
        self.startPatcher(patch.dict(config.options, {"school_archive_second_dir": self.second_dir}))
        self.company_id = self._committed(lambda env: env.ref("base.main_company").id)
        self.addCleanup(self._cleanup)

    def _env(self, cr):
        cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, SUPERUSER_ID, {})

    def _committed(self, function):
        with db_connect(self.env.cr.dbname).cursor() as cr:
            result = function(self._env(cr))
            cr.commit()  # pylint: disable=invalid-commit
            return result

    def _cleanup(self):
        def delete(env):
            env.cr.execute("DELETE FROM school_journal_log WHERE model = %s", [self.MARKER])

        self._committed(delete)

    def _append(self, env, number):
        return env["school.journal.log"]._append(
            [
                {
                    "model": self.MARKER,
                    "res_id": number,
                    "action": "create",
                    "new_value": f"entry {number}",
                    "company_id": self.company_id,
                }
            ]
        )

    def _head(self):
        return self._committed(
            lambda env: env["school.chain.anchor"]._chain_top(env.cr, "school.journal.log", self.company_id)
        )

    def _head_file(self):
        def read(env):
            return env["school.chain.anchor"]._read_head_file(
                env["res.company"].browse(self.company_id), "school.journal.log"
            )

        return self._committed(read)

    def test_an_older_head_never_replaces_a_newer_one(self):
        """The hooks of two workers: the one whose snapshot was taken before the other's
        commit finds a newer head in the file. It leaves it, and keeps no "head" line as if
        the tail were cut."""
        chain = "school.journal.log"
        self._committed(lambda env: self._append(env, 1))
        with db_connect(self.env.cr.dbname).cursor() as cr:
            env = self._env(cr)
            Anchor = env["school.chain.anchor"]
            # this transaction's snapshot, taken before the other's commit
            stale = Anchor._chain_top(cr, chain, self.company_id)
            self._committed(lambda other: self._append(other, 2))
            newer = self._head()
            self.assertEqual(newer[0], stale[0] + 1)
            self.assertEqual(self._head_file()["sequence"], newer[0])
            Anchor._write_heads({(chain, self.company_id)})
            cr.rollback()
        head = self._head_file()
        self.assertEqual((head["sequence"], head["mac"]), tuple(newer))
        anchor_file = self._committed(
            lambda env: env["school.chain.anchor"]._anchor_file(
                env["res.company"].browse(self.company_id), chain
            )
        )
        if os.path.isfile(anchor_file):
            with open(anchor_file, encoding="utf-8") as handle:
                self.assertNotIn('"reason": "head"', handle.read())

    def test_rolled_back_appends_leave_no_head(self):
        start = self._head()
        start = start[0] if start else 0
        # a transaction that appends and rolls back
        with db_connect(self.env.cr.dbname).cursor() as cr:
            env = self._env(cr)
            self._append(env, 1)
            cr.rollback()
        self.assertEqual((self._head() or (0,))[0], start)
        # a savepoint rolled back inside a transaction that commits
        with db_connect(self.env.cr.dbname).cursor() as cr:
            env = self._env(cr)
            with mute_logger("odoo.sql_db"), self.assertRaises(RolledBack), cr.savepoint():
                self._append(env, 2)
                raise RolledBack

            def other_session(other):
                # never waits for ever: the savepoint gave the chain's lock back
                other.cr.execute("SET LOCAL lock_timeout = '10s'")
                self._append(other, 3)

            self._committed(other_session)
            self._append(env, 4)
            cr.commit()  # pylint: disable=invalid-commit

        def check(env):
            env.cr.execute(
                "SELECT sequence, res_id FROM school_journal_log WHERE company_id = %s AND sequence > %s "
                "ORDER BY sequence",
                [self.company_id, start],
            )
            return env.cr.fetchall(), env["school.journal.log"]._verify_company(self.company_id)

        rows, result = self._committed(check)
        self.assertEqual(rows, [(start + 1, 3), (start + 2, 4)])
        self.assertEqual(result["findings"], [])
        # the head file holds the committed head, not the one of the rolled-back savepoint
        head = self._head_file()
        self.assertEqual(head["sequence"], start + 2)
        self.assertEqual(head["mac"], self._head()[1])
