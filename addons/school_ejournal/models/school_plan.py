from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError


class SchoolPlan(models.Model):
    """Calendar-thematic plan (КТП) of a subject for a class or a whole parallel (PLAN-1..3).

    Ordered topics with hours and work type; its total must equal the curriculum's hours,
    and the difference is shown. Lessons take their topics from it in order.
    """

    _name = "school.plan"
    _description = "Calendar-Thematic Plan"
    _inherit = ["mail.thread"]
    _order = "year_id desc, grade, subject_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    year_id = fields.Many2one(
        "school.academic.year", string="Academic Year", required=True, index=True, check_company=True
    )
    subject_id = fields.Many2one("school.subject", required=True, index=True, check_company=True)
    class_id = fields.Many2one(
        "school.class",
        index=True,
        check_company=True,
        domain="[('year_id', '=', year_id)]",
        help="Leave empty for a plan shared by the whole parallel.",
    )
    grade = fields.Integer(string="Parallel", required=True)
    teacher_id = fields.Many2one(
        "res.users", string="Author", default=lambda self: self.env.user, domain=[("share", "=", False)]
    )
    topic_ids = fields.One2many("school.plan.topic", "plan_id", string="Topics", copy=True)
    total_hours = fields.Float(compute="_compute_hours", string="Planned Hours", store=True)
    curriculum_hours = fields.Float(compute="_compute_curriculum_hours")
    hours_difference = fields.Float(compute="_compute_curriculum_hours", string="Difference")
    given_hours = fields.Integer(compute="_compute_given_hours")
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved")], default="draft", required=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.depends("subject_id", "class_id", "grade", "year_id")
    def _compute_name(self):
        for plan in self:
            target = plan.class_id.name or _("parallel %s", plan.grade)
            plan.name = f"{plan.subject_id.name or ''}, {target}, {plan.year_id.name or ''}"

    @api.depends("topic_ids.hours")
    def _compute_hours(self):
        for plan in self:
            plan.total_hours = sum(plan.topic_ids.mapped("hours"))

    @api.depends("total_hours", "class_id", "grade", "subject_id", "year_id")
    def _compute_curriculum_hours(self):
        for plan in self:
            domain = [("subject_id", "=", plan.subject_id.id), ("year_id", "=", plan.year_id.id)]
            domain += [("class_id", "=", plan.class_id.id)] if plan.class_id else [("grade", "=", plan.grade)]
            line = self.env["school.curriculum.line"].sudo().search(domain, limit=1)
            plan.curriculum_hours = line.hours_per_year
            plan.hours_difference = plan.total_hours - line.hours_per_year

    def _compute_given_hours(self):
        counts = dict(
            self.env["school.lesson"]
            .sudo()
            ._read_group(
                [("plan_topic_id.plan_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["plan_topic_id"],
                ["__count"],
            )
        )
        for plan in self:
            plan.given_hours = sum(counts.get(t, 0) for t in plan.topic_ids)

    @api.onchange("class_id")
    def _onchange_class_id(self):
        if self.class_id:
            self.grade = self.class_id.grade
            self.year_id = self.class_id.year_id

    @api.constrains("grade", "class_id")
    def _check_grade(self):
        for plan in self:
            if not 1 <= plan.grade <= 11:
                raise ValidationError(_("A plan needs its parallel (grade 1 to 11)."))
            if plan.class_id and plan.class_id.grade != plan.grade:
                raise ValidationError(_("The plan's class belongs to another parallel."))

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("state", "draft") != "draft" for vals in vals_list):
            self._check_can_approve()
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals:
            # the state changes only through the deputy's approval (P 4.4, issue 11, item 8)
            self._check_can_approve()
        return super().write(vals)

    def _check_can_approve(self):
        """Only the deputy director approves a plan or sends an approved one back to draft."""
        if self.env.su or self.env.user.has_group("school_ejournal.group_school_deputy"):
            return
        raise AccessError(_("Only the deputy director approves calendar-thematic plans."))

    def action_approve(self):
        self._check_can_approve()
        for plan in self:
            if plan.curriculum_hours and plan.hours_difference:
                raise ValidationError(
                    _(
                        "The plan has %(planned)s hours but the curriculum gives %(curriculum)s: "
                        "correct it before approval.",
                        planned=plan.total_hours,
                        curriculum=plan.curriculum_hours,
                    )
                )
        self.write({"state": "approved"})

    def action_reset_draft(self):
        self._check_can_approve()
        self.write({"state": "draft"})

    @api.model
    def _find_for(self, school_class, subject):
        """The plan of the class, else of its parallel, for the subject (PLAN-3)."""
        plans = self.search(
            [
                ("year_id", "=", school_class.year_id.id),
                ("subject_id", "=", subject.id),
                ("grade", "=", school_class.grade),
                "|",
                ("class_id", "=", school_class.id),
                ("class_id", "=", False),
            ]
        )
        return plans.filtered("class_id")[:1] or plans[:1]
