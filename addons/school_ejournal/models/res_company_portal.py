from odoo import fields, models


class ResCompany(models.Model):
    """School settings of the e-diary notifications (PORT-3)."""

    _inherit = "res.company"

    school_absence_alert_threshold = fields.Integer(
        string="Missed Lessons per Week before an Alert",
        default=5,
        help="The class teacher and the guardians are alerted when a student misses more "
        "lessons than this in one week (PORT-3).",
    )
    school_notification_moderation = fields.Boolean(
        string="Class Teacher Releases Notifications",
        help="Notifications to guardians wait until the class teacher releases them.",
    )
