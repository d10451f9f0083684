from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from . import school_access
from .school_workflow import workflow_state


class SchoolInspection(models.Model):
    """The deputy director's inspection of a class's journal (P 7.3; issue 14, duty 9).

    The deputy records the subject checked, the findings and the deadline for the fixes; the
    teacher receives an activity and acknowledges; the deputy closes the inspection once the
    findings are fixed. Open findings are listed among the control reports.
    """

    _name = "school.inspection"
    _description = "Journal Inspection"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    class_id = fields.Many2one("school.class", required=True, index=True, check_company=True)
    subject_id = fields.Many2one("school.subject", check_company=True, help="Empty: the whole journal.")
    teacher_id = fields.Many2one("res.users", required=True, index=True, domain=[("share", "=", False)])
    inspector_id = fields.Many2one(
        "res.users", string="Inspected by", readonly=True, default=lambda self: self.env.user
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    findings = fields.Text(required=True, tracking=True)
    fix_deadline = fields.Date(string="Fix by", required=True, tracking=True)
    state = workflow_state(
        [("sent", "Sent to the Teacher"), ("acknowledged", "Acknowledged"), ("closed", "Fixed")],
        "sent",
    )
    acknowledged_at = fields.Datetime(readonly=True)
    closed_at = fields.Datetime(string="Fixed on", readonly=True)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    company_id = fields.Many2one(related="class_id.company_id", store=True, index=True)

    def _compute_display_name(self):
        for inspection in self:
            inspection.display_name = _(
                "Inspection of %(class)s, %(date)s",
                **{
                    "class": inspection.class_id.name or "",
                    "date": format_date(self.env, inspection.date),
                },
            )

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for inspection in self:
            inspection.is_overdue = inspection.state != "closed" and inspection.fix_deadline < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on overdue inspections."))
        domain = [("state", "!=", "closed"), ("fix_deadline", "<", fields.Date.context_today(self))]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.constrains("date", "fix_deadline", "findings")
    def _check_dates(self):
        for inspection in self:
            if inspection.fix_deadline < inspection.date:
                raise ValidationError(_("The deadline for the fixes is before the inspection."))
            if not (inspection.findings or "").strip():
                raise ValidationError(_("Write the findings of the inspection."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not self.env.su:
                vals.update(state="sent", inspector_id=self.env.uid)
        inspections = super().create(vals_list)
        for inspection in inspections:
            inspection.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=inspection.fix_deadline,
                user_id=inspection.teacher_id.id,
                summary=_("Fix the findings of the journal inspection"),
                note=inspection.findings,
            )
        return inspections

    def write(self, vals):
        if not self.env.su and {"state", "inspector_id", "acknowledged_at", "closed_at"} & set(vals):
            raise UserError(_("The state of an inspection changes with its buttons."))
        return super().write(vals)

    def action_acknowledge(self):
        """The teacher acknowledges the findings."""
        school_access.check_groups(self.env, school_access.GROUP_TEACHER)
        self.check_access("read")
        for inspection in self:
            if inspection.teacher_id != self.env.user:
                raise AccessError(_("Only the inspected teacher acknowledges the findings."))
            if inspection.state != "sent":
                raise UserError(_("The findings were already acknowledged."))
        self.sudo().write({"state": "acknowledged", "acknowledged_at": fields.Datetime.now()})

    def action_close(self):
        """The deputy records that the findings were fixed."""
        self.check_access("write")
        if self.filtered(lambda i: i.state == "closed"):
            raise UserError(_("The inspection is already closed."))
        self.sudo().write({"state": "closed", "closed_at": fields.Datetime.now()})
        self.sudo().activity_ids.action_feedback(feedback=_("Fixed"))
