"""What must serialize in the journal, under real concurrent transactions (JOUR-8, ROLE-5, JOUR-7).

Each test runs two sessions, each a thread with its own database cursor that commits, in a
controlled order: the first opens its transaction (its REPEATABLE READ snapshot is taken),
the second runs and commits meanwhile, then the first saves, retried on a serialization
failure as Odoo's request loop does. The database is checked afterwards. The school of
``test_cell_concurrency`` is built and removed the same way.
"""

import threading
import time
from functools import partial

from psycopg2 import IntegrityError

from odoo import SUPERUSER_ID, Command
from odoo.exceptions import UserError, ValidationError
from odoo.modules.registry import Registry
from odoo.service.model import _as_validation_error
from odoo.tests import tagged
from odoo.tests.common import BaseCase, get_db_name, new_test_user
from odoo.tools import SQL, mute_logger

from .test_cell_concurrency import TestCellConcurrency

WAIT = 60


@tagged("post_install", "-at_install")
class TestRaces(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    _env = TestCellConcurrency._env
    _delete_school = TestCellConcurrency._delete_school
    _serve_once = TestCellConcurrency._serve

    def _serve(self, env, func):
        """``TestCellConcurrency._serve``, with what Odoo's request loop makes of a constraint
        violation: a ValidationError with the constraint's message."""
        try:
            return self._serve_once(env, func)
        except IntegrityError as exc:
            env.cr.rollback()
            env.transaction.clear()
            raise _as_validation_error(env, exc) from exc

    def _build(self):
        ids = TestCellConcurrency._build_school(self)
        self.addCleanup(self._delete_extra, ids)
        with self.registry.cursor() as cr:
            env = self._env(cr)
            lesson = env["school.lesson"].browse(ids["lesson"])
            ids["period"] = lesson.period_id.id
            self.assertTrue(ids["period"], "the lesson falls in a quarter")
        return ids

    def _delete_extra(self, ids):
        """What these tests add to the school of ``_build_school``: period marks, their log
        entries and the anchors of closed periods (raw SQL: append-only for users)."""
        with self.registry.cursor() as cr:
            cr.execute(SQL("DELETE FROM school_journal_log WHERE company_id = %s", ids["school"]))
            cr.execute(SQL("DELETE FROM school_chain_anchor WHERE company_id = %s", ids["school"]))
            cr.execute(SQL("DELETE FROM school_period_mark WHERE class_id = %s", ids["class"]))
            cr.execute(SQL("DELETE FROM school_correction_request WHERE lesson_id = %s", ids["lesson"]))

    def _session(self, uid, func, results, key, started=None, go=None, done=None):
        """A session of user ``uid``: opens its transaction (snapshot), says so on ``started``,
        waits for ``go``, runs ``func(env)`` as a request (retried, committed) and says so on
        ``done``; its result or error goes to ``results[key]``."""

        def run():
            try:
                with self.registry.cursor() as cr:
                    env = self._env(cr, uid)
                    # the snapshot of a request that read the journal before saving
                    env["school.mark"].search_count([])
                    if started:
                        started.set()
                    if go:
                        self.assertTrue(go.wait(WAIT))
                    results[key] = self._serve(env, partial(func, env))
            except Exception as exc:  # noqa: BLE001 - checked by the main thread
                results[key] = exc
            finally:
                if done:
                    done.set()

        return threading.Thread(target=run)

    def _race(self, first, second):
        """``first`` = (uid, func) opens its transaction, ``second`` = (uid, func) runs and
        commits meanwhile, then ``first`` runs and commits: {"first": ..., "second": ...}."""
        results = {}
        started, done = threading.Event(), threading.Event()
        threads = [
            self._session(*first, results, "first", started=started, go=done),
            self._session(*second, results, "second", go=started, done=done),
        ]
        # the refused statements are logged by the cursor as bad queries: expected here
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=WAIT * 2)
        self.assertEqual(set(results), {"first", "second"})
        return results

    def _refused(self, first, second, text):
        """``first`` = (uid, func), whose snapshot predates ``second`` = (uid, func) committed
        meanwhile, is refused with an error saying ``text``; ``second`` went through."""
        results = self._race(first, second)
        self.assertNotIsInstance(results["second"], Exception, results)
        self.assertIsInstance(results["first"], (UserError, ValidationError), results)
        self.assertIn(text, str(results["first"]))

    def _check(self, func):
        """``func(env)`` in a fresh transaction, as superuser."""
        with self.registry.cursor() as cr:
            return func(self._env(cr))

    @staticmethod
    def _save_cell(ids, text, env):
        return env["school.journal.grid"].save_cell(ids["lesson"], ids["student"], text)

    @staticmethod
    def _save_period_marks(ids, value, env):
        return env["school.period.mark"].save_period_mark_grid(
            ids["class"], ids["subject"], ids["period"], {str(ids["student"]): value}
        )

    def _marks(self, ids):
        return self._check(
            lambda env: env["school.mark"].search([("lesson_id", "=", ids["lesson"])]).mapped("value")
        )

    # ------------------------------------------------------------------
    # 1. The close of a period against a teacher's save (JOUR-8, P 4.1)
    # ------------------------------------------------------------------
    def test_close_commits_first_refuses_save(self):
        """The administrator closes the quarter while a teacher's save is under way (its
        snapshot taken before the close): the save is refused, no mark enters the closed
        period, and the close's anchor is the chain's last entry."""
        ids = self._build()
        self._refused(
            (ids["teacher"], partial(self._save_cell, ids, "5")),
            (SUPERUSER_ID, lambda env: env["school.period"].browse(ids["period"]).action_close()),
            "closed for edits",
        )
        self.assertEqual(self._marks(ids), [], "no mark in a closed period")

        def state(env):
            period = env["school.period"].browse(ids["period"])
            anchor = env["school.chain.anchor"].search(
                [("company_id", "=", ids["school"]), ("reason", "=", "period_close")]
            )
            last = env["school.journal.log"].search(
                [("company_id", "=", ids["school"])], order="sequence desc", limit=1
            )
            return period.is_closed, anchor.sequence, last.sequence

        closed, anchored, last = self._check(state)
        self.assertTrue(closed)
        self.assertEqual(anchored, last, "nothing logged in the school after the close's anchor")

    def test_save_commits_first_close_waits(self):
        """The teacher's save holds its lesson when the administrator closes the quarter: the
        close waits for the save to commit, and its anchor then covers the saved mark."""
        ids = self._build()
        results = {}
        saved, closing = threading.Event(), threading.Event()
        moments = {}

        def teacher():
            try:
                with self.registry.cursor() as cr:
                    env = self._env(cr, ids["teacher"])
                    self._save_cell(ids, "4", env)
                    env.cr.flush()
                    saved.set()
                    self.assertTrue(closing.wait(WAIT))
                    time.sleep(1.0)  # the close is now running against the held save
                    moments["saved"] = time.monotonic()
                    env.cr.commit()
                    results["first"] = True
            except Exception as exc:  # noqa: BLE001 - checked below
                results["first"] = exc
                saved.set()

        def admin():
            try:
                self.assertTrue(saved.wait(WAIT))
                with self.registry.cursor() as cr:
                    env = self._env(cr)
                    closing.set()
                    results["second"] = self._serve(
                        env, lambda: env["school.period"].browse(ids["period"]).action_close()
                    )
                    moments["closed"] = time.monotonic()
            except Exception as exc:  # noqa: BLE001 - checked below
                results["second"] = exc

        threads = [threading.Thread(target=teacher), threading.Thread(target=admin)]
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=WAIT * 2)
        self.assertIs(results.get("first"), True, results)
        self.assertNotIsInstance(results.get("second"), Exception)
        self.assertGreater(moments["closed"], moments["saved"], "the close waited for the save")
        self.assertEqual(self._marks(ids), [4])

        def anchored(env):
            anchor = env["school.chain.anchor"].search(
                [("company_id", "=", ids["school"]), ("reason", "=", "period_close")]
            )
            logged = env["school.journal.log"].search(
                [("model", "=", "school.mark"), ("lesson_id", "=", ids["lesson"])]
            )
            return anchor.sequence, logged.sequence

        anchor_sequence, mark_sequence = self._check(anchored)
        self.assertGreaterEqual(anchor_sequence, mark_sequence, "the close's anchor covers the mark")

    def test_close_refuses_lesson_edit(self):
        """The same for the lesson's own record: its topic (JOUR-1, JOUR-8)."""
        ids = self._build()
        self._refused(
            (
                ids["teacher"],
                lambda env: env["school.lesson"].browse(ids["lesson"]).write({"topic": "Дроби"}),
            ),
            (SUPERUSER_ID, lambda env: env["school.period"].browse(ids["period"]).action_close()),
            "closed for edits",
        )
        self.assertFalse(self._check(lambda env: env["school.lesson"].browse(ids["lesson"]).topic))

    def test_close_refuses_attendance_save(self):
        """The same for the attendance of a lesson (JOUR-2, JOUR-8)."""
        ids = self._build()
        self._refused(
            (
                ids["teacher"],
                lambda env: env["school.journal.grid"].save_attendance(
                    ids["lesson"], {str(ids["student"]): "Н"}
                ),
            ),
            (SUPERUSER_ID, lambda env: env["school.period"].browse(ids["period"]).action_close()),
            "closed for edits",
        )
        self.assertFalse(
            self._check(
                lambda env: env["school.attendance"].search_count([("lesson_id", "=", ids["lesson"])])
            )
        )

    def test_close_refuses_period_mark_save(self):
        """The same for the period-mark grid (JOUR-8, FINAL-1)."""
        ids = self._build()
        self._refused(
            (ids["teacher"], partial(self._save_period_marks, ids, 5)),
            (SUPERUSER_ID, lambda env: env["school.period"].browse(ids["period"]).action_close()),
            "is closed",
        )
        self.assertFalse(
            self._check(
                lambda env: env["school.period.mark"].search_count(
                    [("class_id", "=", ids["class"]), ("value", "!=", 0)]
                )
            )
        )

    # ------------------------------------------------------------------
    # 1b. Period marks set against a save of the journal (ROLE-5, JOUR-8, S 5.2)
    # ------------------------------------------------------------------
    def test_period_marks_set_refuses_save(self):
        """The teacher sets the quarter's mark in one tab while a save of a lesson mark of the
        quarter is under way in another: once the period mark is set, the journal of the
        quarter is closed to the teacher, so the lesson mark is refused."""
        ids = self._build()
        self._refused(
            (ids["teacher"], partial(self._save_cell, ids, "3")),
            (ids["teacher"], partial(self._save_period_marks, ids, 5)),
            "Period marks",
        )
        self.assertEqual(self._marks(ids), [])

    # ------------------------------------------------------------------
    # 2. Two sessions save the period-mark grid at once (FINAL-1, JOUR-7)
    # ------------------------------------------------------------------
    def test_two_period_mark_saves(self):
        """Two tabs save the same period mark: one row, the value committed last, each change
        in the change log, whose chain verifies."""
        ids = self._build()
        results = self._race(
            (ids["teacher"], partial(self._save_period_marks, ids, 4)),
            (ids["teacher"], partial(self._save_period_marks, ids, 5)),
        )
        self.assertNotIsInstance(results["second"], Exception, results)
        self.assertNotIsInstance(results["first"], Exception, results)

        def state(env):
            rows = env["school.period.mark"].search([("class_id", "=", ids["class"])])
            log = env["school.journal.log"].search(
                [("model", "=", "school.period.mark"), ("res_id", "in", rows.ids)], order="sequence"
            )
            verified = env["school.journal.log"]._verify_company(ids["school"])
            return rows.mapped("value"), [entry.new_value for entry in log], verified["findings"]

        values, logged, findings = self._check(state)
        self.assertEqual(values, [4], "one row, with the mark saved last")
        self.assertEqual(len(logged), 2, "both saves logged")
        self.assertIn("value=5", logged[0])
        self.assertIn("value=4", logged[1])
        self.assertEqual(findings, [])

    # ------------------------------------------------------------------
    # 3. A save against the lesson's cancellation or the student's transfer (JOUR-3)
    # ------------------------------------------------------------------
    def test_cancel_commits_first_refuses_save(self):
        """The lesson is cancelled while a save of it is under way: the save is refused."""
        ids = self._build()
        self._refused(
            (ids["teacher"], partial(self._save_cell, ids, "5")),
            (SUPERUSER_ID, lambda env: env["school.lesson"].browse(ids["lesson"]).action_cancel()),
            "cancelled",
        )
        self.assertEqual(self._marks(ids), [])

    def test_transfer_commits_first_refuses_save(self):
        """The student leaves the class (enrollment ended before the lesson) while a save of
        his mark is under way: the mark is refused, none is left for a student not in the class."""
        ids = self._build()

        def transfer(env):
            enrollment = env["school.enrollment"].browse(ids["enrollment"])
            enrollment.write({"date_end": enrollment.date_start})

        self._refused(
            (ids["teacher"], partial(self._save_cell, ids, "5")),
            (SUPERUSER_ID, transfer),
            "was not a student",
        )
        self.assertEqual(self._marks(ids), [])

    def test_subgroup_leave_commits_first_refuses_save(self):
        """The student's membership of the lesson's subgroup is deleted while a save of his
        mark is under way: the mark is refused (JOUR-12)."""
        ids = self._build()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            lesson = env["school.lesson"].browse(ids["lesson"])
            subgroup = env["school.subgroup"].create(
                {"name": "Группа 1", "class_id": ids["class"], "subject_id": ids["subject"]}
            )
            member = env["school.subgroup.member"].create(
                {
                    "subgroup_id": subgroup.id,
                    "student_id": ids["student"],
                    "date_from": lesson.year_id.date_start,
                }
            )
            group_lesson = lesson.copy({"subgroup_id": subgroup.id, "lesson_number": 2, "date": lesson.date})
            group_ids = dict(ids, lesson=group_lesson.id)
            member_id = member.id

        def delete_subgroup():
            with self.registry.cursor() as cr:
                for table in ("school_journal_log", "school_mark", "school_attendance"):
                    cr.execute(
                        SQL("DELETE FROM %s WHERE lesson_id = %s", SQL.identifier(table), group_lesson.id)
                    )
                env = self._env(cr)
                env["school.lesson"].browse(group_lesson.id).unlink()
                env["school.subgroup.member"].browse(member_id).exists().unlink()
                env["school.subgroup"].browse(subgroup.id).unlink()

        self.addCleanup(delete_subgroup)
        self._refused(
            (ids["teacher"], partial(self._save_cell, group_ids, "5")),
            (SUPERUSER_ID, lambda env: env["school.subgroup.member"].browse(member_id).unlink()),
            "was not a student",
        )
        self.assertEqual(self._marks(group_ids), [])

    # ------------------------------------------------------------------
    # 4. One correction request decided twice at once (JOUR-6, JOUR-7)
    # ------------------------------------------------------------------
    def _deputy(self, ids):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            deputy = new_test_user(
                env,
                login="ej_race_deputy",
                groups="school_ejournal.group_school_deputy",
                name="Завуч Параллельный",
                company_id=ids["school"],
                company_ids=[Command.set([ids["school"]])],
            )
            deputy_ids = deputy.id, deputy.partner_id.id

        def delete():
            # what the deputy wrote (the change log, the decided requests) goes first
            self._delete_extra(ids)
            with self.registry.cursor() as cr:
                env = self._env(cr)
                env["res.users"].browse(deputy_ids[0]).unlink()
                env["res.partner"].browse(deputy_ids[1]).unlink()

        self.addCleanup(delete)
        return deputy_ids[0]

    def _request(self, ids):
        """A teacher's request for a new mark at the lesson, filed and committed."""
        with self.registry.cursor() as cr:
            env = self._env(cr, ids["teacher"])
            return (
                env["school.correction.request"]
                .create(
                    {
                        "lesson_id": ids["lesson"],
                        "student_id": ids["student"],
                        "kind": "mark",
                        "new_value": 5,
                        "work_type_id": env.ref("school_ejournal.work_type_answer").id,
                        "reason": "Ошибка при вводе",
                    }
                )
                .id
            )

    def test_request_approved_twice_at_once(self):
        """Two deputies (or a double click) approve one request for a new mark at once: the
        mark is added once, the request is approved once, the later decision is refused."""
        ids = self._build()
        deputy = self._deputy(ids)
        request_id = self._request(ids)

        def approve(env):
            return env["school.correction.request"].browse(request_id).action_approve()

        self._refused((deputy, approve), (deputy, approve), "already decided")
        self.assertEqual(self._marks(ids), [5], "one mark for one request")

        def state(env):
            request = env["school.correction.request"].browse(request_id)
            logged = env["school.journal.log"].search_count(
                [("model", "=", "school.mark"), ("lesson_id", "=", ids["lesson"])]
            )
            return request.state, logged

        self.assertEqual(self._check(state), ("approved", 1))

    def test_request_approved_and_rejected_at_once(self):
        """One deputy rejects the request while another approves it: one decision stands."""
        ids = self._build()
        deputy = self._deputy(ids)
        request_id = self._request(ids)
        self._refused(
            (deputy, lambda env: env["school.correction.request"].browse(request_id).action_approve()),
            (
                deputy,
                lambda env: env["school.correction.request"]
                .browse(request_id)
                .action_reject("Нет оснований"),
            ),
            "already decided",
        )
        self.assertEqual(self._marks(ids), [], "a rejected request changes nothing")
        self.assertEqual(
            self._check(lambda env: env["school.correction.request"].browse(request_id).state), "rejected"
        )
