from odoo import api, fields, models

from .school_grading_policy_weight import WEIGHT_DIGITS, check_weight


class SchoolWorkType(models.Model):
    """Type of work a mark is given for (JOUR-3): answer in class, test, control work...

    Its weight is not kept here: weights are dated data of the grading policy.
    """

    _name = "school.work.type"
    # the change log's texts of marks name the work type: a rename, in any language, is logged
    _inherit = ["school.logged.name.mixin", "school.text.limit.mixin"]
    _description = "Work Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    category = fields.Selection(
        [
            ("current", "Current work"),
            ("written", "Written work"),
            ("practical", "Practical work"),
            ("laboratory", "Laboratory work"),
            ("control", "Control work"),
        ],
        default="current",
        required=True,
        help="Practical, laboratory and control works must have their topic written out.",
    )
    default_weight = fields.Float(default=1.0, digits=WEIGHT_DIGITS)
    company_id = fields.Many2one("res.company", index=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "A work type with this code already exists."),
        ("weight_positive", "CHECK(default_weight >= 0)", "A weight cannot be negative."),
    ]

    @api.constrains("default_weight")
    def _check_default_weight(self):
        for work_type in self:
            check_weight(self.env, work_type.default_weight, work_type.name)
