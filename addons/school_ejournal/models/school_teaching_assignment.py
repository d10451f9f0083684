from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SchoolTeachingAssignment(models.Model):
    """Teacher load (педагогическая нагрузка): who teaches what to which class (SETUP-6).

    Record rules read it: a subject teacher sees the classes and subgroups assigned here
    (ROLE-5).
    """

    _name = "school.teaching.assignment"
    _description = "Teaching Assignment"
    _inherit = ["school.teaching.record.mixin", "school.approval.tracking"]
    # a change supersedes the director's approval of the load (ROLE-2)
    _approval_kind = "load"
    _order = "teacher_id, class_id, subject_id"
    _check_company_auto = True

    hours_per_week = fields.Float(string="Hours per Week", digits=(4, 1))

    _sql_constraints = [
        (
            "assignment_uniq",
            "unique(teacher_id, subject_id, class_id, subgroup_id)",
            "This teacher already teaches this subject to this class or subgroup.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env["res.users"]._school_pairs_changed()
        return records

    def write(self, vals):
        res = super().write(vals)
        if {"teacher_id", "class_id", "subject_id"} & set(vals):
            self.env["res.users"]._school_pairs_changed()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["res.users"]._school_pairs_changed()
        return res

    def _compute_display_name(self):
        for assignment in self:
            target = assignment.subgroup_id.name if assignment.subgroup_id else ""
            assignment.display_name = " ".join(
                filter(
                    None,
                    [
                        assignment.teacher_id.name,
                        "-",
                        assignment.subject_id.name,
                        assignment.class_id.name,
                        target,
                    ],
                )
            )

    @api.constrains("subgroup_id", "class_id", "subject_id", "hours_per_week")
    def _check_subgroup(self):
        for assignment in self:
            if assignment.hours_per_week < 0:
                raise ValidationError(_("Teaching hours cannot be negative."))
            sub = assignment.subgroup_id
            if sub and (sub.class_id != assignment.class_id or sub.subject_id != assignment.subject_id):
                raise ValidationError(
                    _("The subgroup %s belongs to another class or subject.", sub.display_name)
                )
