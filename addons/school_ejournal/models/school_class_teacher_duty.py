from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

DUTY_KINDS = [
    ("data_check", "Monthly check of students' and parents' data"),
    ("diary_info", "Parents informed about the e-diary's services"),
    ("paper_digest", "Paper digests handed out"),
]


class SchoolClassTeacherDuty(models.Model):
    """A class teacher's recorded duty (issue 14, duty 8): the monthly check of the students'
    and parents' data (P 4.3), informing the parents about the e-diary once per period
    (S class teacher 4), and paper digests handed out weekly or monthly as the school sets
    (P 8.3, S class teacher 3)."""

    _name = "school.class.teacher.duty"
    _description = "Class Teacher's Duty"
    _order = "date desc, id desc"
    _check_company_auto = True

    class_id = fields.Many2one("school.class", required=True, index=True, check_company=True)
    kind = fields.Selection(DUTY_KINDS, string="Duty", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    note = fields.Text(help="What was checked or handed out, to whom.")
    done_by_id = fields.Many2one(
        "res.users", string="Done by", readonly=True, default=lambda self: self.env.user
    )
    company_id = fields.Many2one(related="class_id.company_id", store=True, index=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                vals["done_by_id"] = self.env.uid
        duties = super().create(vals_list)
        if not self.env.su:
            for duty in duties:
                if duty.class_id.sudo().class_teacher_id != self.env.user:
                    raise AccessError(_("Only the class teacher records the duties of the class."))
        return duties

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for duty in self:
            if duty.date > today:
                raise ValidationError(_("A duty is recorded once done, not in advance."))

    @api.model
    def _get_due(self, school_class, today):
        """The duties of the class not yet recorded for the current month, period or digest
        interval: a list of kinds."""
        return self._get_due_by_class(school_class, today)[school_class.id]

    @api.model
    def _get_due_by_class(self, classes, today):
        """{class id: [kinds of the duties not yet recorded]} of ``classes``, with one query
        for their periods and one for their recorded duties (not two per class)."""
        classes = classes.sudo()
        month_start = today.replace(day=1)
        periods = (
            self.env["school.period"]
            .sudo()
            .search(
                [
                    ("year_id", "in", classes.year_id.ids),
                    ("period_type", "in", list(set(classes.mapped("period_scheme")))),
                    ("date_start", "<=", today),
                    ("date_end", ">=", today),
                ]
            )
        )
        since_by_class = {}
        for school_class in classes:
            if school_class.company_id.school_digest_frequency == "monthly":
                digest_start = month_start
            else:
                digest_start = today - timedelta(days=today.weekday())
            since = {"data_check": month_start, "paper_digest": digest_start}
            period = periods.filtered(
                lambda p, c=school_class: p.year_id == c.year_id and p.period_type == c.period_scheme
            )[:1]
            if period:
                since["diary_info"] = period.date_start
            since_by_class[school_class.id] = since
        done = self.sudo().browse()
        if classes:
            oldest = min(min(since.values()) for since in since_by_class.values())
            done = self.sudo().search(
                [("class_id", "in", classes.ids), ("date", ">=", oldest), ("date", "<=", today)]
            )
        return {
            class_id: [
                kind
                for kind, start in since.items()
                if not done.filtered(
                    lambda d, c=class_id, k=kind, s=start: d.class_id.id == c and d.kind == k and d.date >= s
                )
            ]
            for class_id, since in since_by_class.items()
        }
