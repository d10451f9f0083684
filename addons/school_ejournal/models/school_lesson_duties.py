from datetime import datetime, time, timedelta

from odoo import api, fields, models


class SchoolLessonDuties(models.Model):
    """The lesson's part in the remaining duties (issue 14): every homework has a due date, by
    default the next lesson of the subject in the class or subgroup (duty 3); the journal
    shows which approved curriculum, load and timetable were in force on the lesson's date
    (ROLE-2, duty 2)."""

    _inherit = "school.lesson"

    individual_homework_ids = fields.One2many("school.homework.individual", "lesson_id")

    def _get_next_lesson_date(self):
        """The date of the next lesson of the subject in the class (and subgroup): a lesson in
        the journal, else the timetable, else a week later."""
        self.ensure_one()
        lesson = self.sudo().search(
            [
                ("class_id", "=", self.class_id.id),
                ("subject_id", "=", self.subject_id.id),
                ("subgroup_id", "=", self.subgroup_id.id),
                ("date", ">", self.date),
                ("state", "!=", "cancelled"),
            ],
            order="date, lesson_number",
            limit=1,
        )
        if lesson:
            return lesson.date
        slots = (
            self.env["school.timetable.slot"]
            .sudo()
            .search(
                [
                    ("class_id", "=", self.class_id.id),
                    ("subject_id", "=", self.subject_id.id),
                    ("subgroup_id", "=", self.subgroup_id.id),
                    ("date_to", ">", self.date),
                ]
            )
        )
        # the calendar of the three weeks ahead in one query, not one per day
        first, last = self.date + timedelta(days=1), self.date + timedelta(days=21)
        off, working = self.env["school.calendar.day"]._get_calendar(self.company_id, first, last)[
            self.company_id.id
        ]
        for offset in range(1, 22):
            day = self.date + timedelta(days=offset)
            if any(
                slot.weekday == str(day.weekday()) and slot.date_from <= day <= slot.date_to for slot in slots
            ) and (day in working or (day.weekday() < 5 and day not in off)):
                return day
        return self.date + timedelta(days=7)

    @api.model_create_multi
    def create(self, vals_list):
        lessons = super().create(vals_list)
        lessons._set_default_homework_due_date()
        return lessons

    def write(self, vals):
        res = super().write(vals)
        if vals.get("homework") or "date" in vals:
            self._set_default_homework_due_date()
        return res

    def _set_default_homework_due_date(self):
        for lesson in self:
            if (lesson.homework or "").strip() and not lesson.homework_due_date and lesson.date:
                # the system sets the default; the teacher may change it in the form
                lesson.sudo().write({"homework_due_date": lesson._get_next_lesson_date()})

    approval_ids = fields.Many2many(
        "school.approval",
        string="Approved Versions in Force",
        compute="_compute_approval_ids",
        compute_sudo=True,
    )

    def _compute_approval_ids(self):
        Approval = self.env["school.approval"]
        # lessons of one class on one day share their versions: looked up once, not per lesson
        in_force = {}
        for lesson in self:
            when = datetime.combine(lesson.date, time.max) if lesson.date else fields.Datetime.now()
            key = (lesson.class_id.id, when)
            if key not in in_force:
                found = Approval.browse()
                for kind in ("curriculum", "load", "timetable"):
                    found |= Approval._get_in_force(kind, lesson.class_id, when)
                in_force[key] = found
            lesson.approval_ids = in_force[key]
