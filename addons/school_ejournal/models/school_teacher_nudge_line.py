from odoo import api, fields, models

NUDGE_CATEGORIES = [
    ("few_marks", "Students with no or one mark"),
    ("no_topic", "Lessons without a topic"),
    ("no_homework", "Lessons without homework"),
    ("overdue", "Overdue entries"),
    ("plan_drift", "Plan drifting from the timetable"),
    # the school duties and deadlines (issue 14, duties 6, 8, 9)
    ("school_duty", "School duties and deadlines"),
]


class SchoolTeacherNudgeLine(models.Model):
    """One item of a teacher's daily digest."""

    _name = "school.teacher.nudge.line"
    _description = "Teacher's Digest Item"
    _order = "nudge_id, sequence, id"

    nudge_id = fields.Many2one("school.teacher.nudge", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(compute="_compute_sequence", store=True)
    category = fields.Selection(NUDGE_CATEGORIES, required=True)
    category_name = fields.Char(compute="_compute_category_name", string="What")
    class_id = fields.Many2one("school.class")
    subject_id = fields.Many2one("school.subject")
    count = fields.Integer()
    details = fields.Char()
    teacher_id = fields.Many2one(related="nudge_id.teacher_id", store=True, index=True)
    company_id = fields.Many2one(related="nudge_id.company_id", store=True)

    @api.depends("category")
    def _compute_sequence(self):
        order = [code for code, __ in NUDGE_CATEGORIES]
        for line in self:
            line.sequence = order.index(line.category) if line.category in order else 99

    @api.depends("category")
    @api.depends_context("lang")
    def _compute_category_name(self):
        labels = dict(self._fields["category"]._description_selection(self.env))
        for line in self:
            line.category_name = labels.get(line.category, "")
