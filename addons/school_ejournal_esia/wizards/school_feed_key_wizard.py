from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.school_ejournal.wizards.school_wizard_actions import reopen_action

from ..models.school_feed import API_KEY_SCOPE


class SchoolFeedKeyWizard(models.TransientModel):
    """The e-journal administrator (ROLE-1) issues an API key of the state portal feed (issue 17).

    The key belongs to a feed account of the administrator's school (created here when
    needed): a user with the feed group only, no password, no interface. The key is limited
    to the feed (scope ``school_ejournal_feed``): it opens no RPC session. It is shown once.
    """

    _name = "school.feed.key.wizard"
    _description = "State Portal Feed Key"

    account_name = fields.Char(string="Portal System", required=True, default="Региональный портал")
    user_id = fields.Many2one(
        "res.users",
        string="Feed Account",
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("school_ejournal_esia.group_school_feed").id),
            ("company_id", "=", self.env.company.id),
        ],
        help="Leave empty to create a new feed account of the school.",
    )
    key = fields.Char(readonly=True)

    @api.model
    def _check_admin(self):
        if not self.env.user.has_group("school_ejournal.group_school_admin"):
            raise AccessError(_("Only the e-journal administrator may issue feed keys."))

    def action_generate(self):
        self.ensure_one()
        self._check_admin()
        company = self.env.company
        feed_group = self.env.ref("school_ejournal_esia.group_school_feed")
        user = self.user_id.sudo()
        if user and (user.company_id != company or feed_group not in user.groups_id):
            raise UserError(_("The feed account must belong to your school and to the feed group."))
        if not user:
            login = f"feed-{company.id}-{fields.Datetime.now().strftime('%Y%m%d%H%M%S')}"
            user = (
                self.env["res.users"]
                .sudo()
                .with_context(no_reset_password=True)
                .create(
                    {
                        "name": self.account_name,
                        "login": login,
                        "company_id": company.id,
                        "company_ids": [Command.set(company.ids)],
                        "groups_id": [Command.set(feed_group.ids)],
                    }
                )
            )
        key = (
            self.env["res.users.apikeys"]
            .with_user(user)
            .sudo()
            ._generate(API_KEY_SCOPE, self.account_name, None)
        )
        self.write({"user_id": user.id, "key": key})
        return reopen_action(self)
