from odoo import models


class SchoolCurriculumLineApproval(models.Model):
    """A change supersedes the director's approval of the curriculum (ROLE-2)."""

    _name = "school.curriculum.line"
    _inherit = ["school.curriculum.line", "school.approval.tracking"]
    _approval_kind = "curriculum"
