from odoo import _, fields, models
from odoo.exceptions import UserError

from ..models import school_access
from ..models.school_movement import MOVEMENT_TYPES


class SchoolMovementWizard(models.TransientModel):
    """Arrival, departure or transfer of students by order (SETUP-8, P 4.3).

    Writes the movement record and the class membership: the records a student made stay
    with the class where they were made.
    """

    _name = "school.movement.wizard"
    _description = "Student Movement"

    movement_type = fields.Selection(MOVEMENT_TYPES, string="Type", required=True, default="transfer")
    student_ids = fields.Many2many(
        "school.student", string="Students", required=True, default=lambda self: self._default_student_ids()
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    to_class_id = fields.Many2one("school.class")
    order_number = fields.Char(string="Order No.", required=True)
    order_date = fields.Date(default=fields.Date.context_today)
    reason = fields.Char()
    destination = fields.Char()

    def _default_student_ids(self):
        """The students selected in the list (or open in the form) the action was run from;
        none when it is opened from the menu, which has no selection (the action's context
        named ``active_ids`` and the web client failed on it)."""
        if self.env.context.get("active_model") != "school.student":
            return self.env["school.student"]
        return self.env["school.student"].browse(self.env.context.get("active_ids") or [])

    def action_apply(self):
        school_access.check_groups(self.env, school_access.GROUP_ADMIN)
        self.ensure_one()
        if not self.env.user.has_group("school_ejournal.group_school_admin"):
            raise UserError(_("Only the e-journal administrator records student movement."))
        if self.movement_type in ("arrival", "transfer") and not self.to_class_id:
            raise UserError(_("Choose the class the students join."))
        Enrollment = self.env["school.enrollment"]
        moves = []
        for student in self.student_ids:
            current = student.enrollment_ids.filtered(lambda e: not e.date_end or e.date_end >= self.date)
            from_class = current[:1].class_id
            if self.movement_type == "arrival" and from_class:
                raise UserError(_("%s already belongs to a class: record a transfer instead.", student.name))
            if self.movement_type != "arrival" and not from_class:
                raise UserError(_("%s belongs to no class on that date.", student.name))
            if current:
                current.write({"date_end": fields.Date.subtract(self.date, days=1)})
            if self.movement_type in ("arrival", "transfer"):
                Enrollment.create(
                    {"student_id": student.id, "class_id": self.to_class_id.id, "date_start": self.date}
                )
                if self.movement_type == "transfer":
                    # leaving the class ends its subgroups that day, whatever the period
                    self.env["school.subgroup.member"]._end_for_leaving(
                        student, from_class, fields.Date.subtract(self.date, days=1)
                    )
            else:
                student.write({"state": "graduated" if self.movement_type == "graduation" else "left"})
            moves.append(
                {
                    "student_id": student.id,
                    "movement_type": self.movement_type,
                    "date": self.date,
                    "from_class_id": from_class.id,
                    "to_class_id": self.to_class_id.id,
                    "order_number": self.order_number,
                    "order_date": self.order_date,
                    "reason": self.reason,
                    "destination": self.destination,
                }
            )
        self.env["school.movement"].create(moves)
        return {"type": "ir.actions.act_window_close"}
