from odoo import fields, models
from odoo.tools import SQL


class SchoolMark(models.Model):
    """New marks are e-mailed to the guardians in batches (PORT-3)."""

    _inherit = "school.mark"

    guardians_notified = fields.Boolean(
        readonly=True,
        copy=False,
        index=True,
        help="Set once the mark was taken into the guardians' new-marks notifications.",
    )

    def _set_guardians_notified(self):
        """Flag the marks as handled by the notification cron.

        A technical flag: it bypasses the journal's write checks (edit window, closed
        periods) and its change log, which guard the marks' values, not this flag.
        """
        if not self:
            return
        self.env.cr.execute(
            SQL(
                "UPDATE school_mark SET guardians_notified = TRUE WHERE id IN %s",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["guardians_notified"])
