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
                "company_id": self._school_company(provider, subject, user).id,
            }
        )

    @api.model
    def _school_company(self, provider, subject, user):
        """The school of the attempt: its account's, else the school of the Gosuslugi account
        linked to that subject (a refused attempt of a known person); none otherwise, and
        then only Odoo's technical administrator reads the attempt (SEC-3)."""
        if user:
            return user.company_id
        if provider and subject:
            identity = (
                self.env["school.oidc.identity"]
                .sudo()
                .with_context(active_test=False)
                .search([("provider_id", "=", provider.id), ("subject", "=", subject)], limit=1)
            )
            return identity.company_id
        return self.env["res.company"]
