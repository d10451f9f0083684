"""Numbers and dates a person types, kept within what the school can have: timetable slots
inside their academic year (SETUP-7), work-type weights of 0 to 99.9 (JOUR-3), lesson numbers
of the bells as of the timetable (SETUP-2), curriculum hours the timetable can hold
(SETUP-6), an academic year of one year at most and lessons generated for a year at most
(SETUP-1, JOUR-1), a student's movement within the year of its classes (SETUP-8). Each
refusal is a ValidationError in the user's language, and nothing is written.
"""

from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SchoolJournalCommon


class TidyCase(SchoolJournalCommon):
    """The journal's school, its e-journal administrator in English and in Russian."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env(user=cls.user_ej_admin)
        cls.admin_ru = cls.env(user=cls.user_ej_admin, context=dict(cls.env.context, lang="ru_RU"))

    def assertInvalid(self, write, *expected):
        """``write`` is refused with a ValidationError naming ``expected``; its message."""
        with self.assertRaises(ValidationError) as caught, self.env.cr.savepoint():
            write()
            self.env.flush_all()
        for text in expected:
            self.assertIn(text, str(caught.exception))
        return str(caught.exception)


@tagged("post_install", "-at_install")
class TestTidyBounds(TidyCase):
    # ------------------------------------------------------------------
    # Timetable slots inside their academic year (SETUP-7)
    # ------------------------------------------------------------------
    def _slot_vals(self, date_from, date_to, number=7):
        return {
            "class_id": self.class_5b.id,
            "subject_id": self.subject_math.id,
            "teacher_id": self.teacher_2.id,
            "weekday": "2",
            "lesson_number": number,
            "date_from": date_from,
            "date_to": date_to,
        }

    def test_timetable_slot_inside_its_year(self):
        Slot = self.admin["school.timetable.slot"]
        start, end = self.year.date_start, self.year.date_end
        self.assertInvalid(
            lambda: Slot.create(self._slot_vals(start - timedelta(days=1), end)), "leaves the academic year"
        )
        self.assertInvalid(lambda: Slot.create(self._slot_vals(start, date(2062, 5, 31))), "2026/2027")
        self.assertInvalid(
            lambda: Slot.create(self._slot_vals(date(2025, 9, 1), date(2025, 12, 31))),
            "leaves the academic year",
        )
        self.assertFalse(Slot.search([("class_id", "=", self.class_5b.id), ("lesson_number", "=", 7)]))
        slot = Slot.create(self._slot_vals(start, end))
        self.assertInvalid(
            lambda: slot.write({"date_to": end + timedelta(days=1)}), "leaves the academic year"
        )
        self.assertEqual(slot.date_to, end)
        # in Russian for a Russian user
        message = self.assertInvalid(
            lambda: slot.with_env(self.admin_ru).write({"date_from": date(2020, 9, 1)})
        )
        self.assertIn("выходит за рамки учебного года", message)

    # ------------------------------------------------------------------
    # Work-type weights from 0 to 99.9, as their digits hold (JOUR-3, FINAL-2)
    # ------------------------------------------------------------------
    def test_work_type_weights_in_range(self):
        WorkType = self.admin["school.work.type"]
        self.assertInvalid(
            lambda: WorkType.create({"name": "Олимпиада", "code": "olymp", "default_weight": 150}),
            "out of range",
        )
        self.assertInvalid(
            lambda: WorkType.create({"name": "Олимпиада", "code": "olymp", "default_weight": 100})
        )
        # 99.96 is rounded to the field's one decimal, 100.0: refused too
        self.assertInvalid(
            lambda: WorkType.create({"name": "Олимпиада", "code": "olymp", "default_weight": 99.96})
        )
        self.assertFalse(WorkType.search([("code", "=", "olymp")]))
        work_type = WorkType.create({"name": "Олимпиада", "code": "olymp", "default_weight": 99.9})
        self.assertEqual(work_type.default_weight, 99.9)
        # a weight of 0 lists the mark without counting it: allowed
        work_type.default_weight = 0
        weight = self.policy.weight_ids.filtered(lambda w: w.work_type_id == self.work_type_control)
        self.assertInvalid(lambda: weight.with_env(self.admin).write({"weight": 1000}), "out of range")
        self.assertInvalid(
            lambda: self.policy.with_env(self.admin).write(
                {"weight_ids": [Command.create({"work_type_id": work_type.id, "weight": 250.5})]}
            ),
            "out of range",
        )
        self.assertEqual(weight.weight, 4)
        message = self.assertInvalid(lambda: weight.with_env(self.admin_ru).write({"weight": 120}))
        self.assertIn("вне допустимых пределов", message)
        # the weight of the marks has the same digits as the policy's
        self.assertEqual(self.env["school.mark"]._fields["weight"].get_digits(self.env), (3, 1))

    # ------------------------------------------------------------------
    # Bells number the lessons as the timetable does (SETUP-2)
    # ------------------------------------------------------------------
    def test_bell_lesson_numbers(self):
        schedule = self.admin["school.bell.schedule"].create({"name": "Звонки (тест)"})
        Bell = self.admin["school.bell"]
        vals = {"schedule_id": schedule.id, "time_start": 8.5, "time_end": 9.25}
        self.assertInvalid(lambda: Bell.create(dict(vals, number=11)), "from 0 to 10")
        self.assertInvalid(lambda: Bell.create(dict(vals, number=-1)), "from 0 to 10")
        self.assertInvalid(
            lambda: Bell.create(dict(vals, number=1, time_end=8.5)), "must end after it starts"
        )
        self.assertFalse(schedule.bell_ids)
        self.assertEqual(Bell.create(dict(vals, number=10)).number, 10)

    # ------------------------------------------------------------------
    # Curriculum hours the timetable can hold (SETUP-6)
    # ------------------------------------------------------------------
    def test_curriculum_hours_bounded(self):
        Line = self.admin["school.curriculum.line"]
        vals = {"class_id": self.class_5b.id, "subject_id": self.subject_russian.id}
        self.assertInvalid(lambda: Line.create(dict(vals, hours_per_week=500)), "do not fit the timetable")
        self.assertInvalid(
            lambda: Line.create(dict(vals, hours_per_week=5, hours_per_year=17000)),
            "do not fit the timetable",
        )
        self.assertFalse(
            Line.search([("class_id", "=", self.class_5b.id), ("subject_id", "=", self.subject_russian.id)])
        )
        line = Line.create(dict(vals, hours_per_week=5))
        self.assertEqual(line.hours_per_year, 170)
        message = self.assertInvalid(lambda: line.with_env(self.admin_ru).write({"hours_per_week": 67}))
        self.assertIn("не помещаются в расписание", message)

    # ------------------------------------------------------------------
    # An academic year of one year at most (SETUP-1); lessons generated for a year at most
    # ------------------------------------------------------------------
    def test_academic_year_lasts_one_year_at_most(self):
        Year = self.admin["school.academic.year"]
        self.assertInvalid(
            lambda: Year.create(
                {"name": "2030/2031", "date_start": date(2030, 9, 1), "date_end": date(2031, 9, 2)}
            ),
            "one year at most",
        )
        self.assertInvalid(lambda: self.year.with_env(self.admin).write({"date_end": date(2062, 8, 31)}))
        self.assertEqual(self.year.date_end, date(2027, 8, 31))
        year = Year.create(
            {"name": "2030/2031", "date_start": date(2030, 9, 1), "date_end": date(2031, 8, 31)}
        )
        self.assertEqual(year.date_end, date(2031, 8, 31))
        Wizard = self.env(user=self.user_deputy)["school.lesson.generate.wizard"]
        self.assertInvalid(
            lambda: Wizard.create({"date_from": date(2026, 11, 16), "date_to": date(2062, 11, 22)}),
            "one academic year at most",
        )

    def test_movement_within_the_year_of_its_classes(self):
        Movement = self.admin["school.movement"]
        vals = {
            "student_id": self.student_dina.id,
            "movement_type": "departure",
            "from_class_id": self.class_5b.id,
        }
        self.assertInvalid(
            lambda: Movement.create(dict(vals, date=date(2062, 11, 20))), "outside the academic year", "5Б"
        )
        self.assertFalse(Movement.search([("student_id", "=", self.student_dina.id)]))
        move = Movement.create(dict(vals, date=date(2026, 11, 20)))
        message = self.assertInvalid(lambda: move.with_env(self.admin_ru).write({"date": date(2025, 11, 20)}))
        self.assertIn("вне учебного года", message)
        self.assertEqual(move.date, date(2026, 11, 20))

    def test_homework_due_within_the_year(self):
        lesson = self.lesson_5a.with_user(self.teacher_1)
        self.assertInvalid(
            lambda: lesson.write({"homework": "№ 13", "homework_due_date": date(2062, 11, 25)}),
            "after the end of the academic year 2026/2027",
        )
        self.assertFalse(self.lesson_5a.homework_due_date)
        Individual = self.env["school.homework.individual"].with_user(self.teacher_1)
        vals = {
            "lesson_id": self.lesson_5a.id,
            "student_ids": [Command.set(self.student_anna.ids)],
            "text": "№ 5",
        }
        self.assertInvalid(lambda: Individual.create(dict(vals, due_date=date(2027, 9, 1))), "2026/2027")
        lesson.write({"homework": "№ 13", "homework_due_date": date(2027, 5, 20)})
        self.assertEqual(
            Individual.create(dict(vals, due_date=date(2027, 5, 20))).due_date, date(2027, 5, 20)
        )
        ru = self.env(user=self.teacher_1, context=dict(self.env.context, lang="ru_RU"))
        message = self.assertInvalid(
            lambda: self.lesson_5a.with_env(ru).write({"homework_due_date": date(2062, 1, 1)})
        )
        self.assertIn("после окончания учебного года", message)

    def test_year_keeps_its_periods_and_slots_inside(self):
        year = self.year.with_env(self.admin)
        # the 4th quarter ends in May: a year shortened to April leaves it outside
        self.assertInvalid(lambda: year.write({"date_end": date(2027, 4, 30)}), "would be left outside it")
        self.assertEqual(self.year.date_end, date(2027, 8, 31))
        # the period "year" shortened first, a timetable slot until the end of August: still refused
        self.period_year.with_env(self.admin).date_end = date(2027, 7, 31)
        self.admin["school.timetable.slot"].create(self._slot_vals(date(2026, 9, 1), date(2027, 8, 31)))
        self.assertInvalid(lambda: year.write({"date_end": date(2027, 7, 31)}), "5Б")
        message = self.assertInvalid(
            lambda: year.with_env(self.admin_ru).write({"date_end": date(2027, 7, 31)})
        )
        self.assertIn("окажется вне его", message)
