from odoo import models
from odoo.exceptions import UserError


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _school_check_files_change(self, mode):
        """An archived journal copy is signed into the school's chain with its entry and never
        changes (ARCH-1..3): the e-journal administrator, who may write archive entries, must
        not replace, detach or delete its file through the file's own routes either."""
        res = super()._school_check_files_change(mode)
        # sudo: whether these files are archived copies, whoever may read the register
        entries = self.env["school.archive.entry"].sudo().search([("attachment_id", "in", self.ids)], limit=1)
        if entries:
            raise UserError(entries._chain_refusal("write" if mode == "write" else "unlink"))
        return res
