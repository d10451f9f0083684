from odoo import models
from odoo.tools import SQL

# abstract models whose selection fields our models inherit, with their labels translated by
# their own module for the abstract model (and the core models) only
TRANSLATED_MIXINS = ("mail.activity.mixin",)


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        """After loading translations, give the selection fields our models inherit from a
        mixin (the activity state of a model with activities) the mixin's own translated
        labels: Odoo's translation files list them for Odoo's models only, so a Russian user
        would read "Today", "Planned", "Overdue" when grouping our records by activity."""
        result = super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
        self._school_translate_inherited_selections(langs)
        return result

    def _school_translate_inherited_selections(self, langs):
        langs = [lang for lang in langs if lang != "en_US"]
        if not langs:
            return
        self.env.flush_all()
        updated = 0
        for lang in langs:
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE ir_model_fields_selection AS label
                       SET name = label.name || jsonb_build_object(%(lang)s, source.name ->> %(lang)s)
                      FROM ir_model_fields AS field, ir_model_fields AS mixin_field,
                           ir_model_fields_selection AS source
                     WHERE label.field_id = field.id
                       AND field.model LIKE %(models)s
                       AND mixin_field.model IN %(mixins)s
                       AND mixin_field.name = field.name
                       AND source.field_id = mixin_field.id
                       AND source.value = label.value
                       AND source.name ? %(lang)s
                       AND NOT label.name ? %(lang)s
                    """,
                    lang=lang,
                    models="school.%",
                    mixins=TRANSLATED_MIXINS,
                )
            )
            updated += self.env.cr.rowcount
        if updated:
            self.env.registry.clear_cache()
