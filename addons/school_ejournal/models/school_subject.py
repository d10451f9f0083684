from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SchoolSubject(models.Model):
    """Subject of the curriculum with its teachers and rooms (SETUP-3)."""

    _name = "school.subject"
    _inherit = ["school.catalog.mixin"]
    _description = "Subject"
    _order = "sequence, name"

    short_name = fields.Char()
    code = fields.Char()
    sequence = fields.Integer(default=10)
    grade_from = fields.Integer(string="From Grade", default=1)
    grade_to = fields.Integer(string="To Grade", default=11)
    is_graded = fields.Boolean(
        string="Marked", default=True, help="Untick for courses assessed without marks."
    )
    physical_education = fields.Boolean(
        help="Its teachers read the PE medical group of the students of their classes.",
    )
    teacher_ids = fields.Many2many(
        "res.users",
        "school_subject_teacher_rel",
        "subject_id",
        "user_id",
        string="Teachers",
        domain=[("share", "=", False)],
    )
    room_ids = fields.Many2many(
        "school.room",
        "school_subject_room_rel",
        "subject_id",
        "room_id",
        string="Rooms",
        check_company=True,
    )
    curriculum_line_ids = fields.One2many("school.curriculum.line", "subject_id", string="Curriculum")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "A subject with this name already exists."),
    ]

    @api.constrains("grade_from", "grade_to")
    def _check_grades(self):
        for subject in self:
            if not (1 <= subject.grade_from <= subject.grade_to <= 11):
                raise ValidationError(
                    _("Subject %s: grades must lie between 1 and 11, from before to.", subject.name)
                )
