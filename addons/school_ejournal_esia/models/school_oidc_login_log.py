from odoo import api, fields, models


class SchoolOidcLoginLog(models.Model):
    """Every sign-in attempt through an OpenID Connect provider, refused ones included (issue 17)."""

    _name = "school.oidc.login.log"
    _description = "Gosuslugi Sign-in Log"
    _order = "id desc"

    provider_id = fields.Many2one("auth.oauth.provider", readonly=True, ondelete="set null")
    subject = fields.Char(string="Subject ID", readonly=True)
    user_id = fields.Many2one("res.users", string="Account", readonly=True, ondelete="set null", index=True)
    outcome = fields.Selection(
        [("success", "Signed in"), ("linked", "Linked and signed in"), ("refused", "Refused")],
        required=True,
        readonly=True,
    )
    reason = fields.Char(readonly=True)
    remote_addr = fields.Char(string="IP Address", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)

    @api.model
    def _record(self, outcome, reason="", provider=None, subject="", user=None, remote_addr=""):
        return self.sudo().create(
            {
                "provider_id": provider.id if provider else False,
                "subject": (subject or "")[:255],
                "user_id": user.id if user else False,
                "outcome": outcome,
                "reason": (reason or "")[:500],
                "remote_addr": remote_addr,
                "company_id": user.company_id.id if user else False,
            }
        )
