from odoo import models


class ReportMarksSummary(models.AbstractModel):
    """The form "Summary sheet of marks" (REP-1) as PDF (see school.form.report)."""

    _name = "report.school_ejournal_reports.report_marks_summary"
    _inherit = "school.form.report"
    _description = "Summary sheet of marks"
    _form_code = "marks_summary"
