"""The last days of a period, after its marks are set (JOUR-8, S 5.2, P 6.4, R 2.1, R 2.2).

The period marks are set at least two days before the period ends (P 6.4), and from then on
the teacher no longer edits the period's journal (S 5.2). The lessons given in those last
days are still recorded on their day (R 2.1, R 2.2): their topic, homework, attendance and
marks stay open to their teacher, while the lessons the period marks rested on (given on or
before the day they were set) are closed.
"""

from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .test_journal_lock_s10 import JournalLockCase


@tagged("post_install", "-at_install")
class TestLastDaysS10(JournalLockCase):
    """Period marks of Math in 5А set on 20.10.2026; lessons on 15.10 (before) and 22.10
    (after, in the last days of the 1st quarter)."""

    def test_lesson_after_the_period_marks_is_recorded_on_its_day(self):
        self._set_period_marks()
        with freeze_time("2026-10-22 10:00:00"):
            grid = self._teacher("school.journal.grid")
            grid.save_lesson(self.next_lesson.id, {"topic": "Повторение", "homework": "№ 20"})
            grid.save_attendance(self.next_lesson.id, {str(self.s_petrova.id): "absent"})
            grid.save_cell(self.next_lesson.id, self.s_ivanov.id, "4")
        self.env.invalidate_all()
        self.assertEqual(self.next_lesson.topic, "Повторение")
        self.assertEqual(self.next_lesson.homework, "№ 20")
        attendance = self.env["school.attendance"].search([("lesson_id", "=", self.next_lesson.id)])
        self.assertEqual(attendance.mapped("code"), ["absent"])
        mark = self.env["school.mark"].search([("lesson_id", "=", self.next_lesson.id)])
        self.assertEqual(mark.mapped("value"), [4])

    def test_lessons_the_period_marks_rested_on_stay_closed(self):
        self._set_period_marks()
        grid = self._teacher("school.journal.grid")
        for save in (
            lambda: grid.save_lesson(self.lesson.id, {"topic": "Другая тема"}),
            lambda: grid.save_attendance(self.lesson.id, {str(self.s_petrova.id): "absent"}),
            lambda: grid.save_cell(self.lesson.id, self.s_ivanov.id, "4"),
        ):
            with self.assertRaises(UserError) as caught:
                save()
            self.assertIn("Period marks", str(caught.exception))
        # a lesson of the day the marks were set is one they may rest on
        same_day = self._lesson(self.class_5a, self.math, self.teacher_math, date(2026, 10, 20))
        with self.assertRaises(UserError):
            grid.save_lesson(same_day.id, {"topic": "Другая тема"})
        self.env.invalidate_all()
        self.assertEqual(self.lesson.topic, "Тема урока")
        self.assertFalse(self.env["school.attendance"].search([("lesson_id", "=", self.lesson.id)]))
