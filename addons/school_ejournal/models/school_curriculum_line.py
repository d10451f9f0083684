from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .school_bell import MAX_LESSON_NUMBER
from .school_timetable_slot import WEEKDAYS

# a subject has no more hours a week than the timetable has places (six days, lessons 0 to
# 10), nor more a year than 34 such weeks (SETUP-6)
MAX_HOURS_PER_WEEK = len(WEEKDAYS) * (MAX_LESSON_NUMBER + 1)
MAX_HOURS_PER_YEAR = MAX_HOURS_PER_WEEK * 34


class SchoolCurriculumLine(models.Model):
    """Curriculum (учебный план): hours of a subject in a class for the year (SETUP-6).

    It is also the subject-class link of SETUP-3.
    """

    _name = "school.curriculum.line"
    _description = "Curriculum Line"
    _inherit = ["school.class.record.mixin", "school.approval.tracking"]
    # a change supersedes the director's approval of the curriculum (ROLE-2)
    _approval_kind = "curriculum"
    _order = "class_id, subject_id"
    _check_company_auto = True

    grade = fields.Integer(related="class_id.grade", store=True, string="Parallel")
    hours_per_week = fields.Float(string="Hours per Week", digits=(4, 1))
    hours_per_year = fields.Float(
        string="Hours per Year",
        compute="_compute_hours_per_year",
        store=True,
        readonly=False,
        digits=(5, 1),
    )
    split_in_subgroups = fields.Boolean(string="Taught in Subgroups")

    _sql_constraints = [
        (
            "class_subject_uniq",
            "unique(class_id, subject_id)",
            "The subject is already in the class's curriculum.",
        ),
    ]

    @api.depends("hours_per_week", "class_id.grade")
    def _compute_hours_per_year(self):
        for line in self:
            weeks = 33 if line.class_id.grade == 1 else 34
            line.hours_per_year = line.hours_per_week * weeks

    @api.constrains("hours_per_week", "hours_per_year")
    def _check_hours(self):
        for line in self:
            if line.hours_per_week < 0 or line.hours_per_year < 0:
                raise ValidationError(
                    _(
                        "Curriculum hours cannot be negative (%(subject)s, class %(cls)s).",
                        subject=line.subject_id.name,
                        cls=line.class_id.name,
                    )
                )
            if line.hours_per_week > MAX_HOURS_PER_WEEK or line.hours_per_year > MAX_HOURS_PER_YEAR:
                raise ValidationError(
                    _(
                        "%(subject)s, class %(cls)s: %(week)s hours a week and %(year)s a year do not "
                        "fit the timetable (at most %(max_week)s a week, %(max_year)s a year).",
                        subject=line.subject_id.name,
                        cls=line.class_id.name,
                        week=line.hours_per_week,
                        year=line.hours_per_year,
                        max_week=MAX_HOURS_PER_WEEK,
                        max_year=MAX_HOURS_PER_YEAR,
                    )
                )
