from odoo import fields, models


class SchoolTeacherNudgeLineDuties(models.Model):
    """Digest items of the school duties and deadlines (issue 14, duties 6, 8, 9)."""

    _inherit = "school.teacher.nudge.line"

    category = fields.Selection(
        selection_add=[("school_duty", "School duties and deadlines")], ondelete={"school_duty": "cascade"}
    )
