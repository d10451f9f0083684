"""One mark per cell under concurrent saves (issue 11, item 11; JOUR-3, JOUR-7).

Real parallel transactions: each session is a thread with its own database cursor that
commits, as ten browser tabs of one teacher would. The test builds its own small school in
committed transactions and deletes every committed row at the end, so nothing is left in
the test database for the tests that follow.
"""

import random
import threading
import time
from datetime import date, timedelta
from functools import partial

from psycopg2 import OperationalError, errorcodes

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.modules.registry import Registry
from odoo.tests import tagged
from odoo.tests.common import BaseCase, get_db_name, new_test_user
from odoo.tools import SQL, mute_logger

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

SESSIONS = 10


@tagged("post_install", "-at_install")
class TestCellConcurrency(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    def _env(self, cr, uid=SUPERUSER_ID):
        if cr.transaction is None:
            # the test runner holds the registries' lock while the post-install tests run: a
            # thread takes the loaded registry as it is instead of looking it up by name
            cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, uid, dict(DISABLED_MAIL_CONTEXT, lang="en_US"))

    def _build_school(self):
        """A school of its own, committed: one teacher, one class, one student, one lesson."""
        with self.registry.cursor() as cr:
            env = self._env(cr)
            today = fields.Date.context_today(env["res.users"])
            year_start = date(today.year if today.month >= 9 else today.year - 1, 9, 1)
            school = env["res.company"].create({"name": "Школа параллельных сессий (тест)"})
            teacher = new_test_user(
                env,
                login="ej_cell_teacher",
                groups="school_ejournal.group_school_teacher",
                name="Учитель Параллельный",
                company_id=school.id,
                company_ids=[Command.set(school.ids)],
            )
            year = env["school.academic.year"].create(
                {
                    "name": f"{year_start.year}/{year_start.year + 1}",
                    "date_start": year_start,
                    "date_end": date(year_start.year + 1, 8, 31),
                    "company_id": school.id,
                }
            )
            year.action_generate_periods()
            subject = env["school.subject"].create(
                {"name": "Математика", "code": "MATH", "company_id": school.id}
            )
            school_class = env["school.class"].create(
                {"grade": 5, "letter": "А", "year_id": year.id, "company_id": school.id}
            )
            student = env["school.student"].create(
                {"last_name": "Параллельный", "first_name": "Павел", "company_id": school.id}
            )
            enrollment = env["school.enrollment"].create(
                {"student_id": student.id, "class_id": school_class.id, "date_start": year_start}
            )
            assignment = env["school.teaching.assignment"].create(
                {"teacher_id": teacher.id, "subject_id": subject.id, "class_id": school_class.id}
            )
            policy = env["school.grading.policy"].create(
                {
                    "name": "Положение (тест)",
                    "date_from": year_start,
                    "mark_scale": "2_5",
                    "edit_window": "unlimited",
                    "company_id": school.id,
                }
            )
            # a day of the first quarter: the unlimited edit window keeps it open all year
            lesson = env["school.lesson"].create(
                {
                    "class_id": school_class.id,
                    "subject_id": subject.id,
                    "teacher_id": teacher.id,
                    "date": year_start + timedelta(days=1),
                    "state": "done",
                }
            )
            ids = {
                "school": school.id,
                "teacher": teacher.id,
                "partner": teacher.partner_id.id,
                "year": year.id,
                "subject": subject.id,
                "class": school_class.id,
                "student": student.id,
                "enrollment": enrollment.id,
                "assignment": assignment.id,
                "policy": policy.id,
                "lesson": lesson.id,
            }
        self.addCleanup(self._delete_school, ids)
        return ids

    def _delete_school(self, ids):
        """Remove every row the test committed (the log is append-only for users: raw SQL)."""
        with self.registry.cursor() as cr:
            cr.execute(SQL("DELETE FROM school_journal_log WHERE lesson_id = %s", ids["lesson"]))
            cr.execute(SQL("DELETE FROM school_mark WHERE lesson_id = %s", ids["lesson"]))
            cr.execute(SQL("DELETE FROM school_attendance WHERE lesson_id = %s", ids["lesson"]))
            env = self._env(cr)
            env["school.lesson"].browse(ids["lesson"]).unlink()
            env["school.teaching.assignment"].browse(ids["assignment"]).unlink()
            env["school.enrollment"].browse(ids["enrollment"]).unlink()
            env["school.student"].browse(ids["student"]).unlink()
            env["school.grading.policy"].browse(ids["policy"]).unlink()
            env["school.class"].browse(ids["class"]).unlink()
            env["school.subject"].browse(ids["subject"]).unlink()
            year = env["school.academic.year"].browse(ids["year"])
            year.period_ids.unlink()
            year.unlink()
            env["res.users"].browse(ids["teacher"]).unlink()
            env["res.partner"].browse(ids["partner"]).unlink()
            env["res.company"].browse(ids["school"]).unlink()

    def _serve(self, env, func, tries=8):
        """Run ``func`` as Odoo's request loop does (``odoo.service.model.retrying``): roll
        back and try again on a serialization failure, commit on success. Not ``retrying``
        itself: it reloads the registry by name, whose lock the test runner holds."""
        for tryno in range(1, tries + 1):
            try:
                result = func()
                env.cr.flush()
                env.cr.commit()
                return result
            except OperationalError as exc:
                env.cr.rollback()
                env.transaction.clear()
                if exc.pgcode != errorcodes.SERIALIZATION_FAILURE or tryno == tries:
                    raise
                time.sleep(random.uniform(0.0, 0.1 * 2**tryno))
        raise AssertionError("unreachable")

    def test_ten_sessions_type_into_one_cell(self):
        """Issue 11, item 11: ten sessions save one cell at once; the cell then holds exactly
        one mark, the one committed last, and each session was answered with the cell as it
        really was after its own save."""
        ids = self._build_school()
        barrier = threading.Barrier(SESSIONS)
        committed = []  # (session, value, marks answered)
        errors = []

        def session(number):
            value = 2 + number % 4
            try:
                with self.registry.cursor() as cr:
                    env = self._env(cr, ids["teacher"])
                    grid = env["school.journal.grid"]
                    # the session has opened the grid: its snapshot is taken before the others
                    # commit, as in a request that read the journal before saving
                    env["school.mark"].search_count([("lesson_id", "=", ids["lesson"])])
                    barrier.wait(timeout=60)
                    save = partial(grid.save_cell, ids["lesson"], ids["student"], str(value))
                    result = self._serve(env, save)
                    committed.append((number, value, [m["value"] for m in result["cell"]["marks"]]))
            except Exception as exc:  # noqa: BLE001 - reported by the main thread
                errors.append(f"session {number}: {exc!r}")

        threads = [threading.Thread(target=session, args=(n,)) for n in range(SESSIONS)]
        # the refused saves are logged by the cursor as bad queries: expected here
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=300)
        self.assertFalse(errors)
        self.assertEqual(len(committed), SESSIONS)
        for number, value, answered in committed:
            self.assertEqual(answered, [value], f"session {number} was told another cell")
        with self.registry.cursor() as cr:
            env = self._env(cr)
            marks = env["school.mark"].search(
                [("lesson_id", "=", ids["lesson"]), ("student_id", "=", ids["student"])]
            )
            self.assertEqual(len(marks), 1, "one cell, one mark")
            self.assertIn(marks.value, {value for __, value, __ in committed})
            # the change log tells the saves in the order they were committed: one mark
            # entered, then changed; the value saved last is the one in the cell
            log = env["school.journal.log"].search([("lesson_id", "=", ids["lesson"])], order="sequence")
            self.assertEqual(log.mapped("action").count("create"), 1)
            self.assertEqual(log[0].action, "create")
            self.assertEqual(set(log.mapped("res_id")), set(marks.ids))
            self.assertIn(f"value={marks.value};", log[-1].new_value + ";")
