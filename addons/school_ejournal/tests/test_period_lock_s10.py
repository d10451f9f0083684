"""A closed period keeps its dates, and a recorded lesson (its topic entered) never changes
period behind a closed journal (JOUR-8, P 4.1, S 5.2)."""

from datetime import date

from odoo.tests import tagged

from .test_journal_lock_s10 import JournalLockCase


@tagged("post_install", "-at_install")
class TestPeriodLockS10(JournalLockCase):
    def test_closed_period_keeps_its_dates(self):
        self.q1.sudo().is_closed = True
        for vals in (
            {"date_end": date(2026, 10, 21)},
            {"date_start": date(2026, 9, 2)},
            {"period_type": "half"},
        ):
            with self.subTest(vals=vals), self._assert_closed("Reopen it first"):
                self.q1.with_user(self.user_admin).write(vals)
        self.assertEqual(self.q1.date_end, date(2026, 10, 26))
        # the same dates written again change nothing
        self.q1.with_user(self.user_admin).write({"date_end": date(2026, 10, 26)})
        self.q1.with_user(self.user_admin).action_reopen()
        self.q1.with_user(self.user_admin).write({"date_start": date(2026, 9, 2)})
        self.assertEqual(self.q1.date_start, date(2026, 9, 2))

    def test_recorded_lesson_never_leaves_a_period_with_marks_set(self):
        """A lesson with its topic entered, without marks or attendance, stays in the period
        whose period marks are set."""
        self.assertEqual(self.next_lesson.period_id, self.q1)
        self._set_period_marks()
        with self._assert_closed("would move from the period"):
            self.q1.with_user(self.user_admin).write({"date_end": date(2026, 10, 21)})
        self.env.invalidate_all()
        self.assertEqual(self.next_lesson.period_id, self.q1)
        # a lesson without any record follows the dates
        self.next_lesson.sudo().write({"topic": False, "homework": False})
        self.q1.with_user(self.user_admin).write({"date_end": date(2026, 10, 21)})
        self.assertFalse(self.next_lesson.period_id)
