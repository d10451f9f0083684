from odoo import fields, models


class SchoolClassChannelStudents(models.Model):
    """Students with an e-diary login are members of their class chat too (COMM-1)."""

    _inherit = "school.class"

    def _get_channel_partners(self):
        partners = super()._get_channel_partners()
        today = fields.Date.context_today(self)
        enrollments = self.env["school.enrollment"].search(
            [
                ("class_id", "=", self.id),
                ("date_start", "<=", today),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", today),
            ]
        )
        students = enrollments.student_id.user_id.filtered("active").partner_id
        return partners | students
