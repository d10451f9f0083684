from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    school_archive_dir = fields.Char(
        string="Second Archive Directory",
        help="A directory on another medium where every archive file is copied.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        if any(vals.get("school_archive_dir") for vals in vals_list):
            # the chains' head files of the school (school.chain.anchor)
            self.env.registry.clear_cache()
        return companies

    def write(self, vals):
        res = super().write(vals)
        if "school_archive_dir" in vals:
            # the chains' head files of the school (school.chain.anchor)
            self.env.registry.clear_cache()
        return res
