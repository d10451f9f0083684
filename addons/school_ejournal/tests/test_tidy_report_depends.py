"""The SQL-view reports by class and by teaching assignment name each field they depend on
once, as before the class columns moved to their mixin (issue 16)."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTidyReportDepends(TransactionCase):
    def test_report_depends_without_duplicates(self):
        for name in (
            "school.class.report.mixin",
            "school.assignment.report.mixin",
            "school.control.report",
            "school.plan.coverage.report",
            "school.class.completeness",
            "school.portal.activity.report",
        ):
            for model, fnames in type(self.env[name])._depends.items():
                with self.subTest(report=name, model=model):
                    self.assertEqual(len(fnames), len(set(fnames)), fnames)
        # the same fields as before: the class's own and those of the class columns
        self.assertEqual(
            set(type(self.env["school.control.report"])._depends["school.class"]),
            {"active", "year_id", "grade", "company_id", "class_teacher_id", "period_scheme"},
        )
