from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

MOVEMENT_TYPES = [
    ("arrival", "Arrival"),
    ("transfer", "Transfer between classes"),
    ("departure", "Departure"),
    ("graduation", "Graduation"),
]


class SchoolMovement(models.Model):
    """Dated student movement by order (движение обучающихся) (SETUP-8, REP-6)."""

    _name = "school.movement"
    _description = "Student Movement"
    _inherit = ["school.student.record.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    movement_type = fields.Selection(MOVEMENT_TYPES, string="Type", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    from_class_id = fields.Many2one("school.class", check_company=True)
    to_class_id = fields.Many2one("school.class", check_company=True)
    order_number = fields.Char(string="Order No.")
    order_date = fields.Date()
    reason = fields.Char()
    destination = fields.Char(help="School or place the student leaves for, or comes from.")

    @api.constrains("movement_type", "from_class_id", "to_class_id")
    def _check_classes(self):
        for move in self:
            if move.movement_type in ("arrival", "transfer") and not move.to_class_id:
                raise ValidationError(_("An arrival or a transfer needs the class the student joins."))
            if move.movement_type in ("transfer", "departure", "graduation") and not move.from_class_id:
                raise ValidationError(_("A transfer or a departure needs the class the student leaves."))
            if move.movement_type == "transfer" and move.from_class_id == move.to_class_id:
                raise ValidationError(_("A transfer needs two different classes."))

    @api.constrains("date", "from_class_id", "to_class_id")
    def _check_date(self):
        """A movement is dated within the academic year of the classes it names (SETUP-8)."""
        for move in self.sudo():
            for school_class in move.from_class_id | move.to_class_id:
                year = school_class.year_id
                if not year.date_start <= move.date <= year.date_end:
                    raise ValidationError(
                        _(
                            "The movement of %(student)s on %(date)s is outside the academic year "
                            "%(year)s of class %(cls)s.",
                            student=move.student_id.name,
                            date=format_date(self.env, move.date),
                            year=year.name,
                            cls=school_class.name,
                        )
                    )
