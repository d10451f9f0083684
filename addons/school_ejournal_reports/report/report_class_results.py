from odoo import models


class ReportClassResults(models.AbstractModel):
    """The form "Results of the class" (REP-5) as PDF (see school.form.report)."""

    _name = "report.school_ejournal_reports.report_class_results"
    _inherit = "school.form.report"
    _description = "Results of the class"
    _form_code = "class_results"
