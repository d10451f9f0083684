from odoo import models


class ReportFinalData(models.AbstractModel):
    """The form "Final data per student" (REP-6) as PDF (see school.form.report)."""

    _name = "report.school_ejournal_reports.report_final_data"
    _inherit = "school.form.report"
    _description = "Final data per student"
    _form_code = "final_data"
