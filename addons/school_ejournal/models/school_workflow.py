"""The state field of the records moved through a workflow by their buttons (issue 16 item 6):
the director's approvals, the correction requests, the disputed marks, the inspections and
the follow-ups of unsatisfactory marks."""

from odoo import fields


def workflow_state(selection, default, **attrs):
    """The ``state`` of such a record: its states, the first one, and the same attributes
    everywhere: required, shown read-only (the buttons change it), tracked in the chatter and
    indexed for the lists of open records; ``attrs`` overrides them."""
    return fields.Selection(
        selection,
        default=default,
        **{"required": True, "readonly": True, "tracking": True, "index": True, **attrs},
    )
