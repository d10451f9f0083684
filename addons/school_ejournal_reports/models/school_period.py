from odoo import _, models
from odoo.exceptions import AccessError

from odoo.addons.school_ejournal.models import school_access


class SchoolPeriod(models.Model):
    _inherit = "school.period"

    def action_close(self):
        """Closing a period also archives its journals (ARCH-1, P 4.1)."""
        res = super().action_close()
        self.env.ref("school_ejournal_reports.ir_cron_school_archive").sudo()._trigger()
        return res

    def action_archive_journals(self):
        """Archive every class's journal of the period now (ROLE-1)."""
        school_access.check_staff(self.env)
        if not self.env.user.has_group("school_ejournal.group_school_admin"):
            raise AccessError(_("Only the e-journal administrator archives the journals."))
        # the caller's own right to these exact periods (their school) before any sudo
        self.check_access("read")
        entries = self.env["school.archive.entry"].sudo().browse()
        for period in self:
            entries |= self.env["school.archive.entry"].sudo()._archive_period(period)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Archive"),
                "message": _("%s journal copies archived.", len(entries)),
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
