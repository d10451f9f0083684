from odoo import fields, models


class SchoolWorkType(models.Model):
    """Type of work a mark is given for (JOUR-3): answer in class, test, control work...

    Its weight is not kept here: weights are dated data of the grading policy.
    """

    _name = "school.work.type"
    _inherit = ["school.text.limit.mixin"]
    _description = "Work Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    category = fields.Selection(
        [
            ("current", "Current work"),
            ("written", "Written work"),
            ("practical", "Practical work"),
            ("laboratory", "Laboratory work"),
            ("control", "Control work"),
        ],
        default="current",
        required=True,
        help="Practical, laboratory and control works must have their topic written out.",
    )
    default_weight = fields.Float(default=1.0, digits=(3, 1))
    company_id = fields.Many2one("res.company", index=True)
    active = fields.Boolean(default=True)

    # the change log's texts of marks name the work type: a rename, in any language, is logged
    # (JOUR-7, ``school.journal.log._log_renames``)
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
        return {wt.id: {lang: wt.with_context(lang=lang).name for lang in langs} for wt in self.sudo()}

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "A work type with this code already exists."),
        ("weight_positive", "CHECK(default_weight >= 0)", "A weight cannot be negative."),
    ]
