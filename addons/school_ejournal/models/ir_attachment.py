from odoo import api, models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

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
