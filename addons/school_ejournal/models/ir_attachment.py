from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import SQL

from .mail_message import CONVERSATION_MODEL, CONVERSATION_TYPES


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _school_homework_files(self):
        """These attachments that are homework files of lessons."""
        if not self.ids:
            return self.browse()
        # which of these files are homework, whoever may read the lessons
        field = self.env["school.lesson"]._fields["homework_attachment_ids"]
        self.env["school.lesson"].flush_model([field.name])
        rows = self.env.execute_query(
            SQL(
                "SELECT DISTINCT %s FROM %s WHERE %s IN %s",
                SQL.identifier(field.column2),
                SQL.identifier(field.relation),
                SQL.identifier(field.column2),
                tuple(self.ids),
            )
        )
        return self.browse([row[0] for row in rows])

    def _school_token_refused(self):
        """These attachments whose access tokens open nothing for the user: the lessons'
        homework files, which the e-diary serves through its own route, and the files of a
        school record (a message's file on a child's card, given a token by the portal's
        chatter) that the user may not read now. A token given once would otherwise open the
        file for good, to anybody who holds it, after the guardian link or the student's
        place in the class has ended (PORT-1, SEC-3, ROLE-8)."""
        refused = self._school_homework_files()
        others = self - refused
        if not others:
            return refused
        # the record each file belongs to, whoever may read the files; by SQL: the ORM would
        # prefetch the files' other fields into the cache, which the download then reads
        # without any check of the user's rights
        self.flush_model(["res_model", "res_id"])
        rows = self.env.execute_query(
            SQL(
                "SELECT id, res_model, res_id FROM ir_attachment WHERE id IN %s AND res_model LIKE %s",
                tuple(others.ids),
                "school.%",
            )
        )
        for attachment_id, res_model, res_id in rows:
            if res_model not in self.env:
                continue
            record = self.env[res_model].browse(res_id).exists() if res_id else None
            if not record or not record.has_access("read"):
                refused |= self.browse(attachment_id)
        return refused

    def validate_access(self, access_token):
        """No token opens a file :meth:`_school_token_refused` names: the user's own rights
        decide (the e-diary serves the homework files through its own route)."""
        if access_token and self._school_token_refused():
            access_token = None
        return super().validate_access(access_token)

    def _check_attachments_access(self, attachment_tokens):
        """As :meth:`validate_access`: a message posted with the token of such a file does not
        take the file (PORT-1, SEC-3)."""
        if attachment_tokens:
            refused = self._school_token_refused()
            attachment_tokens = [
                None if attachment in refused else token for attachment, token in zip(self, attachment_tokens)
            ]
        return super()._check_attachments_access(attachment_tokens)

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

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get("public") and str(vals.get("res_model") or "").startswith("school.")
            for vals in vals_list
        ):
            self._school_refuse_public()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and (vals.get("public") or "res_model" in vals):
            # sudo: whether these files are public and of which record, whoever may read them
            for attachment in self.sudo():
                public = vals["public"] if "public" in vals else attachment.public
                res_model = vals["res_model"] if "res_model" in vals else attachment.res_model
                if public and str(res_model or "").startswith("school."):
                    self._school_refuse_public()
        return super().write(vals)

    @api.model
    def _school_refuse_public(self):
        """A file of a school record is never public: a public file is served to anybody who
        knows its id, signed in or not, past the rules of its record; a lesson's homework file,
        a child's card's file or a letter's would reach whoever guesses its number (SEC-3,
        SEC-5, PORT-1). The system's own files are made as superuser."""
        raise AccessError(_("A file of a school record cannot be made public."))

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
