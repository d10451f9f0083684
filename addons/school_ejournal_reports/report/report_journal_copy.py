from odoo import models


class ReportJournalCopy(models.AbstractModel):
    """The form "Paper copy of the class journal" (REP-9, ARCH-1) as PDF (see school.form.report)."""

    _name = "report.school_ejournal_reports.report_journal_copy"
    _inherit = "school.form.report"
    _description = "Paper copy of the class journal"
    _form_code = "journal_copy"
