from odoo import models


class SchoolLoggedNameMixin(models.AbstractModel):
    """A directory record whose name the change log's texts hold (JOUR-7): a mark's work type,
    a period mark's period (``school.journal.log.NAMED_IN_TEXTS``). Renaming it, in any of its
    languages, is logged (``school.journal.log._log_renames``), so that the verification still
    reconciles the texts logged under its former names."""

    _name = "school.logged.name.mixin"
    _description = "Name Held by the Change Log"

    def write(self, vals):
        old = self._names_by_lang([self.env.lang or "en_US"]) if "name" in vals else {}
        res = super().write(vals)
        self.env["school.journal.log"]._log_renames(self, old)
        return res

    def _update_field_translations(self, field_name, translations, digest=None, source_lang=None):
        old = self._names_by_lang(translations) if field_name == "name" else {}
        res = super()._update_field_translations(field_name, translations, digest, source_lang)
        self.env["school.journal.log"]._log_renames(self, old)
        return res

    def _names_by_lang(self, langs):
        """{id: {language: name}} of the records before a change."""
        return {
            record.id: {lang: record.with_context(lang=lang).name for lang in langs} for record in self.sudo()
        }
