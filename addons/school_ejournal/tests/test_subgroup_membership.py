"""Dated subgroup membership (issue 11, item 12; JOUR-12, P 4.4)."""

from datetime import date

from odoo import Command
from odoo.exceptions import UserError, ValidationError

from .common import SchoolJournalCommon

QUARTER_3_START = date(2027, 1, 9)


class TestSubgroupMembership(SchoolJournalCommon):
    def _grid_students(self, period):
        grid = self._as(self.teacher_english, "school.journal.grid").get_grid(
            self.class_5a.id, self.subject_english.id, period.id, self.subgroup_english.id
        )
        return {s["id"] for s in grid["students"]}

    def test_moves_at_period_boundary_and_past_lessons_keep_members(self):
        """Issue 11, item 12: a move takes effect only on a period's first day; lessons before
        it keep the students who belonged to the subgroup on their date."""
        subgroup = self._as(self.user_ej_admin, "school.subgroup").browse(self.subgroup_english.id)
        self.assertEqual(subgroup.student_ids, self.student_anna | self.student_boris)
        self.assertRecordValues(
            subgroup.member_ids.sorted("student_id"),
            [
                {"student_id": s.id, "date_from": self.year.date_start, "date_to": False}
                for s in (self.student_anna | self.student_boris).sorted("id")
            ],
        )
        # in the middle of the quarter: refused, nothing changes
        with self.assertRaises(UserError):
            subgroup.write({"student_ids": [Command.unlink(self.student_boris.id)]})
        with self.assertRaises(UserError):
            self._as(self.user_ej_admin, "school.subgroup.member").create(
                {
                    "subgroup_id": subgroup.id,
                    "student_id": self.student_vera.id,
                    "date_from": date(2026, 11, 10),
                }
            )
        with self.assertRaises(ValidationError):
            self._as(self.user_ej_admin, "school.subgroup.member").create(
                {"subgroup_id": subgroup.id, "student_id": self.student_dina.id, "date_from": QUARTER_3_START}
            )
        self.env.invalidate_all()
        self.assertEqual(subgroup.student_ids, self.student_anna | self.student_boris)

        # at the start of the 3rd quarter: Boris leaves, Vera joins
        subgroup.with_context(subgroup_move_date=QUARTER_3_START.isoformat()).write(
            {"student_ids": [Command.unlink(self.student_boris.id), Command.link(self.student_vera.id)]}
        )
        self.env.invalidate_all()
        boris = subgroup.member_ids.filtered(lambda m: m.student_id == self.student_boris)
        vera = subgroup.member_ids.filtered(lambda m: m.student_id == self.student_vera)
        self.assertEqual((boris.date_from, boris.date_to), (self.year.date_start, date(2027, 1, 8)))
        self.assertEqual((vera.date_from, vera.date_to), (QUARTER_3_START, False))
        # today (2nd quarter) Boris still belongs to it, and to its lessons
        self.assertEqual(subgroup.student_ids, self.student_anna | self.student_boris)
        self.assertEqual(self.lesson_5a_english._get_students(), self.student_anna | self.student_boris)
        self._mark(self.lesson_5a_english, self.student_boris, 5)
        with self.assertRaises(ValidationError):
            self._mark(self.lesson_5a_english, self.student_vera, 5)
        later = self._lesson(
            self.class_5a,
            self.subject_english,
            self.teacher_english,
            day=date(2027, 1, 12),
            subgroup_id=self.subgroup_english.id,
        )
        self.assertEqual(later._get_students(), self.student_anna | self.student_vera)
        self.assertEqual(self._grid_students(self.quarter_2), {self.student_anna.id, self.student_boris.id})
        quarter_3 = self.year.period_ids.filtered(
            lambda p: p.period_type == "quarter" and p.date_start == QUARTER_3_START
        )
        self.assertEqual(self._grid_students(quarter_3), {self.student_anna.id, self.student_vera.id})
        self.assertEqual(
            self.student_boris._subgroups_between(date(2027, 2, 1), date(2027, 2, 28)),
            self.env["school.subgroup"],
        )
        self.assertTrue(self.student_vera._in_subgroup_on(self.subgroup_english, QUARTER_3_START))
        self.assertFalse(self.student_vera._in_subgroup_on(self.subgroup_english, self.today))
        # the end of a membership falls on the day before a period starts
        with self.assertRaises(UserError):
            vera.with_user(self.user_ej_admin).write({"date_to": date(2027, 2, 1)})
        # teachers read memberships, the administration keeps them
        with self.assertRaises(UserError):
            self._as(self.teacher_english, "school.subgroup.member").browse(vera.id).write(
                {"date_to": date(2027, 3, 30)}
            )
        self.assertEqual(
            self._as(self.teacher_english, "school.subgroup.member").browse(vera.id).date_from,
            QUARTER_3_START,
        )
