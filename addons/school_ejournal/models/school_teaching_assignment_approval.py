from odoo import models


class SchoolTeachingAssignmentApproval(models.Model):
    """A change supersedes the director's approval of the load (ROLE-2)."""

    _name = "school.teaching.assignment"
    _inherit = ["school.teaching.assignment", "school.approval.tracking"]
    _approval_kind = "load"
