from odoo import fields, models


class ResCompany(models.Model):
    """Settings of the school's remaining duties (issue 14): the answer deadline of a disputed
    mark (ROLE-7), the forecast lead time (S teacher 3) and the paper digests (P 8.3,
    S class teacher 3)."""

    _inherit = "res.company"

    school_dispute_answer_days = fields.Integer(
        string="Working Days to Answer a Disputed Mark",
        default=3,
        help="The subject teacher answers a disputed mark within this many working days.",
    )
    school_forecast_days = fields.Integer(
        string="Days before the Period End for Forecasts",
        default=10,
        help="Forecasts of the period marks are published this many days before a period ends.",
    )
    school_digest_frequency = fields.Selection(
        [("weekly", "Weekly"), ("monthly", "Monthly")],
        string="Paper Digests",
        default="weekly",
        help="How often the class teacher hands out paper digests to parents without access to the e-diary.",
    )
