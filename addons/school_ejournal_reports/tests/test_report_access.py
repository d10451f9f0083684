"""Who prints which form (P 3.6, SEC-3, ROLE-1..9).

The administration and the inspector build the forms of any class; the class teacher those
of his own class only; a subject teacher, a parent and a student build none.
"""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MUTE_ACCESS, TODAY, ReportsCommon

CLASS_FORMS = (
    "marks_summary",
    "attendance_summary",
    "attendance_by_period",
    "class_teacher_report",
    "class_results",
    "final_data",
    "mark_changes",
    "journal_copy",
    "final_marks_journal",
)


@tagged("post_install", "-at_install")
class TestReportAccess(ReportsCommon):
    def _class_values(self, school_class, code):
        vals = {"class_id": school_class.id, "period_id": self.quarter_1.id}
        if code == "mark_changes":
            vals.update(date_from=date(2026, 11, 1), date_to=TODAY)
        return vals

    def _student_values(self, student, code):
        """The values of the student digest (the week) or results (the 1st quarter)."""
        if code == "student_digest":
            return {"student_id": student.id, "date_from": self.week_start, "date_to": self.week_end}
        return {"student_id": student.id, "period_id": self.quarter_1.id}

    def _build(self, user, code, **vals):
        """Create the wizard as ``user`` and build its documents."""
        return self._wizard(code, user, **vals)._get_documents()

    def test_readers_build_every_class_form(self):
        """ROLE-1, 2, 3, 9: the administration and the inspector print any class's forms."""
        for user in (self.user_ej_admin, self.user_director, self.user_deputy, self.user_inspector):
            for school_class in (self.class_5a, self.class_5b):
                for code in CLASS_FORMS:
                    with self.subTest(user=user.login, cls=school_class.name, form=code):
                        documents = self._build(user, code, **self._class_values(school_class, code))
                        self.assertEqual(len(documents), 1)
                        self.assertIn(
                            f"Class: {school_class.name}, academic year 2026/2027", documents[0]["subtitle"]
                        )
            with self.subTest(user=user.login, form="school-wide"):
                for code in ("movement", "mark_changes"):
                    self._build(user, code, date_from=date(2026, 11, 1), date_to=TODAY)
                for code in ("student_digest", "student_results"):
                    self._build(user, code, **self._student_values(self.student_petrov, code))

    def test_class_teacher_own_class_only(self):
        """ROLE-4: the class teacher prints the forms of his own class, not of another one."""
        for code in CLASS_FORMS:
            with self.subTest(form=code):
                documents = self._build(self.class_teacher, code, **self._class_values(self.class_5a, code))
                self.assertEqual(documents[0]["subtitle"][1], "Class: 5А, academic year 2026/2027")
                with self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
                    self._build(self.class_teacher, code, **self._class_values(self.class_5b, code))
        # the digest and the results of a student of his class, not of another class
        for code in ("student_digest", "student_results"):
            with self.subTest(form=code):
                self._build(self.class_teacher, code, **self._student_values(self.student_ivanov, code))
                with self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
                    self._build(self.class_teacher, code, **self._student_values(self.student_petrov, code))
        # school-wide forms are for the administration (the wizard opens on the own class:
        # cleared here to ask for the whole school)
        for code in ("movement", "mark_changes"):
            with self.subTest(form=code), self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
                self._build(
                    self.class_teacher, code, date_from=date(2026, 11, 1), date_to=TODAY, class_id=False
                )
        # and the export goes through the same checks
        rows = self._export(
            self._wizard("marks_summary", self.class_teacher, **self._class_values(self.class_5a, "x"))
        )
        self.assertEqual(rows[0], ["Summary sheet of marks"])
        with self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
            self._wizard(
                "marks_summary", self.class_teacher, **self._class_values(self.class_5b, "x")
            ).action_export_xlsx()

    def test_subject_teacher_builds_no_form(self):
        """ROLE-5: summary forms are not for a subject teacher, not even of the class taught."""
        Service = self.env["school.report.service"].with_user(self.teacher)
        with self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
            self._wizard(
                "marks_summary", self.teacher, class_id=self.class_5b.id, period_id=self.quarter_1.id
            )
        for school_class in (self.class_5a, self.class_5b):
            with self.subTest(cls=school_class.name):
                with self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
                    Service._build_marks_summary(school_class, self.quarter_1)
                with self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
                    Service._build_journal_copy(school_class, self.quarter_1)
                with self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
                    Service._build_final_marks_journal(school_class)
        with self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
            Service._build_movement(date(2026, 11, 1), TODAY)
        with self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
            Service._build_mark_changes(date(2026, 11, 1), TODAY)

    def test_portal_users_cannot_open_the_wizard(self):
        """ROLE-7, ROLE-8, SEC-4: parents and students have no access to the print wizard."""
        for user in (self.user_parent, self.user_student, self.user_portal):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
                    self._digest(self.student_petrova, user)
                with self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
                    self.env["school.report.service"].with_user(user)._build_marks_summary(
                        self.class_5a, self.quarter_1
                    )
