from odoo import api, models

from ..models import school_access


class ReportCredentialsNotice(models.AbstractModel):
    """Credentials notice (Appendix 2): printed once from the issuing wizard's data."""

    _name = "report.school_ejournal.report_credentials_notice"
    _description = "Credentials Notice"

    @api.model
    def _get_report_values(self, docids, data=None):
        # the notice is the form of those who issue credentials (SEC-1, REP-11): the data
        # come from the URL, nobody else prints the school's notice with a text of his own
        school_access.check_groups(self.env, school_access.GROUP_ADMIN, school_access.GROUP_CLASS_TEACHER)
        return {"notices": (data or {}).get("notices", []), "company": self.env.company}
