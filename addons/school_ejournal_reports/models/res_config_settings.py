from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    school_archive_dir = fields.Char(related="company_id.school_archive_dir", readonly=False)
