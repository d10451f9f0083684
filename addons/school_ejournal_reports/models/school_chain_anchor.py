from odoo import api, models


class SchoolChainAnchor(models.Model):
    _inherit = "school.chain.anchor"

    @api.model
    def _chain_models(self):
        """The archive register is a chain too (ARCH-2, issue 12)."""
        return super()._chain_models() + ["school.archive.entry"]

    @api.model
    def _second_dir(self, company):
        """The school's own second directory, else the one of the configuration (ARCH-3)."""
        root = company.sudo().school_archive_dir
        return root.strip() if root and root.strip() else super()._second_dir(company)
