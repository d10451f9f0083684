from odoo import models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def report_action(self, docids, data=None, config=True):
        """Print directly unless the user may configure the document layout (issue 13).

        Odoo opens the document layout configurator instead of the report for "admins"
        (``group_erp_manager``) of a company without a layout; the configurator needs
        ``base.document.layout``, which only ``group_system`` may use. An e-journal
        administrator printing the credentials notice (ROLE-1) would get an access error and
        lose the temporary passwords just set.
        """
        if not self.env.user.has_group("base.group_system"):
            config = False
        return super().report_action(docids, data=data, config=config)
