from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """School settings page: mark scale and grading-policy defaults (ROLE-1, JOUR-6), and the
    notification settings of the e-diary (PORT-3)."""

    _inherit = "res.config.settings"

    school_mark_scale = fields.Selection(related="company_id.school_mark_scale", readonly=False)
    school_edit_window = fields.Selection(related="company_id.school_edit_window", readonly=False)
    school_min_marks = fields.Integer(related="company_id.school_min_marks", readonly=False)
    school_threshold_5 = fields.Float(related="company_id.school_threshold_5", readonly=False)
    school_threshold_4 = fields.Float(related="company_id.school_threshold_4", readonly=False)
    school_threshold_3 = fields.Float(related="company_id.school_threshold_3", readonly=False)
    school_half_from_grade = fields.Integer(related="company_id.school_half_from_grade", readonly=False)
    school_primary_mark_days = fields.Integer(related="company_id.school_primary_mark_days", readonly=False)
    school_basic_mark_days = fields.Integer(related="company_id.school_basic_mark_days", readonly=False)
    school_homework_hours = fields.Integer(related="company_id.school_homework_hours", readonly=False)

    # colours of the marks by value (issue 13)
    school_mark_color_2 = fields.Char(related="company_id.school_mark_color_2", readonly=False)
    school_mark_color_3 = fields.Char(related="company_id.school_mark_color_3", readonly=False)
    school_mark_color_4 = fields.Char(related="company_id.school_mark_color_4", readonly=False)
    school_mark_color_5 = fields.Char(related="company_id.school_mark_color_5", readonly=False)

    # notifications of the e-diary (PORT-3)
    school_absence_alert_threshold = fields.Integer(
        related="company_id.school_absence_alert_threshold", readonly=False
    )
    school_notification_moderation = fields.Boolean(
        related="company_id.school_notification_moderation", readonly=False
    )
    # deadlines of the school's remaining duties (issue 14)
    school_dispute_answer_days = fields.Integer(
        related="company_id.school_dispute_answer_days", readonly=False
    )
    school_forecast_days = fields.Integer(related="company_id.school_forecast_days", readonly=False)
    school_digest_frequency = fields.Selection(related="company_id.school_digest_frequency", readonly=False)
