from odoo import models


class ReportAttendanceSummary(models.AbstractModel):
    """The form "Summary sheet of attendance" (REP-2) as PDF (see school.form.report)."""

    _name = "report.school_ejournal_reports.report_attendance_summary"
    _inherit = "school.form.report"
    _description = "Summary sheet of attendance"
    _form_code = "attendance_summary"
