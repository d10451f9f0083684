"""The current period and the lessons' periods follow the periods' dates (issue 16 items 6, 7).

``school.period._pick_current`` is the one rule for "the current period" (journal grid,
e-diary); ``school.lesson.period_id`` is recomputed when a period is created or its dates
change, so a lesson always belongs to the period its date falls in.
"""

from datetime import date

from odoo.tests import tagged

from .common import SchoolJournalCommon


@tagged("post_install", "-at_install")
class TestPeriodDates(SchoolJournalCommon):
    def test_pick_current(self):
        quarters = self.year.period_ids.filtered(lambda p: p.period_type == "quarter").sorted("date_start")
        self.assertEqual(quarters._pick_current(date(2026, 11, 18)), self.quarter_2)
        # in the autumn holidays: the last quarter begun
        holiday = self.quarter_1.date_end + (self.quarter_2.date_start - self.quarter_1.date_end) / 2
        self.assertEqual(quarters._pick_current(holiday), self.quarter_1)
        self.assertFalse(quarters._pick_current(date(2026, 8, 15)))

    def test_lessons_follow_moved_periods(self):
        first_day = self.quarter_2.date_start
        lesson = self._lesson(self.class_5a, self.subject_math, self.teacher_1, day=first_day)
        other = self._lesson(self.class_5a, self.subject_math, self.teacher_1, lesson_number=3)
        self.assertEqual(lesson.period_id, self.quarter_2)
        self.quarter_2.write({"date_start": date.fromordinal(first_day.toordinal() + 1)})
        self.assertFalse(lesson.period_id, "between two quarters the lesson has none")
        self.quarter_1.write({"date_end": first_day})
        self.assertEqual(lesson.period_id, self.quarter_1)
        self.assertEqual(other.period_id, self.quarter_2, "the other lessons keep their quarter")
        self.env.flush_all()
        self.env.cr.execute("SELECT period_id FROM school_lesson WHERE id = %s", [lesson.id])
        self.assertEqual(self.env.cr.fetchone()[0], self.quarter_1.id, "stored in the database")
