"""The onchanges of the forms, driven as the web client drives them (``odoo.tests.Form``,
issue 16 item 5): what a user sees filled in after choosing a value, and that the saved
record keeps it (SETUP-6, SETUP-7, JOUR-1, PLAN-1)."""

from odoo import Command
from odoo.tests import Form, tagged

from .common import SchoolCommon


@tagged("post_install", "-at_install")
class TestFormOnchanges(SchoolCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.env["school.plan"].create(
            {
                "year_id": cls.year.id,
                "subject_id": cls.subject_math.id,
                "class_id": cls.class_5a.id,
                "grade": 5,
                "teacher_id": cls.class_teacher.id,
                "topic_ids": [
                    Command.create({"name": "Натуральные числа", "hours": 2}),
                    Command.create(
                        {
                            "name": "Контрольная работа № 1",
                            "hours": 1,
                            "work_type_id": cls.work_type_control.id,
                        }
                    ),
                ],
            }
        )
        cls.topic_plain, cls.topic_control = cls.plan.topic_ids.sorted("id")

    def test_timetable_slot_takes_the_dates_of_the_class_year(self):
        """SETUP-7: choosing the class of a new slot fills its validity with the class's year."""
        form = Form(self.env["school.timetable.slot"])
        form.class_id = self.class_5b
        self.assertEqual(form.date_from, self.year.date_start)
        self.assertEqual(form.date_to, self.year.date_end)
        form.weekday = "3"
        form.lesson_number = 4
        form.subject_id = self.subject_math
        form.teacher_id = self.teacher
        slot = form.save()
        self.assertEqual((slot.date_from, slot.date_to), (self.year.date_start, self.year.date_end))

    def test_timetable_slot_keeps_dates_typed_first(self):
        """Dates typed before the class are the user's: the class does not overwrite them."""
        form = Form(self.env["school.timetable.slot"])
        form.date_from = self._day(30)
        form.class_id = self.class_5b
        self.assertEqual(form.date_from, self._day(30))
        self.assertFalse(form.date_to)

    def test_calendar_day_ends_on_its_first_day(self):
        """A one-day entry of the school calendar: the end date follows the start date, and
        a range typed by the user stays."""
        form = Form(self.env["school.calendar.day"])
        form.year_id = self.year
        form.name = "День учителя"
        form.kind = "holiday"
        form.date_from = self._day(34)
        self.assertEqual(form.date_to, self._day(34))
        form.date_to = self._day(36)
        form.date_from = self._day(35)
        self.assertEqual(form.date_to, self._day(36), "an end date already set is kept")
        day = form.save()
        self.assertEqual((day.date_from, day.date_to), (self._day(35), self._day(36)))

    def test_plan_takes_grade_and_year_of_the_class(self):
        """PLAN-1: a plan for a class is a plan of its parallel and of its year."""
        form = Form(self.env["school.plan"])
        form.subject_id = self.subject_math
        form.teacher_id = self.teacher
        form.class_id = self.class_10a
        self.assertEqual(form.grade, 10)
        self.assertEqual(form.year_id, self.year)
        form.class_id = self.class_1a
        self.assertEqual(form.grade, 1)
        plan = form.save()
        self.assertEqual((plan.grade, plan.year_id, plan.class_id), (1, self.year, self.class_1a))

    def test_lesson_takes_topic_and_work_type_of_the_plan(self):
        """JOUR-1: picking the plan's topic writes its name as the lesson's topic and adds its
        work type; a topic without a work type keeps the types already chosen."""
        lesson = self._lesson(self.class_5a, self.subject_math, self.class_teacher, self._day(7))
        form = Form(lesson)
        form.plan_topic_id = self.topic_control
        self.assertEqual(form.topic, "Контрольная работа № 1")
        self.assertEqual(form.work_type_ids[:], self.work_type_control)
        form.plan_topic_id = self.topic_plain
        self.assertEqual(form.topic, "Натуральные числа")
        self.assertEqual(form.work_type_ids[:], self.work_type_control, "the work type already chosen stays")
        form.save()
        self.assertEqual(lesson.topic, "Натуральные числа")
        self.assertEqual(lesson.plan_topic_id, self.topic_plain)
        self.assertEqual(lesson.work_type_ids, self.work_type_control)
