from odoo import fields, models


class SchoolTeachingRecordMixin(models.AbstractModel):
    """Who teaches a subject to a class or to one subgroup of it (issue 16 item 6): the
    teaching assignments (SETUP-6) and the timetable slots (SETUP-7) that plan the lessons,
    and the lessons themselves (JOUR-1), whose teacher is the one who actually gave it.

    The subgroup is chosen among the class's subgroups for the record's subject (the
    timetable slots offer every subgroup of the class).
    """

    _name = "school.teaching.record.mixin"
    _inherit = "school.class.record.mixin"
    _description = "Teaching of a Subject in a Class or Subgroup"

    teacher_id = fields.Many2one("res.users", required=True, index=True, domain=[("share", "=", False)])
    subgroup_id = fields.Many2one(
        "school.subgroup",
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('class_id', '=', class_id), ('subject_id', '=', subject_id)]",
    )
