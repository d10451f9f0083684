from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .school_mark import IDENTITY_FIELDS

ATTENDANCE_CODES = [
    ("absent", "Absent (Н)"),
    ("ill", "Ill (Б)"),
    ("excused", "Excused (УП)"),
    ("late", "Late (ОП)"),
]
ATTENDANCE_SHORT = {"absent": "Н", "ill": "Б", "excused": "УП", "late": "ОП"}
# length of a lesson without a bell schedule, in minutes (P 4.5: a lesson lasts 45 minutes)
DEFAULT_LESSON_MINUTES = 45


class SchoolAttendance(models.Model):
    """An exception to presence at a lesson: absent, ill, excused or late (JOUR-2).

    Presence is the default, only exceptions are stored. The subject teacher records them
    on the day; the class teacher checks and corrects them for the own class (P 4.3).
    """

    _name = "school.attendance"
    _description = "Attendance Exception"
    # the lesson, the student and the related fields: school.journal.entry.mixin
    _inherit = ["school.journal.entry.mixin"]
    _log_fields = ("code", "late_minutes", "comment")

    lesson_id = fields.Many2one(ondelete="cascade")
    code = fields.Selection(ATTENDANCE_CODES, required=True, default="absent")
    late_minutes = fields.Integer(string="Minutes Late")
    comment = fields.Char()
    on_last_school_day = fields.Boolean(
        string="On the Last School Day",
        compute="_compute_on_last_school_day",
        search="_search_on_last_school_day",
    )

    _sql_constraints = [
        (
            "lesson_student_uniq",
            "unique(lesson_id, student_id)",
            "The student already has an attendance entry for this lesson.",
        ),
    ]

    def _compute_display_name(self):
        for entry in self:
            entry.display_name = f"{entry.student_id.name}: {ATTENDANCE_SHORT.get(entry.code, '')}"

    @api.model
    def _last_school_day(self):
        """Today if the user's lessons run today, else the last day before with lessons.

        The class teacher's daily check opens on it: on a Saturday or a holiday it shows
        the last day of lessons, not an empty "everyone was present" (issue 13).
        """
        today = fields.Date.context_today(self)
        lesson = self.env["school.lesson"].search_fetch(
            [("date", "<=", today), ("state", "!=", "cancelled")], ["date"], order="date desc", limit=1
        )
        return lesson.date or today

    def _compute_on_last_school_day(self):
        day = self._last_school_day()
        for entry in self:
            entry.on_last_school_day = entry.date == day

    def _search_on_last_school_day(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on the last school day."))
        positive = (operator == "=") == value
        return [("date", "=" if positive else "!=", self._last_school_day())]

    @api.model_create_multi
    def create(self, vals_list):
        lessons = self.env["school.lesson"].browse({v.get("lesson_id") for v in vals_list})
        self._check_lessons_editable(lessons)
        for vals in vals_list:
            self._check_late_minutes(lessons.browse(vals.get("lesson_id")), vals.get("late_minutes"))
        self._prefetch_students(vals_list)
        entries = super().create(vals_list)
        entries._check_students_of_lessons()
        entries._log_changes("create", [(e, "", e._log_snapshot()) for e in entries])
        return entries

    def write(self, vals):
        if IDENTITY_FIELDS & set(vals):
            raise UserError(_("Delete the attendance entry and record a new one instead."))
        self._check_lessons_editable(self.lesson_id)
        if "late_minutes" in vals:
            for lesson in self.lesson_id:
                self._check_late_minutes(lesson, vals["late_minutes"])
        old = {e.id: e._log_snapshot() for e in self}
        res = super().write(vals)
        self._log_changes(
            "write", [(e, old[e.id], e._log_snapshot()) for e in self if old[e.id] != e._log_snapshot()]
        )
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_check_editable(self):
        self._check_lessons_editable(self.lesson_id)
        self._log_changes("unlink", [(e, e._log_snapshot(), "") for e in self])

    @api.model
    def _lesson_minutes(self, lesson):
        """Length of ``lesson`` in minutes, from the bell schedule of its class."""
        lesson = lesson.sudo()
        bell = lesson.class_id.bell_schedule_id.bell_ids.filtered(lambda b: b.number == lesson.lesson_number)[
            :1
        ]
        if bell:
            return max(1, round((bell.time_end - bell.time_start) * 60))
        return DEFAULT_LESSON_MINUTES

    @api.model
    def _check_late_minutes(self, lesson, minutes):
        """Minutes late: none, or from 1 to the lesson's length (issue 11 item 10)."""
        if minutes in (None, False, 0):
            return
        length = self._lesson_minutes(lesson) if lesson else DEFAULT_LESSON_MINUTES
        if isinstance(minutes, float) and minutes.is_integer():
            minutes = int(minutes)
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= length:
            raise ValidationError(
                _(
                    "The minutes late must be a whole number from 1 to %(length)s, the length of the "
                    "lesson; %(minutes)s is not.",
                    length=length,
                    minutes=str(minutes)[:20],
                )
            )
