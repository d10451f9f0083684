import base64

from odoo import _, fields, models
from odoo.exceptions import UserError

from ..models import school_access


class SchoolPlanImportWizard(models.TransientModel):
    """Import the topics of a calendar-thematic plan from an XLSX file (PLAN-2).

    The file has the layout of the plan export. Every row is validated first; on any error
    nothing is saved and all bad rows are listed.
    """

    _name = "school.plan.import.wizard"
    _description = "Import Plan Topics"

    plan_id = fields.Many2one("school.plan", required=True, ondelete="cascade")
    file = fields.Binary(string="XLSX File", required=True, attachment=False)
    filename = fields.Char()
    mode = fields.Selection(
        [("replace", "Replace the plan's topics"), ("append", "Add after the plan's topics")],
        string="Import Mode",
        required=True,
        default="replace",
    )

    def action_import(self):
        school_access.check_staff(self.env)
        self.ensure_one()
        if not self.file:
            raise UserError(_("Choose the XLSX file to import."))
        self.plan_id.check_access("write")
        topics = self.plan_id._import_xlsx(base64.b64decode(self.file), mode=self.mode)
        self.plan_id.message_post(
            body=_(
                "%(count)s topics imported from %(file)s.", count=len(topics), file=self.filename or "XLSX"
            )
        )
        return {"type": "ir.actions.act_window_close"}
