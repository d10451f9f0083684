from odoo import fields, models
from odoo.osv import expression

from . import school_access


class MailNotification(models.Model):
    """Notifications of messages on the school's documents and chats (SEC-5, COMM-1).

    Odoo lets every user, portal users included, read every notification: whom a message
    reached (a guardian of another child, named), when it was read, why an e-mail failed.
    The rule ``mail_notification_rule_school`` keeps a notification to its recipient, its
    author and those who read the message's document or chat.
    """

    _inherit = "mail.notification"

    school_readable = fields.Boolean(
        compute="_compute_school_readable",
        search="_search_school_readable",
        string="Message Readable (School)",
    )

    def _compute_school_readable(self):
        readable = self.search([("id", "in", self.ids), ("school_readable", "=", True)])
        for notification in self:
            notification.school_readable = notification in readable

    def _search_school_readable(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError("Unsupported search on the readability of notified messages.")
        partner = self.env["res.users"].sudo().browse(self.env.uid).partner_id
        domain = expression.OR(
            [
                [("res_partner_id", "=", partner.id)],
                [("author_id", "=", partner.id)],
                school_access.readable_documents_domain(
                    self.env,
                    "mail_message_id.model",
                    "mail_message_id.res_id",
                    [*school_access.chatter_models(self.env), "discuss.channel"],
                ),
            ]
        )
        return domain if (operator == "=") == value else [expression.NOT_OPERATOR, *domain]
