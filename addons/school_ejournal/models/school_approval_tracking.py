from odoo import _, api, models


class SchoolApprovalTracking(models.AbstractModel):
    """Supersedes the director's approval when approved records change (ROLE-2): inherited by
    the curriculum lines, teaching assignments and timetable slots."""

    _name = "school.approval.tracking"
    _description = "Changes Supersede the Director's Approval"
    _approval_kind = None

    def _supersede_approvals(self, classes):
        if self._approval_kind:
            self.env["school.approval"]._supersede(
                self._approval_kind, classes, _("%s changed", self.env["ir.model"]._get(self._name).name)
            )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._supersede_approvals(records.sudo().class_id)
        return records

    def write(self, vals):
        classes = self.sudo().class_id
        res = super().write(vals)
        self._supersede_approvals(classes | self.sudo().class_id)
        return res

    def unlink(self):
        classes = self.sudo().class_id
        res = super().unlink()
        self._supersede_approvals(classes)
        return res
