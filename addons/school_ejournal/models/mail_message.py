from odoo import _, models
from odoo.exceptions import AccessError

# the models whose messages are the system's own record (JOUR-7, ARCH-2)
SYSTEM_THREADS = ("school.chain.verification",)


class MailMessage(models.Model):
    """The messages of an integrity verification run are the system's record of it: Odoo lets
    every recipient of a message write it, so the administrators told of a failed run could
    rewrite what it found; nobody but the system writes or deletes them (JOUR-7, ARCH-2)."""

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
        if any(message.model in SYSTEM_THREADS for message in self.sudo()):
            raise AccessError(_("The record of an integrity verification is written by the system only."))
