from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SchoolSubgroup(models.Model):
    """Subgroup of a class for one subject, made at the start of the year (SETUP-4, JOUR-12).

    Students move between subgroups only at a period's end (P 4.4).
    """

    _name = "school.subgroup"
    _description = "Subgroup"
    _order = "class_id, subject_id, name"
    _check_company_auto = True

    name = fields.Char(required=True, default=lambda self: _("Group 1"))
    class_id = fields.Many2one(
        "school.class",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    subject_id = fields.Many2one("school.subject", required=True, index=True, check_company=True)
    teacher_id = fields.Many2one("res.users", domain=[("share", "=", False)], index=True)
    student_ids = fields.Many2many(
        "school.student",
        "school_subgroup_student_rel",
        "subgroup_id",
        "student_id",
        string="Students",
        check_company=True,
    )
    student_count = fields.Integer(compute="_compute_student_count")
    company_id = fields.Many2one(related="class_id.company_id", store=True, index=True)

    @api.depends("student_ids")
    def _compute_student_count(self):
        for subgroup in self:
            subgroup.student_count = len(subgroup.student_ids)

    def _compute_display_name(self):
        for subgroup in self:
            subgroup.display_name = f"{subgroup.class_id.name} {subgroup.subject_id.name}: {subgroup.name}"

    @api.constrains("student_ids", "class_id")
    def _check_students_class(self):
        for subgroup in self:
            strangers = subgroup.student_ids.filtered(lambda s: s.class_id != subgroup.class_id)
            if strangers:
                raise ValidationError(
                    _(
                        "The subgroup %(group)s of class %(cls)s cannot include students of "
                        "another class: %(names)s.",
                        group=subgroup.name,
                        cls=subgroup.class_id.name,
                        names=", ".join(strangers.mapped("name")),
                    )
                )
