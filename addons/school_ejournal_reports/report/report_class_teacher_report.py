from odoo import models


class ReportClassTeacherReport(models.AbstractModel):
    """The form "Class teacher's report" (REP-4) as PDF (see school.form.report)."""

    _name = "report.school_ejournal_reports.report_class_teacher_report"
    _inherit = "school.form.report"
    _description = "Class teacher's report"
    _form_code = "class_teacher_report"
