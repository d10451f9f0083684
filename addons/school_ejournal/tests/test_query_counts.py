"""Query counts of the daily operations, as the web client calls them (issue 15, "Speed II").

Each operation runs with a teacher's rights and a fresh record cache (a new request), once on
a class of 10 students and once on a class of 30: the count of queries (the flush at the end
included) is the same for both and stays within the target of issue 15:

==========================================================  =======
operation                                                   queries
==========================================================  =======
one lesson's attendance, one call (``save_attendance``)       <= 8
the grid, a quarter (``get_grid``)                           <= 10
one mark (``save_cell``), the change log's chain included    <= 10
the period-mark rows of a class (``action_prepare``)          <= 10
==========================================================  =======

The ceilings below pin what the operations cost (each within its target). The period-mark rows
are written by the journal itself: no "created" message and no follower
per row (``mail_create_nolog``, ``mail_create_nosubscribe``, ``tracking_disable``).
"""

import functools
import itertools
import logging
import os
import traceback
from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from ..models.res_users import PAIRS_CHANGED
from .test_journal_grid import JournalGridCommon

_logger = logging.getLogger(__name__)

# Ceilings pinned by these tests: what the operations cost after issue 15's sixth pass (before
# it: 8, 9, 8, a new mark 8, and 18; before the fifth: 8, 9, 8 and 9; before the fourth: 8, 11, 9
# and 10, a new mark 10; before the third: 17, 19, 17, 15 and 34; before the second: 29, 21, 22,
# 21 and 48; before the first pass: 67-96 (growing with the class), 21, 34, 48 and 69).
# Issue 15 targets 8, 10, 10 and 10: every operation reaches them; lower these as the operations
# get cheaper, never raise them.
ATTENDANCE_QUERIES = 7  # target 8 (reached): changes, additions and deletions in one call
GRID_QUERIES = 7  # target 10 (reached): the lessons with their headers, the policy's scale cached
SAVE_CELL_QUERIES = 6  # target 10 (reached): a changed mark
SAVE_CELL_NEW_QUERIES = 4  # target 10 (reached): a new mark, its work type read by the lock
PREPARE_QUERIES = 8  # target 10 (reached; was 10, then 9): the policy's thresholds cached
# no query target (40 ms in issue 15): the grid read, the save, the grid again
GRID_SAVE_QUERIES = 17  # was 24, then 19, then 18


@tagged("post_install", "-at_install")
class TestQueryCounts(JournalGridCommon):
    """Fixed query counts of the daily operations, whatever the class size (issue 15)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.classes = {}
        for letter, size in (("Д", 10), ("Е", 30)):
            school_class = cls._new_class(letter)
            students = cls._new_students(
                school_class, [f"Ученик{letter}{n:02d} Имя{n:02d}" for n in range(size)]
            )
            cls.env["school.teaching.assignment"].create(
                {"teacher_id": cls.teacher.id, "subject_id": cls.subject_math.id, "class_id": school_class.id}
            )
            lessons = cls.env["school.lesson"].create(
                [cls._lesson_values(school_class, cls.day_before, n) for n in range(1, 5)]
            )
            cls.env["school.mark"].create(
                [
                    {
                        "lesson_id": lesson.id,
                        "student_id": student.id,
                        "value": 4 + n % 2,
                        "work_type_id": cls.work_type_answer.id,
                    }
                    for n, (lesson, student) in enumerate(itertools.product(lessons[:3], students))
                ]
            )
            cls.env["school.attendance"].create(
                [
                    {"lesson_id": lesson.id, "student_id": students[0].id, "code": "ill"}
                    for lesson in lessons[:2]
                ]
            )
            cls.classes[size] = (school_class, students, lessons)

    def _teacher_env(self):
        """The teacher's env as a request of the web client builds it: no test-only context
        (chatter and tracking on, as in production)."""
        return self.env(
            user=self.teacher,
            context={"lang": "en_US", "tz": "Europe/Moscow", "allowed_company_ids": [self.school.id]},
        )

    def _count(self, function, setup=None):
        """Queries of ``function`` on a fresh record cache, its flush included."""
        if setup:
            setup()
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()
        # a request of its own: the fixtures' changes of the teaching pairs are committed, the
        # pairs are read from the registry's cache (``res.users._school_pairs_of``)
        self.env.cr.cache.pop(PAIRS_CHANGED, None)
        before = self.cr.sql_log_count
        if os.environ.get("SCHOOL_LOG_QUERIES"):
            # each query with the project's frames that issued it (a profiling aid)
            execute = type(self.env.cr).execute

            def logged_execute(cr, query, params=None, log_exceptions=True):
                frames = [
                    f"{os.path.basename(frame.filename)}:{frame.lineno} {frame.name}"
                    for frame in traceback.extract_stack()[:-1]
                    if "/addons/school_ejournal" in frame.filename and "/tests/" not in frame.filename
                ]
                _logger.info("QUERY %s\n    by %s", str(query)[:300], " < ".join(reversed(frames[-4:])))
                return execute(cr, query, params, log_exceptions)

            with patch.object(type(self.env.cr), "execute", logged_execute):
                function()
                self.env.flush_all()
                self.env.cr.flush()
        else:
            function()
            self.env.flush_all()
            # the pre-commit hooks too (tracking, followers), as the request's commit runs them
            self.env.cr.flush()
        return self.cr.sql_log_count - before

    def _assert_flat(self, target, operation, setup=None):
        """Run ``operation(size)`` warm, then count its queries on 10 and 30 students
        (``setup(size)`` runs before each call, outside the count)."""
        setup = setup or (lambda size: None)
        # warm the caches of access rights, rules and the registry as the counted calls run, on
        # a fresh record cache: a record the warm call found cached (read by the fixtures as
        # superuser) is read with the user's rules in the counted call, whose rules must be
        # cached already, or the count depends on the tests run before
        for size in (10, 30, 10, 30):
            self._count(lambda size=size: operation(size), lambda size=size: setup(size))
        counts = {
            size: self._count(lambda size=size: operation(size), lambda size=size: setup(size))
            for size in (10, 30)
        }
        _logger.info("queries of %s: %s", operation.__name__, counts)
        self.assertEqual(counts[10], counts[30], "a class of 30 costs the queries of a class of 10")
        self.assertLessEqual(counts[30], target)
        setup(30)
        self.env.invalidate_all()
        with self.assertQueryCount(counts[30]):
            operation(30)
        return counts[30]

    @staticmethod
    def _in_rounds(operation):
        """``operation(size, round)`` as an operation of ``_assert_flat``, ``operation(size)``:
        each call gets the next round number (1, 2, ...), so that every call changes what the
        call before saved. The round of the last call is the ``last_round`` of the result."""
        rounds = itertools.count(1)

        @functools.wraps(operation)
        def each_round(size):
            each_round.last_round = next(rounds)
            return operation(size, each_round.last_round)

        return each_round

    # ------------------------------------------------------------------
    def test_save_attendance(self):
        grid = self._teacher_env()["school.journal.grid"]

        def save_attendance(size, round_):
            __, students, lessons = self.classes[size]
            codes = ("absent", "late", False)
            # every call changes, adds and removes entries
            values = {str(student.id): codes[(n + round_) % 3] for n, student in enumerate(students)}
            grid.save_attendance(lessons[3].id, values)

        self._assert_flat(ATTENDANCE_QUERIES, self._in_rounds(save_attendance))
        __, students, lessons = self.classes[30]
        entries = self.env["school.attendance"].search([("lesson_id", "=", lessons[3].id)])
        self.assertEqual(len(entries), 20, "two of three codes are entries")

    def test_get_grid(self):
        grid = self._teacher_env()["school.journal.grid"]
        result = {}

        def get_grid(size):
            school_class, __, __ = self.classes[size]
            result[size] = grid.get_grid(school_class.id, self.subject_math.id, self.period.id)

        self._assert_flat(GRID_QUERIES, get_grid)
        for size in (10, 30):
            self.assertEqual(len(result[size]["students"]), size)
            self.assertEqual(len(result[size]["lessons"]), 4)
            # three lessons of marks, the ill student's two lessons share a cell with a mark
            self.assertEqual(len(result[size]["cells"]), size * 3)
            self.assertEqual(result[size]["lessons"][0]["teacher"], self.teacher.name)

    def test_save_cell(self):
        grid = self._teacher_env()["school.journal.grid"]
        state = {}

        def save_cell(size, round_):
            __, students, lessons = self.classes[size]
            # a changed mark each time: a write and its change-log entry
            state["result"] = grid.save_cell(lessons[0].id, students[1].id, str(2 + round_ % 4))

        save_cell = self._in_rounds(save_cell)
        count = self._assert_flat(SAVE_CELL_QUERIES, save_cell)
        self.assertTrue(count)
        __, students, lessons = self.classes[30]
        mark = self.env["school.mark"].search(
            [("lesson_id", "=", lessons[0].id), ("student_id", "=", students[1].id)]
        )
        self.assertEqual(mark.value, 2 + save_cell.last_round % 4)
        self.assertEqual(state["result"]["cell"]["marks"][0]["value"], mark.value)
        logged = self.env["school.journal.log"].search(
            [("model", "=", "school.mark"), ("res_id", "=", mark.id)], order="sequence desc", limit=1
        )
        self.assertEqual(logged.user_id, self.teacher)
        self.assertIn(f"value={mark.value}", logged.new_value)

    def test_save_cell_new_mark(self):
        """A new mark typed into an empty cell: the mark's weight comes from the grading policy
        without a query of its own (issue 15)."""
        grid = self._teacher_env()["school.journal.grid"]
        state = {}

        def save_new_mark(size, round_):
            __, students, lessons = self.classes[size]
            # each call a student with no mark yet at the fourth lesson
            state["student"] = students[round_]
            state["result"] = grid.save_cell(lessons[3].id, state["student"].id, "4")

        count = self._assert_flat(SAVE_CELL_NEW_QUERIES, self._in_rounds(save_new_mark))
        self.assertTrue(count)
        __, __, lessons = self.classes[30]
        mark = self.env["school.mark"].search(
            [("lesson_id", "=", lessons[3].id), ("student_id", "=", state["student"].id)]
        )
        self.assertEqual((mark.value, mark.weight, mark.author_id), (4, 1.0, self.teacher))
        self.assertEqual(state["result"]["cell"]["marks"][0]["id"], mark.id)
        logged = self.env["school.journal.log"].search(
            [("model", "=", "school.mark"), ("res_id", "=", mark.id)], order="sequence desc", limit=1
        )
        self.assertEqual((logged.action, logged.user_id), ("create", self.teacher))
        self.assertIn("value=4", logged.new_value)

    def test_action_prepare(self):
        PeriodMark = self._teacher_env()["school.period.mark"]

        def remove_rows(size):
            school_class, __, __ = self.classes[size]
            self.env["school.period.mark"].sudo().search([("class_id", "=", school_class.id)]).unlink()
            self.env.flush_all()

        def action_prepare(size):
            school_class, __, __ = self.classes[size]
            # the rows of the whole class, created by the journal itself
            PeriodMark.action_prepare(school_class.id, self.subject_math.id, self.period.id)

        count = self._assert_flat(PREPARE_QUERIES, action_prepare, remove_rows)
        self.assertTrue(count)
        school_class, students, __ = self.classes[30]
        rows = self.env["school.period.mark"].search([("class_id", "=", school_class.id)])
        self.assertEqual(len(rows), 30)
        self.assertEqual(set(rows.mapped("marks_count")), {3})
        # no chatter per row: neither a "created" message nor a follower
        self.assertFalse(
            self.env["mail.message"].search_count(
                [("model", "=", "school.period.mark"), ("res_id", "in", rows.ids)]
            )
        )
        self.assertFalse(
            self.env["mail.followers"].search_count(
                [("res_model", "=", "school.period.mark"), ("res_id", "in", rows.ids)]
            )
        )

    def test_period_mark_grid_save(self):
        """The grid's fill and save of a class's marks: flat in class size. The marks set in
        the grid are recorded by the change log (author, old and new value), not by a chatter
        message per row."""
        PeriodMark = self._teacher_env()["school.period.mark"]
        state = {}

        def fill_and_save(size, round_):
            school_class, students, __ = self.classes[size]
            # each round a minute later: the rows' "set at" always changes, as between two
            # real saves, instead of depending on whether two rounds fall in the same second
            # (an unchanged cached value is not written, which groups the updates otherwise)
            # (at a fixed hour of today: the rounds never cross midnight, which changes the cache
            # key of the record rules, ir_rule.py, and with it the count)
            moment = datetime.now().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(
                minutes=round_
            )
            with freeze_time(moment):
                grid = PeriodMark.get_period_mark_grid(school_class.id, self.subject_math.id, self.period.id)
                values = {str(row["student_id"]): 3 + (round_ + n) % 3 for n, row in enumerate(grid["rows"])}
                state["grid"] = PeriodMark.save_period_mark_grid(
                    school_class.id, self.subject_math.id, self.period.id, values
                )

        count = self._assert_flat(GRID_SAVE_QUERIES, self._in_rounds(fill_and_save))
        _logger.info("period-mark grid fill + save: %s queries", count)
        school_class, students, __ = self.classes[30]
        rows = self.env["school.period.mark"].search([("class_id", "=", school_class.id)])
        self.assertEqual(len(rows), 30)
        self.assertTrue(all(rows.mapped("value")))
        self.assertEqual(rows.set_by_id, self.teacher)
        self.env.cr.flush()
        self.assertFalse(
            self.env["mail.message"].search_count(
                [("model", "=", "school.period.mark"), ("res_id", "in", rows.ids)]
            )
        )
        for row in rows:
            logged = self.env["school.journal.log"].search(
                [("model", "=", "school.period.mark"), ("res_id", "=", row.id)],
                order="sequence desc",
                limit=1,
            )
            self.assertEqual(logged.user_id, self.teacher)
            self.assertIn(f"value={row.value}", logged.new_value)
