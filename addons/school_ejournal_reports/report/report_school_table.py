from odoo import api, models


class ReportSchoolForm(models.AbstractModel):
    """PDF of an official form: the wizard's document rendered by QWeb (REP-12)."""

    _name = "report.school_ejournal_reports.report_school_form"
    _description = "School Form (PDF)"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["school.report.wizard"].browse(docids)
        documents = []
        for wizard in wizards:
            documents += wizard._get_documents()
        return {
            "doc_ids": docids,
            "doc_model": "school.report.wizard",
            "docs": wizards,
            "documents": documents,
        }
