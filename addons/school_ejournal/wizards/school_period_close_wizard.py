from odoo import _, api, fields, models

from ..models import school_access


class SchoolPeriodCloseWizard(models.TransientModel):
    """Close reporting periods for edits, after a look at what is still missing (ROLE-1, P 4.1).

    The administrator sees, per period, how many period marks are still missing and how many
    were set late (from the control report) before confirming. Closing refuses every edit of
    the journal and of the period marks of these periods (JOUR-8) until they are reopened.
    """

    _name = "school.period.close.wizard"
    _description = "Close Periods"

    period_ids = fields.Many2many(
        "school.period",
        string="Periods",
        required=True,
        default=lambda self: self._default_period_ids(),
    )
    summary = fields.Html(compute="_compute_summary", sanitize=False, readonly=True)

    @api.model
    def _default_period_ids(self):
        if self.env.context.get("active_model") == "school.period":
            return (
                self.env["school.period"]
                .browse(self.env.context.get("active_ids", []))
                .filtered(lambda p: not p.is_closed)
            )
        return self.env["school.period"]

    @api.depends("period_ids")
    def _compute_summary(self):
        for wizard in self:
            periods = wizard.period_ids._origin
            groups = (
                self.env["school.control.report"]
                .sudo()
                ._read_group(
                    [("period_id", "in", periods.ids)],
                    ["period_id"],
                    ["period_mark_count:sum", "period_mark_missing_count:sum", "late_period_mark_count:sum"],
                )
            )
            figures = {period: values for period, *values in groups}
            wizard.summary = self.env["ir.qweb"]._render(
                "school_ejournal.school_period_close_wizard_summary",
                {
                    "rows": [
                        dict(
                            zip(
                                ("period", "set", "missing", "late"),
                                (period.display_name, *figures.get(period, (0, 0, 0))),
                            )
                        )
                        for period in periods
                    ]
                },
            )

    def action_confirm(self):
        school_access.check_groups(self.env, school_access.GROUP_ADMIN)
        self.ensure_one()
        self.period_ids.action_close()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Periods closed"),
                "message": _("Closed for edits: %s", ", ".join(self.period_ids.mapped("display_name"))),
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
