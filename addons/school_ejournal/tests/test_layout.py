"""The shared pieces of the layout (issue 16 items 2, 6, 7): the mixins keep the rules the
models used to repeat, and the merged model files keep their behaviour."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import UserError, ValidationError

from .common import SchoolCommon


class TestLayout(SchoolCommon):
    def test_room_subjects_of_its_own_school(self):
        """Item 7: a room lists only subjects of its own school (check_company)."""
        subject_2 = self.env["school.subject"].create(
            {"name": "Математика", "code": "MATH", "company_id": self.school_2.id}
        )
        with self.assertRaises(UserError):
            self.room_12.write({"subject_ids": [Command.link(subject_2.id)]})
        self.room_12.write({"subject_ids": [Command.link(self.subject_math.id)]})
        self.assertEqual(self.room_12.subject_ids, self.subject_math)

    def test_personal_reads_run_read_write(self):
        """SEC-5: the web client's reads of students and partners log personal data, so the
        dataset controller (which takes ``_readonly`` from the first class of the model that
        sets it) must open them read-write; the mixin keeps that for both models."""
        for model in ("school.student", "res.partner"):
            model_class = self.env.registry[model]
            for method_name in ("web_read", "web_search_read", "web_read_group", "read_group"):
                readonly = next(
                    getattr(cls, method_name)._readonly
                    for cls in model_class.mro()
                    if hasattr(getattr(cls, method_name, None), "_readonly")
                )
                self.assertFalse(readonly, f"{model}.{method_name} must run read-write")

    def test_valid_between_domain(self):
        """Item 6: one rule for "valid at some time between two days"."""
        Enrollment = self.env["school.enrollment"]
        in_year = Enrollment.search(
            [("class_id", "=", self.class_5a.id), *Enrollment._valid_between_domain(self.today, self.today)]
        )
        self.assertEqual(in_year.student_id, self.students_5a)
        before = self.year_start - timedelta(days=30)
        self.assertFalse(
            Enrollment.search(
                [
                    ("class_id", "=", self.class_5a.id),
                    *Enrollment._valid_between_domain(before, self.year_start - timedelta(days=1)),
                ]
            )
        )
        # a range ending on the first day of the year meets the memberships begun that day
        self.assertEqual(
            Enrollment.search(
                [
                    ("class_id", "=", self.class_5a.id),
                    *Enrollment._valid_between_domain(before, self.year_start),
                ]
            ).student_id,
            self.students_5a,
        )

    def test_overlapping_membership_refused(self):
        """SETUP-8: a student never belongs to two classes at once (the mixin's overlap)."""
        with self.assertRaises(ValidationError):
            self.env["school.enrollment"].create(
                {"student_id": self.student_ivanov.id, "class_id": self.class_5b.id, "date_start": self.today}
            )

    def test_term_of_a_day(self):
        """Item 6: the quarter or half of a class containing a day, read in memory."""
        terms = self.env["school.curriculum.line"].browse(self.line_5a_math.id)._get_terms()
        expected = self.quarters if self.class_5a.period_scheme == "quarter" else self.halves
        self.assertEqual(terms._term_of(self.class_5a, expected[0].date_start), expected[0])
        self.assertEqual(terms._term_of(self.class_5a, expected[-1].date_end), expected[-1])
        self.assertFalse(terms._term_of(self.class_5a, self.year_start - timedelta(days=1)))

    def test_class_chat_members(self):
        """COMM-1: the class chat gathers the class's teachers, its guardians with a login
        and its students with a login (the merged class model keeps all three)."""
        partners = self.class_5a._get_channel_partners()
        self.assertIn(self.class_teacher.partner_id, partners)
        self.assertIn(self.user_student.partner_id, partners)
        self.assertIn(self.guardian_mother, partners)
        self.assertNotIn(self.guardian_father, partners)

    def test_subject_teachers_of_a_student(self):
        """COMM-1: the guardians may write to the class teacher and the subject teachers of
        the student's class, of the student's subgroups only."""
        teachers = self.student_petrova._get_subject_teachers()
        self.assertIn(self.class_teacher, teachers)
        english_members = self.subgroup_5a_english.student_ids
        self.assertEqual(self.teacher_english in teachers, self.student_petrova in english_members)
        self.assertNotIn(self.teacher, teachers)

    def test_approval_kind_of_the_tracked_models(self):
        """ROLE-2: the three approved documents name their kind on their own models."""
        self.assertEqual(self.env["school.curriculum.line"]._approval_kind, "curriculum")
        self.assertEqual(self.env["school.teaching.assignment"]._approval_kind, "load")
        self.assertEqual(self.env["school.timetable.slot"]._approval_kind, "timetable")
