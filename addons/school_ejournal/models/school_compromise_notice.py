from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import school_access


class SchoolCompromiseNotice(models.Model):
    """Credentials compromise notice (SEC-2, P 3.15-3.16, S 4.3-4.4, Appendix 1).

    On confirmation the account is blocked and its password reset; every operation of that
    account in the change log after the notice time is flagged invalid and listed in the act.

    A notice is handled within one working day, its account blocked within one hour (P 3.15,
    S 4.3; issue 14, duty 6): the notice opens a school deadline, met when the notice is
    confirmed; a block later than the hour is flagged.
    """

    _name = "school.compromise.notice"
    _description = "Credentials Compromise Notice"
    _inherit = ["school.numbered.document.mixin"]
    _order = "notice_at desc, id desc"
    _check_company_auto = True

    user_id = fields.Many2one("res.users", string="Account", required=True, index=True, tracking=True)
    reported_by = fields.Char(string="Reported by", required=True, help="Who filed the notice.")
    discovered_at = fields.Datetime(string="Discovered on", required=True, default=fields.Datetime.now)
    notice_at = fields.Datetime(
        string="Notice Time",
        required=True,
        default=fields.Datetime.now,
        help="Operations of the account from this time on are invalid.",
    )
    description = fields.Text(string="Circumstances")
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Account blocked")], default="draft", required=True, tracking=True
    )
    invalid_log_ids = fields.Many2many(
        "school.journal.log", string="Invalid Operations", compute="_compute_invalid_log_ids"
    )
    invalid_count = fields.Integer(compute="_compute_invalid_log_ids", string="Invalid Operations Count")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
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

    @api.depends("user_id", "notice_at", "state")
    def _compute_invalid_log_ids(self):
        Log = self.env["school.journal.log"].sudo()
        for notice in self:
            logs = (
                Log.search(
                    [("user_id", "=", notice.user_id.id), ("logged_at", ">=", notice.notice_at)],
                    order="sequence",
                )
                if notice.user_id and notice.notice_at
                else Log
            )
            notice.invalid_log_ids = logs
            notice.invalid_count = len(logs)

    @api.constrains("discovered_at", "notice_at")
    def _check_dates(self):
        for notice in self:
            if notice.notice_at < notice.discovered_at:
                raise ValidationError(_("The notice cannot come before the compromise was discovered."))

    @api.model_create_multi
    def create(self, vals_list):
        notices = super().create(vals_list)
        Year = self.env["school.academic.year"].sudo()
        Deadline = self.env["school.year.deadline"].sudo()
        for notice in notices:
            # the school deadline of handling the notice (P 3.15, S 4.3)
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
                notice.sudo().deadline_id = Deadline.create(
                    {
                        "year_id": year.id,
                        "kind": "compromise",
                        "event_date": day,
                        "responsible_id": self.env.uid,
                        "note": notice.name,
                    }
                )
        return notices

    def _document_name(self):
        return _("Compromise notice No. %s", self.id)

    def action_confirm(self):
        """Block the account, reset its password and flag its later operations (SEC-2)."""
        school_access.check_groups(self.env, school_access.GROUP_ADMIN)
        if not self.env.user.has_group("school_ejournal.group_school_admin"):
            raise UserError(_("Only the e-journal administrator handles compromise notices."))
        for notice in self:
            if notice.state != "draft":
                raise UserError(_("The notice was already confirmed."))
            user = notice.user_id.sudo()
            if user.id == self.env.uid:
                raise UserError(_("You cannot block your own account."))
            since = min(filter(None, [user.school_compromised_since, notice.notice_at]))
            user._school_set_temporary_password(reinstate=False)
            user.write({"school_compromised_since": since, "active": False})
            self.env["school.journal.log"].sudo()._flag_invalid(user, notice.notice_at)
            notice.state = "confirmed"
        # the deadlines of P 3.15, S 4.3: blocked within the hour, handled within the day
        now = fields.Datetime.now()
        for notice in self.sudo():
            notice.write({"blocked_at": now, "blocked_late": now > notice.block_deadline})
            if notice.deadline_id and not notice.deadline_id.done_at:
                notice.deadline_id.write({"done_at": now, "done_by_id": self.env.uid})
            if notice.blocked_late:
                notice.message_post(body=_("The account was blocked later than one hour after the notice."))
        return True

    def action_print_act(self):
        school_access.check_staff(self.env)
        self.check_access("read")
        return self.env.ref("school_ejournal.action_report_compromise_act").report_action(self)
