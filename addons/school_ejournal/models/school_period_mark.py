import math
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL



class SchoolPeriodMark(models.Model):
    """Period mark of a student in a subject: quarter, half, year, exam, final (FINAL-1..3).

    Beside the mark actually set it keeps the weighted average and the mark the grading
    policy proposes, so that every final mark can be justified. Once the period marks of a
    class and subject are set, the teacher's journal for that period is closed (JOUR-8).
    """

    _name = "school.period.mark"
    _description = "Period Mark"
    _inherit = ["mail.thread"]
    _order = "period_id, class_id, subject_id, student_id"
    _check_company_auto = True

    student_id = fields.Many2one("school.student", string="Student", required=True, index=True, ondelete="restrict")
    subject_id = fields.Many2one("school.subject", string="Subject", required=True, index=True, ondelete="restrict")
    class_id = fields.Many2one("school.class", string="Class", required=True, index=True, ondelete="restrict")
    period_id = fields.Many2one("school.period", string="Period", required=True, index=True, ondelete="restrict")
    period_type = fields.Selection(related="period_id.period_type", store=True)
    year_id = fields.Many2one(related="class_id.year_id", store=True, index=True)
    average = fields.Float(string="Weighted Average", digits=(4, 2), readonly=True)
    marks_count = fields.Integer(string="Marks", readonly=True)
    proposed_value = fields.Integer(string="Proposed", readonly=True)
    value = fields.Integer(string="Mark", tracking=True)
    is_attested = fields.Boolean(
        string="Attested", default=True, tracking=True,
        help="Untick when the student cannot be attested (н/а) for lack of marks.",
    )
    set_by_id = fields.Many2one("res.users", string="Set by", readonly=True)
    set_at = fields.Datetime(string="Set on", readonly=True)
    is_late = fields.Boolean(
        string="Set Late", readonly=True, help="Set later than 2 days before the period ends (FINAL-1, P 6.4)."
    )
    published_at = fields.Datetime(
        string="Visible Since", readonly=True, help="When students and guardians could first see it (FINAL-3)."
    )
    differs_from_proposed = fields.Boolean(compute="_compute_differs", store=True, string="Differs from Proposed")
    company_id = fields.Many2one(related="class_id.company_id", store=True, index=True)

    _sql_constraints = [
        (
            "student_subject_period_uniq",
            "unique(student_id, subject_id, period_id)",
            "The student already has a period mark in this subject for this period.",
        ),
    ]

    @api.depends("value", "proposed_value")
    def _compute_differs(self):
        for pmark in self:
            pmark.differs_from_proposed = bool(
                pmark.value and pmark.proposed_value and pmark.value != pmark.proposed_value
            )

    @api.constrains("value", "class_id")
    def _check_value(self):
        for pmark in self:
            if not pmark.value:
                continue
            if pmark.class_id.grade == 1:
                raise ValidationError(_("Grade 1 gets no period marks (P 3.11)."))
            policy = self.env["school.grading.policy"].sudo()._get_policy(
                pmark.period_id.date_end, pmark.company_id
            )
            allowed = policy._get_mark_values() if policy else [2, 3, 4, 5]
            if pmark.value not in allowed:
                raise ValidationError(
                    _("%(value)s is not a mark of the school's scale (%(low)s to %(high)s).",
                      value=pmark.value, low=allowed[0], high=allowed[-1])
                )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._check_teacher_of_subject()
        records.filtered("value")._stamp_set()
        return records

    def _check_teacher_of_subject(self):
        """Only the subject's teacher of the class sets period marks (ROLE-5, S 3.4)."""
        if self.env.su or self.env.user.has_group("school_ejournal.group_school_deputy"):
            return
        assignments = self.env["school.teaching.assignment"].sudo().search(
            [("teacher_id", "=", self.env.uid), ("class_id", "in", self.class_id.ids)]
        )
        taught = {(a.class_id.id, a.subject_id.id) for a in assignments}
        for pmark in self:
            if (pmark.class_id.id, pmark.subject_id.id) not in taught:
                raise UserError(
                    _("Only the teacher of %(subject)s in %(cls)s sets its period marks.",
                      subject=pmark.subject_id.name, cls=pmark.class_id.name)
                )

    def write(self, vals):
        if "value" in vals or "is_attested" in vals:
            self._check_teacher_of_subject()
        if "value" in vals and not self.env.su:
            closed = self.filtered(lambda p: p.period_id.is_closed)
            if closed:
                raise UserError(_("The period %s is closed: ask the administrator to reopen it.", closed[0].period_id.name))
        res = super().write(vals)
        if vals.get("value"):
            self._stamp_set()
        return res

    def _stamp_set(self):
        now = fields.Datetime.now()
        for pmark in self:
            deadline = pmark.period_id.date_end - timedelta(days=2)
            values = {
                "set_by_id": self.env.uid,
                "set_at": now,
                "is_late": fields.Date.context_today(self) > deadline,
            }
            if not pmark.published_at:
                values["published_at"] = now
            super(SchoolPeriodMark, pmark).write(values)

    # ------------------------------------------------------------------
    # Averages, proposals and forecasts (FINAL-2)
    # ------------------------------------------------------------------

    @api.model
    def _get_mark_sums(self, class_id, subject_id, date_from, date_to, student_ids=None):
        """{student_id: (weighted sum, weight sum, count)} of the marks of a class and subject.

        One grouped query, whatever the number of students. Marks with zero weight do not
        count.
        """
        self.env["school.mark"].flush_model(["value", "weight", "student_id", "class_id", "subject_id", "date"])
        query = SQL(
            """SELECT student_id, SUM(value * weight), SUM(weight), COUNT(*)
                 FROM school_mark
                WHERE class_id = %s AND subject_id = %s AND date BETWEEN %s AND %s AND weight > 0
                  %s
             GROUP BY student_id""",
            class_id, subject_id, date_from, date_to,
            SQL("AND student_id IN %s", tuple(student_ids)) if student_ids else SQL(""),
        )
        self.env.cr.execute(query)
        return {row[0]: (row[1], row[2], row[3]) for row in self.env.cr.fetchall()}

    @api.model
    def _forecast(self, policy, weighted_sum, weight_sum, weights=(1.0, 2.0, 3.0)):
        """The forecast with its working (FINAL-2, DESIGN.md "What beats the competition").

        Returns the average, the proposed mark, and for the next mark up how many fives of
        each weight are needed; for the current mark how many twos of each weight it takes
        to lose it.
        """
        if not weight_sum:
            return {"average": False, "proposed": False, "to_next": {}, "to_lose": {}, "next": False}
        average = weighted_sum / weight_sum
        proposed = policy._round_average(average)
        thresholds = {5: policy.threshold_5, 4: policy.threshold_4, 3: policy.threshold_3}
        top = 5
        low = policy._get_mark_values()[0]
        result = {"average": round(average, 2), "proposed": proposed, "to_next": {}, "to_lose": {}, "next": False}
        if proposed < top:
            target = thresholds[proposed + 1]
            result["next"] = proposed + 1
            for w in weights:
                # (S + top*w*n) / (W + w*n) >= target
                need = (target * weight_sum - weighted_sum) / (w * (top - target))
                result["to_next"][w] = max(1, math.ceil(need - 1e-9))
        if proposed in thresholds:
            current = thresholds[proposed]
            for w in weights:
                # smallest n with (S + low*w*n) / (W + w*n) < current
                margin = (weighted_sum - current * weight_sum) / (w * (current - low))
                result["to_lose"][w] = math.floor(margin + 1e-9) + 1
        return result

    @api.model
    def get_class_forecasts(self, class_id, subject_id, period_id):
        """Average, proposed mark and forecast of every student of a class in a subject."""
        school_class = self.env["school.class"].browse(class_id)
        school_class.check_access("read")
        period = self.env["school.period"].browse(period_id)
        policy = self.env["school.grading.policy"].sudo()._get_policy(period.date_end, school_class.company_id)
        if not policy:
            raise UserError(_("No grading policy is in force on %s.", period.date_end.strftime("%d.%m.%Y")))
        sums = self._get_mark_sums(class_id, subject_id, period.date_start, period.date_end)
        weights = sorted(set(policy.weight_ids.mapped("weight")) - {0.0}) or [1.0]
        return {
            student_id: dict(self._forecast(policy, s, w, weights), count=c)
            for student_id, (s, w, c) in sums.items()
        }

    @api.model
    def action_prepare(self, class_id, subject_id, period_id):
        """Create or refresh the period-mark rows of a class and subject with averages and proposals."""
        school_class = self.env["school.class"].browse(class_id)
        period = self.env["school.period"].browse(period_id)
        students = self.env["school.enrollment"].sudo().search(
            [
                ("class_id", "=", class_id),
                ("date_start", "<=", period.date_end),
                "|", ("date_end", "=", False), ("date_end", ">=", period.date_end),
            ]
        ).student_id
        date_from, date_to = period.date_start, period.date_end
        if period.period_type in ("year", "exam", "final"):
            date_from, date_to = period.year_id.date_start, period.year_id.date_end
        policy = self.env["school.grading.policy"].sudo()._get_policy(period.date_end, school_class.company_id)
        sums = self._get_mark_sums(class_id, subject_id, date_from, date_to, students.ids)
        existing = {
            p.student_id.id: p
            for p in self.search([("class_id", "=", class_id), ("subject_id", "=", subject_id), ("period_id", "=", period_id)])
        }
        to_create = []
        for student in students:
            s, w, c = sums.get(student.id, (0.0, 0.0, 0))
            average = s / w if w else 0.0
            vals = {
                "average": round(average, 2),
                "marks_count": c,
                "proposed_value": (policy._round_average(average) if policy and w else 0) or 0,
            }
            if student.id in existing:
                super(SchoolPeriodMark, existing[student.id]).write(vals)
            else:
                to_create.append(dict(vals, student_id=student.id, subject_id=subject_id, class_id=class_id, period_id=period_id))
        self.create(to_create)
        return self.search([("class_id", "=", class_id), ("subject_id", "=", subject_id), ("period_id", "=", period_id)])

    def _get_short_of_marks(self):
        """Rows whose student has fewer marks than the policy's minimum (FINAL-1)."""
        short = self.browse()
        for pmark in self:
            policy = self.env["school.grading.policy"].sudo()._get_policy(pmark.period_id.date_end, pmark.company_id)
            if policy and pmark.marks_count < policy.min_marks:
                short |= pmark
        return short
