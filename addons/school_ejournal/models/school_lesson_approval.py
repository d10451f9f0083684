from datetime import datetime, time

from odoo import fields, models


class SchoolLessonApproval(models.Model):
    """The journal shows which approved curriculum, load and timetable were in force on the
    lesson's date (ROLE-2)."""

    _inherit = "school.lesson"

    approval_ids = fields.Many2many(
        "school.approval",
        string="Approved Versions in Force",
        compute="_compute_approval_ids",
        compute_sudo=True,
    )

    def _compute_approval_ids(self):
        Approval = self.env["school.approval"]
        for lesson in self:
            when = datetime.combine(lesson.date, time.max) if lesson.date else fields.Datetime.now()
            found = Approval.browse()
            for kind in ("curriculum", "load", "timetable"):
                found |= Approval._get_in_force(kind, lesson.class_id, when)
            lesson.approval_ids = found
