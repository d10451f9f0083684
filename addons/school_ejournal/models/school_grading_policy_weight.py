from odoo import api, fields, models


class SchoolGradingPolicyWeight(models.Model):
    """Weight of one work type under one grading policy (JOUR-3, FINAL-2)."""

    _name = "school.grading.policy.weight"
    _description = "Work Type Weight"
    _order = "policy_id, work_type_id"

    policy_id = fields.Many2one("school.grading.policy", required=True, ondelete="cascade", index=True)
    work_type_id = fields.Many2one("school.work.type", required=True)
    weight = fields.Float(required=True, default=1.0, digits=(3, 1))
    company_id = fields.Many2one(related="policy_id.company_id", store=True)

    _sql_constraints = [
        ("policy_work_type_uniq", "unique(policy_id, work_type_id)", "This work type already has a weight."),
        ("weight_positive", "CHECK(weight >= 0)", "A weight cannot be negative."),
    ]

    # the weights of a policy are cached (school.period.mark._policy_weights, issue 15)
    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        res = super().write(vals)
        if {"weight", "policy_id"} & set(vals):
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res
