from odoo import api, models
from odoo.tools import SQL


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

    def validate_access(self, access_token):
        """A homework file opens by the reader's rights only, never by an access token: the
        e-diary serves it through its own route, which checks the guardian link and the
        student's class at every download, and a token given once would open it for good,
        after the link or the student's place in the class has ended (PORT-1, SEC-3)."""
        if access_token and self._school_homework_files():
            access_token = None
        return super().validate_access(access_token)

    def _check_attachments_access(self, attachment_tokens):
        """As :meth:`validate_access`: a message posted with a homework file's token does
        not take the file (PORT-1, SEC-3)."""
        if attachment_tokens:
            homework = self._school_homework_files()
            attachment_tokens = [
                None if attachment in homework else token
                for attachment, token in zip(self, attachment_tokens)
            ]
        return super()._check_attachments_access(attachment_tokens)

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
