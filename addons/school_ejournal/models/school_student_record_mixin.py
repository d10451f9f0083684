from odoo import fields, models


class SchoolStudentRecordMixin(models.AbstractModel):
    """Records of one student (issue 16 item 6): class memberships, guardian links,
    movements and the guardians' acknowledgements. They belong to the student's school and go
    with the student."""

    _name = "school.student.record.mixin"
    _description = "Record of a Student"
    _check_company_auto = True

    student_id = fields.Many2one(
        "school.student",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="student_id.company_id", store=True, index=True)
