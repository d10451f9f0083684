from datetime import timedelta

from odoo import _, api, fields, models


class SchoolCompromiseNoticeDeadline(models.Model):
    """A compromise notice is handled within one working day, its account blocked within one
    hour (P 3.15, S 4.3; issue 14, duty 6): the notice opens a school deadline, met when the
    notice is confirmed; a block later than the hour is flagged."""

    _inherit = "school.compromise.notice"

    block_deadline = fields.Datetime(
        string="Block by", compute="_compute_block_deadline", store=True, help="One hour after the notice."
    )
    blocked_at = fields.Datetime(string="Blocked on", readonly=True, copy=False)
    blocked_late = fields.Boolean(readonly=True, copy=False)
    deadline_id = fields.Many2one("school.year.deadline", readonly=True, copy=False)

    @api.depends("notice_at")
    def _compute_block_deadline(self):
        for notice in self:
            notice.block_deadline = notice.notice_at and notice.notice_at + timedelta(hours=1)

    @api.model_create_multi
    def create(self, vals_list):
        notices = super().create(vals_list)
        Year = self.env["school.academic.year"].sudo()
        for notice in notices:
            day = fields.Date.context_today(notice, notice.notice_at)
            year = Year.search(
                [
                    ("company_id", "=", notice.company_id.id),
                    ("date_start", "<=", day),
                    ("date_end", ">=", day),
                ],
                limit=1,
            )
            if year:
                notice.sudo().deadline_id = (
                    self.env["school.year.deadline"]
                    .sudo()
                    .create(
                        {
                            "year_id": year.id,
                            "kind": "compromise",
                            "event_date": day,
                            "responsible_id": self.env.uid,
                            "note": notice.name,
                        }
                    )
                )
        return notices

    def action_confirm(self):
        res = super().action_confirm()
        now = fields.Datetime.now()
        for notice in self.sudo():
            notice.write({"blocked_at": now, "blocked_late": now > notice.block_deadline})
            if notice.deadline_id and not notice.deadline_id.done_at:
                notice.deadline_id.write({"done_at": now, "done_by_id": self.env.uid})
            if notice.blocked_late:
                notice.message_post(body=_("The account was blocked later than one hour after the notice."))
        return res
