from odoo import _, api, models
from odoo.exceptions import ValidationError


class SchoolTextLimitMixin(models.AbstractModel):
    """Length limits of the free texts of the journal (issue 11 item 10).

    ``_text_limits`` maps a field to its longest accepted length in characters. A longer
    text is refused with a clear message before anything is written, as a required text
    (a name, a title, a code) typed as spaces only.
    """

    _name = "school.text.limit.mixin"
    _description = "Text Length Limits"

    _text_limits = {}

    @api.model
    def _check_text_limits(self, vals):
        for fname, value in vals.items():
            field = self._fields.get(fname)
            required_text = field and field.required and field.type in ("char", "text")
            if required_text and isinstance(value, str) and not value.strip():
                raise ValidationError(
                    _(
                        "%s cannot be made of spaces only: fill it in.",
                        field.get_description(self.env)["string"],
                    )
                )
        for fname, limit in self._text_limits.items():
            value = vals.get(fname)
            if isinstance(value, str) and len(value) > limit:
                raise ValidationError(
                    _(
                        "%(field)s is too long: %(length)s characters, at most %(limit)s are accepted.",
                        field=self._fields[fname].get_description(self.env)["string"],
                        length=len(value),
                        limit=limit,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_text_limits(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_text_limits(vals)
        return super().write(vals)
