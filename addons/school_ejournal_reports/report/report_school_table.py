from odoo import api, models

from odoo.addons.school_ejournal.models import school_access


class ReportSchoolForm(models.AbstractModel):
    """PDF of an official form: the document of the form's parameters rendered by QWeb (REP-12)."""

    _name = "report.school_ejournal_reports.report_school_form"
    _description = "School Form (PDF)"

    @api.model
    def _get_report_values(self, docids, data=None):
        """The document of the form named in ``data`` (the print button's), built with the
        user's rights; forms still printed from wizard records by ``docids`` keep working."""
        if data and data.get("report_code"):
            school_access.check_staff(self.env)
            form = self.env["school.report.wizard"]._from_report_data(data)
            return {
                "doc_ids": [],
                "doc_model": "school.report.wizard",
                "docs": form,
                "documents": form._get_documents(),
            }
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
