"""Journal wizards: lesson generation, plan XLSX import/export, entry deadlines.

SETUP-7, JOUR-1, JOUR-9, JOUR-10, PLAN-1..3. ``JournalWizardsCommon`` (a week of timetable
slots) also serves the demo journal's tests of ``school_ejournal_demo``.
"""

import base64
import io
from collections import Counter
from datetime import datetime, time, timedelta

import openpyxl
import pytz
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import SchoolTimetableCommon


class JournalWizardsCommon(SchoolTimetableCommon):
    """The school with a week of timetable slots (``SchoolTimetableCommon``), and the
    helpers of the wizards' tests."""

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _generate(self, date_from, date_to, user=None, classes=None):
        Wizard = self.env["school.lesson.generate.wizard"].with_user(user or self.user_deputy)
        wizard = Wizard.create(
            {
                "date_from": date_from,
                "date_to": date_to,
                "class_ids": [Command.set(classes.ids)] if classes else [],
            }
        )
        wizard.action_generate()
        return wizard

    def _lessons(self, date_from, date_to):
        return self.env["school.lesson"].search(
            [("slot_id", "in", self.slots.ids), ("date", ">=", date_from), ("date", "<=", date_to)]
        )

    def _new_plan(self, school_class, topics):
        return self.env["school.plan"].create(
            {
                "year_id": self.year.id,
                "subject_id": self.subject_math.id,
                "class_id": school_class.id,
                "grade": school_class.grade,
                "teacher_id": self.class_teacher.id,
                "topic_ids": [
                    Command.create(dict(zip(("section", "name", "hours", "work_type_id", "planned_date"), t)))
                    for t in topics
                ],
            }
        )

    def _topic_rows(self, plan):
        return [
            (t.section, t.name, t.hours, t.work_type_id, t.planned_date)
            for t in plan.topic_ids.sorted(lambda t: (t.sequence, t.id))
        ]

    @staticmethod
    def _xlsx(rows, header_row=5):
        """A plan spreadsheet in the export layout with the given topic rows."""
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet["A1"], sheet["C1"] = "Предмет", "Математика"
        sheet["A2"], sheet["C2"] = "Класс", "5А"
        sheet["A3"], sheet["C3"] = "Учебный год", "2026/2027"
        sheet.append([])
        sheet.cell(row=header_row, column=1, value="№")
        for col, title in enumerate(("Раздел", "Тема", "Часы", "Вид работы", "Дата по плану"), 2):
            sheet.cell(row=header_row, column=col, value=title)
        for index, row in enumerate(rows, 1):
            for col, value in enumerate((index, *row), 1):
                sheet.cell(row=header_row + index, column=col, value=value)
        output = io.BytesIO()
        workbook.save(output)
        return output.getvalue()

    def _import(self, plan, content, mode="replace", user=None):
        wizard = (
            self.env["school.plan.import.wizard"]
            .with_user(user or self.class_teacher)
            .create(
                {"plan_id": plan.id, "file": base64.b64encode(content), "filename": "plan.xlsx", "mode": mode}
            )
        )
        return wizard.action_import()


@tagged("post_install", "-at_install")
class TestJournalWizards(JournalWizardsCommon):
    # ------------------------------------------------------------------
    # Lesson generation (SETUP-7, JOUR-1)
    # ------------------------------------------------------------------
    def test_generate_lessons_for_a_week(self):
        """A week of the quarter gets one lesson per slot; the second run creates none."""
        wizard = self._generate(self.monday, self.sunday)
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.lesson_count, 5)
        lessons = self._lessons(self.monday, self.sunday)
        self.assertEqual(len(lessons), 5)
        self.assertEqual(
            Counter((lesson.class_id, lesson.date.weekday()) for lesson in lessons),
            Counter(
                {(self.class_5a, 0): 2, (self.class_5a, 1): 1, (self.class_5a, 2): 1, (self.class_5b, 0): 1}
            ),
        )
        english = lessons.filtered(lambda lesson: lesson.subject_id == self.subject_english)
        self.assertEqual(english.subgroup_id, self.subgroup_5a_english)
        self.assertEqual(english.teacher_id, self.teacher_english)
        self.assertEqual(lessons.mapped("period_id"), self.quarter_1)

        again = self._generate(self.monday, self.sunday, user=self.user_ej_admin)
        self.assertEqual(again.lesson_count, 0)
        self.assertEqual(len(self._lessons(self.monday, self.sunday)), 5)

    def test_generate_lessons_class_filter(self):
        wizard = self._generate(self.monday, self.sunday, classes=self.class_5b)
        self.assertEqual(wizard.lesson_count, 1)
        self.assertEqual(self._lessons(self.monday, self.sunday).class_id, self.class_5b)

    def test_no_lessons_in_holidays(self):
        """Days between two quarters are holidays: no lesson is generated for them."""
        holiday_start = self.quarter_1.date_end + timedelta(days=1)
        holiday_end = self.quarter_2.date_start - timedelta(days=1)
        wizard = self._generate(holiday_start, holiday_end)
        self.assertEqual(wizard.lesson_count, 0)
        # The days around the holidays do get their lessons.
        wizard = self._generate(
            self.quarter_1.date_end - timedelta(days=6), self.quarter_2.date_start + timedelta(days=6)
        )
        lessons = self._lessons(
            self.quarter_1.date_end - timedelta(days=6), self.quarter_2.date_start + timedelta(days=6)
        )
        self.assertEqual(wizard.lesson_count, len(lessons))
        self.assertTrue(lessons)
        self.assertFalse(lessons.filtered(lambda lesson: holiday_start <= lesson.date <= holiday_end))

    def test_generate_lessons_defaults_and_rights(self):
        """Default range: this week's Monday up to the end of the current term; refused to teachers."""
        defaults = (
            self.env["school.lesson.generate.wizard"]
            .with_user(self.user_deputy)
            .default_get(["date_from", "date_to"])
        )
        date_from, date_to = defaults["date_from"], defaults["date_to"]
        self.assertEqual(date_from.weekday(), 0)
        self.assertLessEqual(date_from, self.today)
        self.assertGreaterEqual(date_to, self.today)
        term_ends = self.year.period_ids.filtered(lambda p: p.period_type in ("quarter", "half")).mapped(
            "date_end"
        )
        self.assertIn(date_to, term_ends + [self.year.date_end])
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["school.lesson.generate.wizard"].with_user(self.teacher).create({})
        with self.assertRaises(ValidationError):
            self._generate(self.sunday, self.monday)

    def test_cron_generates_tomorrow(self):
        with freeze_time(datetime.combine(self.monday - timedelta(days=1), time(12, 0))):
            self.env["school.timetable.slot"]._cron_generate_tomorrow()
        lessons = self._lessons(self.monday, self.monday)
        self.assertEqual(len(lessons), 3)
        self.assertEqual(set(lessons.mapped("date")), {self.monday})

    def test_substitution_in_log(self):
        """A lesson given by another teacher appears in the substitution log (JOUR-10)."""
        self._generate(self.monday, self.sunday)
        lesson = self._lessons(self.monday, self.monday).filtered(
            lambda lesson: lesson.class_id == self.class_5b
        )
        action = self.env.ref("school_ejournal.school_lesson_action_substitutions")
        domain = safe_eval(action.domain)
        self.assertNotIn(lesson, self.env["school.lesson"].search(domain))
        lesson.write({"teacher_id": self.class_teacher.id, "substitution_reason": "Болезнь учителя"})
        self.assertTrue(lesson.is_substitution)
        self.assertEqual(lesson.planned_teacher_id, self.teacher)
        self.assertIn(lesson, self.env["school.lesson"].search(domain))

    # ------------------------------------------------------------------
    # Timetable conflicts (SETUP-7)
    # ------------------------------------------------------------------
    def test_timetable_conflicts(self):
        until = self.year_start + timedelta(days=60)
        dates = {"date_from": self.year_start, "date_to": until}
        self._slots((self.class_5a, self.subject_math, self.class_teacher, self.room_12, 3, 4), **dates)
        for msg, row in (
            ("teacher twice", (self.class_5b, self.subject_math, self.class_teacher, self.room_21)),
            ("room twice", (self.class_5b, self.subject_math, self.teacher, self.room_12)),
            ("class twice", (self.class_5a, self.subject_russian, self.teacher, None)),
        ):
            with self.subTest(msg), self.assertRaises(ValidationError, msg=msg):
                self._slots((*row, 3, 4), **dates)
        # Different validity ranges do not conflict.
        self._slots(
            (self.class_5b, self.subject_math, self.class_teacher, self.room_12, 3, 4),
            date_from=until + timedelta(days=1),
            date_to=self.year_end,
        )

    def test_timetable_subgroups_at_the_same_time(self):
        """Two subgroups of one class at the same time are allowed, with their own teachers."""
        subgroup_2 = self._create_subgroup(
            self.class_5a, self.subject_english, self.teacher, self.student_sidorov, name="Группа 2"
        )
        dates = {"date_from": self.year_start, "date_to": self.year_end}
        english = (self.class_5a, self.subject_english)
        self._slots(
            (
                *english,
                self.teacher_english,
                self.room_12,
                4,
                3,
                {"subgroup_id": self.subgroup_5a_english.id},
            ),
            (*english, self.teacher, self.room_21, 4, 3, {"subgroup_id": subgroup_2.id}),
            **dates,
        )
        with self.assertRaises(ValidationError):
            self._slots((self.class_5a, self.subject_math, self.class_teacher, None, 4, 3), **dates)

    # ------------------------------------------------------------------
    # Plans (PLAN-1..3)
    # ------------------------------------------------------------------
    def test_plan_export_import_round_trip(self):
        """Export a plan to XLSX, import it into another plan: the same topics."""
        day = self.year_start + timedelta(days=3)
        plan = self._new_plan(
            self.class_5a,
            [
                (
                    "Натуральные числа",
                    "Запись и чтение натуральных чисел",
                    2.0,
                    self.work_type_answer.id,
                    day,
                ),
                (
                    "Натуральные числа",
                    "Контрольная работа по теме «Натуральные числа»",
                    1.0,
                    self.work_type_control.id,
                    False,
                ),
                ("Дроби", "Доли и дроби", 1.5, False, day + timedelta(days=7)),
            ],
        )
        action = plan.with_user(self.teacher).action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        content = self.env["ir.attachment"].browse(attachment_id).raw
        self.assertEqual(content, plan._export_xlsx())

        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet["C1"].value, "Математика")
        self.assertEqual(sheet["C2"].value, "5А")
        self.assertEqual(sheet["C3"].value, self.year.name)
        self.assertEqual(sheet["A5"].value, "№")
        self.assertEqual(sheet["C6"].value, "Запись и чтение натуральных чисел")
        self.assertEqual(sheet["D6"].value, 2)
        self.assertEqual(sheet["E7"].value, self.work_type_control.name)
        self.assertEqual(sheet["F6"].value.date(), day)

        copy = self._new_plan(self.class_5b, [("Старое", "Старая тема", 3.0, False, False)])
        self._import(copy, content)
        self.assertEqual(self._topic_rows(copy), self._topic_rows(plan))

        self._import(copy, content, mode="append")
        self.assertEqual(len(copy.topic_ids), 6)
        self.assertEqual(self._topic_rows(copy)[3:], self._topic_rows(plan))

    def test_plan_import_bad_rows(self):
        """Any bad row: nothing is imported, every bad row is named with its reason."""
        plan = self._new_plan(self.class_5a, [("Раздел", "Тема 1", 2.0, False, False)])
        before = self._topic_rows(plan)
        content = self._xlsx(
            [
                ("Дроби", "Доли и дроби", 2, "Oral answer", "05.09.2026"),  # row 6: good
                ("Дроби", None, 1, None, None),  # row 7: no topic
                ("Дроби", "Сравнение дробей", "два", None, None),  # row 8: hours not a number
                ("Дроби", "Сложение дробей", 0, None, None),  # row 9: hours not positive
                ("Дроби", "Вычитание дробей", 1, "Зачёт", None),  # row 10: unknown work type
                ("Дроби", "Умножение дробей", 1, "CONTROL", "31.02.2026"),  # row 11: bad date
                ("Дроби", "Деление дробей", "1,5", "control", None),  # row 12: good
            ]
        )
        with self.assertRaises(UserError) as error:
            self._import(plan, content)
        message = str(error.exception)
        for row in (7, 8, 9, 10, 11):
            self.assertIn(f"Row {row}:", message)
        for row in (6, 12):
            self.assertNotIn(f"Row {row}:", message)
        self.assertIn("5 error(s)", message)
        self.assertIn("Зачёт", message)
        plan.invalidate_recordset()
        self.assertEqual(self._topic_rows(plan), before)

        with self.assertRaises(UserError):
            self._import(plan, b"not a spreadsheet")
        self.assertEqual(self._topic_rows(plan), before)

    def test_plan_hours_against_curriculum(self):
        """The plan shows its difference with the curriculum's hours; an import fixes it."""
        plan = self._new_plan(self.class_5a, [("Раздел", "Тема", 100.0, False, False)])
        self.assertEqual(plan.curriculum_hours, 5 * 34)
        self.assertEqual(plan.hours_difference, 100 - 170)
        with self.assertRaises(ValidationError):
            plan.action_approve()
        rows = [("Раздел", f"Тема {i}", 10, None, None) for i in range(1, 18)]
        self._import(plan, self._xlsx(rows))
        self.assertEqual(plan.total_hours, 170)
        self.assertEqual(plan.hours_difference, 0)
        plan.action_approve()
        self.assertEqual(plan.state, "approved")

    def test_lessons_take_next_plan_topic(self):
        """Generated lessons take the next unused topics of the plan in order (PLAN-3)."""
        plan = self._new_plan(
            self.class_5b,
            [
                ("Раздел 1", "Тема 1", 1.0, False, False),
                ("Раздел 1", "Тема 2", 2.0, False, False),
                ("Раздел 2", "Тема 3", 1.0, self.work_type_control.id, False),
            ],
        )
        self.env["school.timetable.slot"].create(
            [
                {
                    "class_id": self.class_5b.id,
                    "subject_id": self.subject_math.id,
                    "teacher_id": self.teacher.id,
                    "weekday": day,
                    "lesson_number": 1,
                    "date_from": self.year_start,
                    "date_to": self.year_end,
                }
                for day in ("1", "2", "3")
            ]
        )
        self._generate(self.monday, self.sunday, classes=self.class_5b)
        lessons = (
            self.env["school.lesson"]
            .search(
                [
                    ("class_id", "=", self.class_5b.id),
                    ("date", ">=", self.monday),
                    ("date", "<=", self.sunday),
                ]
            )
            .sorted(lambda lesson: (lesson.date, lesson.lesson_number))
        )
        topics = plan.topic_ids.sorted("sequence")
        self.assertEqual(lessons.mapped("plan_topic_id").ids, topics.ids)
        self.assertEqual(
            [lesson.plan_topic_id for lesson in lessons], [topics[0], topics[1], topics[1], topics[2]]
        )
        self.assertEqual(lessons[0].topic, "Тема 1")
        self.assertEqual(plan.given_hours, 4)
        # The plan is used up: next week's lessons get no plan topic.
        self._generate(
            self.monday + timedelta(days=7), self.sunday + timedelta(days=7), classes=self.class_5b
        )
        later = self.env["school.lesson"].search(
            [
                ("class_id", "=", self.class_5b.id),
                ("date", ">", self.sunday),
                ("date", "<=", self.sunday + timedelta(days=7)),
            ]
        )
        self.assertEqual(len(later), 4)
        self.assertFalse(later.plan_topic_id)

    # ------------------------------------------------------------------
    # Entry deadlines (JOUR-9)
    # ------------------------------------------------------------------
    def _utc(self, day, hours):
        local = pytz.timezone("Europe/Moscow").localize(
            datetime.combine(day, time()) + timedelta(hours=hours)
        )
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def test_entry_deadlines(self):
        day = max(self.year_start, self.today - timedelta(days=12))
        Lesson = self.env["school.lesson"]
        common = {
            "class_id": self.class_5a.id,
            "subject_id": self.subject_math.id,
            "date": day,
            "teacher_id": self.class_teacher.id,
        }
        no_topic = Lesson.create(dict(common, lesson_number=1))
        with_homework = Lesson.create(dict(common, lesson_number=2, topic="Дроби", homework="§12, упр. 3-5"))
        control = Lesson.create(
            dict(
                common,
                lesson_number=3,
                topic="Контрольная работа по теме «Дроби»",
                work_type_ids=[Command.set(self.work_type_control.ids)],
            )
        )
        lessons = no_topic | with_homework | control
        # Bells of 5А: the last lesson of the day (No. 3) ends at 10:35 Moscow time.
        homework_deadline = self._utc(day, self.bells[2].time_end + 2)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE school_lesson SET topic_entered_at = %s, homework_entered_at = %s WHERE id = %s",
            [self._utc(day, 9), homework_deadline + timedelta(hours=3), with_homework.id],
        )
        self.env.cr.execute(
            "UPDATE school_lesson SET topic_entered_at = %s WHERE id = %s", [self._utc(day, 10), control.id]
        )
        self.env["school.mark"].create(
            {
                "lesson_id": with_homework.id,
                "student_id": self.student_ivanov.id,
                "value": 4,
                "work_type_id": self.work_type_answer.id,
            }
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE school_mark SET create_date = %s WHERE lesson_id = %s",
            [self._utc(day + timedelta(days=9), 12), with_homework.id],
        )
        self.env.invalidate_all()

        Report = self.env["school.entry.deadline"]
        rows = Report.search([("lesson_id", "in", lessons.ids)])
        found = {(row.lesson_id, row.kind): row for row in rows}
        expected = {
            (no_topic, "topic"): "missing",
            (no_topic, "homework"): "missing",
            (with_homework, "homework"): "late",
            (with_homework, "marks"): "late",
            (control, "homework"): "missing",
            (control, "control"): "missing",
        }
        self.assertEqual({key: row.status for key, row in found.items()}, expected)
        late_homework = found[(with_homework, "homework")]
        self.assertAlmostEqual(late_homework.deadline, homework_deadline, delta=timedelta(seconds=60))
        self.assertAlmostEqual(
            late_homework.entered_at, homework_deadline + timedelta(hours=3), delta=timedelta(seconds=60)
        )
        self.assertAlmostEqual(late_homework.delay_hours, 3, delta=0.05)
        self.assertEqual(late_homework.teacher_id, self.class_teacher)
        self.assertEqual(late_homework.class_id, self.class_5a)
        self.assertEqual(found[(no_topic, "topic")].deadline, self._utc(day + timedelta(days=1), 0))
        self.assertFalse(found[(no_topic, "topic")].entered_at)
        self.assertEqual(found[(with_homework, "marks")].deadline, self._utc(day + timedelta(days=8), 0))

        # Entering the control work results on time clears the missing row.
        mark = self.env["school.mark"].create(
            {
                "lesson_id": control.id,
                "student_id": self.student_petrova.id,
                "value": 5,
                "work_type_id": self.work_type_control.id,
            }
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE school_mark SET create_date = %s WHERE id = %s", [self._utc(day, 15), mark.id]
        )
        self.assertFalse(Report.search([("lesson_id", "=", control.id), ("kind", "=", "control")]))

        # Teachers see their own rows, the administration all of them.
        self.assertEqual(
            Report.with_user(self.class_teacher).search([("lesson_id", "in", lessons.ids)]),
            rows - found[(control, "control")],
        )
        self.assertFalse(Report.with_user(self.teacher).search([("lesson_id", "in", lessons.ids)]))
        self.assertEqual(
            len(Report.with_user(self.user_deputy).search([("lesson_id", "in", lessons.ids)])), 5
        )
        self.assertEqual(
            Report.with_user(self.user_deputy).search_count(
                [("lesson_id", "in", lessons.ids), ("kind", "=", "homework")]
            ),
            3,
        )
        self.assertEqual(
            Report.with_user(self.user_ej_admin_2).search_count([("lesson_id", "in", lessons.ids)]), 0
        )
        self.assertFalse(Report.with_user(self.user_parent).has_access("read"))
