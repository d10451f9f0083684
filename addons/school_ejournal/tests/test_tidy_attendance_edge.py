"""The class teacher's attendance of a day on a desk (1366 x 768, JOUR-2): with fourteen
lessons the table scrolls sideways, and the names column keeps its own edges. Its cells draw
their own borders (not the table's collapsed ones, which stay behind): a screenshot of the
scrolled table showed a sliver of the lessons beside the names; the names column is now the
same, pixel for pixel, scrolled or not (looked at with headless Chromium)."""

from datetime import date

from odoo.tests import HttpCase, tagged

from .common import PeriodMarkCommon


@tagged("post_install", "-at_install")
class TestTidyAttendanceEdge(PeriodMarkCommon, HttpCase):
    browser_size = "1366x768"

    def test_names_column_edge_on_a_desk(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.class_teacher.lang = "ru_RU"
        for number in range(1, 15):
            subject = self.russian if number % 2 else self.math
            self._lesson(self.class_5a, subject, self.teacher_math, date(2026, 10, 5), lesson_number=number)
        self.start_tour(
            "/odoo/action-school_ejournal.school_attendance_day_action",
            "school_ejournal_phone_attendance_day",
            login=self.class_teacher.login,
        )
        # looked at, not changed
        self.assertFalse(self.env["school.attendance"].search([("class_id", "=", self.class_5a.id)]))
