"""Constraints and business rules of the school structure (SETUP-1..8, JOUR-6, FINAL-2)."""

from contextlib import contextmanager
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SchoolCommon


@tagged("post_install", "-at_install")
class TestStructureConstraints(SchoolCommon):
    @contextmanager
    def assertValidation(self, *keywords):
        """The block raises a ValidationError whose message names ``keywords``.

        Messages are checked in English (the source, translated by i18n/ru.po); the
        savepoint of ``assertRaises`` undoes the refused change.
        """
        with self.assertRaises(ValidationError) as catcher:
            yield catcher
        message = str(catcher.exception)
        for keyword in keywords:
            self.assertIn(keyword, message)

    # ------------------------------------------------------------------
    # Classes (SETUP-4)
    # ------------------------------------------------------------------
    def test_class_needs_grade_1_to_11_and_letter(self):
        """SETUP-4: a class has a parallel 1-11 and a letter."""
        Class = self.env["school.class"]
        with self.assertValidation("needs its parallel"):
            Class.create({"letter": "В", "year_id": self.year.id})
        with self.assertValidation("needs its parallel"):
            Class.create({"grade": 0, "letter": "В", "year_id": self.year.id})
        with self.assertValidation("Parallel 12", "grades run from 1 to 11"):
            Class.create({"grade": 12, "letter": "В", "year_id": self.year.id})
        with self.assertValidation("needs its letter"):
            Class.create({"grade": 7, "letter": "  ", "year_id": self.year.id})
        with self.assertValidation("grades run from 1 to 11"):
            self.class_5b.grade = 12
        with self.assertValidation("needs its parallel"):
            self.class_5b.grade = 0

    def test_class_letter_upper_case_and_name(self):
        """SETUP-4: the letter is kept in upper case; the name is parallel + letter."""
        self.assertEqual(self.class_5a.name, "5А")
        self.assertEqual(self.class_10a.name, "10А")
        school_class = self.env["school.class"].create({"grade": 7, "letter": " в ", "year_id": self.year.id})
        self.assertEqual(school_class.letter, "В")
        self.assertEqual(school_class.name, "7В")
        school_class.letter = "г"
        self.assertEqual(school_class.name, "7Г")
        self.assertEqual(school_class.company_id, self.school)

    @mute_logger("odoo.sql_db")
    def test_class_unique_in_year(self):
        """SETUP-4: one class 5А per academic year, but school 2 has its own 5А."""
        self.assertEqual(self.class_2_5a.name, self.class_5a.name)
        with self.assertRaises(IntegrityError) as error, self.cr.savepoint():
            self.env["school.class"].create({"grade": 5, "letter": "а", "year_id": self.year.id})
        self.assertIn("grade_letter_year_uniq", str(error.exception))

    # ------------------------------------------------------------------
    # Academic year and periods (SETUP-1)
    # ------------------------------------------------------------------
    def test_generated_periods(self):
        """SETUP-1: generated quarters, halves and the year period stay in the year."""
        self.assertEqual(len(self.quarters), 4)
        self.assertEqual(len(self.halves), 2)
        self.assertEqual(self.period_year.date_start, self.year.date_start)
        self.assertEqual(self.period_year.date_end, self.year.date_end)
        for period in self.year.period_ids:
            self.assertGreaterEqual(period.date_start, self.year.date_start)
            self.assertLessEqual(period.date_end, self.year.date_end)
            self.assertEqual(period.company_id, self.school)
        self.assertTrue(self.year.is_current)
        self.assertEqual(self.env["school.academic.year"]._get_current(self.school), self.year)
        self.assertEqual(self.env["school.academic.year"]._get_current(self.school_2), self.year_2)
        self.assertIn(self.year, self.env["school.academic.year"].search([("is_current", "=", True)]))

    def test_period_overlap_same_type(self):
        """SETUP-1: two quarters cannot overlap; a period of another type may."""
        first = self.quarters[0]
        with self.assertValidation("Лишняя четверть", first.name, "overlap"):
            self.env["school.period"].create(
                {
                    "name": "Лишняя четверть",
                    "year_id": self.year.id,
                    "period_type": "quarter",
                    "date_start": first.date_end - timedelta(days=3),
                    "date_end": first.date_end + timedelta(days=3),
                }
            )
        exam = self.env["school.period"].create(
            {
                "name": "Промежуточная аттестация",
                "year_id": self.year.id,
                "period_type": "exam",
                "date_start": first.date_end - timedelta(days=3),
                "date_end": first.date_end,
            }
        )
        self.assertEqual(exam.period_type, "exam")

    def test_period_within_year_and_ordered(self):
        """SETUP-1: a period never leaves its year and ends after it starts."""
        Period = self.env["school.period"]
        with self.assertValidation("leaves the academic year"):
            Period.create(
                {
                    "name": "Экзамен",
                    "year_id": self.year.id,
                    "period_type": "exam",
                    "date_start": self.year_end - timedelta(days=5),
                    "date_end": self.year_end + timedelta(days=5),
                }
            )
        with self.assertValidation("must end after it starts"):
            Period.create(
                {
                    "name": "Экзамен",
                    "year_id": self.year.id,
                    "period_type": "exam",
                    "date_start": self._day(270),
                    "date_end": self._day(260),
                }
            )
        with self.assertValidation("leaves the academic year"):
            self.quarters[0].date_start = self.year_start - timedelta(days=1)

    def test_academic_year_overlap(self):
        """SETUP-1: the years of one school do not overlap; another school is independent."""
        Year = self.env["school.academic.year"]
        with self.assertValidation("Пересекающийся год", "overlaps another academic year"):
            Year.create(
                {
                    "name": "Пересекающийся год",
                    "date_start": self.year_end - relativedelta(months=2),
                    "date_end": self.year_end + relativedelta(months=10),
                }
            )
        with self.assertValidation("must end after it starts"):
            Year.create({"name": "Наоборот", "date_start": date(2001, 5, 31), "date_end": date(2000, 9, 1)})
        next_year = Year.create(
            {
                "name": "Следующий год",
                "date_start": self.year_end + timedelta(days=1),
                "date_end": self.year_end + relativedelta(years=1),
            }
        )
        self.assertFalse(next_year.is_current)
        self.assertEqual(self.year_2.date_start, self.year.date_start)

    # ------------------------------------------------------------------
    # Bells (SETUP-2)
    # ------------------------------------------------------------------
    def test_bells_do_not_overlap(self):
        """SETUP-2: lessons of a bell schedule do not overlap and end after they start."""
        Bell = self.env["school.bell"]
        with self.assertValidation("Lessons 9 and 1 overlap in time"):
            Bell.create(
                {"schedule_id": self.bell_schedule.id, "number": 9, "time_start": 8.5, "time_end": 9.0}
            )
        with self.assertValidation("must end after it starts"):
            Bell.create(
                {"schedule_id": self.bell_schedule.id, "number": 9, "time_start": 15.0, "time_end": 14.0}
            )
        bell = Bell.create(
            {"schedule_id": self.bell_schedule.id, "number": 4, "time_start": 10.75, "time_end": 11.5}
        )
        self.assertEqual(bell.display_name, "Lesson 4 (10:45-11:30)")
        self.assertEqual(bell.company_id, self.school)

    @mute_logger("odoo.sql_db")
    def test_bell_number_unique(self):
        """SETUP-2: a lesson number appears once in a bell schedule."""
        with self.assertRaises(IntegrityError) as error, self.cr.savepoint():
            self.env["school.bell"].create(
                {"schedule_id": self.bell_schedule.id, "number": 1, "time_start": 14.0, "time_end": 14.75}
            )
        self.assertIn("number_uniq", str(error.exception))

    # ------------------------------------------------------------------
    # Subgroups, curriculum, teacher load (SETUP-4, SETUP-6)
    # ------------------------------------------------------------------
    def test_subgroup_students_of_its_class(self):
        """SETUP-4: a subgroup only holds students of its class."""
        self.assertEqual(self.subgroup_5a_english.student_count, 2)
        with self.assertValidation("cannot include students of another class"):
            self.subgroup_5a_english.student_ids = [Command.link(self.student_petrov.id)]
        with self.assertValidation("Петров Алексей"):
            self.env["school.subgroup"].create(
                {
                    "name": "Группа 2",
                    "class_id": self.class_5a.id,
                    "subject_id": self.subject_english.id,
                    "student_ids": [Command.set((self.student_sidorov | self.student_petrov).ids)],
                }
            )

    def test_curriculum_hours(self):
        """SETUP-6: hours per year are 34 weeks x weekly hours, 33 in grade 1; never negative."""
        self.assertEqual(self.line_5a_math.hours_per_year, 170)
        self.assertEqual(self.line_5a_english.hours_per_year, 102)
        self.assertEqual(self.line_1a_russian.hours_per_year, 165)
        self.line_5a_math.hours_per_week = 4
        self.assertEqual(self.line_5a_math.hours_per_year, 136)
        with self.assertValidation("cannot be negative"):
            self.line_5b_math.hours_per_week = -1
        with self.assertValidation("cannot be negative"):
            self.env["school.curriculum.line"].create(
                {"class_id": self.class_10a.id, "subject_id": self.subject_math.id, "hours_per_week": -2}
            )

    def test_teaching_assignment_subgroup_of_its_class(self):
        """SETUP-6, JOUR-12: an assignment's subgroup belongs to its class and subject."""
        with self.assertValidation("belongs to another class or subject"):
            self.env["school.teaching.assignment"].create(
                {
                    "teacher_id": self.teacher.id,
                    "subject_id": self.subject_english.id,
                    "class_id": self.class_5b.id,
                    "subgroup_id": self.subgroup_5a_english.id,
                }
            )
        with self.assertValidation("belongs to another class or subject"):
            self.assignment_5a_english.subject_id = self.subject_russian
        with self.assertValidation("cannot be negative"):
            self.assignment_5b_math.hours_per_week = -1

    # ------------------------------------------------------------------
    # Contingent: enrollment, guardians, personal data (SETUP-5, SETUP-8)
    # ------------------------------------------------------------------
    def test_enrollment_no_two_classes_at_once(self):
        """SETUP-8: a student belongs to one class at a time."""
        self.assertEqual(self.student_ivanov.class_id, self.class_5a)
        with self.assertValidation("Иванов Иван Иванович", "two classes at once"):
            self.env["school.enrollment"].create(
                {"student_id": self.student_ivanov.id, "class_id": self.class_5b.id, "date_start": self.today}
            )
        with self.assertValidation("must end after it starts"):
            self.student_ivanov.enrollment_ids.date_end = self.year_start - timedelta(days=1)

    def test_enrollment_transfer_moves_class(self):
        """SETUP-8: after a transfer the student's class follows the open membership."""
        transfer_day = max(self.today, self._day(1))
        enrollment = self.student_ivanov.enrollment_ids
        enrollment.date_end = transfer_day - timedelta(days=1)
        self.assertFalse(self.student_ivanov.class_id, "A student with no open membership has no class")
        self.env["school.enrollment"].create(
            {"student_id": self.student_ivanov.id, "class_id": self.class_5b.id, "date_start": transfer_day}
        )
        self.assertEqual(self.student_ivanov.class_id, self.class_5b)
        self.assertIn(self.student_ivanov, self.class_5b.student_ids)
        self.assertNotIn(self.student_ivanov, self.class_5a.student_ids)
        self.assertEqual(self.class_5b.student_count, 3)
        self.assertTrue(self.student_ivanov._in_class_on(self.class_5a, self.year_start))
        self.assertFalse(self.student_ivanov._in_class_on(self.class_5a, transfer_day))
        self.assertTrue(self.student_ivanov._in_class_on(self.class_5b, transfer_day))

    def test_guardian_link_dates_and_self(self):
        """SETUP-5: a link ends after it starts; a student is not his own guardian."""
        Link = self.env["school.guardian.link"]
        with self.assertValidation("must end after it starts"):
            self.link_sidorov.date_end = self.year_start - timedelta(days=1)
        with self.assertValidation("own guardian"):
            Link.create(
                {"student_id": self.student_volkova.id, "guardian_id": self.student_volkova.partner_id.id}
            )
        self.assertEqual(
            self.student_petrova._get_guardian_partners(), self.guardian_mother | self.guardian_father
        )
        self.assertEqual(self.guardian_mother.school_child_count, 2)
        self.link_petrova_father.date_end = self.today - timedelta(days=1)
        self.assertEqual(self.student_petrova._get_guardian_partners(), self.guardian_mother)

    @mute_logger("odoo.sql_db")
    def test_guardian_link_unique(self):
        """SETUP-5: a guardian is linked once to a student."""
        with self.assertRaises(IntegrityError) as error, self.cr.savepoint():
            self.env["school.guardian.link"].create(
                {
                    "student_id": self.student_petrova.id,
                    "guardian_id": self.guardian_mother.id,
                    "relation": "guardian",
                }
            )
        self.assertIn("student_guardian_uniq", str(error.exception))

    def test_personal_data_needs_consent(self):
        """SETUP-5, SEC-5 (P 1.11): no personal data before the consent is recorded."""
        Student = self.env["school.student"]
        with self.assertValidation("consent to personal-data processing"):
            Student.create({"last_name": "Новикова", "first_name": "Вера", "birthdate": date(2015, 3, 1)})
        with self.assertValidation("consent to personal-data processing"):
            self.student_volkova.snils = "112-233-445 95"
        student = Student.create(
            {
                "last_name": "Новикова",
                "first_name": "Вера",
                "consent_date": self.year_start,
                "birthdate": date(2015, 3, 1),
            }
        )
        self.assertEqual(student.birthdate, date(2015, 3, 1))
        self.assertEqual(student.name, "Новикова Вера")
        self.student_volkova.consent_date = self.year_start
        self.student_volkova.snils = "112-233-445 95"
        self.assertEqual(self.student_volkova.snils, "112-233-445 95")
        with self.assertValidation("consent to personal-data processing"):
            self.student_volkova.consent_date = False

    # ------------------------------------------------------------------
    # Grading policy (JOUR-6, FINAL-2, "Rules as dated data")
    # ------------------------------------------------------------------
    def test_grading_policy_overlap_and_thresholds(self):
        """FINAL-2: policies of one school do not overlap; thresholds grow 3 < 4 < 5."""
        Policy = self.env["school.grading.policy"]
        with self.assertValidation("Новое положение", "overlaps another policy"):
            Policy.create({"name": "Новое положение", "date_from": self.today})
        with self.assertValidation("must end after it starts"):
            Policy.create({"name": "Наоборот", "date_from": date(2001, 1, 1), "date_to": date(2000, 1, 1)})
        with self.assertValidation("thresholds must grow"):
            self.policy.threshold_4 = 4.7
        with self.assertValidation("thresholds must grow"):
            self.policy.threshold_5 = 5.5
        with self.assertValidation("cannot be negative"):
            self.policy.min_marks = -1
        # Closing the current policy lets a new one start the next day.
        self.policy.date_to = self.today
        successor = Policy.create({"name": "Новое положение", "date_from": self.today + timedelta(days=1)})
        self.assertEqual(successor.company_id, self.school)

    def test_round_average(self):
        """FINAL-2: the proposed period mark at every threshold of the default policy."""
        cases = [
            (5.0, 5),
            (4.6, 5),
            (4.59, 4),
            (3.6, 4),
            (3.59, 3),
            (2.6, 3),
            (2.59, 2),
            (1.0, 2),
            (None, False),
        ]
        for average, mark in cases:
            with self.subTest(average=average):
                self.assertEqual(self.policy._round_average(average), mark)
        self.policy.mark_scale = "1_5"
        self.assertEqual(self.policy._round_average(1.6), 2)
        self.assertEqual(self.policy._round_average(1.2), 1)

    def test_edit_deadline(self):
        """JOUR-6: the last day a mark may be edited, for each edit window."""
        lesson_day = date(self.year_start.year, 10, 31)
        expected = {
            "unlimited": self.year_end,
            "1w": date(self.year_start.year, 11, 7),
            "2w": date(self.year_start.year, 11, 14),
            "3w": date(self.year_start.year, 11, 21),
            "1m": date(self.year_start.year, 11, 30),
        }
        for window, deadline in expected.items():
            with self.subTest(window=window):
                self.policy.edit_window = window
                self.assertEqual(self.policy._edit_deadline(lesson_day, self.year_end), deadline)
                # Never beyond the end of the year.
                late_lesson = self.year_end - timedelta(days=2)
                self.assertEqual(self.policy._edit_deadline(late_lesson, self.year_end), self.year_end)

    def test_get_policy_by_date(self):
        """Rules as dated data: a past date gets the policy in force then."""
        Policy = self.env["school.grading.policy"]
        old = Policy.create(
            {
                "name": "Положение 2000",
                "date_from": date(2000, 9, 1),
                "date_to": date(2001, 8, 31),
                "threshold_5": 4.5,
                "threshold_4": 3.5,
                "threshold_3": 2.5,
            }
        )
        self.assertEqual(Policy._get_policy(date(2001, 1, 15)), old)
        self.assertEqual(Policy._get_policy(self.today), self.policy)
        self.assertEqual(Policy._get_policy(self.year_end + relativedelta(years=3)), self.policy)
        self.assertFalse(Policy._get_policy(date(1999, 1, 1)))
        self.assertFalse(Policy._get_policy(self.today, company=self.school_2))
        self.assertEqual(old._round_average(4.5), 5)
        self.assertEqual(self.policy._get_weight(self.work_type_control), 3)
        dictation = self.env.ref("school_ejournal.work_type_dictation")
        self.assertEqual(self.policy._get_weight(dictation), dictation.default_weight)

    # ------------------------------------------------------------------
    # Period scheme and settings (SETUP-1, ROLE-1)
    # ------------------------------------------------------------------
    def test_period_scheme_by_grade(self):
        """SETUP-1: quarters in grades 1-9, halves in 10-11, by the school's setting."""
        Class = self.env["school.class"]
        class_9, class_11 = Class.create(
            [
                {"grade": 9, "letter": "А", "year_id": self.year.id},
                {"grade": 11, "letter": "А", "year_id": self.year.id},
            ]
        )
        for school_class, scheme in [
            (self.class_1a, "quarter"),
            (self.class_5a, "quarter"),
            (class_9, "quarter"),
            (self.class_10a, "half"),
            (class_11, "half"),
        ]:
            with self.subTest(school_class=school_class.name):
                self.assertEqual(school_class.period_scheme, scheme)
        self.school.school_half_from_grade = 11
        self.assertEqual(self.class_10a.period_scheme, "quarter")
        self.assertEqual(class_11.period_scheme, "half")
        self.assertEqual(self.class_2_5a.period_scheme, "quarter", "School 2 keeps its own setting")
        self.school_2.school_half_from_grade = 5
        self.assertEqual(self.class_2_5a.period_scheme, "half")
        self.assertEqual(self.class_5a.period_scheme, "quarter")

    def test_period_for_date(self):
        """SETUP-1: the assessment period of a class on a date follows its scheme."""
        Period = self.env["school.period"]
        quarter = self.quarters[1]
        half = self.halves[0]
        self.assertEqual(Period._get_period_for(self.class_5a, quarter.date_start), quarter)
        self.assertEqual(Period._get_period_for(self.class_10a, quarter.date_start), half)
        self.assertEqual(Period._get_period_for(self.class_5a, quarter.date_start, "year"), self.period_year)

    def test_settings_write_company(self):
        """ROLE-1, JOUR-6: the settings page writes the school's values on its company."""
        values = {
            "school_mark_scale": "1_5",
            "school_edit_window": "1m",
            "school_min_marks": 5,
            "school_threshold_5": 4.5,
            "school_threshold_4": 3.5,
            "school_threshold_3": 2.5,
            "school_half_from_grade": 11,
            "school_primary_mark_days": 2,
            "school_basic_mark_days": 5,
            "school_homework_hours": 3,
        }
        self.env["res.config.settings"].create(values).execute()
        self.assertRecordValues(self.school, [values])
        self.assertEqual(self.school_2.school_edit_window, "2w", "Another school keeps its settings")
        self.assertEqual(self.class_10a.period_scheme, "quarter")
        # New grading policies take the school's settings as defaults.
        self.policy.date_to = self.today
        policy = self.env["school.grading.policy"].create(
            {"name": "По настройкам", "date_from": self.today + timedelta(days=1)}
        )
        self.assertRecordValues(
            policy,
            [{"edit_window": "1m", "mark_scale": "1_5", "min_marks": 5, "threshold_5": 4.5}],
        )
