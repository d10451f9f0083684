"""Contacts of students and guardians, and what teachers read (issue 11 items 6 and 7).

Item 6: a student's ``partner_id`` and ``user_id`` are set only by the account tools (as
superuser); the class teacher keeps the contact fields of the own students and their
guardians current (ROLE-4, P 4.3), and no superuser write reaches any other contact.

Item 7: a teacher reads the contacts of the students he teaches and of their guardians only
(SEC-5); a subgroup's teacher reads the marks, attendance and period marks of the own
subject only, the class teacher those of every subject of the own class (ROLE-4, ROLE-5,
JOUR-12).
"""

from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MUTE_ACCESS, SchoolCommon, SchoolJournalCommon


@tagged("post_install", "-at_install")
class TestStudentContactFields(SchoolCommon):
    """Item 6: contact and account of a student, contact writes of the class teacher."""

    @mute_logger(*MUTE_ACCESS)
    def test_partner_and_user_refused_to_everyone_but_account_tools(self):
        """Nobody points a student at another contact or account; the account tools do."""
        director_partner = self.user_director.partner_id
        own_partner = self.student_sidorov.partner_id
        for user in (self.class_teacher, self.user_ej_admin):
            with self.assertRaises(AccessError):
                self.student_sidorov.with_user(user).write({"partner_id": director_partner.id})
            with self.assertRaises(AccessError):
                self.student_sidorov.with_user(user).write({"user_id": self.user_portal.id})
        self.assertEqual(self.student_sidorov.partner_id, own_partner)
        self.assertFalse(self.student_sidorov.user_id)
        with self.assertRaises(AccessError):
            self.env["school.student"].with_user(self.user_ej_admin).create(
                {"last_name": "Новый", "first_name": "Ученик", "partner_id": director_partner.id}
            )
        # the account tools work as superuser after their own checks (SEC-1)
        wizard = (
            self.env["school.credential.wizard"]
            .with_user(self.user_ej_admin)
            .create({"target": "students", "class_ids": [(6, 0, self.class_5a.ids)]})
        )
        wizard.action_issue()
        self.assertTrue(self.student_sidorov.user_id.share)
        self.assertEqual(self.student_sidorov.user_id.partner_id, own_partner)

    def test_class_teacher_keeps_contacts_of_own_class(self):
        """The class teacher writes the phone and e-mail of own students and their guardians."""
        self.student_sidorov.with_user(self.class_teacher).write(
            {"email": "sidorov@example.com", "phone": "+7 900 333-33-33"}
        )
        self.assertEqual(self.student_sidorov.partner_id.email, "sidorov@example.com")
        self.link_sidorov.with_user(self.class_teacher).write({"guardian_email": "sidorova@example.com"})
        self.assertEqual(self.guardian_sidorova.email, "sidorova@example.com")

    @mute_logger(*MUTE_ACCESS)
    def test_no_superuser_write_to_other_contacts(self):
        """A link to the school's own contact or to another class's parent opens no write."""
        company_partner = self.school.partner_id
        company_partner.email = "school@example.com"
        Link = self.env["school.guardian.link"]
        to_school = Link.create(
            {"student_id": self.student_sidorov.id, "guardian_id": company_partner.id, "relation": "other"}
        )
        with self.assertRaises(AccessError):
            to_school.with_user(self.class_teacher).write({"guardian_email": "attacker@example.com"})
        self.assertEqual(company_partner.email, "school@example.com")
        # the guardian of a 10А child, linked to a 5А child: the 5А class teacher may not
        # redirect the e-mail (and the password reset) of that family's account
        to_other_family = Link.create(
            {
                "student_id": self.student_sidorov.id,
                "guardian_id": self.guardian_smirnova.id,
                "relation": "other",
            }
        )
        with self.assertRaises(AccessError):
            to_other_family.with_user(self.class_teacher).write({"guardian_email": "attacker@example.com"})
        self.assertEqual(self.guardian_smirnova.email, "smirnova@example.com")
        with self.assertRaises(AccessError):
            Link.with_user(self.class_teacher).create(
                {
                    "student_id": self.student_ivanov.id,
                    "guardian_id": self.guardian_smirnova.id,
                    "relation": "other",
                    "guardian_email": "attacker@example.com",
                }
            )
        self.assertEqual(self.guardian_smirnova.email, "smirnova@example.com")
        # no inherited field other than the contact fields is written as superuser
        with self.assertRaises(AccessError):
            self.student_sidorov.with_user(self.class_teacher).write({"is_company": True})
        self.assertFalse(self.student_sidorov.partner_id.is_company)


@tagged("post_install", "-at_install")
class TestTeacherContactVisibility(SchoolCommon):
    """Item 7: teachers read contacts of the students they teach and of their guardians."""

    def _visible(self, user, partners):
        self.env.invalidate_all()
        return self.env["res.partner"].with_user(user).search([("id", "in", partners.ids)])

    def test_subject_teacher_reads_guardians_of_taught_classes_only(self):
        guardians = self.guardian_links.guardian_id
        # ``teacher`` teaches Math in 5Б: the mother of Petrov (5Б) only
        self.assertEqual(self._visible(self.teacher, guardians), self.guardian_mother)
        found = self.env["res.partner"].with_user(self.teacher).search([("is_school_guardian", "=", True)])
        self.assertEqual(found & guardians, self.guardian_mother)
        with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
            self.guardian_sidorova.with_user(self.teacher).read(["name", "phone", "email"])
        with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
            self.student_sidorov.partner_id.with_user(self.teacher).read(["phone"])
        self.assertEqual(self._visible(self.teacher, self.students.partner_id), self.students_5b.partner_id)
        # staff and the school stay visible
        staff = self.class_teacher.partner_id | self.user_director.partner_id | self.school.partner_id
        self.assertEqual(self._visible(self.teacher, staff), staff)

    def test_class_teacher_and_readers(self):
        guardians = self.guardian_links.guardian_id
        self.assertEqual(
            self._visible(self.class_teacher, guardians),
            self.guardian_mother | self.guardian_father | self.guardian_sidorova,
        )
        # a link that ended no longer shows the guardian
        self.link_sidorov.date_end = self.today - timedelta(days=1)
        self.assertNotIn(self.guardian_sidorova, self._visible(self.class_teacher, guardians))
        for reader in (self.user_deputy, self.user_director, self.user_inspector, self.user_ej_admin):
            self.assertEqual(self._visible(reader, guardians), guardians, reader.login)


@tagged("post_install", "-at_install")
class TestSubgroupTeacherMarks(SchoolJournalCommon):
    """Item 7: a subgroup's teacher reads the own subject of the class only."""

    def test_subgroup_teacher_reads_own_subject_only(self):
        math = self._mark(self.lesson_5a, self.student_anna, 5)
        english = self._mark(self.lesson_5a_english, self.student_boris, 4)
        math_absence = self._absence(self.lesson_5a, self.student_vera)
        english_absence = self._absence(self.lesson_5a_english, self.student_anna, code="late")
        PeriodMark = self.env["school.period.mark"]
        pm_math, pm_english = PeriodMark.create(
            [
                {
                    "student_id": self.student_anna.id,
                    "subject_id": subject.id,
                    "class_id": self.class_5a.id,
                    "period_id": self.quarter_2.id,
                }
                for subject in (self.subject_math, self.subject_english)
            ]
        )
        records = {
            "school.mark": (math, english),
            "school.attendance": (math_absence, english_absence),
            "school.period.mark": (pm_math, pm_english),
        }
        for model, (math_rec, english_rec) in records.items():
            domain = [("class_id", "=", self.class_5a.id)]
            self.assertEqual(self._as(self.teacher_english, model).search(domain), english_rec, model)
            self.assertEqual(self._as(self.teacher_1, model).search(domain), math_rec, model)
            both = math_rec | english_rec
            self.assertEqual(self._as(self.class_teacher, model).search(domain), both, model)
            self.assertEqual(self._as(self.user_deputy, model).search(domain), both, model)
            with self.assertAccessRefused():
                self._as(self.teacher_english, model).browse(math_rec.id).read(["student_id"])
