from odoo import fields, models


class SchoolAssignmentReportMixin(models.AbstractModel):
    """The columns of the SQL-view reports by teaching assignment (the journal control and
    the plan coverage; issue 16, duplicates): the assignment, its teacher, subject and
    subgroup, and the columns of its class (``school.class.report.mixin``), as the reports'
    views select them from the assignments of the active classes."""

    _name = "school.assignment.report.mixin"
    _inherit = ["school.class.report.mixin"]
    _description = "Report by Teaching Assignment"
    # merged into the _depends of each report, with those of the class columns
    # (``school.class.report.mixin``): only the class's fields that mixin does not name
    _depends = {
        "school.teaching.assignment": ["teacher_id", "class_id", "subject_id", "subgroup_id"],
        "school.class": ["active", "period_scheme"],
    }

    assignment_id = fields.Many2one("school.teaching.assignment", string="Teaching Assignment", readonly=True)
    teacher_id = fields.Many2one("res.users", readonly=True)
    subject_id = fields.Many2one("school.subject", readonly=True)
    subgroup_id = fields.Many2one("school.subgroup", readonly=True)
