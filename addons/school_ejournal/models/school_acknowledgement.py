from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, ValidationError

ACKNOWLEDGEMENT_KINDS = [
    ("week", "Week of the diary"),
    ("period_mark", "Period marks"),
]


class SchoolAcknowledgement(models.Model):
    """A guardian's "acknowledged" (ознакомлен) of a diary week or of period marks.

    Recorded with its time, never changed afterwards.
    """

    _name = "school.acknowledgement"
    _description = "Guardian Acknowledgement"
    # a record of one student: it belongs to the student's school and goes with the student
    _inherit = ["school.student.record.mixin"]
    _order = "acknowledged_at desc, id desc"
    _check_company_auto = True
    _rec_name = "student_id"

    guardian_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade", readonly=True)
    student_id = fields.Many2one(readonly=True)
    kind = fields.Selection(ACKNOWLEDGEMENT_KINDS, required=True, readonly=True)
    week_start = fields.Date(string="Week of", readonly=True)
    period_id = fields.Many2one(
        "school.period", index=True, ondelete="cascade", readonly=True, check_company=True
    )
    acknowledged_at = fields.Datetime(
        string="Acknowledged on", required=True, readonly=True, default=fields.Datetime.now
    )
    user_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user)
    class_id = fields.Many2one(related="student_id.class_id", store=True, index=True)

    def init(self):
        tools.create_unique_index(
            self.env.cr,
            "school_acknowledgement_unique_idx",
            self._table,
            [
                "guardian_id",
                "student_id",
                "kind",
                "COALESCE(week_start, '1970-01-01')",
                "COALESCE(period_id, 0)",
            ],
        )

    @api.constrains("kind", "week_start", "period_id")
    def _check_subject(self):
        for ack in self:
            if ack.kind == "week" and (not ack.week_start or ack.week_start.weekday() != 0):
                raise ValidationError(_("A week is acknowledged by its Monday."))
            if ack.kind == "period_mark" and not ack.period_id:
                raise ValidationError(_("Period marks are acknowledged for a period."))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # Time and author are the server's, whatever a client sends.
            partner = self.env.user.partner_id
            for vals in vals_list:
                if vals.get("guardian_id", partner.id) != partner.id:
                    raise AccessError(_("A guardian acknowledges only in his or her own name."))
                vals.update(
                    guardian_id=partner.id,
                    acknowledged_at=fields.Datetime.now(),
                    user_id=self.env.uid,
                )
        return super().create(vals_list)

    @api.model
    def _acknowledge(self, student, kind, week_start=False, period=False):
        """The acknowledgement of the current user's partner; created on first call."""
        domain = [
            ("guardian_id", "=", self.env.user.partner_id.id),
            ("student_id", "=", student.id),
            ("kind", "=", kind),
            ("week_start", "=", week_start or False),
            ("period_id", "=", period.id if period else False),
        ]
        existing = self.search(domain, limit=1)
        if existing:
            return existing
        return self.create(
            {
                "guardian_id": self.env.user.partner_id.id,
                "student_id": student.id,
                "kind": kind,
                "week_start": week_start or False,
                "period_id": period.id if period else False,
            }
        )
