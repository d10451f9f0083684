from odoo import fields, models


class SchoolWorkflowMixin(models.AbstractModel):
    """Records that move through the states of a workflow by their buttons (issue 16 item 6):
    the director's approvals, the correction requests, the disputed marks, the inspections
    and the follow-ups of unsatisfactory marks.

    Each model names its states and the first one (``state = fields.Selection(STATES,
    default=...)``); the state is required, shown read-only, tracked in the chatter and
    indexed for the lists of open records.
    """

    _name = "school.workflow.mixin"
    _inherit = ["mail.thread"]
    _description = "Record Moved through States by Its Buttons"

    # each model names its own states: a selection here would be one Odoo warns it replaces
    state = fields.Selection(required=True, readonly=True, tracking=True, index=True)
