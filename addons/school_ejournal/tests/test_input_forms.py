"""Bad values typed into the forms (issue 11 item 10): required texts of spaces only, a
negative room capacity or lesson number, a topic of spaces, homework due before its lesson,
a student born in the future, a plan topic or a class membership outside its academic year.
Each is refused with a clear message naming what is wrong, and nothing is written.
"""

from datetime import date, timedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from . import test_bad_input
from .common import SchoolJournalCommon


@tagged("post_install", "-at_install")
class TestInputForms(SchoolJournalCommon):
    def assertInvalid(self, write, *expected):
        with self.assertRaises(ValidationError) as caught, self.env.cr.savepoint():
            write()
            self.env.flush_all()
        for text in expected:
            self.assertIn(text, str(caught.exception))

    def test_required_texts_of_spaces(self):
        admin = self.env(user=self.user_ej_admin)
        counts = self._record_counts("school.room", "school.subject", "school.work.type", "school.student")
        self.assertInvalid(
            lambda: admin["school.room"].create({"name": "   "}), "Name cannot be made of spaces"
        )
        self.assertInvalid(lambda: admin["school.subject"].create({"name": "\t "}), "Name")
        self.assertInvalid(lambda: admin["school.work.type"].create({"name": " ", "code": "x1"}), "Name")
        self.assertInvalid(lambda: admin["school.work.type"].create({"name": "Опрос", "code": "  "}), "Code")
        self.assertInvalid(
            lambda: admin["school.student"].create({"last_name": "  ", "first_name": "Иван"}), "Last Name"
        )
        self.assertInvalid(
            lambda: self.student_anna.with_env(admin).write({"first_name": "   "}), "First Name"
        )
        self.assertInvalid(lambda: self.quarter_1.with_env(admin).write({"name": "  "}), "Name")
        self.assertInvalid(lambda: self.year.with_env(admin).write({"name": " "}), "Name")
        self.assertEqual(
            self._record_counts("school.room", "school.subject", "school.work.type", "school.student"), counts
        )
        self.assertEqual(self.student_anna.first_name, "Анна")
        # in Russian for a Russian user
        admin_ru = self.env(user=self.user_ej_admin, context=dict(self.env.context, lang="ru_RU"))
        self.assertInvalid(
            lambda: admin_ru["school.room"].create({"name": "   "}), "не может состоять из одних пробелов"
        )

    def test_room_capacity_and_lesson_number(self):
        admin = self.env(user=self.user_ej_admin)
        self.assertInvalid(
            lambda: admin["school.room"].create({"name": "101", "capacity": -5}), "cannot be negative"
        )
        self.assertInvalid(lambda: self.room_12.with_env(admin).write({"capacity": -1}), "cannot be negative")
        self.assertFalse(self.env["school.room"].search([("name", "=", "101")]))
        self.assertInvalid(
            lambda: self.lesson_5a.with_env(admin).write({"lesson_number": -1}), "cannot be negative"
        )
        self.assertGreaterEqual(self.lesson_5a.lesson_number, 0)

    def test_lesson_topic_and_homework(self):
        lesson = self.lesson_5a.with_user(self.teacher_1)
        # a topic of spaces is no topic: not counted as entered
        lesson.write({"topic": "   ", "homework": " \n "})
        self.assertRecordValues(
            self.lesson_5a,
            [{"topic": False, "homework": False, "topic_entered_at": False, "homework_entered_at": False}],
        )
        lesson.write({"homework": "№ 12"})
        self.assertInvalid(
            lambda: lesson.write({"homework_due_date": self.lesson_5a.date - timedelta(days=1)}),
            "before its lesson",
        )
        lesson.write({"homework_due_date": self.lesson_5a.date + timedelta(days=2)})
        self.assertEqual(self.lesson_5a.homework_due_date, self.lesson_5a.date + timedelta(days=2))

    def test_student_dates(self):
        admin = self.env(user=self.user_ej_admin)
        student = self.student_boris.with_env(admin)
        student.consent_date = date(2026, 9, 1)
        for birthdate in (date(2030, 1, 1), date(1850, 5, 5), self.today):
            self.assertInvalid(lambda b=birthdate: student.write({"birthdate": b}), "date of birth")
        self.assertInvalid(lambda: student.write({"consent_date": self.today + timedelta(days=1)}), "future")
        self.assertFalse(self.student_boris.sudo().birthdate)
        self.assertEqual(self.student_boris.consent_date, date(2026, 9, 1))
        student.write({"birthdate": date(2015, 3, 8)})
        self.assertEqual(self.student_boris.sudo().birthdate, date(2015, 3, 8))

    def test_dates_within_the_academic_year(self):
        plan = test_bad_input.TestBadInput._plan(self)
        Topic = self.env["school.plan.topic"].with_user(self.teacher_1)
        vals = {"plan_id": plan.id, "name": "Дроби", "hours": 1}
        self.assertInvalid(
            lambda: Topic.create(dict(vals, planned_date=date(1990, 9, 1))), "outside the academic year"
        )
        self.assertEqual(plan.topic_ids.mapped("name"), ["Старая тема"])
        topic = Topic.create(dict(vals, planned_date=date(2026, 9, 8)))
        self.assertEqual(topic.planned_date, date(2026, 9, 8))
        # a class membership (the contingent import's "Enrolled From" too) within the class's year
        admin = self.env(user=self.user_ej_admin)
        student = admin["school.student"].create({"last_name": "Новиков", "first_name": "Нил"})
        Enrollment = admin["school.enrollment"]
        for start in (date(1990, 1, 1), self.year.date_end + timedelta(days=1)):
            self.assertInvalid(
                lambda s=start: Enrollment.create(
                    {"student_id": student.id, "class_id": self.class_5b.id, "date_start": s}
                ),
                "outside the academic year",
            )
        self.assertFalse(student.enrollment_ids)
        wizard = self._contingent_wizard(
            "Фамилия;Имя;Класс\nПетров;Пётр;5А\n".encode(),
            "c.csv",
            year_id=self.year.id,
            date_start=date(2031, 9, 1),
        )
        before = self._record_counts("school.student", "school.enrollment")
        self.assertInvalid(wizard.action_import, "outside the academic year")
        self.assertEqual(self._record_counts("school.student", "school.enrollment"), before)
