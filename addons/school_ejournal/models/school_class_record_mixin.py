from odoo import fields, models


class SchoolClassRecordMixin(models.AbstractModel):
    """Records of a subject in one class (issue 16 item 6): curriculum lines, teaching
    assignments, timetable slots and lessons. To the class, the subject and the school of
    ``school.class.subject.mixin`` they add the year, read from the class."""

    _name = "school.class.record.mixin"
    _inherit = "school.class.subject.mixin"
    _description = "Record of a Subject in a Class"

    year_id = fields.Many2one(related="class_id.year_id", store=True, index=True)

    def _get_terms(self, date_from=None, date_to=None):
        """The quarters and halves of the years of these records' classes, overlapping the
        dates when given, as the system: read once, then matched in memory with
        ``school.period._term_of``."""
        domain = [("year_id", "in", self.class_id.year_id.ids), ("period_type", "in", ("quarter", "half"))]
        if date_to:
            domain.append(("date_start", "<=", date_to))
        if date_from:
            domain.append(("date_end", ">=", date_from))
        return self.env["school.period"].sudo().search(domain)
