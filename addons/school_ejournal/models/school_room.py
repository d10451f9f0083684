from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SchoolRoom(models.Model):
    """Room or place where lessons are held (SETUP-3)."""

    _name = "school.room"
    _inherit = ["school.catalog.mixin"]
    _description = "Room"
    _order = "name"

    room_type = fields.Selection(
        [
            ("classroom", "Classroom"),
            ("laboratory", "Laboratory"),
            ("computer", "Computer room"),
            ("gym", "Gym"),
            ("workshop", "Workshop"),
            ("hall", "Assembly hall"),
            ("other", "Other"),
        ],
        string="Type",
        default="classroom",
    )
    capacity = fields.Integer(default=30)
    subject_ids = fields.Many2many(
        "school.subject",
        "school_subject_room_rel",
        "room_id",
        "subject_id",
        string="Subjects",
        check_company=True,
    )

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "A room with this name already exists."),
    ]

    @api.constrains("capacity")
    def _check_capacity(self):
        """A room seats no negative number of students (issue 11 item 10)."""
        for room in self:
            if room.capacity < 0:
                raise ValidationError(_("The capacity of room %s cannot be negative.", room.name))
