from odoo import api, models, tools


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

    @api.model
    def _head_files_possible(self):
        return super()._head_files_possible() or self._school_archive_dir_set()

    @api.model
    @tools.ormcache()
    def _school_archive_dir_set(self):
        """Whether a school names its own second directory (cached: the companies' writes of
        it clear the caches)."""
        self.env["res.company"].flush_model(["school_archive_dir"])
        self.env.cr.execute(
            "SELECT 1 FROM res_company WHERE TRIM(COALESCE(school_archive_dir, '')) != '' LIMIT 1"
        )
        return bool(self.env.cr.fetchone())
