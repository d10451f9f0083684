from odoo import api, fields, models


class SchoolPersonalDataLog(models.Model):
    """Who opened a student's card and when (SEC-5, P 3.5)."""

    _name = "school.personal.data.log"
    _description = "Personal Data Access Log"
    _order = "accessed_at desc, id desc"
    _log_access = True

    user_id = fields.Many2one("res.users", string="Who", required=True, readonly=True, index=True)
    student_id = fields.Many2one("school.student", readonly=True, index=True, ondelete="cascade")
    accessed_at = fields.Datetime(string="When", required=True, readonly=True, default=fields.Datetime.now)
    fields_read = fields.Char(string="Data Read", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)

    @api.model
    def _record(self, students, field_names):
        self.sudo().create(
            [
                {
                    "user_id": self.env.uid,
                    "student_id": student.id,
                    "fields_read": ", ".join(sorted(field_names)),
                    "company_id": student.company_id.id,
                }
                for student in students
            ]
        )
