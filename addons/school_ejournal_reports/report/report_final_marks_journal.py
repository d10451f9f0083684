from odoo import models


class ReportFinalMarksJournal(models.AbstractModel):
    """The form "Final marks journal" (REP-10) as PDF (see school.form.report)."""

    _name = "report.school_ejournal_reports.report_final_marks_journal"
    _inherit = "school.form.report"
    _description = "Final marks journal"
    _form_code = "final_marks_journal"
