from odoo import fields, models


class SchoolCatalogMixin(models.AbstractModel):
    """An entry of one school's catalogue (issue 16 item 6): its bell schedules, rooms and
    subjects (SETUP-2, SETUP-3). Named, of the current school by default, archived rather
    than deleted once in use."""

    _name = "school.catalog.mixin"
    _inherit = ["school.text.limit.mixin"]
    _description = "Entry of a School's Catalogue"
    _check_company_auto = True

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
