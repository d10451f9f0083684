from odoo import api, models


class ReportCredentialsNotice(models.AbstractModel):
    """Credentials notice (Appendix 2): printed once from the issuing wizard's data."""

    _name = "report.school_ejournal.report_credentials_notice"
    _description = "Credentials Notice"

    @api.model
    def _get_report_values(self, docids, data=None):
        return {"notices": (data or {}).get("notices", []), "company": self.env.company}
