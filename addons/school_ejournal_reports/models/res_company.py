from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    school_archive_dir = fields.Char(
        string="Second Archive Directory",
        help="A directory on another medium where every archive file is copied.",
    )
