"""What the fourth pass of issue 15 over the grid's hot path must keep (JOUR-1..7, issue 11
item 7): same values, same rules, only fewer queries and less Python.

- The new entries' related fields (date, class, subject, period, school) come straight from
  their lessons (``school.journal.entry.mixin._add_precomputed_values``): equal to the lessons'.
- The grading policy's scale, edit window and weights are cached
  (``school.grading.policy._policy_settings``): a change of any of them holds at once.
- The grid's lesson columns are read in one query (``_grid_lessons``): header values as before.
- The contacts' visibility to teachers is written as alternatives over the classes taught: the
  same contacts visible and hidden, also through the negated search.
- A student's own contact is not checked again by the teachers' rule on contacts when read
  with the student: the rules on students stay within that rule.
- A new mark's work type is read by the save's lock (``_lock_cell``): the same work type,
  weight, name in the teacher's language and change-log text as a read of its own gave.
"""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import JournalGridCommon

RELATED = ("date", "class_id", "subject_id", "period_id", "company_id")


@tagged("post_install", "-at_install")
class TestGridHotPath(JournalGridCommon):
    def _grid_env(self, user):
        return self.env["school.journal.grid"].with_user(user)

    def test_new_entries_take_the_lessons_related_fields(self):
        grid = self._grid_env(self.teacher)
        grid.save_attendance(self.lesson_2.id, {str(self.student_b.id): "Б", str(self.student_c.id): "ОП"})
        grid.save_cell(self.lesson_1.id, self.student_c.id, "4 5")
        entries = self.env["school.attendance"].search([("lesson_id", "=", self.lesson_2.id)])
        marks = self.env["school.mark"].search(
            [("lesson_id", "=", self.lesson_1.id), ("student_id", "=", self.student_c.id)]
        )
        self.assertEqual(len(entries), 2)
        self.assertEqual(marks.mapped("value"), [4, 5])
        for record in (*entries, *marks):
            lesson = record.lesson_id
            self.assertEqual([record[name] for name in RELATED], [lesson[name] for name in RELATED])

    def test_new_mark_work_type_read_by_the_lock(self):
        """The lesson's first work type, else the default, else the one chosen; its name in the
        teacher's language in the cell and in the change log; a change of it not yet written to
        the database is what the save reads."""
        self._activate_languages("ru_RU")
        self.teacher.lang = "ru_RU"
        self.work_type_answer.sudo().update_field_translations("name", {"ru_RU": "Ответ у доски"})
        self.work_type_control.sudo().update_field_translations("name", {"ru_RU": "Контрольная"})
        grid = self._grid_env(self.teacher).with_context(lang="ru_RU")
        Mark = self.env["school.mark"]

        def new_mark(lesson, student, work_type_id=False):
            result = grid.save_cell(lesson.id, student.id, "4", work_type_id)
            mark = Mark.browse(result["cell"]["marks"][-1]["id"])
            logged = self.env["school.journal.log"].search(
                [("model", "=", "school.mark"), ("res_id", "=", mark.id)], limit=1
            )
            return result["cell"]["marks"][-1], mark, logged

        # a lesson with no work type: the default one
        cell, mark, logged = new_mark(self.lesson_1, self.student_c)
        self.assertEqual(mark.work_type_id, self.work_type_answer)
        self.assertEqual(cell["work_type"], "Ответ у доски")
        self.assertEqual(cell["weight"], self.policy._get_weight(self.work_type_answer))
        self.assertIn("work_type_id=Ответ у доски;", logged.new_value)
        # the lesson's own: its first work type
        cell, mark, __ = new_mark(self.lesson_2, self.student_c)
        self.assertEqual((mark.work_type_id, cell["work_type"]), (self.work_type_control, "Контрольная"))
        self.assertEqual(mark.weight, self.policy._get_weight(self.work_type_control))
        # one chosen in the grid wins over the lesson's
        cell, mark, __ = new_mark(self.lesson_2, self.student_b, self.work_type_answer.id)
        self.assertEqual((mark.work_type_id, cell["work_type"]), (self.work_type_answer, "Ответ у доски"))
        # a change of the default work type not yet written to the database
        self.work_type_answer.with_context(lang="ru_RU").name = "Устный ответ"
        cell, mark, __ = new_mark(self.lesson_1, self.student_b)
        self.assertEqual((mark.work_type_id, cell["work_type"]), (self.work_type_answer, "Устный ответ"))

    def test_policy_changes_hold_at_once(self):
        grid = self._grid_env(self.teacher)
        self.assertEqual(
            grid.get_grid(self.class_5a.id, self.subject_math.id, self.period.id)["mark_values"][0], 2
        )
        control = self.policy.weight_ids.filtered(lambda w: w.work_type_id == self.work_type_control)
        control.weight = 5
        grid.save_cell(self.lesson_2.id, self.student_c.id, "4")
        mark = self.env["school.mark"].search(
            [("lesson_id", "=", self.lesson_2.id), ("student_id", "=", self.student_c.id)]
        )
        self.assertEqual((mark.work_type_id, mark.weight), (self.work_type_control, 5.0))
        # a weight removed: the work type's default weight
        control.unlink()
        self.assertEqual(
            self.policy._get_weight(self.work_type_control), self.work_type_control.default_weight
        )
        # a weight added through the policy's form
        self.policy.write(
            {"weight_ids": [Command.create({"work_type_id": self.work_type_control.id, "weight": 7})]}
        )
        self.assertEqual(self.policy._get_weight(self.work_type_control), 7)
        # the scale: 1 becomes a mark of the grid and of a cell
        self.policy.mark_scale = "1_5"
        self.assertEqual(
            grid.get_grid(self.class_5a.id, self.subject_math.id, self.period.id)["mark_values"],
            [1, 2, 3, 4, 5],
        )
        grid.save_cell(self.lesson_1.id, self.student_c.id, "1")
        self.policy.mark_scale = "2_5"
        with self.assertRaises(ValidationError):
            grid.save_cell(self.lesson_2.id, self.student_b.id, "1")
        # the edit window
        self.policy.edit_window = "1w"
        lesson_day = self.lesson_1.date
        self.assertEqual(
            self.policy._edit_deadline(lesson_day, lesson_day + timedelta(days=300)),
            lesson_day + timedelta(weeks=1),
        )
        self.policy.edit_window = "unlimited"
        self.assertEqual(
            self.policy._edit_deadline(lesson_day, lesson_day + timedelta(days=300)),
            lesson_day + timedelta(days=300),
        )

    def test_policy_thresholds_hold_at_once(self):
        """The rounding thresholds, the minimum of marks and the policy's name are cached with
        the other settings (FINAL-1, FINAL-2): the period-mark grid follows a change at once."""
        self._grid_env(self.teacher).save_cell(self.lesson_1.id, self.student_c.id, "4")
        PeriodMark = self.env["school.period.mark"].with_user(self.teacher)

        def student_c_row():
            grid = PeriodMark.get_period_mark_grid(self.class_5a.id, self.subject_math.id, self.period.id)
            return grid, next(row for row in grid["rows"] if row["student_id"] == self.student_c.id)

        grid, row = student_c_row()
        self.assertEqual(row["average"], 4.0)
        self.assertEqual(row["proposed"], 4)
        self.assertTrue(row["short"])
        before = {"threshold_5": self.policy.threshold_5, "min_marks": self.policy.min_marks}
        self.policy.write({"threshold_5": 3.9, "min_marks": 1, "name": "Положение 2026/27"})
        grid, row = student_c_row()
        self.assertEqual(row["proposed"], 5)
        self.assertFalse(row["short"])
        self.assertEqual(grid["policy"]["name"], "Положение 2026/27")
        self.assertEqual(grid["policy"]["min_marks"], 1)
        self.assertIn({"mark": 5, "average": 3.9}, grid["policy"]["thresholds"])
        self.policy.write(before)
        grid, row = student_c_row()
        self.assertEqual(row["proposed"], 4)
        self.assertTrue(row["short"])
        action_rows = PeriodMark.action_prepare(self.class_5a.id, self.subject_math.id, self.period.id)
        prepared = action_rows.filtered(lambda p: p.student_id == self.student_c)
        self.assertEqual((prepared.proposed_value, prepared.is_short), (4, True))

    def test_grid_lesson_columns(self):
        files = self.env["ir.attachment"].create(
            [
                {"name": name, "raw": b"x", "res_model": "school.lesson", "res_id": self.lesson_1.id}
                for name in ("a.pdf", "b.pdf")
            ]
        )
        self.lesson_1.write(
            {
                "homework": "№ 12",
                "homework_attachment_ids": [Command.set(files.ids)],
                "work_type_ids": [Command.set((self.work_type_control | self.work_type_answer).ids)],
            }
        )
        columns = self._grid_env(self.teacher).get_grid(
            self.class_5a.id, self.subject_math.id, self.period.id
        )["lessons"]
        first = columns[0]
        self.assertEqual(first["id"], self.lesson_1.id)
        self.assertEqual(first["homework"], "№ 12")
        self.assertEqual(
            first["homework_files"], [{"id": f.id, "name": f.name} for f in files.sorted("id", reverse=True)]
        )
        # the active work types in their order, the first one the default of a new mark
        ordered = (self.work_type_control | self.work_type_answer).sorted()
        self.assertEqual(first["work_type_ids"], ordered.ids)
        self.assertEqual(first["work_types"], ordered.mapped("name"))
        self.assertEqual(first["default_work_type_id"], ordered[:1].id)
        # the same values as the single lesson's header (save_lesson, the phone's lesson sheet),
        # read afresh (the files in their order, newest first)
        self.env.invalidate_all()
        single = self._grid_env(self.teacher)._lesson_values(self.lesson_1, self.teacher, self.period)
        self.assertEqual(first, single)
        self.assertEqual(columns[2]["teacher_is_user"], False)

    def test_contact_visibility_both_ways(self):
        Partner = self.env["res.partner"].with_user(self.teacher_2)
        students = (self.student_a | self.student_b | self.student_c).partner_id
        staff = self.teacher.partner_id | self.school.partner_id
        strangers = self._new_students(self._new_class("Я"), ["Чужой Чужак"]).partner_id
        everyone = students | staff | strangers
        # teacher_2 gives lesson_3 of 5А as a substitute: the class's students and the staff
        self.assertEqual(Partner.search([("id", "in", everyone.ids)]), students | staff)
        # the field itself, both ways (the teacher's view, without the rules)
        Visibility = Partner.sudo()
        for operator, value, expected in (
            ("=", True, students | staff),
            ("!=", False, students | staff),
            ("=", False, strangers),
            ("!=", True, strangers),
        ):
            found = Visibility.search(
                [("id", "in", everyone.ids), ("school_teacher_visible", operator, value)]
            )
            self.assertEqual(found, expected, f"{operator} {value}")

    def test_students_read_within_the_contacts_seen(self):
        """The rules on students keep a teacher within the contacts the rule on contacts gives
        him: ``ir.rule._compute_domain`` does not apply the latter again to a student's own
        contact (issue 15, SEC-3, SEC-5), which holds only while this does."""
        # a student who left the taught class for another, a class led by teacher_2
        left_on = self.year.date_start + timedelta(days=10)
        former = self._create_student("Ушедший", "Семён", None, self.class_5a, date_end=left_on)
        self.env["school.enrollment"].create(
            {
                "student_id": former.id,
                "class_id": self._new_class("Б").id,
                "date_start": left_on + timedelta(days=1),
            }
        )
        led_class = self._new_class("В")
        led_class.class_teacher_id = self.teacher_2
        self._new_students(led_class, ["Ведомый Вадим"])
        strangers = self._new_students(self._new_class("Я"), ["Чужой Чужак"])
        everyone = self.env["school.student"].search([])
        for user in (self.teacher, self.teacher_2, self.deputy):
            read = self.env["school.student"].with_user(user).search([("id", "in", everyone.ids)])
            self.assertTrue(read, user.login)
            # the contacts the user reads on their own, with every rule on contacts
            contacts = self.env["res.partner"].with_user(user).search([("id", "in", everyone.partner_id.ids)])
            self.assertLessEqual(read.partner_id, contacts, user.login)
            # the student's contact fields come with the student
            self.assertEqual({s.id: s.name for s in read}, {s.id: s.sudo().name for s in read}, user.login)
        self.assertIn(
            former, self.env["school.student"].with_user(self.teacher).search([("id", "=", former.id)])
        )
        # a teacher still reads no stranger, as a student or as a contact
        self.assertFalse(
            self.env["school.student"].with_user(self.teacher).search([("id", "in", strangers.ids)])
        )
        self.assertFalse(
            self.env["res.partner"].with_user(self.teacher).search([("id", "in", strangers.partner_id.ids)])
        )
        with self.assertRaises(AccessError):
            strangers.with_user(self.teacher).read(["name", "email"])
