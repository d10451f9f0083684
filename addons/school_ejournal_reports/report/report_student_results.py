from odoo import models


class ReportStudentResults(models.AbstractModel):
    """The form "Results of a student" (REP-5) as PDF (see school.form.report)."""

    _name = "report.school_ejournal_reports.report_student_results"
    _inherit = "school.form.report"
    _description = "Results of a student"
    _form_code = "student_results"
