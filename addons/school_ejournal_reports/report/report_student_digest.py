from odoo import models


class ReportStudentDigest(models.AbstractModel):
    """The form "Student's digest" (REP-7) as PDF (see school.form.report)."""

    _name = "report.school_ejournal_reports.report_student_digest"
    _inherit = "school.form.report"
    _description = "Student's digest"
    _form_code = "student_digest"
