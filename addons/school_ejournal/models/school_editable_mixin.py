from odoo import api, fields, models


class SchoolEditableMixin(models.AbstractModel):
    """Whether the current user may change the record (SEC-3).

    The access rights let a teacher write a model while the record rules let the teacher
    change only some of its records (own plans, the lessons taught): a form hides the
    buttons that change the record from a user who would be refused (``invisible="not
    can_edit"``), instead of offering them and then answering with an access error.
    """

    _name = "school.editable.mixin"
    _description = "Record Editable by the Current User"

    can_edit = fields.Boolean(compute="_compute_can_edit", string="Editable by Me")

    @api.depends_context("uid")
    def _compute_can_edit(self):
        editable = self._origin._filtered_access("write")
        may_create = self.browse().has_access("create")
        for record in self:
            record.can_edit = record._origin in editable if record._origin else may_create
