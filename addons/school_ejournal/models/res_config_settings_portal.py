from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """Notification settings of the e-diary on the school settings page (PORT-3)."""

    _inherit = "res.config.settings"

    school_absence_alert_threshold = fields.Integer(
        related="company_id.school_absence_alert_threshold", readonly=False
    )
    school_notification_moderation = fields.Boolean(
        related="company_id.school_notification_moderation", readonly=False
    )
