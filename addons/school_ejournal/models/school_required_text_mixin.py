from odoo import _, api, models
from odoo.exceptions import ValidationError


class SchoolRequiredTextMixin(models.AbstractModel):
    """A required text is more than spaces (issue 11 item 10): a name, a title or a code
    typed as spaces only is refused with the field's label, as an empty one is, and nothing
    is written."""

    _name = "school.required.text.mixin"
    _description = "Required Texts Not Blank"

    @api.model
    def _check_required_texts(self, vals):
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if (
                field
                and field.required
                and field.type in ("char", "text")
                and isinstance(value, str)
                and not value.strip()
            ):
                raise ValidationError(
                    _(
                        "%s cannot be made of spaces only: fill it in.",
                        field.get_description(self.env)["string"],
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_required_texts(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_required_texts(vals)
        return super().write(vals)
