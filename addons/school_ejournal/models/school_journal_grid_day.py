from datetime import timedelta

from odoo import api, fields, models

from . import school_access
from .school_attendance import ATTENDANCE_SHORT


class SchoolJournalGridDay(models.AbstractModel):
    """The class teacher's attendance sheet of one day: students × that day's lessons (JOUR-2).

    One sick child is one row with "ill the whole day", not a row per lesson (P 4.3, issue
    13). Reading goes through the user's record rules; saving goes through
    ``save_attendance`` lesson by lesson, with the same checks as the journal.
    """

    _inherit = "school.journal.grid"

    @api.model
    def get_day_options(self):
        """Classes whose day sheet the user opens: the own classes, every class for readers."""
        school_access.check_staff(self.env)
        user = self.env.user
        domain = [("year_id.active", "=", True)]
        if not user.has_group("school_ejournal.group_school_reader"):
            domain.append(("class_teacher_id", "=", user.id))
        classes = self.env["school.class"].search(domain)
        own = classes.filtered(lambda c: c.class_teacher_id == user)[:1] or classes[:1]
        return {
            "classes": [{"id": c.id, "name": c.name} for c in classes],
            "default_class_id": own.id or False,
            "default_date": fields.Date.to_string(self._last_school_day(own)),
        }

    @api.model
    def _last_school_day(self, school_class):
        today = fields.Date.context_today(self)
        lesson = self.env["school.lesson"].search_fetch(
            [("class_id", "=", school_class.id), ("date", "<=", today), ("state", "!=", "cancelled")],
            ["date"],
            order="date desc",
            limit=1,
        )
        return lesson.date or today

    @api.model
    def get_day_sheet(self, class_id, day):
        """Students of the class on ``day`` and the day's lessons with their attendance."""
        school_access.check_staff(self.env)
        school_class = self.env["school.class"].browse(class_id)
        self._check_readable(school_class)
        day = fields.Date.to_date(day)
        lessons = self.env["school.lesson"].search_fetch(
            [("class_id", "=", class_id), ("date", "=", day), ("state", "!=", "cancelled")],
            ["lesson_number", "subject_id", "subgroup_id", "teacher_id", "is_substitution"],
            order="lesson_number, id",
        )
        enrollments = (
            self.env["school.enrollment"]
            .sudo()
            .search_fetch(
                [
                    ("class_id", "=", class_id),
                    ("date_start", "<=", day),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", day),
                ],
                ["student_id"],
            )
        )
        students = enrollments.student_id.with_env(self.env)
        self._check_readable(students)
        absences = self.env["school.attendance"].search_fetch(
            [("lesson_id", "in", lessons.ids)], ["lesson_id", "student_id", "code"]
        )
        lesson_students = {lesson.id: set(lesson._get_students().ids) for lesson in lessons}
        user = self.env.user
        may_correct = school_class.class_teacher_id == user
        return {
            "class": {"id": school_class.id, "name": school_class.name},
            "date": fields.Date.to_string(day),
            "prev_date": fields.Date.to_string(day - timedelta(days=1)),
            "next_date": fields.Date.to_string(day + timedelta(days=1)),
            "lessons": [
                {
                    "id": lesson.id,
                    "number": lesson.lesson_number,
                    "subject": lesson.subject_id.name,
                    "subgroup": lesson.subgroup_id.name or "",
                    "teacher": lesson.teacher_id.name,
                    "is_substitution": lesson.is_substitution,
                    "editable": may_correct or lesson.teacher_id == user,
                    "student_ids": sorted(lesson_students[lesson.id]),
                }
                for lesson in lessons
            ],
            "students": [{"id": s.id, "name": s.name} for s in students.sorted("name")],
            "cells": {f"{a.lesson_id.id}-{a.student_id.id}": ATTENDANCE_SHORT[a.code] for a in absences},
        }
