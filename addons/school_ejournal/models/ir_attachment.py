from odoo import models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def write(self, vals):
        self._check_homework_journal_open()
        return super().write(vals)

    def unlink(self):
        self._check_homework_journal_open()
        return super().unlink()

    def _check_homework_journal_open(self):
        """A lesson's homework file is changed or deleted only while the lesson's homework may
        be: never in a closed period, nor once the period marks of its class and subject are
        set (JOUR-8, P 4.1, S 5.2); the lesson's write checks the files it links or unlinks."""
        if self.env.su or not self.ids:
            return
        # sudo: the lessons whose homework holds these files, whoever may read them
        lessons = self.env["school.lesson"].sudo().search([("homework_attachment_ids", "in", self.ids)])
        lessons.with_env(self.env)._check_journal_open()
