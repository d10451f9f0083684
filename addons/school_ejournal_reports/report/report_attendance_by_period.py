from odoo import models


class ReportAttendanceByPeriod(models.AbstractModel):
    """The form "Class attendance by quarter and half" (REP-3) as PDF (see school.form.report)."""

    _name = "report.school_ejournal_reports.report_attendance_by_period"
    _inherit = "school.form.report"
    _description = "Class attendance by quarter and half"
    _form_code = "attendance_by_period"
