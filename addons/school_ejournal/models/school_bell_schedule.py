from odoo import fields, models


class SchoolBellSchedule(models.Model):
    """Bell schedule (расписание звонков) (SETUP-2): lesson numbers with their times."""

    _name = "school.bell.schedule"
    _inherit = ["school.catalog.mixin"]
    _description = "Bell Schedule"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    bell_ids = fields.One2many("school.bell", "schedule_id", string="Lessons", copy=True)
