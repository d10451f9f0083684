"""The director's approvals of the curriculum, the teacher load and the timetable (ROLE-2,
S director 4-6; issue 14, duty 2)."""

from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import MUTE_ACCESS, SchoolCommon


class TestApprovals(SchoolCommon):
    def _submit(self, kind, school_class=None, user=None):
        Approval = self.env["school.approval"].with_user(user or self.user_deputy)
        vals = {"kind": kind, "year_id": self.year.id}
        if school_class:
            vals["class_id"] = school_class.id
        return Approval.create(vals)

    def test_director_approves_submitted_curriculum(self):
        approval = self._submit("curriculum", self.class_5a)
        self.assertEqual((approval.state, approval.version), ("draft", 1))
        self.assertEqual(approval.requested_by_id, self.user_deputy)
        with self.assertRaises(AccessError):
            approval.with_user(self.user_deputy).action_approve()
        with self.assertRaises(UserError):
            approval.with_user(self.user_deputy).write({"state": "approved"})
        approval.with_user(self.user_director).action_approve()
        self.assertEqual(approval.state, "approved")
        self.assertEqual(approval.approved_by_id, self.user_director)
        self.assertTrue(approval.approved_at)
        self.assertIn("5А: Математика, 5", approval.content)
        self.assertNotIn("5Б", approval.content)
        with self.assertRaises(UserError):
            approval.with_user(self.user_director).action_approve()

    def test_who_submits(self):
        self._submit("timetable", self.class_5a, user=self.user_ej_admin)
        with self.assertRaises(UserError):
            self._submit("timetable", self.class_5a)
        for user in (self.teacher, self.class_teacher, self.user_inspector):
            with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
                self._submit("load", user=user)
        # teachers read the approvals; portal users do not
        self.assertTrue(self.env["school.approval"].with_user(self.teacher).search([]))
        with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
            self.env["school.approval"].with_user(self.user_parent).search([])
        with self.assertRaises(UserError):
            self._submit("curriculum", self.class_2_5a)

    def test_change_after_approval_needs_new_approval(self):
        approval_5a = self._submit("curriculum", self.class_5a)
        approval_5b = self._submit("curriculum", self.class_5b)
        (approval_5a | approval_5b).with_user(self.user_director).action_approve()
        self.line_5a_math.hours_per_week = 6
        self.assertEqual(approval_5a.state, "superseded")
        self.assertTrue(approval_5a.superseded_at)
        self.assertEqual(approval_5b.state, "approved", "another class's curriculum stays approved")
        new = self.env["school.approval"].search(
            [("kind", "=", "curriculum"), ("class_id", "=", self.class_5a.id), ("state", "=", "draft")]
        )
        self.assertEqual(new.version, 2)
        new.with_user(self.user_director).action_approve()
        self.assertIn("Математика, 6", new.content)
        self.assertIn("Математика, 5", approval_5a.content, "the old version keeps its content")

    def test_school_wide_load_and_timetable(self):
        load = self._submit("load")
        timetable = self._submit("timetable", self.class_5b)
        (load | timetable).with_user(self.user_director).action_approve()
        self.assertIn(self.class_teacher.name, load.content)
        self.assertEqual(timetable.state, "approved")
        self.assignment_10a_psychology.hours_per_week = 2
        self.assertEqual(load.state, "superseded")
        self.env["school.timetable.slot"].create(
            {
                "class_id": self.class_5b.id,
                "subject_id": self.subject_math.id,
                "teacher_id": self.teacher.id,
                "weekday": "1",
                "lesson_number": 1,
                "date_from": self.year_start,
                "date_to": self.year_end,
            }
        )
        self.assertEqual(timetable.state, "superseded")

    def test_version_in_force_on_a_date(self):
        first = self._submit("curriculum", self.class_5a)
        first.with_user(self.user_director).action_approve()
        first.sudo().write({"approved_at": datetime(self.year_start.year, 9, 1, 8)})
        self.line_5a_english.hours_per_week = 2
        second = self.env["school.approval"].search([("state", "=", "draft")])
        second.with_user(self.user_director).action_approve()
        first.sudo().write({"superseded_at": datetime(self.year_start.year, 10, 1, 8)})
        second.sudo().write({"approved_at": datetime(self.year_start.year, 10, 1, 8)})
        Approval = self.env["school.approval"]
        in_sept = Approval._get_in_force("curriculum", self.class_5a, datetime(self.year_start.year, 9, 15))
        in_oct = Approval._get_in_force("curriculum", self.class_5a, datetime(self.year_start.year, 10, 15))
        self.assertEqual((in_sept, in_oct), (first, second))
        self.assertFalse(
            Approval._get_in_force("curriculum", self.class_5b, datetime(self.year_start.year, 10, 15))
        )
        lesson = self.env["school.lesson"].create(
            {
                "class_id": self.class_5a.id,
                "subject_id": self.subject_math.id,
                "teacher_id": self.class_teacher.id,
                "date": self._day(14),
            }
        )
        # x2many fields of a record created in this transaction start empty in the cache
        lesson.invalidate_recordset()
        self.assertEqual(lesson.with_user(self.class_teacher).approval_ids, first)
