from odoo import api, fields, models


class ResPartner(models.Model):
    """Guardians are partners linked to students (DESIGN.md, People)."""

    _inherit = "res.partner"

    school_guardian_link_ids = fields.One2many(
        "school.guardian.link", "guardian_id", string="Children (links)"
    )
    school_student_ids = fields.One2many(
        "school.student", "partner_id", string="Student Records"
    )  # read by the record rules of parents and students on contacts
    school_child_count = fields.Integer(compute="_compute_school_child_count", string="Children")
    is_school_guardian = fields.Boolean(
        compute="_compute_school_child_count", search="_search_is_school_guardian", string="Guardian"
    )

    @api.depends("school_guardian_link_ids")
    def _compute_school_child_count(self):
        counts = dict(
            self.env["school.guardian.link"]._read_group(
                [("guardian_id", "in", self.ids)], ["guardian_id"], ["__count"]
            )
        )
        for partner in self:
            partner.school_child_count = counts.get(partner, 0)
            partner.is_school_guardian = bool(partner.school_child_count)

    def _search_is_school_guardian(self, operator, value):
        positive = (operator == "=") == bool(value)
        return [("school_guardian_link_ids", "!=" if positive else "=", False)]
