from odoo import _, api, models
from odoo.exceptions import UserError

from odoo.addons.school_ejournal.models import school_access


class SchoolFormReport(models.AbstractModel):
    """The common part of the report models of the official forms (REP-12, issue 16 item 9).

    Each form of ``FORM_REGISTRY`` has its own report model,
    ``report.school_ejournal_reports.report_<code>``, deriving from this one and naming its
    form in ``_form_code``. The PDF is bound to the data of the print button (the form's
    parameters), not to the transient wizard: the document is rebuilt here from ``data`` with
    the rights of the user who prints it.
    """

    _name = "school.form.report"
    _description = "School Form Report"

    _form_code = None

    @api.model
    def _get_report_values(self, docids, data=None):
        school_access.check_staff(self.env)
        if not isinstance(data, dict) or not data.get("report_code"):
            # a URL with record ids only: the form's parameters are not in it
            raise UserError(_("Print the form from the print dialog of the reports."))
        # the form is the report's own, whatever the code in the data says
        form = self.env["school.report.wizard"]._from_report_data(dict(data, report_code=self._form_code))
        return {
            "doc_ids": [],
            "doc_model": "school.report.wizard",
            "docs": form,
            "documents": form._get_documents(),
        }
