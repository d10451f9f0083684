from odoo import api, fields, models

ACCOUNT_ACTIONS = [
    ("create", "Account created"),
    ("roles", "Roles changed"),
    ("deactivate", "Account deactivated"),
    ("activate", "Account reactivated"),
    ("password", "Temporary password issued"),
    ("settings", "School settings changed"),
]


class SchoolAccountLog(models.Model):
    """What the e-journal administrator did to accounts and settings, and when (ROLE-1,
    SEC-1). Written by the account tools themselves, never by a user."""

    _name = "school.account.log"
    _description = "Account Administration Log"
    _order = "create_date desc, id desc"

    actor_id = fields.Many2one("res.users", string="Who", required=True, readonly=True, index=True)
    user_id = fields.Many2one("res.users", string="Account", readonly=True, index=True, ondelete="set null")
    action = fields.Selection(ACCOUNT_ACTIONS, required=True, readonly=True)
    details = fields.Char(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)

    @api.model
    def _log(self, action, users=None, details=""):
        # sudo: the log is written by the account tools after their own checks
        self.sudo().create(
            [
                {
                    "actor_id": self.env.uid,
                    "user_id": user_id,
                    "action": action,
                    "details": details,
                    "company_id": self.env.company.id,
                }
                for user_id in (users.ids if users else [False])
            ]
        )
