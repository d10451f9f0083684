from odoo import models


class ReportMarkChanges(models.AbstractModel):
    """The form "Mark change report" (REP-8) as PDF (see school.form.report)."""

    _name = "report.school_ejournal_reports.report_mark_changes"
    _inherit = "school.form.report"
    _description = "Mark change report"
    _form_code = "mark_changes"
