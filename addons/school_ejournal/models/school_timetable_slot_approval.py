from odoo import models


class SchoolTimetableSlotApproval(models.Model):
    """A change supersedes the director's approval of the timetable (ROLE-2)."""

    _name = "school.timetable.slot"
    _inherit = ["school.timetable.slot", "school.approval.tracking"]
    _approval_kind = "timetable"
