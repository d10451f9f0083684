from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

from .mail_message import CONVERSATION_MODEL, CONVERSATION_TYPES


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    # SEC-5, P 3.5: the files of a letter between a family and the school, for its parties
    # (rule ``ir_attachment_rule_school_letter``); Odoo gives them to whoever reads the
    # child's card they are attached to
    school_letter_readable = fields.Boolean(
        compute="_compute_school_letter_readable",
        search="_search_school_letter_readable",
        string="Letter's File Readable (School)",
    )

    def _compute_school_letter_readable(self):
        readable = self.search([("id", "in", self.ids), ("school_letter_readable", "=", True)])
        for attachment in self:
            attachment.school_letter_readable = attachment in readable

    def _search_school_letter_readable(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError("Unsupported search on the readability of a letter's file.")
        # sudo: the letters on a child's card the user does not read (the rule evaluated for
        # the user, see mail.message._school_conversation_domain)
        hidden_letters = (
            self.env["mail.message"]
            .sudo()
            ._search(
                [
                    ("model", "=", CONVERSATION_MODEL),
                    ("message_type", "in", CONVERSATION_TYPES),
                    ("attachment_ids", "!=", False),
                    ("school_conversation_readable", "=", False),
                ]
            )
        )
        hidden = SQL(
            "(SELECT r.attachment_id FROM message_attachment_rel AS r WHERE r.message_id IN %s)",
            hidden_letters.subselect(),
        )
        domain = [("id", "not in", hidden)]
        return domain if (operator == "=") == value else [expression.NOT_OPERATOR, *domain]

    @api.model
    def check(self, mode, values=None):
        res = super().check(mode, values=values)
        if mode in ("write", "unlink") and self and not self.env.su:
            self._school_check_files_change(mode)
        return res

    def _school_check_files_change(self, mode):
        """Refuse ``mode`` ("write" or "unlink") of these files where they are the content of
        a school record whose own rules refuse that change; the addons add their records."""
        return self._school_check_homework_files_change()

    def _school_check_homework_files_change(self):
        """A lesson's homework files are its homework, published to the families (PORT-1):
        changing or deleting one changes the lesson, under the lesson's own rules. Odoo asks
        only for the right to write the record a file is attached to, and the chatter's
        ``/mail/attachment/delete`` or the ORM's ``write`` and ``unlink`` of the file would let
        the deputy change a teacher's homework (ROLE-3: through a correction request only) and
        a teacher change it in a closed period or after the period marks (JOUR-8)."""
        # sudo: the lessons whose homework these files are, whoever may read them
        lessons = (
            self.env["school.lesson"]
            .sudo()
            .with_context(active_test=False)
            .search([("homework_attachment_ids", "in", self.ids)])
            .sudo(False)
        )
        if lessons:
            lessons.check_access("write")
            lessons._check_manager_fields({"homework_attachment_ids": True})
            # a closed period, or the period marks of the lesson's class and subject set (JOUR-8)
            lessons._check_journal_open()
