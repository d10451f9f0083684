from odoo import api, fields, models
from odoo.exceptions import ValidationError

# the weights' digits (3, 1) hold at most 99.9; a weight of 0 lists a mark that does not
# count in the averages (FINAL-2)
WEIGHT_DIGITS = (3, 1)
MAX_WEIGHT = 99.9


def check_weight(env, weight, work_type_name):
    """Refuse a work type's weight outside 0 to 99.9 (JOUR-3)."""
    if not 0 <= weight <= MAX_WEIGHT:
        raise ValidationError(
            env._(
                "The weight %(weight)s of the work type %(work_type)s is out of range: a weight runs "
                "from 0 (the mark does not count) to %(max)s.",
                weight=weight,
                work_type=work_type_name,
                max=MAX_WEIGHT,
            )
        )


class SchoolGradingPolicyWeight(models.Model):
    """Weight of one work type under one grading policy (JOUR-3, FINAL-2)."""

    _name = "school.grading.policy.weight"
    _description = "Work Type Weight"
    _order = "policy_id, work_type_id"

    policy_id = fields.Many2one("school.grading.policy", required=True, ondelete="cascade", index=True)
    work_type_id = fields.Many2one("school.work.type", required=True)
    weight = fields.Float(required=True, default=1.0, digits=WEIGHT_DIGITS)
    company_id = fields.Many2one(related="policy_id.company_id", store=True)

    _sql_constraints = [
        ("policy_work_type_uniq", "unique(policy_id, work_type_id)", "This work type already has a weight."),
        ("weight_positive", "CHECK(weight >= 0)", "A weight cannot be negative."),
    ]

    @api.constrains("weight")
    def _check_weight(self):
        for line in self:
            check_weight(self.env, line.weight, line.work_type_id.name)

    # the weights are cached with their policy (school.grading.policy._policy_settings, issue 15)
    @api.model_create_multi
    def create(self, vals_list):
        return self._clear_policy_cache(super().create(vals_list))

    def write(self, vals):
        return self._clear_policy_cache(super().write(vals))

    def unlink(self):
        return self._clear_policy_cache(super().unlink())

    def _clear_policy_cache(self, result):
        self.env.registry.clear_cache()
        return result
