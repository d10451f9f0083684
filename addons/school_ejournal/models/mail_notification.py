from odoo import api, models
from odoo.osv import expression

from . import school_access


class MailNotification(models.Model):
    """Notifications of messages on the school's documents and chats (SEC-5, COMM-1).

    Odoo lets every user, portal users included, read every notification: whom a message
    reached (a guardian of another child, named), when it was read, why an e-mail failed.
    The rule ``mail_notification_rule_school`` keeps a notification to its recipient, its
    author and those who read the message's document or chat, and the message itself when
    it is a letter between a family and the school (``mail.message``).
    """

    _name = "mail.notification"
    _inherit = ["school.document.access.mixin", "mail.notification"]

    @api.model
    def _school_readable_domain(self):
        partner = self.env["res.users"].sudo().browse(self.env.uid).partner_id
        return expression.OR(
            [
                [("res_partner_id", "=", partner.id)],
                [("author_id", "=", partner.id)],
                expression.AND(
                    [
                        school_access.readable_documents_domain(
                            self.env,
                            "mail_message_id.model",
                            "mail_message_id.res_id",
                            [*school_access.chatter_models(self.env), "discuss.channel"],
                        ),
                        # a letter between a family and the school, for its parties only
                        [("mail_message_id.school_conversation_readable", "=", True)],
                    ]
                ),
            ]
        )
