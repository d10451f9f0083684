from datetime import datetime, time, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression


class SchoolEvent(models.Model):
    """An event of a class or of the whole school, shown in the e-diary (COMM-2, P 3.10)."""

    _name = "school.event"
    _inherit = ["school.text.limit.mixin"]
    _description = "School Event"
    _order = "date_start, id"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True)
    date_start = fields.Datetime(string="Start", required=True, index=True)
    date_end = fields.Datetime(string="End")
    class_id = fields.Many2one(
        "school.class",
        index=True,
        ondelete="cascade",
        check_company=True,
        help="Leave empty for an event of the whole school.",
    )
    location = fields.Char()
    description = fields.Html()
    organizer_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    def write(self, vals):
        res = super().write(vals)
        # the record rules check the events as they were: the class teacher's event must stay
        # one of the own class, not be carried to another class or to the whole school (ROLE-4)
        if (
            not self.env.su
            and {"class_id", "company_id"} & set(vals)
            and self - self._filtered_access("write")
        ):
            raise AccessError(
                _(
                    "You keep the events of your own class only: an event is not moved to another "
                    "class or to the whole school."
                )
            )
        return res

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for event in self:
            if event.date_end and event.date_end < event.date_start:
                raise ValidationError(_("The event %s must end after it starts.", event.name))

    @api.model
    def _get_student_domain(self, student, date_from, date_to):
        """Events of the student's school and class that touch the days ``date_from`` to ``date_to``."""
        start = datetime.combine(date_from, time.min)
        stop = datetime.combine(date_to + timedelta(days=1), time.min)
        class_domain = [("class_id", "=", False)]
        if student.class_id:
            class_domain = expression.OR([class_domain, [("class_id", "=", student.class_id.id)]])
        return expression.AND(
            [
                [("company_id", "=", student.company_id.id), ("date_start", "<", stop)],
                ["|", ("date_end", ">=", start), "&", ("date_end", "=", False), ("date_start", ">=", start)],
                class_domain,
            ]
        )
