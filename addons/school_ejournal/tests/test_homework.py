"""Homework: individual homework (S 1.10), due dates, the entry deadline (R 2.2; issue 14,
duty 3)."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, ValidationError

from .common import SchoolJournalCommon


class TestHomework(SchoolJournalCommon):
    def _individual(self, user, lesson, students, text="Задача 5 на карточке", **vals):
        Homework = self._as(user, "school.homework.individual")
        return Homework.create(
            dict({"lesson_id": lesson.id, "student_ids": [Command.set(students.ids)], "text": text}, **vals)
        )

    def test_individual_homework_for_some_students(self):
        next_lesson = self._lesson(self.class_5a, self.subject_math, self.teacher_1, day=date(2026, 11, 20))
        homework = self._individual(self.teacher_1, self.lesson_5a, self.student_anna | self.student_boris)
        self.assertEqual(homework.due_date, next_lesson.date)
        self.assertEqual(homework.teacher_id, self.teacher_1)
        # in the diary of its students only
        self.assertEqual(self._as(self.user_parent, "school.homework.individual").search([]), homework)
        self.assertEqual(self._as(self.user_student, "school.homework.individual").search([]), homework)
        homework.write({"student_ids": [Command.set(self.student_boris.ids)]})
        self.assertFalse(self._as(self.user_student, "school.homework.individual").search([]))
        self.assertEqual(self._as(self.user_deputy, "school.homework.individual").search([]), homework)

    def test_individual_homework_rules(self):
        with self.assertRaises(ValidationError):
            self._individual(self.teacher_1, self.lesson_5a, self.student_dina)
        with self.assertRaises(ValidationError):
            self._individual(self.teacher_1, self.lesson_5a, self.student_anna, text="  ")
        with self.assertRaises(ValidationError):
            self._individual(self.teacher_1, self.lesson_5a, self.student_anna, due_date=date(2026, 11, 18))
        with self.assertRaises(ValidationError):
            self._individual(self.teacher_primary, self.lesson_1a, self.student_zoya)
        # only the lesson's teacher; a subgroup lesson only for the subgroup's students
        with self.assertRaises(AccessError):
            self._individual(self.teacher_2, self.lesson_5a, self.student_anna)
        with self.assertRaises(ValidationError):
            self._individual(self.teacher_english, self.lesson_5a_english, self.student_vera)
        for user in (self.user_parent, self.user_student, self.user_deputy):
            with self.assertAccessRefused():
                self._individual(user, self.lesson_5a, self.student_boris)
        self.assertFalse(self.env["school.homework.individual"].search([]))

    def test_individual_homework_withdrawn_by_its_teacher_only(self):
        """The class teacher of 5А reads the individual homework of a mathematics lesson there
        but neither changes nor withdraws it; its teacher does (ROLE-4, ROLE-5)."""
        homework = self._individual(self.teacher_1, self.lesson_5a, self.student_anna)
        as_class_teacher = self._as(self.class_teacher, "school.homework.individual").browse(homework.id)
        self.assertEqual(as_class_teacher.text, "Задача 5 на карточке")
        with self.assertRaises(AccessError):
            as_class_teacher.write({"text": "Другое задание"})
        with self.assertRaises(AccessError):
            as_class_teacher.unlink()
        self.assertTrue(homework.exists())
        self.assertEqual(homework.text, "Задача 5 на карточке")
        self._as(self.teacher_1, "school.homework.individual").browse(homework.id).unlink()
        self.assertFalse(homework.exists())

    def test_lesson_homework_due_at_next_lesson(self):
        self._lesson(self.class_5a, self.subject_math, self.teacher_1, day=date(2026, 11, 23))
        self._lesson(self.class_5a, self.subject_english, self.teacher_english, day=date(2026, 11, 19))
        lesson = self._as(self.teacher_1, "school.lesson").browse(self.lesson_5a.id)
        lesson.write({"homework": "№ 10-12"})
        self.assertEqual(self.lesson_5a.homework_due_date, date(2026, 11, 23))
        # a date given by the teacher is kept
        lesson.write({"homework_due_date": date(2026, 11, 25), "homework": "№ 13"})
        self.assertEqual(self.lesson_5a.homework_due_date, date(2026, 11, 25))

    def test_due_date_from_timetable_skips_days_off(self):
        self.env["school.timetable.slot"].create(
            {
                "class_id": self.class_5b.id,
                "subject_id": self.subject_math.id,
                "teacher_id": self.teacher_2.id,
                "weekday": "4",
                "lesson_number": 4,
                "date_from": date(2026, 11, 1),
                "date_to": date(2026, 12, 28),
            }
        )
        self.env["school.calendar.day"].create(
            {
                "name": "Праздник",
                "year_id": self.year.id,
                "date_from": date(2026, 11, 20),
                "date_to": date(2026, 11, 20),
            }
        )
        self._as(self.teacher_2, "school.lesson").browse(self.lesson_5b.id).write({"homework": "№ 1"})
        self.assertEqual(self.lesson_5b.homework_due_date, date(2026, 11, 27))

    def test_late_individual_homework_in_deadline_report(self):
        self._individual(self.teacher_1, self.lesson_5a, self.student_anna)
        self.env.flush_all()
        rows = self.env["school.entry.deadline"].search(
            [("lesson_id", "=", self.lesson_5a.id), ("kind", "=", "individual_homework")]
        )
        # entered now, long after the frozen lesson day's deadline
        self.assertEqual(rows.status, "late")
        self.assertEqual(rows.teacher_id, self.teacher_1)
        self.assertEqual(self.school.school_homework_hours, 2)
