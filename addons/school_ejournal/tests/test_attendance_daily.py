"""The class teacher's daily attendance view of the own class (JOUR-2, P 4.3)."""

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SchoolJournalCommon


@tagged("post_install", "-at_install")
class TestAttendanceDaily(SchoolJournalCommon):
    def _open_action(self, user):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "school_ejournal.school_attendance_action_my_class"
        )
        self.assertIn("search_default_my_class", action["context"])
        self.assertIn("search_default_last_school_day", action["context"])
        Attendance = self.env["school.attendance"].with_user(user)
        return Attendance.search([("class_id.class_teacher_id", "=", user.id), ("date", "=", self.today)])

    def test_class_teacher_sees_and_corrects_own_class(self):
        """Absences entered by the subject teacher show in the class teacher's view and can be corrected."""
        absence = (
            self.env["school.attendance"]
            .with_user(self.teacher_1)
            .create({"lesson_id": self.lesson_5a.id, "student_id": self.student_boris.id, "code": "absent"})
        )
        other_class = self.env["school.attendance"].create(
            {"lesson_id": self.lesson_5b.id, "student_id": self.student_dina.id, "code": "absent"}
        )
        entries = self._open_action(self.class_teacher)
        self.assertIn(absence, entries)
        self.assertNotIn(other_class, entries)
        absence.with_user(self.class_teacher).write({"code": "ill", "comment": "Справка от врача"})
        self.assertEqual(absence.code, "ill")
        log = self.env["school.journal.log"].search(
            [("res_id", "=", absence.id), ("model", "=", "school.attendance")]
        )
        self.assertTrue(
            log.filtered(lambda e: e.user_id == self.class_teacher and "code=ill" in (e.new_value or ""))
        )

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_class_teacher_cannot_correct_another_class(self):
        other_class = self.env["school.attendance"].create(
            {"lesson_id": self.lesson_5b.id, "student_id": self.student_dina.id, "code": "absent"}
        )
        with self.assertRaises(AccessError):
            other_class.with_user(self.class_teacher).write({"code": "excused"})
