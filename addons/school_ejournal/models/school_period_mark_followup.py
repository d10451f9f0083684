from odoo import models


class SchoolPeriodMarkFollowup(models.Model):
    """A "2" or "not attested" period mark opens a follow-up (P 4.4)."""

    _inherit = "school.period.mark"

    def _stamp_set(self):
        res = super()._stamp_set()
        self.env["school.followup"]._sync_period_marks(self)
        return res

    def write(self, vals):
        res = super().write(vals)
        if {"value", "is_attested"} & set(vals):
            self.env["school.followup"]._sync_period_marks(self)
        return res
