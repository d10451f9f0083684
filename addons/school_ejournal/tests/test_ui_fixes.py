"""Server side of the fixes of every role's working day in the browser (issue 13).

Lessons found by what a teacher types, the class teacher's grid and daily attendance, the
readable change log, teachers-only figures of the dashboard, the defaults of the wizards.
"""

from datetime import date

from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import MUTE_ACCESS, SchoolJournalCommon


@tagged("post_install", "-at_install")
class TestUiFixes(SchoolJournalCommon):
    def test_lesson_name_and_search(self):
        """ "5А, Математика, 18.11.2026, урок 1", found by class, subject and date in any order."""
        Lesson = self.env["school.lesson"].with_context(lang="ru_RU")
        self.assertEqual(
            self.lesson_5a.with_context(lang="en_US").display_name, "5А, Математика, 18.11.2026, lesson 1"
        )
        found = Lesson.with_user(self.teacher_1).name_search("5А матем 18.11")
        self.assertEqual([lesson_id for lesson_id, __ in found], self.lesson_5a.ids)
        found = Lesson.with_user(self.teacher_1).name_search("математика, 18.11.2026")
        self.assertIn(self.lesson_5a.id, [lesson_id for lesson_id, __ in found])
        # the subgroup's lesson by its subgroup and number
        found = Lesson.name_search(f"5А {self.subgroup_english.name} 2")
        self.assertEqual([lesson_id for lesson_id, __ in found], self.lesson_5a_english.ids)
        self.assertFalse(Lesson.name_search("5А 19.11"))
        self.assertFalse(Lesson.name_search("Химия"))
        # a date of another year does not match
        self.assertFalse(Lesson.name_search("5А 18.11.2025"))

    def test_class_teacher_grid_opens_on_own_class(self):
        """The class teacher's last lesson was in 5Б: the grid still opens on the own 5А."""
        self._lesson(self.class_5b, self.subject_math, self.class_teacher, lesson_number=3)
        self.env["school.teaching.assignment"].create(
            {
                "teacher_id": self.class_teacher.id,
                "subject_id": self.subject_math.id,
                "class_id": self.class_5b.id,
                "hours_per_week": 1,
            }
        )
        options = self.env["school.journal.grid"].with_user(self.class_teacher).get_options()
        self.assertEqual(options["default"]["class_id"], self.class_5a.id)
        self.assertTrue(options["default"]["subject_id"])
        self.assertTrue(options["default"]["period_id"])
        # a subject teacher still opens on the last lesson
        options = self.env["school.journal.grid"].with_user(self.teacher_2).get_options()
        self.assertEqual(options["default"]["class_id"], self.class_5b.id)

    @freeze_time("2026-11-21 10:00:00")
    def test_daily_attendance_opens_on_last_school_day(self):
        """On Saturday the class teacher's daily check shows Wednesday, the last day of lessons."""
        absence = self.env["school.attendance"].create(
            {"lesson_id": self.lesson_5a.id, "student_id": self.student_boris.id, "code": "ill"}
        )
        Attendance = self.env["school.attendance"].with_user(self.class_teacher)
        self.assertEqual(Attendance._last_school_day(), date(2026, 11, 18))
        self.assertEqual(Attendance.search([("on_last_school_day", "=", True)]), absence)
        self.assertFalse(Attendance.search([("on_last_school_day", "=", False)]) & absence)

    def test_change_log_is_readable(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 3, user=self.teacher_1)
        mark.with_user(self.teacher_1).write({"value": 4})
        entries = self.env["school.journal.log"].search(
            [("model", "=", "school.mark"), ("res_id", "=", mark.id)], order="sequence"
        )
        created, changed = entries.with_context(lang="en_US")
        self.assertIn("Mark: 3", created.change_description)
        self.assertIn("Mark: 3 → 4", changed.change_description)
        self.assertNotIn("value=", changed.change_description)
        self.assertNotIn("work_type_id", changed.change_description)

    def test_dashboard_counts_teachers_only(self):
        """OdooBot and portal users are no teachers of the dashboard."""
        teacher_ids = list(self.env["school.control.report"]._teacher_user_ids())
        self.assertIn(self.teacher_1.id, teacher_ids)
        self.assertIn(self.class_teacher.id, teacher_ids)
        self.assertNotIn(SUPERUSER_ID, teacher_ids)
        self.assertNotIn(self.user_parent.id, teacher_ids)
        self.assertNotIn(self.user_deputy.id, teacher_ids)
        data = self.env["school.control.report"].with_user(self.user_deputy).get_dashboard_data()
        totals = data["totals"]
        self.assertLessEqual(totals["active_teacher_count"], len(teacher_ids))

    def test_credentials_reissue_off_by_default(self):
        wizard = (
            self.env["school.credential.wizard"].with_user(self.user_ej_admin).create({"target": "users"})
        )
        self.assertFalse(wizard.reissue)

    def test_day_attendance_sheet(self):
        """The class teacher marks a child ill for the whole day in one row (P 4.3)."""
        Grid = self.env["school.journal.grid"].with_user(self.class_teacher)
        options = Grid.get_day_options()
        self.assertEqual([c["id"] for c in options["classes"]], self.class_5a.ids)
        self.assertEqual(options["default_date"], "2026-11-18")
        sheet = Grid.get_day_sheet(self.class_5a.id, "2026-11-18")
        self.assertEqual(
            [lesson["id"] for lesson in sheet["lessons"]], (self.lesson_5a | self.lesson_5a_english).ids
        )
        self.assertIn(self.student_anna.id, [s["id"] for s in sheet["students"]])
        self.assertNotIn(self.student_left.id, [s["id"] for s in sheet["students"]])
        for lesson in sheet["lessons"]:
            self.assertTrue(lesson["editable"])
            Grid.save_attendance(lesson["id"], {self.student_anna.id: "ill"})
        sheet = Grid.get_day_sheet(self.class_5a.id, "2026-11-18")
        self.assertEqual(sheet["cells"][f"{self.lesson_5a.id}-{self.student_anna.id}"], "Б")
        self.assertEqual(sheet["cells"][f"{self.lesson_5a_english.id}-{self.student_anna.id}"], "Б")
        # another class teacher's class stays closed
        with self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
            self.env["school.journal.grid"].with_user(self.teacher_2).get_day_sheet(
                self.class_5a.id, "2026-11-18"
            )

    def test_homework_files_from_the_lesson_panel(self):
        """The teacher attaches homework files in the grid's lesson panel, not only in the form."""
        Attachment = self.env["ir.attachment"]
        upload = Attachment.with_user(self.teacher_1).create(
            {
                "name": "Задачи.pdf",
                "raw": b"%PDF-1.4",
                "res_model": "school.lesson",
                "res_id": self.lesson_5a.id,
            }
        )
        Grid = self.env["school.journal.grid"].with_user(self.teacher_1)
        values = Grid.save_lesson(self.lesson_5a.id, {"homework_attachment_ids": upload.ids})
        self.assertEqual(values["homework_files"], [{"id": upload.id, "name": "Задачи.pdf"}])
        self.assertEqual(self.lesson_5a.homework_attachment_ids, upload)
        # no token: the e-diary serves it through its own route (PORT-1)
        self.assertFalse(upload.sudo().access_token)
        # a file of somebody else cannot be slipped in
        other = Attachment.create({"name": "Чужой.pdf", "raw": b"%PDF-1.4"})
        with self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
            Grid.save_lesson(self.lesson_5a.id, {"homework_attachment_ids": (upload | other).ids})
        values = Grid.save_lesson(self.lesson_5a.id, {"homework_attachment_ids": []})
        self.assertEqual(values["homework_files"], [])

    def test_grid_shows_period_marks(self):
        self.env["school.period.mark"].create(
            {
                "period_id": self.quarter_2.id,
                "subject_id": self.subject_math.id,
                "student_id": self.student_anna.id,
                "class_id": self.class_5a.id,
                "value": 4,
            }
        )
        grid = (
            self.env["school.journal.grid"]
            .with_user(self.teacher_1)
            .get_grid(self.class_5a.id, self.subject_math.id, self.quarter_2.id)
        )
        self.assertEqual(grid["period_marks"], {str(self.student_anna.id): 4})
