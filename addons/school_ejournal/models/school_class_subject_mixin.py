from odoo import fields, models


class SchoolClassSubjectMixin(models.AbstractModel):
    """A subject in one class (issue 16 item 6): the subgroups of a class for a subject, and
    the records of the class record mixin (curriculum lines, teaching assignments, timetable
    slots, lessons). The class and the subject belong to the record's school, which is read
    from the class."""

    _name = "school.class.subject.mixin"
    _description = "Subject in a Class"
    _check_company_auto = True

    class_id = fields.Many2one(
        "school.class",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    subject_id = fields.Many2one("school.subject", required=True, index=True, check_company=True)
    company_id = fields.Many2one(related="class_id.company_id", store=True, index=True)
