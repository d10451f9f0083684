from odoo import fields, models


class SchoolBellSchedule(models.Model):
    """Bell schedule (расписание звонков) (SETUP-2): lesson numbers with their times."""

    _name = "school.bell.schedule"
    _description = "Bell Schedule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    bell_ids = fields.One2many("school.bell", "schedule_id", string="Lessons", copy=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
