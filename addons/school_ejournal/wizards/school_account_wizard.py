from odoo import _, fields, models
from odoo.exceptions import UserError

from ..models import school_access


class SchoolAccountWizard(models.TransientModel):
    """The e-journal administrator creates staff and parent accounts and gives them the
    school's roles, without any technical group of Odoo (ROLE-1, issue 11 item 4). Every
    change goes through the checked account tools of res.users and is logged."""

    _name = "school.account.wizard"
    _description = "School Account"

    mode = fields.Selection(
        [("create", "Create an account"), ("roles", "Change roles")], default="create", required=True
    )
    user_ids = fields.Many2many("res.users", string="Accounts")
    name = fields.Char()
    login = fields.Char()
    email = fields.Char()
    role_ids = fields.Many2many(
        "res.groups",
        string="Roles",
        domain=lambda self: [
            ("category_id", "=", self.env.ref("school_ejournal.module_category_school_ejournal").id)
        ],
    )

    def action_apply(self):
        school_access.check_groups(self.env, school_access.GROUP_ADMIN)
        self.ensure_one()
        if self.mode == "roles":
            if not self.user_ids:
                raise UserError(_("Choose the accounts whose roles change."))
            self.user_ids.school_set_roles(self.role_ids.ids)
            return {"type": "ir.actions.act_window_close"}
        user_id = self.env["res.users"].school_create_account(
            self.name, self.login, self.role_ids.ids, self.email
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.users",
            "res_id": user_id,
            "view_mode": "form",
            "target": "current",
        }
