from odoo import api, fields, models


class SchoolPersonalDataLog(models.Model):
    """Who read students' personal data and when (SEC-5, P 3.5).

    Opening one card leaves one row naming the student; a bulk read (a list, ``read`` or
    ``search_read`` of many records, an export) leaves one row per call with the model, the
    fields and the number of records read, never one row per record (issue 11).
    """

    _name = "school.personal.data.log"
    _description = "Personal Data Access Log"
    _order = "accessed_at desc, id desc"
    _log_access = True

    user_id = fields.Many2one("res.users", string="Who", required=True, readonly=True, index=True)
    student_id = fields.Many2one("school.student", readonly=True, index=True, ondelete="cascade")
    accessed_at = fields.Datetime(string="When", required=True, readonly=True, default=fields.Datetime.now)
    fields_read = fields.Char(string="Data Read", readonly=True)
    model_name = fields.Char(string="Model", readonly=True, default="school.student")
    record_count = fields.Integer(string="Records", readonly=True, default=1)
    operation = fields.Selection([("read", "Read"), ("export", "Export")], readonly=True, default="read")
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

    @api.model
    def _record_bulk(self, records, field_names, operation="read", count=None):
        """One row for a read of the personal data of many records (SEC-5)."""
        # sudo: the log is written by the system, whoever reads; nobody writes it otherwise
        self.sudo().create(
            {
                "user_id": self.env.uid,
                "model_name": records._name,
                "record_count": len(records) if count is None else count,
                "operation": operation,
                "fields_read": ", ".join(sorted(field_names)),
                "company_id": self.env.company.id,
            }
        )
