"""The teacher's day in the browser (issue 13; ROLE-5, JOUR-1..3, JOUR-10).

In the grid of 5А's Math of the current quarter, the teacher types a mark and an absence
with the keyboard (the grid's own tour), then opens a lesson by its column head and fills
the lesson panel: topic and homework. The correction request from a refused cell is the
tour of ``test_role_screens.TestRoleTours``.
"""

from odoo.tests import HttpCase, tagged

from odoo.addons.school_ejournal_reports.tests.common import ReportsCommon


@tagged("post_install", "-at_install")
class TestTeacherDay(ReportsCommon, HttpCase):
    def test_mark_absence_and_lesson_panel(self):
        self.class_teacher.lang = "ru_RU"
        url = (
            f"/odoo/school-journal?class_id={self.class_5a.id}&subject_id={self.subject_math.id}"
            f"&period_id={self.quarter_2.id}"
        )
        marks_before = self.env["school.mark"].search([("lesson_id", "in", (self.math_6 | self.math_7).ids)])
        self.start_tour(url, "school_ejournal_journal_grid", login=self.class_teacher.login)
        Mark = self.env["school.mark"]
        new_or_changed = Mark.search(
            [("lesson_id", "=", self.math_6.id), ("value", "=", 5), ("write_uid", "=", self.class_teacher.id)]
        )
        self.assertTrue(new_or_changed, "the mark typed in the first lesson is saved")
        absence = self.env["school.attendance"].search(
            [("lesson_id", "=", self.math_7.id), ("code", "=", "absent")]
        )
        self.assertEqual(absence.create_uid, self.class_teacher, "the absence typed in the second lesson")
        self.assertLessEqual(
            len(marks_before), len(Mark.search([("lesson_id", "in", (self.math_6 | self.math_7).ids)]))
        )

        self.start_tour(url, "school_lesson_panel_tour", login=self.class_teacher.login)
        self.assertEqual(self.math_7.topic, "Сравнение дробей с разными знаменателями")
        self.assertEqual(self.math_7.homework, "§ 12, № 130-132")
