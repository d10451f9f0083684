from odoo import models


class ReportMovement(models.AbstractModel):
    """The form "Student movement and class sizes" (REP-6) as PDF (see school.form.report)."""

    _name = "report.school_ejournal_reports.report_movement"
    _inherit = "school.form.report"
    _description = "Student movement and class sizes"
    _form_code = "movement"
