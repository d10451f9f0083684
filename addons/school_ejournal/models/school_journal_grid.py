import re

from odoo import _, api, models
from odoo.exceptions import UserError

from .school_attendance import ATTENDANCE_SHORT

# what a teacher may type in a cell for an attendance exception (Russian and look-alike Latin)
ATTENDANCE_INPUT = {
    "Н": "absent", "H": "absent", "НБ": "absent",
    "Б": "ill", "B": "ill",
    "УП": "excused", "YП": "excused",
    "ОП": "late", "OП": "late",
}


class SchoolJournalGrid(models.AbstractModel):
    """Server side of the journal grid (JOUR-1..6, JOUR-13; DESIGN.md "Speed").

    ``get_grid`` returns a whole class (or subgroup), subject and period in a fixed number of
    queries whatever the number of students; ``save_cell`` applies what the teacher typed in
    one cell through the ORM, so every access rule, constraint and the change log apply.
    """

    _name = "school.journal.grid"
    _description = "Journal Grid"

    @api.model
    def get_grid(self, class_id, subject_id, period_id, subgroup_id=False):
        Lesson = self.env["school.lesson"]
        school_class = self.env["school.class"].browse(class_id)
        period = self.env["school.period"].browse(period_id)
        subject = self.env["school.subject"].browse(subject_id)
        school_class.check_access("read")
        lesson_domain = [
            ("class_id", "=", class_id),
            ("subject_id", "=", subject_id),
            ("date", ">=", period.date_start),
            ("date", "<=", period.date_end),
            ("state", "!=", "cancelled"),
        ]
        if subgroup_id:
            lesson_domain.append(("subgroup_id", "=", subgroup_id))
        lessons = Lesson.search_fetch(
            lesson_domain,
            ["date", "lesson_number", "topic", "homework", "teacher_id", "is_substitution",
             "work_type_ids", "subgroup_id", "state"],
            order="date, lesson_number, id",
        )
        students = self._grid_students(school_class, period, subgroup_id)
        marks = self.env["school.mark"].search_fetch(
            [("lesson_id", "in", lessons.ids)], ["lesson_id", "student_id", "value", "work_type_id", "weight", "comment"],
            order="id",
        )
        absences = self.env["school.attendance"].search_fetch(
            [("lesson_id", "in", lessons.ids)], ["lesson_id", "student_id", "code"]
        )
        policy = self.env["school.grading.policy"].sudo()._get_policy(period.date_end, school_class.company_id)
        cells = {}
        for mark in marks:
            cell = cells.setdefault(f"{mark.lesson_id.id}-{mark.student_id.id}", {"marks": [], "attendance": False})
            cell["marks"].append(
                {"id": mark.id, "value": mark.value, "work_type": mark.work_type_id.name,
                 "weight": mark.weight, "comment": mark.comment or ""}
            )
        for entry in absences:
            cell = cells.setdefault(f"{entry.lesson_id.id}-{entry.student_id.id}", {"marks": [], "attendance": False})
            cell["attendance"] = ATTENDANCE_SHORT[entry.code]
        user = self.env.user
        work_types = self.env["school.work.type"].search_fetch([], ["name", "code", "category"])
        return {
            "class": {"id": school_class.id, "name": school_class.name, "grade": school_class.grade},
            "subject": {"id": subject.id, "name": subject.name},
            "period": {"id": period.id, "name": period.name, "closed": period.is_closed},
            "subgroup_id": subgroup_id or False,
            "lessons": [
                {
                    "id": lesson.id,
                    "date": lesson.date.isoformat(),
                    "label": lesson.date.strftime("%d.%m"),
                    "number": lesson.lesson_number,
                    "topic": lesson.topic or "",
                    "homework": lesson.homework or "",
                    "teacher": lesson.teacher_id.name,
                    "is_substitution": lesson.is_substitution,
                    "work_types": lesson.work_type_ids.mapped("name"),
                    "default_work_type_id": lesson.work_type_ids[:1].id or False,
                    "editable": lesson.teacher_id == user and not period.is_closed,
                }
                for lesson in lessons
            ],
            "students": [{"id": s.id, "name": s.name} for s in students],
            "cells": cells,
            "averages": self._averages(marks),
            "work_types": [{"id": wt.id, "name": wt.name, "code": wt.code} for wt in work_types],
            "mark_values": policy._get_mark_values() if policy else [2, 3, 4, 5],
            "graded": school_class.grade > 1 and subject.is_graded,
        }

    @api.model
    def _grid_students(self, school_class, period, subgroup_id):
        if subgroup_id:
            return self.env["school.subgroup"].browse(subgroup_id).student_ids.sorted("name")
        enrollments = self.env["school.enrollment"].sudo().search_fetch(
            [
                ("class_id", "=", school_class.id),
                ("date_start", "<=", period.date_end),
                "|", ("date_end", "=", False), ("date_end", ">=", period.date_start),
            ],
            ["student_id"],
        )
        students = enrollments.student_id.with_env(self.env)
        students.check_access("read")
        return students.sorted("name")

    @api.model
    def _averages(self, marks):
        totals = {}
        for mark in marks:
            total = totals.setdefault(mark.student_id.id, [0.0, 0.0])
            total[0] += mark.value * mark.weight
            total[1] += mark.weight
        return {sid: round(s / w, 2) for sid, (s, w) in totals.items() if w}

    @api.model
    def _parse_cell(self, text):
        """Split what was typed into marks and an attendance code; refuse anything else."""
        marks, code = [], False
        for token in re.split(r"[\s/,;]+", (text or "").strip().upper()):
            if not token:
                continue
            if token.isdigit():
                marks.append(int(token))
            elif token in ATTENDANCE_INPUT:
                if code:
                    raise UserError(_("Only one attendance entry per lesson."))
                code = ATTENDANCE_INPUT[token]
            else:
                raise UserError(
                    _(
                        "'%s' is neither a mark nor an attendance code (Н, Б, УП, ОП). "
                        "There is no 'exempt' entry (JOUR-5).",
                        token,
                    )
                )
        return marks, code

    @api.model
    def save_cell(self, lesson_id, student_id, text, work_type_id=False):
        """Make the cell hold exactly what was typed; return the new cell and average."""
        lesson = self.env["school.lesson"].browse(lesson_id)
        lesson.check_access("read")
        values, code = self._parse_cell(text)
        Mark = self.env["school.mark"]
        Attendance = self.env["school.attendance"]
        marks = Mark.search([("lesson_id", "=", lesson_id), ("student_id", "=", student_id)], order="id")
        entry = Attendance.search([("lesson_id", "=", lesson_id), ("student_id", "=", student_id)])
        if values and code in ("absent", "ill", "excused"):
            raise UserError(_("An absent student cannot get a mark for this lesson."))
        work_type_id = work_type_id or lesson.work_type_ids[:1].id or self.env.ref(
            "school_ejournal.work_type_answer"
        ).id
        for mark, value in zip(marks, values, strict=False):
            if mark.value != value:
                mark.write({"value": value})
        extra = marks[len(values):]
        if extra:
            extra.unlink()
        if len(values) > len(marks):
            Mark.create(
                [
                    {"lesson_id": lesson_id, "student_id": student_id, "value": v, "work_type_id": work_type_id}
                    for v in values[len(marks):]
                ]
            )
        if code and entry and entry.code != code:
            entry.write({"code": code})
        elif code and not entry:
            Attendance.create({"lesson_id": lesson_id, "student_id": student_id, "code": code})
        elif not code and entry:
            entry.unlink()
        period_marks = Mark.search_fetch(
            [("student_id", "=", student_id), ("subject_id", "=", lesson.subject_id.id),
             ("period_id", "=", lesson.period_id.id)],
            ["value", "weight", "student_id"],
        )
        fresh = Mark.search_fetch(
            [("lesson_id", "=", lesson_id), ("student_id", "=", student_id)],
            ["value", "work_type_id", "weight", "comment"], order="id",
        )
        return {
            "cell": {
                "marks": [
                    {"id": m.id, "value": m.value, "work_type": m.work_type_id.name, "weight": m.weight,
                     "comment": m.comment or ""}
                    for m in fresh
                ],
                "attendance": ATTENDANCE_SHORT.get(code, False) if code else False,
            },
            "average": self._averages(period_marks).get(student_id, False),
        }

    @api.model
    def save_attendance(self, lesson_id, codes):
        """Save a whole lesson's attendance at once: {student_id: code or False} (JOUR-2)."""
        lesson = self.env["school.lesson"].browse(lesson_id)
        lesson.check_access("read")
        Attendance = self.env["school.attendance"]
        existing = {e.student_id.id: e for e in Attendance.search([("lesson_id", "=", lesson_id)])}
        to_create, to_delete = [], Attendance
        for student_id, code in codes.items():
            student_id = int(student_id)
            entry = existing.get(student_id)
            if code and entry and entry.code != code:
                entry.write({"code": code})
            elif code and not entry:
                to_create.append({"lesson_id": lesson_id, "student_id": student_id, "code": code})
            elif not code and entry:
                to_delete |= entry
        if to_delete:
            to_delete.unlink()
        if to_create:
            Attendance.create(to_create)
        return True
