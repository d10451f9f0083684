from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from . import school_access

GRADES = [(str(g), str(g)) for g in range(1, 12)]


class SchoolClass(models.Model):
    """Class of one academic year: parallel (grade 1-11), letter, class teacher (SETUP-4)."""

    _name = "school.class"
    _description = "Class"
    _order = "year_id desc, grade, letter"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, index=True)
    grade = fields.Integer(string="Parallel", required=True, index=True)
    letter = fields.Char(required=True, size=3)
    year_id = fields.Many2one(
        "school.academic.year",
        string="Academic Year",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
    )
    class_teacher_id = fields.Many2one(
        "res.users",
        index=True,
        domain=[("share", "=", False)],
        check_company=True,
    )
    room_id = fields.Many2one("school.room", string="Home Room", check_company=True)
    bell_schedule_id = fields.Many2one("school.bell.schedule", check_company=True)
    period_scheme = fields.Selection(
        [("quarter", "Quarters"), ("half", "Halves")],
        string="Assessed by",
        compute="_compute_period_scheme",
        store=True,
        readonly=False,
    )
    student_ids = fields.One2many("school.student", "class_id", string="Students")
    student_count = fields.Integer(compute="_compute_student_count", string="Students Count")
    subgroup_ids = fields.One2many("school.subgroup", "class_id", string="Subgroups")
    curriculum_line_ids = fields.One2many("school.curriculum.line", "class_id", string="Curriculum")
    assignment_ids = fields.One2many("school.teaching.assignment", "class_id", string="Teaching Assignments")
    lesson_ids = fields.One2many(
        "school.lesson",
        "class_id",
        string="Lessons",
        help="Also lets a substitute read the class of the lessons taken over.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "grade_letter_year_uniq",
            "unique(grade, letter, year_id)",
            "This class already exists in the academic year.",
        ),
    ]

    @api.depends("grade", "letter")
    def _compute_name(self):
        for school_class in self:
            school_class.name = f"{school_class.grade or ''}{(school_class.letter or '').upper()}"

    @api.depends("grade", "company_id.school_half_from_grade")
    def _compute_period_scheme(self):
        for school_class in self:
            limit = school_class.company_id.school_half_from_grade or 10
            school_class.period_scheme = "half" if school_class.grade >= limit else "quarter"

    def _compute_student_count(self):
        counts = dict(
            self.env["school.student"]._read_group([("class_id", "in", self.ids)], ["class_id"], ["__count"])
        )
        for school_class in self:
            school_class.student_count = counts.get(school_class, 0)

    @api.constrains("grade", "letter")
    def _check_grade(self):
        for school_class in self:
            if not school_class.grade:
                raise ValidationError(_("A class needs its parallel (grade 1 to 11)."))
            if not 1 <= school_class.grade <= 11:
                raise ValidationError(
                    _("Parallel %s does not exist: grades run from 1 to 11.", school_class.grade)
                )
            if not (school_class.letter or "").strip():
                raise ValidationError(_("A class needs its letter, for example А."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("grade"):
                raise ValidationError(_("A class needs its parallel (grade 1 to 11)."))
            if vals.get("letter"):
                vals["letter"] = vals["letter"].strip().upper()
        return super().create(vals_list)

    def write(self, vals):
        if "letter" in vals and vals["letter"]:
            vals["letter"] = vals["letter"].strip().upper()
        return super().write(vals)

    def action_view_students(self):
        school_access.check_staff(self.env)
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("school_ejournal.school_student_action")
        action["domain"] = [("class_id", "=", self.id)]
        action["context"] = {"default_class_id": self.id}
        return action
