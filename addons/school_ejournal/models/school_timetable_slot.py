import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from .school_bell import MAX_LESSON_NUMBER

_logger = logging.getLogger(__name__)

# Generating a term of lessons posts no chatter message per lesson.
GENERATION_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
]


class SchoolTimetableSlot(models.Model):
    """Weekly timetable slot of a class or subgroup (SETUP-7, P 4.5).

    A teacher, a room and a class (or one subgroup of it) are never twice in one slot while
    the validity ranges overlap. Lessons of the journal are generated from the slots (JOUR-1).
    """

    _name = "school.timetable.slot"
    _description = "Timetable Slot"
    _inherit = ["school.teaching.record.mixin", "school.approval.tracking"]
    # a change supersedes the director's approval of the timetable (ROLE-2)
    _approval_kind = "timetable"
    _order = "class_id, weekday, lesson_number"
    _check_company_auto = True

    # any subgroup of the class: the slot is checked against the subgroup's class only
    subgroup_id = fields.Many2one(domain="[('class_id', '=', class_id)]")
    room_id = fields.Many2one("school.room", index=True, check_company=True)
    weekday = fields.Selection(WEEKDAYS, required=True, default="0")
    lesson_number = fields.Integer(string="Lesson No.", required=True, default=1)
    date_from = fields.Date(string="Valid From", required=True)
    date_to = fields.Date(string="Valid Until", required=True)

    @api.onchange("class_id")
    def _onchange_class_id(self):
        if self.class_id and not self.date_from:
            self.date_from = self.class_id.year_id.date_start
            self.date_to = self.class_id.year_id.date_end

    def _compute_display_name(self):
        days = dict(self._fields["weekday"]._description_selection(self.env))
        for slot in self:
            slot.display_name = _(
                "%(cls)s, %(day)s, lesson %(num)s: %(subject)s",
                cls=slot.class_id.name,
                day=days.get(slot.weekday, ""),
                num=slot.lesson_number,
                subject=slot.subject_id.name,
            )

    @api.constrains("date_from", "date_to", "lesson_number", "subgroup_id", "class_id")
    def _check_values(self):
        for slot in self:
            if slot.date_to < slot.date_from:
                raise ValidationError(_("A timetable slot must end after it starts."))
            year = slot.class_id.year_id
            if year and not year.date_start <= slot.date_from <= slot.date_to <= year.date_end:
                raise ValidationError(
                    _(
                        "The timetable slot of class %(cls)s (%(start)s - %(end)s) leaves the academic "
                        "year %(year)s (%(ystart)s - %(yend)s).",
                        cls=slot.class_id.name,
                        start=format_date(self.env, slot.date_from),
                        end=format_date(self.env, slot.date_to),
                        year=year.name,
                        ystart=format_date(self.env, year.date_start),
                        yend=format_date(self.env, year.date_end),
                    )
                )
            if not 0 <= slot.lesson_number <= MAX_LESSON_NUMBER:
                raise ValidationError(_("Lesson numbers run from 0 to %s.", MAX_LESSON_NUMBER))
            if slot.subgroup_id and slot.subgroup_id.class_id != slot.class_id:
                raise ValidationError(_("The subgroup belongs to another class."))

    @api.constrains(
        "teacher_id", "room_id", "class_id", "subgroup_id", "weekday", "lesson_number", "date_from", "date_to"
    )
    def _check_conflicts(self):
        """Teacher, room or class twice in one slot is refused (SETUP-7)."""
        days = dict(self._fields["weekday"]._description_selection(self.env))
        for slot in self:
            base = [
                ("id", "!=", slot.id),
                ("weekday", "=", slot.weekday),
                ("lesson_number", "=", slot.lesson_number),
                ("date_from", "<=", slot.date_to),
                ("date_to", ">=", slot.date_from),
                ("company_id", "=", slot.company_id.id),
            ]
            when = _("%(day)s, lesson %(num)s", day=days.get(slot.weekday), num=slot.lesson_number)
            class_domain = [("class_id", "=", slot.class_id.id)]
            if slot.subgroup_id:
                class_domain += ["|", ("subgroup_id", "=", False), ("subgroup_id", "=", slot.subgroup_id.id)]
            # (what is taken twice, the refusal): the teacher, the room when set, the class
            clashes = (
                (
                    [("teacher_id", "=", slot.teacher_id.id)],
                    _("Teacher %(teacher)s already has a lesson on %(when)s (class %(cls)s)."),
                ),
                (
                    slot.room_id and [("room_id", "=", slot.room_id.id)],
                    _("Room %(room)s is already taken on %(when)s (class %(cls)s)."),
                ),
                (class_domain, _("Class %(cls)s already has %(subject)s on %(when)s.")),
            )
            for domain, message in clashes:
                other = domain and self.sudo().search(base + domain, limit=1)
                if other:
                    raise ValidationError(
                        message
                        % {
                            "teacher": slot.teacher_id.name,
                            "room": slot.room_id.name,
                            "cls": other.class_id.name,
                            "subject": other.subject_id.name,
                            "when": when,
                        }
                    )

    def _generate_lessons(self, date_from, date_to):
        """Create the journal's lessons of these slots between two dates (JOUR-1).

        Days outside the class's quarters or halves (holidays) get no lesson; lessons that
        already exist for a slot and a date are kept. Returns the created lessons.
        """
        if date_to < date_from:
            raise UserError(_("The end date is before the start date."))
        Lesson = self.env["school.lesson"]
        existing = set(
            Lesson.sudo()
            .search_fetch(
                [("slot_id", "in", self.ids), ("date", ">=", date_from), ("date", "<=", date_to)],
                ["slot_id", "date"],
            )
            .mapped(lambda lesson: (lesson.slot_id.id, lesson.date))
        )
        periods = self._get_terms(date_from, date_to)
        # the school calendar: no lessons on holidays and vacations; a transferred working
        # day follows another weekday's timetable (issue 14, duty 7)
        calendars = self.env["school.calendar.day"]._get_calendar(
            self.class_id.company_id, date_from, date_to
        )
        vals_list = []
        day = date_from
        while day <= date_to:
            for slot in self:
                days_off, working = calendars[slot.class_id.company_id.id]
                weekday = str(working.get(day, -1 if day in days_off else day.weekday()))
                if slot.weekday != weekday or not (slot.date_from <= day <= slot.date_to):
                    continue
                if (slot.id, day) in existing:
                    continue
                if periods._term_of(slot.class_id, day):
                    vals_list.append(slot._prepare_lesson_values(day))
            day += timedelta(days=1)
        return Lesson.create(vals_list)

    def _prepare_lesson_values(self, day):
        self.ensure_one()
        return {
            "slot_id": self.id,
            "class_id": self.class_id.id,
            "subgroup_id": self.subgroup_id.id,
            "subject_id": self.subject_id.id,
            "planned_teacher_id": self.teacher_id.id,
            "teacher_id": self.teacher_id.id,
            "room_id": self.room_id.id,
            "date": day,
            "lesson_number": self.lesson_number,
        }

    @api.model
    def _cron_generate_tomorrow(self):
        """Daily: make sure tomorrow's lessons of every school exist (JOUR-1)."""
        tomorrow = fields.Date.context_today(self) + timedelta(days=1)
        slots = self.sudo().search(
            [
                ("date_from", "<=", tomorrow),
                ("date_to", ">=", tomorrow),
                ("weekday", "=", str(tomorrow.weekday())),
                ("class_id.active", "=", True),
            ]
        )
        lessons = slots.with_context(**GENERATION_CONTEXT)._generate_lessons(tomorrow, tomorrow)
        _logger.info("Generated %s lessons for %s", len(lessons), tomorrow)
        return lessons
