from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# lessons of a day are numbered 0 (a lesson before the first) to 10, in the bells and in the
# timetable alike (SETUP-2, SETUP-7)
MAX_LESSON_NUMBER = 10


def _hours_to_text(value):
    hours, minutes = divmod(round(value * 60), 60)
    return f"{int(hours):02d}:{int(minutes):02d}"


class SchoolBell(models.Model):
    """One lesson of a bell schedule: its number, start and end (SETUP-2)."""

    _name = "school.bell"
    _description = "Bell"
    _order = "schedule_id, number"

    schedule_id = fields.Many2one(
        "school.bell.schedule", string="Bell Schedule", required=True, ondelete="cascade", index=True
    )
    number = fields.Integer(string="Lesson Number", required=True)
    time_start = fields.Float(string="Start", required=True)
    time_end = fields.Float(string="End", required=True)
    company_id = fields.Many2one(related="schedule_id.company_id", store=True, index=True)

    _sql_constraints = [
        ("number_uniq", "unique(schedule_id, number)", "A lesson number appears twice in the bell schedule."),
    ]

    def _compute_display_name(self):
        for bell in self:
            bell.display_name = _(
                "Lesson %(number)s (%(start)s-%(end)s)",
                number=bell.number,
                start=_hours_to_text(bell.time_start),
                end=_hours_to_text(bell.time_end),
            )

    @api.constrains("time_start", "time_end", "number")
    def _check_times(self):
        for bell in self:
            if not (0 <= bell.time_start < bell.time_end <= 24):
                raise ValidationError(_("Lesson %s must end after it starts, within one day.", bell.number))
            if not 0 <= bell.number <= MAX_LESSON_NUMBER:
                raise ValidationError(_("Lesson numbers run from 0 to %s.", MAX_LESSON_NUMBER))
            overlap = self.search(
                [
                    ("id", "!=", bell.id),
                    ("schedule_id", "=", bell.schedule_id.id),
                    ("time_start", "<", bell.time_end),
                    ("time_end", ">", bell.time_start),
                ],
                limit=1,
            )
            if overlap:
                raise ValidationError(
                    _("Lessons %(a)s and %(b)s overlap in time.", a=bell.number, b=overlap.number)
                )
