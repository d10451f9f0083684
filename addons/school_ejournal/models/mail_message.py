from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import SQL

from . import school_access

# the models whose messages are the system's own record (JOUR-7, ARCH-2)
SYSTEM_THREADS = ("school.chain.verification",)

# the exchange between a family and the school on a child's card (COMM-1, P 2.10)
CONVERSATION_MODEL = "school.student"
CONVERSATION_TYPES = ["comment", "email"]


class MailMessage(models.Model):
    """The letters between a family and the school stay between them (SEC-5, P 3.5).

    A guardian or a student writes to the class teacher from the e-diary: the letter goes to
    the child's card. Odoo lets whoever reads a document read its messages: the other
    guardian of the child, the child, and every teacher of the class would read a letter to
    the class teacher. The rule ``mail_message_rule_school_conversation`` keeps a letter
    (a comment or an e-mail that is not an internal note) on a child's card to its author,
    its recipients, the class teacher of the child's class, who keeps the correspondence with
    the family (P 4.3, S class teacher 2, 17), and the director and deputy director, who
    take part in it (S deputy 6) and control the school's work.

    The messages of an integrity verification run are the system's record of it: Odoo lets
    every recipient of a message write it, so the administrators told of a failed run could
    rewrite what it found; nobody but the system writes or deletes them (JOUR-7, ARCH-2).
    Likewise the tracked changes of a school record (a lesson's topic, a student's class): Odoo
    lets whoever writes the record delete or rewrite its messages, and with them the history
    of its changes in the chatter; only the system does (JOUR-7).
    """

    _inherit = "mail.message"

    def write(self, vals):
        self._school_check_system_record()
        return super().write(vals)

    def unlink(self):
        self._school_check_system_record()
        return super().unlink()

    def _school_check_system_record(self):
        if self.env.su:
            return
        messages = self.sudo()
        if any(message.model in SYSTEM_THREADS for message in messages):
            raise AccessError(_("The record of an integrity verification is written by the system only."))
        if any(
            message.model and message.model.startswith("school.") and message.tracking_value_ids
            for message in messages
        ):
            raise AccessError(_("The history of changes of a school record is written by the system only."))

    school_conversation_readable = fields.Boolean(
        compute="_compute_school_conversation_readable",
        search="_search_school_conversation_readable",
        string="Letter Readable (School)",
    )

    def _compute_school_conversation_readable(self):
        readable = self.search([("id", "in", self.ids), ("school_conversation_readable", "=", True)])
        for message in self:
            message.school_conversation_readable = message in readable

    def _search_school_conversation_readable(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError("Unsupported search on the readability of a letter.")
        domain = self._school_conversation_domain()
        return domain if (operator == "=") == value else [expression.NOT_OPERATOR, *domain]

    @api.model
    def _school_conversation_domain(self):
        """The messages the current user reads (the rule is evaluated as superuser)."""
        env = self.env(su=False)
        if school_access.in_groups(env, school_access.GROUP_DIRECTOR, school_access.GROUP_DEPUTY):
            return expression.TRUE_DOMAIN
        partner_id = self.env["res.users"].sudo().browse(self.env.uid).partner_id.id
        own_students = SQL(
            """(SELECT s.id FROM school_student AS s
                  JOIN school_class AS c ON c.id = s.class_id
                 WHERE c.class_teacher_id = %s)""",
            self.env.uid,
        )
        return expression.OR(
            [
                [("model", "=", False)],
                [("model", "!=", CONVERSATION_MODEL)],
                [("message_type", "not in", CONVERSATION_TYPES)],
                [("is_internal", "=", True)],
                [("subtype_id.internal", "=", True)],
                [("author_id", "=", partner_id)],
                [("partner_ids", "in", [partner_id])],
                [("notification_ids.res_partner_id", "=", partner_id)],
                [("res_id", "in", own_students)],
            ]
        )
