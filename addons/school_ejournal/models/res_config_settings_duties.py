from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """Settings page: deadlines of the school's remaining duties (issue 14)."""

    _inherit = "res.config.settings"

    school_dispute_answer_days = fields.Integer(
        related="company_id.school_dispute_answer_days", readonly=False
    )
    school_forecast_days = fields.Integer(related="company_id.school_forecast_days", readonly=False)
    school_digest_frequency = fields.Selection(related="company_id.school_digest_frequency", readonly=False)
