import functools
import re
from datetime import timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tools import SQL

from . import school_access, school_rpc_args
from .school_attendance import ATTENDANCE_SHORT

# what a teacher may type in a cell for an attendance exception (Russian and look-alike Latin)
ATTENDANCE_INPUT = {
    "Н": "absent",
    "H": "absent",
    "НБ": "absent",
    "Б": "ill",
    "B": "ill",
    "УП": "excused",
    "YП": "excused",
    "ОП": "late",
    "OП": "late",
}
# the lesson fields the grid's header panel may change (JOUR-1)
LESSON_HEADER_FIELDS = ("topic", "homework", "work_type_ids", "homework_attachment_ids")
# what a save reads of its lesson: fetched with the access check, in one query (issue 15)
LESSON_SAVE_FIELDS = (
    "class_id",
    "subject_id",
    "subgroup_id",
    "date",
    "state",
    "period_id",
    "year_id",
    "company_id",
    "teacher_id",
)
# the row of a cell read by _read_cells: a mark, an attendance entry or a period mark, with
# the type of the column's NULL where a kind of entry has no such value
CELL_COLUMNS = (
    ("id", "int"),
    ("lesson_id", "int"),
    ("student_id", "int"),
    ("value", "int"),
    ("work_type", "varchar"),
    ("weight", "numeric"),
    ("comment", "varchar"),
    ("code", "varchar"),
)
# what the record rules of a write or deletion of a mark or an attendance entry read (issue 15)
ENTRY_RULE_FIELDS = ("date", "class_id", "subject_id", "period_id", "company_id")
# what a save reads of the attendance entries it changes: their values for the change log, and
# what the record rules read
ATTENDANCE_SAVE_FIELDS = ["lesson_id", "student_id", "code", "late_minutes", "comment", *ENTRY_RULE_FIELDS]
# what a save reads of the student's marks: the cell's marks, the average, and the rules' fields
MARK_SAVE_FIELDS = [
    "lesson_id",
    "student_id",
    "value",
    "work_type_id",
    "weight",
    "comment",
    *ENTRY_RULE_FIELDS,
]
# what a new mark reads of its work type: the weight, the company check, the change log's text
# and the cell's (issue 15: read by the save's lock)
WORK_TYPE_FIELDS = ("name", "code", "sequence", "category", "default_weight", "company_id", "active")


class SchoolJournalGrid(models.AbstractModel):
    """Server side of the journal grid (JOUR-1..6, JOUR-13; DESIGN.md "Speed").

    ``get_grid`` returns a whole class (or subgroup), subject and period in a fixed number of
    queries whatever the number of students; ``save_cell`` applies what the teacher typed in
    one cell through the ORM, so every access rule, constraint and the change log apply.
    """

    _name = "school.journal.grid"
    _description = "Journal Grid"

    @api.model
    def get_options(self):
        """What the user may open in the grid: classes, their subjects, subgroups and periods.

        Readers (ROLE-1..3, ROLE-9) open every class; a teacher opens the classes and subgroups
        of own teaching assignments, the whole own class (ROLE-4) and the subjects taken over as
        a substitute (ROLE-5) in the classes the record rules let them read. Returns
        ``{"classes": [...], "default": {...}}``: each class lists its ``subjects`` (with
        ``whole_class`` and ``subgroups``) and ``periods``; ``default`` is the user's last lesson.
        """
        school_access.check_staff(self.env)
        user = self.env.user
        today = fields.Date.context_today(self)
        classes = self.env["school.class"].search([("year_id.active", "=", True)])
        Assignment = self.env["school.teaching.assignment"]
        Lesson = self.env["school.lesson"]
        if user.has_group("school_ejournal.group_school_reader"):
            whole_classes = classes
            targets = set()
        else:
            whole_classes = classes.filtered(lambda c: c.class_teacher_id == user)
            assignments = Assignment.search_fetch(
                [("teacher_id", "=", user.id), ("class_id", "in", classes.ids)],
                ["class_id", "subject_id", "subgroup_id"],
            )
            targets = {(a.class_id.id, a.subject_id.id, a.subgroup_id.id) for a in assignments}
            taken = Lesson._read_group(
                [("teacher_id", "=", user.id), ("class_id", "in", classes.ids), ("state", "!=", "cancelled")],
                ["class_id", "subject_id", "subgroup_id"],
            )
            targets |= {(c.id, s.id, g.id) for c, s, g in taken}
        if whole_classes:
            lines = self.env["school.curriculum.line"].search_fetch(
                [("class_id", "in", whole_classes.ids)], ["class_id", "subject_id"]
            )
            assignments = Assignment.search_fetch(
                [("class_id", "in", whole_classes.ids)], ["class_id", "subject_id"]
            )
            subgroups = self.env["school.subgroup"].search_fetch(
                [("class_id", "in", whole_classes.ids)], ["class_id", "subject_id"]
            )
            # the whole class in every subject, and each subgroup of it
            for record in (*lines, *assignments, *subgroups):
                targets.add((record.class_id.id, record.subject_id.id, False))
            targets |= {(g.class_id.id, g.subject_id.id, g.id) for g in subgroups}
        by_class = {}
        for class_id, subject_id, subgroup_id in targets:
            by_class.setdefault(class_id, {}).setdefault(subject_id, set()).add(subgroup_id)
        shown = classes.filtered(lambda c: c.id in by_class)
        subjects = (
            self.env["school.subject"]
            .browse({s for per in by_class.values() for s in per})
            .sorted(lambda s: (s.sequence, s.name))
        )
        subgroups = (
            self.env["school.subgroup"]
            .browse({g for per in by_class.values() for ids in per.values() for g in ids if g})
            .sorted("name")
        )
        periods = self.env["school.period"].search_fetch(
            [("year_id", "in", shown.year_id.ids), ("period_type", "in", ("quarter", "half"))],
            ["name", "year_id", "period_type", "date_start", "date_end", "is_closed"],
            order="date_start, sequence, id",
        )
        several_years = len(shown.year_id) > 1
        result = []
        for school_class in shown:
            class_periods = periods.filtered(
                lambda p, c=school_class: p.year_id == c.year_id and p.period_type == c.period_scheme
            )
            current = class_periods._pick_current(today) or class_periods[:1]
            per_subject = by_class[school_class.id]
            result.append(
                {
                    "id": school_class.id,
                    "name": f"{school_class.name} ({school_class.year_id.name})"
                    if several_years
                    else school_class.name,
                    "subjects": [
                        {
                            "id": subject.id,
                            "name": subject.name,
                            "whole_class": False in per_subject[subject.id],
                            "subgroups": [
                                {"id": g.id, "name": g.name}
                                for g in subgroups.filtered(
                                    lambda g, ids=per_subject[subject.id]: g.id in ids
                                )
                            ],
                        }
                        for subject in subjects.filtered(lambda s, per=per_subject: s.id in per)
                    ],
                    "periods": [
                        {"id": p.id, "name": p.name, "closed": p.is_closed, "current": p == current}
                        for p in class_periods
                    ],
                    "default_period_id": current.id or False,
                }
            )
        last = Lesson.search_fetch(
            [
                ("teacher_id", "=", user.id),
                ("class_id", "in", shown.ids),
                ("date", "<=", today),
                ("state", "!=", "cancelled"),
            ],
            ["class_id", "subject_id", "subgroup_id", "period_id"],
            order="date desc, lesson_number desc, id desc",
            limit=1,
        )
        default = {}
        own = shown.filtered(lambda c: c.class_teacher_id == user)[:1]
        if own and last.class_id != own:
            # a class teacher opens on the own class (issue 13), in the own subject if any
            own_values = next(values for values in result if values["id"] == own.id)
            subject_ids = [subject["id"] for subject in own_values["subjects"]]
            taught = Assignment.search_fetch(
                [("teacher_id", "=", user.id), ("class_id", "=", own.id)], ["subject_id"]
            ).subject_id.filtered(lambda s: s.id in subject_ids)
            default = {
                "class_id": own.id,
                "subject_id": taught[:1].id or (subject_ids[:1] or [False])[0],
                "subgroup_id": False,
                "period_id": own_values["default_period_id"],
            }
        elif last and (last.class_id.id, last.subject_id.id, last.subgroup_id.id) in targets:
            default = {
                "class_id": last.class_id.id,
                "subject_id": last.subject_id.id,
                "subgroup_id": last.subgroup_id.id,
                "period_id": last.period_id.id,
            }
        return {"classes": result, "default": default}

    @api.model
    def _check_readable(self, records, fnames=()):
        """Refuse unless the user may read every record (SEC-3).

        Same verdict as ``check_access('read')``, but the record rules run as one SQL
        query: the teachers' rules reach the class's lessons, which ``check_access`` would
        load and filter in Python (DESIGN.md "Speed"). The query fetches ``fnames`` too
        (issue 15: the students' names with their check).
        """
        if self.env.su or not records:
            return
        # in the order of ids: the models' own orders join other tables (a class its year)
        readable = records.with_context(active_test=False).search_fetch(
            [("id", "in", records.ids)], list(fnames), order="id"
        )
        if len(readable) != len(set(records.ids)):
            raise AccessError(
                _("You may not open the journal of this class: it is neither taught nor led by you.")
            )

    @api.model
    def get_grid(self, class_id, subject_id, period_id, subgroup_id=False):
        """Staff only; the record rules of the caller decide which lessons and marks it reads."""
        school_access.check_staff(self.env)
        class_id, subject_id, period_id = (
            school_rpc_args.record_id(self.env, value) for value in (class_id, subject_id, period_id)
        )
        subgroup_id = school_rpc_args.record_id(self.env, subgroup_id, optional=True)
        Lesson = self.env["school.lesson"]
        school_class = self.env["school.class"].browse(class_id)
        period = self.env["school.period"].browse(period_id)
        subject = self.env["school.subject"].browse(subject_id)
        # the class's name and grade fetched with its check (issue 15)
        self._check_readable(school_class, ["name", "grade", "company_id"])
        lesson_domain = [
            ("class_id", "=", class_id),
            ("subject_id", "=", subject_id),
            ("date", ">=", period.date_start),
            ("date", "<=", period.date_end),
            ("state", "!=", "cancelled"),
        ]
        if subgroup_id:
            lesson_domain.append(("subgroup_id", "=", subgroup_id))
        work_types = self.env["school.work.type"].search_fetch([], ["name", "code", "category"])
        lesson_ids, columns = self._grid_lessons(lesson_domain, period, work_types)
        lessons = Lesson.browse(lesson_ids)
        students, names = self._grid_students(school_class, period, subgroup_id)
        # with the period marks set for the period, in a column after the averages (issue 13)
        cells, marks_of, __, period_marks = self._read_cells(
            lessons,
            [
                ("class_id", "=", class_id),
                ("subject_id", "=", subject_id),
                ("period_id", "=", period_id),
                ("student_id", "in", students.ids),
                ("value", "!=", 0),
            ],
        )
        policy = (
            self.env["school.grading.policy"].sudo()._get_policy(period.date_end, school_class.company_id)
        )
        return {
            "class": {"id": school_class.id, "name": school_class.name, "grade": school_class.grade},
            "subject": {"id": subject.id, "name": subject.name},
            "period": {"id": period.id, "name": period.name, "closed": period.is_closed},
            "subgroup_id": subgroup_id or False,
            "lessons": columns,
            "students": [{"id": student_id, "name": name} for student_id, name in names],
            "period_marks": {str(student_id): value for student_id, value in period_marks.items()},
            "cells": cells,
            "averages": self._averages(marks_of),
            "work_types": [{"id": wt.id, "name": wt.name, "code": wt.code} for wt in work_types],
            "mark_values": policy._get_mark_values() if policy else [2, 3, 4, 5],
            "graded": school_class.grade > 1 and subject.is_graded,
        }

    @api.model
    def _grid_students(self, school_class, period, subgroup_id):
        """(students, [(student id, name)]) of the grid, sorted by name: read with the check of
        the caller's right to read them."""
        if subgroup_id:
            # whoever belonged to the subgroup during the period (JOUR-12, P 4.4)
            subgroup = self.env["school.subgroup"].browse(subgroup_id)
            self._check_readable(subgroup)
            members = subgroup.sudo().member_ids.filtered(
                lambda m: m.date_from <= period.date_end and (not m.date_to or m.date_to >= period.date_start)
            )
            student_ids = SQL("(SELECT unnest(%s::int[]))", members.student_id.ids)
        else:
            # sudo: the class's enrollments, whose students the caller must read (checked below)
            Enrollment = self.env["school.enrollment"].sudo()
            Enrollment.flush_model(["class_id", "student_id", "date_start", "date_end"])
            student_ids = Enrollment._search(
                [("class_id", "=", school_class.id)]
                + Enrollment._valid_between_domain(period.date_start, period.date_end)
            ).subselect(SQL.identifier(Enrollment._table, "student_id"))
        names = sorted(self._readable_names(student_ids).items(), key=lambda item: (item[1], item[0]))
        return self.env["school.student"].browse([student_id for student_id, __ in names]), names

    @api.model
    def _readable_names(self, student_ids):
        """{student id: name} of the students ``student_ids`` (an SQL query of ids in
        parentheses), refused
        unless the caller may read every one of them: the ids, the record rules and the names
        in one query, not the students' and their contacts' whole rows (issue 15)."""
        Student = self.env["school.student"].with_context(active_test=False)
        self.env["res.partner"].flush_model(["name"])
        query = Student._search([("id", "in", student_ids)])
        partner = query.join(Student._table, "partner_id", "res_partner", "id", "grid_name")
        rows = self.env.execute_query(
            SQL(
                "SELECT wanted.id, readable.id, readable.name "
                "FROM (SELECT DISTINCT * FROM %s ids(id)) wanted "
                "LEFT JOIN (%s) readable ON readable.id = wanted.id",
                student_ids,
                query.select(
                    SQL.identifier(Student._table, "id"), SQL("%s AS name", SQL.identifier(partner, "name"))
                ),
            )
        )
        if any(readable_id is None for __, readable_id, __ in rows):
            raise AccessError(
                _("You may not open the journal of this class: it is neither taught nor led by you.")
            )
        return {student_id: name for student_id, __, name in rows}

    @api.model
    def _grid_lessons(self, domain, period, work_types):
        """(ids, columns) of the lessons of ``domain`` the caller reads, in the grid's order, with
        what each column's header shows (``_lesson_column``): their fields, work type ids,
        homework files and the names of their teacher and planned teacher, in one query with
        the caller's access rights and record rules (issue 15: one query instead of two, and no
        records built). The names of the school's staff and of a readable lesson's homework
        files are no secret to its staff; the subgroups' names are read through the ORM."""
        Lesson = self.env["school.lesson"]
        query = Lesson._search(domain, order="date, lesson_number, id")
        if query.is_empty():
            return [], []
        Lesson.flush_model(["work_type_ids", "homework_attachment_ids"])
        self.env["ir.attachment"].flush_model(["name"])
        self.env["res.users"].flush_model(["partner_id"])
        self.env["res.partner"].flush_model(["name"])
        table = query.table
        rows = self.env.execute_query(
            query.select(
                *(
                    Lesson._field_to_sql(table, fname, query)
                    for fname in (
                        "id",
                        "date",
                        "lesson_number",
                        "topic",
                        "homework",
                        "teacher_id",
                        "is_substitution",
                        "subgroup_id",
                    )
                ),
                SQL(
                    """ARRAY(SELECT r.school_work_type_id FROM school_lesson_school_work_type_rel r
                              WHERE r.school_lesson_id = %(lesson)s),
                       (SELECT json_agg(json_build_array(a.id, a.name) ORDER BY a.id DESC)
                          FROM ir_attachment_school_lesson_rel r
                          JOIN ir_attachment a ON a.id = r.ir_attachment_id
                         WHERE r.school_lesson_id = %(lesson)s),
                       (SELECT p.name FROM res_users u JOIN res_partner p ON p.id = u.partner_id
                         WHERE u.id = %(teacher)s),
                       (SELECT p.name FROM res_users u JOIN res_partner p ON p.id = u.partner_id
                         WHERE u.id = %(planned)s)""",
                    lesson=SQL.identifier(table, "id"),
                    teacher=SQL.identifier(table, "teacher_id"),
                    planned=SQL.identifier(table, "planned_teacher_id"),
                ),
            )
        )
        # the subgroups' names with the caller's rights, in one fetch
        subgroups = self.env["school.subgroup"].browse({row[7] for row in rows if row[7]})
        subgroup_names = {subgroup.id: subgroup.name for subgroup in subgroups}
        type_names = [(work_type.id, work_type.name) for work_type in work_types]
        uid, closed = self.env.uid, period.is_closed
        columns = [
            self._lesson_column(
                lesson_id,
                day,
                number,
                topic,
                homework,
                teacher_id == uid,
                closed,
                {
                    "teacher": teacher or "",
                    "planned_teacher": planned or "",
                    "is_substitution": bool(substitution),
                    "subgroup": subgroup_names.get(subgroup_id) or "",
                    "homework_files": [{"id": file_id, "name": name} for file_id, name in files or ()],
                },
                [(type_id, name) for type_id, name in type_names if type_id in type_ids],
            )
            for (
                lesson_id,
                day,
                number,
                topic,
                homework,
                teacher_id,
                substitution,
                subgroup_id,
                type_ids,
                files,
                teacher,
                planned,
            ) in rows
        ]
        return [column["id"] for column in columns], columns

    @api.model
    def _lesson_column(self, lesson_id, day, number, topic, homework, given_by_user, closed, names, types):
        """Header of one lesson column; ``editable`` when the user gives it in an open period.
        ``names``: its teacher, planned teacher, substitution, subgroup and homework files;
        ``types``: [(id, name)] of its active work types in their order."""
        return {
            "id": lesson_id,
            "date": day.isoformat(),
            "label": day.strftime("%d.%m"),
            "number": number,
            "topic": topic or "",
            "homework": homework or "",
            **names,
            "work_types": [name for __, name in types],
            "work_type_ids": [type_id for type_id, __ in types],
            "default_work_type_id": types[0][0] if types else False,
            "editable": given_by_user and not closed,
            "teacher_is_user": given_by_user,
        }

    @api.model
    def _lesson_values(self, lesson, user, period):
        """Header of one lesson column (``_lesson_column``) read from the lesson's record."""
        return self._lesson_column(
            lesson.id,
            lesson.date,
            lesson.lesson_number,
            lesson.topic,
            lesson.homework,
            lesson.teacher_id == user,
            period.is_closed,
            {
                "teacher": lesson.teacher_id.name,
                "planned_teacher": lesson.planned_teacher_id.name or "",
                "is_substitution": lesson.is_substitution,
                "subgroup": lesson.subgroup_id.name or "",
                "homework_files": [{"id": a.id, "name": a.name} for a in lesson.homework_attachment_ids],
            },
            [(work_type.id, work_type.name) for work_type in lesson.work_type_ids],
        )

    @api.model
    def _cell_select(self, query, table, columns, **expressions):
        """``query``'s SELECT in the row layout of ``_read_cells``' union, CELL_COLUMNS: the
        ``columns`` of ``table`` named alike, the ``expressions`` given, NULL for the rest."""
        return query.select(
            *(
                SQL.identifier(table, name)
                if name in columns
                else expressions.get(name) or SQL("NULL::%s", SQL(sql_type))
                for name, sql_type in CELL_COLUMNS
            )
        )

    @api.model
    def _read_cells(self, lessons, period_mark_domain=None):
        """(cells, {student id: [(mark, weight)]}, student ids, {student id: period mark}) of the
        marks and attendance entries of ``lessons`` and the period marks of
        ``period_mark_domain`` the caller reads: in one query, each with the caller's access
        rights and record rules, with the names of the marks' work types (issue 15).

        Cells are keyed ``"<lesson id>-<student id>"``: the marks and the attendance code.
        """
        Mark = self.env["school.mark"]
        Attendance = self.env["school.attendance"]
        Mark.flush_model(["lesson_id", "student_id", "value", "work_type_id", "weight", "comment"])
        Attendance.flush_model(["lesson_id", "student_id", "code"])
        self.env["school.work.type"].flush_model(["name"])
        domain = [("lesson_id", "in", lessons.ids)]
        marks = Mark._search(domain, order="id")
        work_type = marks.left_join(Mark._table, "work_type_id", "school_work_type", "id", "cell_work_type")
        entries = Attendance._search(domain, order="id")
        lang = self.env.lang or "en_US"
        period_marks = SQL()
        if period_mark_domain is not None:
            PeriodMark = self.env["school.period.mark"]
            PeriodMark.flush_model(["class_id", "subject_id", "period_id", "student_id", "value"])
            period_marks = SQL(
                "UNION ALL (%s)",
                self._cell_select(
                    PeriodMark._search(period_mark_domain, order="id"),
                    PeriodMark._table,
                    ["id", "student_id", "value"],
                    code=SQL("'period'::varchar"),
                ),
            )
        rows = self.env.execute_query(
            SQL(
                "(%s) UNION ALL (%s) %s",
                self._cell_select(
                    marks,
                    Mark._table,
                    ["id", "lesson_id", "student_id", "value", "weight", "comment"],
                    work_type=SQL(
                        "COALESCE(%s->>%s, %s->>'en_US')",
                        SQL.identifier(work_type, "name"),
                        lang,
                        SQL.identifier(work_type, "name"),
                    ),
                ),
                self._cell_select(entries, Attendance._table, ["id", "lesson_id", "student_id", "code"]),
                period_marks,
            )
        )
        cells, marks_of, student_ids, period_values = {}, {}, set(), {}
        for record_id, lesson_id, student_id, value, work_type_name, weight, comment, code in rows:
            if code == "period":
                period_values[student_id] = value
                continue
            student_ids.add(student_id)
            cell = cells.setdefault(f"{lesson_id}-{student_id}", {"marks": [], "attendance": False})
            if code:
                cell["attendance"] = ATTENDANCE_SHORT[code]
                continue
            weight = float(weight or 0.0)
            cell["marks"].append(
                {
                    "id": record_id,
                    "value": value,
                    "work_type": work_type_name or "",
                    "weight": weight,
                    "comment": comment or "",
                }
            )
            marks_of.setdefault(student_id, []).append((value, weight))
        return cells, marks_of, student_ids, period_values

    @api.model
    def _averages(self, marks_of):
        """{student id: weighted average} of {student id: [(mark, weight)]}."""
        averages = {}
        for student_id, marks in marks_of.items():
            weights = sum(weight for __, weight in marks)
            if weights:
                averages[student_id] = round(sum(value * weight for value, weight in marks) / weights, 2)
        return averages

    @api.model
    def _parse_cell(self, text, lesson=None):
        """Split what was typed into marks and an attendance code; refuse anything else.

        Marks are read by the grading policy in force on the lesson's date: ASCII digits of
        its scale only (issue 11 item 10).
        """
        marks, code = [], False
        policy = self.env["school.grading.policy"]
        if lesson:
            lesson = lesson.sudo()
            policy = policy.sudo()._get_policy(lesson.date, lesson.company_id)
        if not isinstance(text, (str, int, float)) or isinstance(text, bool):
            text = ""
        for token in re.split(r"[\s/,;]+", str(text).strip().upper()):
            if not token:
                continue
            if any(char.isdigit() for char in token):
                marks.append(policy._parse_mark_value(token))
            elif token in ATTENDANCE_INPUT:
                if code:
                    raise UserError(_("Only one attendance entry per lesson."))
                code = ATTENDANCE_INPUT[token]
            else:
                raise UserError(
                    _(
                        "'%s' is neither a mark nor an attendance code (Н, Б, УП, ОП). "
                        "There is no 'exempt' entry.",
                        token,
                    )
                )
        return marks, code

    @api.model
    def save_cell(self, lesson_id, student_id, text, work_type_id=False):
        """Make the cell hold exactly what was typed; return the new cell and average."""
        school_access.check_not_read_only(self.env)
        lesson_id, student_id = (
            school_rpc_args.record_id(self.env, value) for value in (lesson_id, student_id)
        )
        work_type_id = school_rpc_args.record_id(self.env, work_type_id, optional=True)
        text = school_rpc_args.text(self.env, text)
        lesson = self.env["school.lesson"].browse(lesson_id)
        # only who may enter marks takes the lock: a reader causes no write, not even this one
        self.env["school.mark"].check_access("create")
        # one holding of the change log (issue 15): the lock reads the lesson's verdicts for the
        # checks of the changes, whose entries are appended at once
        with self.env["school.journal.log"]._batched():
            Mark = self.env["school.mark"]
            Attendance = self.env["school.attendance"]
            # the default work type of a new mark (an ``ormcache``d lookup)
            default_work_type_id = self.env["ir.model.data"]._xmlid_to_res_id(
                "school_ejournal.work_type_answer", raise_if_not_found=False
            )
            # the lock, with the check that the caller reads the lesson, the student's attendance
            # entry at the lesson, the new mark's work type and the student's marks of the period
            # in the subject that the caller reads (the query of the record rules, run in the
            # lock's statement; issue 15)
            __, entries, lesson_work_type_id, period_rows = self._lock_cell(
                lesson,
                entry_student_ids=[student_id],
                student_ids=[student_id],
                marks_query=Mark._search([("student_id", "=", student_id)]),
                fnames=LESSON_SAVE_FIELDS,
                default_work_type_id=default_work_type_id,
            )
            # what was typed, by the grading policy of the lesson's day
            values, code = self._parse_cell(text, lesson)
            entry_id, entry_code = entries.get(student_id, (False, False))
            period_rows = period_rows or []
            period_marks = marks = Mark
            if any(row_lesson_id == lesson_id for __, row_lesson_id, __, __ in period_rows):
                # the cell has marks: fetched with what their change and its log entry read
                period_marks = Mark.search_fetch(
                    [
                        ("student_id", "=", student_id),
                        ("subject_id", "=", lesson.subject_id.id),
                        ("period_id", "=", lesson.period_id.id),
                    ],
                    MARK_SAVE_FIELDS,
                    order="id",
                )
                marks = period_marks.filtered(lambda m: m.lesson_id.id == lesson_id)
            # changed or deleted through the ORM, which checks the caller's right to
            entry = Attendance.browse(entry_id)
            if values and code in ("absent", "ill", "excused"):
                raise UserError(_("An absent student cannot get a mark for this lesson."))
            if len(values) > len(marks):
                work_type_id = (
                    work_type_id
                    # the lesson's first work type, else the default, read by the lock (issue 15)
                    or lesson_work_type_id
                    or self.env["ir.model.data"]._xmlid_to_res_id("school_ejournal.work_type_answer")
                )
            created = Mark
            extra = marks[len(values) :]
            for mark, value in zip(marks, values, strict=False):
                if mark.value != value:
                    mark.write({"value": value})
            if len(values) > len(marks):
                created = Mark.create(
                    [
                        {
                            "lesson_id": lesson_id,
                            "student_id": student_id,
                            "value": v,
                            "work_type_id": work_type_id,
                        }
                        for v in values[len(marks) :]
                    ]
                )
            if code and entry and entry_code != code:
                entry.write({"code": code})
            elif code and not entry:
                Attendance.create({"lesson_id": lesson_id, "student_id": student_id, "code": code})
            extra._delete()
            if not code and entry:
                entry._delete()
        # the average and the cell's own marks, from the marks read above (issue 15)
        fresh = (marks - extra) | created
        if period_marks:
            period_values = [(m.value, m.weight) for m in (period_marks - extra) | created]
        else:
            period_values = [(value, weight) for __, __, value, weight in period_rows]
            period_values += [(m.value, m.weight) for m in created]
        return {
            "cell": {
                "marks": [
                    {
                        "id": m.id,
                        "value": m.value,
                        "work_type": m.work_type_id.name,
                        "weight": m.weight,
                        "comment": m.comment or "",
                    }
                    for m in fresh
                ],
                "attendance": ATTENDANCE_SHORT.get(code, False) if code else False,
            },
            "average": self._averages({student_id: period_values}).get(student_id, False),
        }

    @api.model
    def _lock_cell(
        self,
        lesson,
        marked_student_ids=(),
        entry_student_ids=(),
        student_ids=(),
        marks_query=None,
        fnames=(),
        default_work_type_id=None,
    ):
        """Serialize the saves of one lesson's cells (issue 11, item 11).

        Ten sessions typing into one cell at once must leave the one mark typed last, not ten.
        The transactions run in REPEATABLE READ: a lock alone would let a waiting save go on
        with its old snapshot, blind to the mark the first one committed. Rewriting the lesson
        row (to the same value) makes PostgreSQL refuse the waiting save with a serialization
        failure once the first commits; the request is then retried with a fresh snapshot
        (``odoo.service.model.retrying``), so it re-reads the cell and changes the mark there.

        The same statement reads what a save needs besides (issue 15): returns whether one of
        ``marked_student_ids`` has a mark at the lesson, {student id: (id, code)} of the
        attendance entries of ``entry_student_ids`` at the lesson and, unless ``default_work_type_id``
        is None (no new mark), the work type of a new mark: the lesson's first (in the order of
        ``lesson.work_type_ids``), else ``default_work_type_id`` (an id or False), whose fields go
        to the record cache (``WORK_TYPE_FIELDS``); inside a ``_batched()`` block
        it keeps the lesson's verdicts for the checks of the changes (``_check_lessons_open``) and
        its students (``school.lesson._get_students_map``); the school of ``student_ids`` goes to
        the record cache (the company check of new entries). With ``marks_query`` (a query of
        ``school.mark``, its record rules included), returns as fourth value the
        ``(id, lesson id, value, weight)`` of the marks it finds in the lesson's subject and
        period, in id order (else None).

        With ``fnames``, the lock is also the check that the caller may read the lesson
        (``school_access.check_readable``: the lesson's record rules in the statement's
        condition; on a refusal the check itself raises its usual error), and the lesson's
        ``fnames`` go to the record cache as a fetch puts them (issue 15: no query of its own).
        """
        self.env["school.mark"].flush_model(None if marks_query is not None else ["lesson_id", "student_id"])
        self.env["school.attendance"].flush_model(["lesson_id", "student_id", "code"])
        Entry = self.env["school.journal.entry.mixin"]
        Entry._flush_lesson_verdicts(lesson)
        self.env["school.class"].flush_model(["grade", "class_teacher_id"])
        self.env["school.subject"].flush_model(["is_graded"])
        self.env["school.student"].flush_model(["company_id"])
        Lesson = self.env["school.lesson"]
        Lesson._flush_students(lesson)
        readable = SQL()
        if fnames and not self.env.su:
            # the lesson's record rules (and access rights), as a search for it runs them
            readable = SQL(
                "AND id IN %s",
                Lesson.with_context(active_test=False)._search([("id", "=", lesson.id)]).subselect(),
            )
        columns = [Lesson._fields[name] for name in fnames]
        WorkType = self.env["school.work.type"]
        work_type_sql = SQL("NULL")
        if default_work_type_id is not None:
            work_type_sql = SQL(
                """(SELECT json_build_array(w.id, %s)
                      FROM school_work_type w
                     WHERE w.id = COALESCE(
                               (SELECT r.school_work_type_id
                                  FROM school_lesson_school_work_type_rel r
                                  JOIN school_work_type f ON f.id = r.school_work_type_id
                                 WHERE r.school_lesson_id = school_lesson.id AND f.active
                              ORDER BY f.sequence, COALESCE(f.name->>%s, f.name->>'en_US'), f.id
                                 LIMIT 1),
                               %s))""",
                SQL(", ").join(WorkType._field_to_sql("w", fname) for fname in WORK_TYPE_FIELDS),
                self.env.lang or "en_US",
                default_work_type_id or None,
            )
        statement = SQL(
            """UPDATE school_lesson SET write_date = write_date WHERE id = %s %s
                   RETURNING EXISTS (SELECT 1 FROM school_mark
                                      WHERE lesson_id = %s AND student_id = ANY(%s)),
                             (SELECT json_agg(json_build_array(student_id, id, code))
                                FROM school_attendance WHERE lesson_id = %s AND student_id = ANY(%s)),
                             (SELECT json_build_array(grade, class_teacher_id)
                                FROM school_class WHERE id = school_lesson.class_id),
                             (SELECT is_graded FROM school_subject WHERE id = school_lesson.subject_id),
                             (SELECT json_agg(json_build_array(id, company_id))
                                FROM school_student WHERE id = ANY(%s)),
                             %s,
                             %s,
                             %s%s""",
            lesson.id,
            readable,
            lesson.id,
            list(marked_student_ids),
            lesson.id,
            list(entry_student_ids),
            list(student_ids),
            work_type_sql,
            Lesson._students_sql("school_lesson"),
            SQL(
                "%s, %s",
                Entry._lesson_verdicts_sql("school_lesson"),
                SQL("(%s)", self._lesson_marks_select(marks_query))
                if marks_query is not None
                else SQL("NULL"),
            ),
            SQL("").join(SQL(", %s", SQL.identifier(column.name)) for column in columns),
        )
        self.env.flush_query(statement)
        self.env.cr.execute(statement)
        row = self.env.cr.fetchone()
        if not row and readable:
            # not read by the caller (refused with the usual error), or deleted meanwhile
            school_access.check_readable(lesson, fnames)
        if not row:
            return False, {}, False, None
        if columns:
            lesson_values, row = row[-len(columns) :], row[: -len(columns)]
            for column, value in zip(columns, lesson_values, strict=True):
                self.env.cache.insert_missing(lesson, column, [value])
        # the class's grade and whether the subject is graded, which the checks of a mark read
        # (school.grading.policy._check_marks_allowed), and the class teacher, which the record
        # rules of new entries read (``_check_access``: the rules evaluated on the records), in
        # the record cache as a fetch puts them
        lesson_sudo = lesson.sudo()
        Class = self.env["school.class"]
        grade, class_teacher_id = row[2]
        self.env.cache.insert_missing(lesson_sudo.class_id, Class._fields["grade"], [grade])
        self.env.cache.insert_missing(
            lesson_sudo.class_id, Class._fields["class_teacher_id"], [class_teacher_id]
        )
        self.env.cache.insert_missing(
            lesson_sudo.subject_id, self.env["school.subject"]._fields["is_graded"], [row[3]]
        )
        # the new marks' work type (the lesson's first, else ``default_work_type_id``): its
        # fields go to the record cache as a fetch puts them, for the weight, the company check,
        # the change log and the cell (issue 15: no query of its own)
        work_type_id = False
        if row[5]:
            work_type_id, *work_type_values = row[5]
            work_type = WorkType.browse(work_type_id)
            for fname, value in zip(WORK_TYPE_FIELDS, work_type_values, strict=True):
                field = WorkType._fields[fname]
                self.env.cache.insert_missing(work_type, field, [field.convert_to_cache(value, work_type)])
        companies = dict(row[4] or ())
        if set(student_ids) - set(companies):
            raise MissingError(_("A student of the lesson was deleted meanwhile. Reload the journal."))
        students = self.env["school.student"].browse(list(companies))
        self.env.cache.insert_missing(students, students._fields["company_id"], list(companies.values()))
        # the lesson's students and verdicts, for the checks of the save's changes
        Log = self.env["school.journal.log"]
        memo = Log._batch_memo("lesson_students", dict)
        if memo is not None:
            memo[lesson.id] = (row[6],)
        verdicts = Log._batch_memo("lesson_verdicts", dict)
        if verdicts is not None:
            verdicts[lesson.id] = tuple(row[7:-1])
        return (
            bool(row[0]),
            {student_id: (entry_id, code) for student_id, entry_id, code in row[1] or ()},
            work_type_id,
            None if marks_query is None else [tuple(mark) for mark in row[-1] or ()],
        )

    @api.model
    def _lesson_marks_select(self, marks_query):
        """The SELECT of ``_lock_cell``'s marks: those of ``marks_query`` (its record rules
        included) in the subject and period of the lesson row being locked, a JSON array of
        ``[id, lesson id, value, weight]`` in id order; the conditions on the lesson's row join
        the query's own, where an index of the marks serves them."""
        mark = functools.partial(SQL.identifier, marks_query.table)
        marks_query.add_where(
            SQL(
                "%s = school_lesson.subject_id AND %s = school_lesson.period_id",
                mark("subject_id"),
                mark("period_id"),
            )
        )
        return marks_query.select(
            SQL(
                "json_agg(json_build_array(%s, %s, %s, %s) ORDER BY %s)",
                mark("id"),
                mark("lesson_id"),
                mark("value"),
                mark("weight"),
                mark("id"),
            )
        )

    @api.model
    def save_attendance(self, lesson_id, codes):
        """Save a whole lesson's attendance at once: {student_id: code or False} (JOUR-2).

        A code is ``absent``, ``ill``, ``excused``, ``late`` or its short Russian form (Н, Б, УП,
        ОП); a student who has a mark at the lesson cannot be absent from it.
        """
        school_access.check_not_read_only(self.env)
        lesson_id = school_rpc_args.record_id(self.env, lesson_id)
        codes = school_rpc_args.id_mapping(self.env, codes)
        lesson = self.env["school.lesson"].browse(lesson_id)
        Attendance = self.env["school.attendance"]
        Attendance.check_access("create")
        codes = {sid: self._parse_attendance_code(code) for sid, code in codes.items()}
        absent_ids = [sid for sid, code in codes.items() if code in ("absent", "ill", "excused")]
        # one holding of the change log for the whole lesson (issue 15): the lock reads the
        # lesson's verdicts for the checks of the changes, whose entries are appended at once
        with self.env["school.journal.log"]._batched():
            # the lock, with the check that the caller reads the lesson (issue 15)
            has_marks, found, __, __ = self._lock_cell(
                lesson,
                marked_student_ids=absent_ids,
                entry_student_ids=list(codes),
                student_ids=list(codes),
                fnames=LESSON_SAVE_FIELDS,
            )
            if has_marks:
                raise UserError(_("An absent student cannot get a mark for this lesson."))
            # the students' entries at the lesson, found by the lock, with what the change log and
            # the record rules of a write or deletion read; none to read when the lesson has none
            # of theirs yet (issue 15); sudo: entries of a lesson the caller reads, and the
            # caller's right to change them is checked below and by write() and unlink()
            existing = {
                e.student_id.id: e.with_env(self.env)
                for e in (
                    Attendance.sudo().search_fetch(
                        [("id", "in", [entry_id for entry_id, __ in found.values()])],
                        ATTENDANCE_SAVE_FIELDS,
                        order="id",
                    )
                    if found
                    else Attendance
                )
            }
            to_create, to_delete, to_write, unchanged = [], Attendance, {}, Attendance
            for student_id, code in codes.items():
                entry = existing.get(student_id)
                if code and entry and entry.code != code:
                    to_write[code] = to_write.get(code, Attendance) | entry
                elif code and not entry:
                    to_create.append({"lesson_id": lesson_id, "student_id": student_id, "code": code})
                elif not code and entry:
                    to_delete |= entry
                elif entry:
                    unchanged |= entry
            if not (to_write or to_create or to_delete):
                # nothing to change: still refused to whoever may not change them
                unchanged.check_access("write")
                return True
            # one write per code
            for code, entries in to_write.items():
                entries.write({"code": code})
            if to_create:
                Attendance.create(to_create)
            to_delete._delete()
        return True

    @api.model
    def _parse_attendance_code(self, code):
        code = school_rpc_args.text(self.env, code)
        if not code:
            return False
        if code in ATTENDANCE_SHORT:
            return code
        parsed = ATTENDANCE_INPUT.get(str(code).strip().upper())
        if not parsed:
            raise UserError(_("'%s' is not an attendance code (Н, Б, УП, ОП).", code))
        return parsed

    @api.model
    def save_lesson(self, lesson_id, vals):
        """Change the topic, homework or work types of a lesson from the grid's header panel.

        Only the teacher who gives the lesson may (ROLE-5, R 2.1); the write goes through the
        ORM, so record rules, the closed period (JOUR-8) and the grade 1 rule (JOUR-4) apply.
        """
        school_access.check_not_read_only(self.env)
        lesson = self.env["school.lesson"].browse(school_rpc_args.record_id(self.env, lesson_id))
        vals = school_rpc_args.mapping(self.env, vals)
        lesson.check_access("read")
        if lesson.teacher_id != self.env.user:
            raise AccessError(
                _(
                    "Only the teacher who gives the lesson of %s writes its topic and homework.",
                    lesson.date.strftime("%d.%m.%Y"),
                )
            )
        if set(vals) - set(LESSON_HEADER_FIELDS):
            raise UserError(
                _("The journal grid changes only the topic, homework and work types of a lesson.")
            )
        values = {
            name: school_rpc_args.text(self.env, vals[name]).strip() or False
            for name in ("topic", "homework")
            if name in vals
        }
        if "work_type_ids" in vals:
            values["work_type_ids"] = [
                Command.set(school_rpc_args.record_ids(self.env, vals["work_type_ids"]))
            ]
        if "homework_attachment_ids" in vals:
            # the files uploaded to this lesson by the user, or already among its homework
            # files: the lesson's own check (``_check_homework_files``) in its write
            values["homework_attachment_ids"] = [
                Command.set(school_rpc_args.record_ids(self.env, vals["homework_attachment_ids"]))
            ]
        lesson.write(values)
        return self._lesson_values(lesson, self.env.user, lesson.period_id)

    @api.model
    def get_lesson_sheet(self, lesson_id):
        """One lesson for a phone (JOUR-13): its students with their marks and attendance."""
        school_access.check_staff(self.env)
        lesson = self.env["school.lesson"].browse(school_rpc_args.record_id(self.env, lesson_id))
        lesson.check_access("read")
        cells, __, cell_student_ids, __ = self._read_cells(lesson)
        students = (lesson._get_students() | self.env["school.student"].browse(cell_student_ids)).with_env(
            self.env
        )
        self._check_readable(students, ["name"])
        school_class, subject, period = lesson.class_id, lesson.subject_id, lesson.period_id
        policy = self.env["school.grading.policy"].sudo()._get_policy(lesson.date, school_class.company_id)
        work_types = self.env["school.work.type"].search_fetch([], ["name", "code"])
        return {
            "lesson": self._lesson_values(lesson, self.env.user, period),
            "class": {"id": school_class.id, "name": school_class.name, "grade": school_class.grade},
            "subject": {"id": subject.id, "name": subject.name},
            "period": {"id": period.id, "name": period.name or "", "closed": period.is_closed},
            "subgroup_id": lesson.subgroup_id.id,
            "students": [{"id": s.id, "name": s.name} for s in students.sorted("name")],
            "cells": cells,
            "work_types": [{"id": wt.id, "name": wt.name, "code": wt.code} for wt in work_types],
            "mark_values": policy._get_mark_values() if policy else [2, 3, 4, 5],
            "graded": school_class.grade > 1 and subject.is_graded,
        }

    # --- the class teacher's attendance sheet of one day (JOUR-2) ---------------------------
    # One sick child is one row with "ill the whole day", not a row per lesson (P 4.3, issue
    # 13). Reading goes through the user's record rules; saving goes through
    # ``save_attendance`` lesson by lesson, with the same checks as the journal.

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
        class_id = school_rpc_args.record_id(self.env, class_id)
        day = school_rpc_args.day(self.env, day)
        school_class = self.env["school.class"].browse(class_id)
        self._check_readable(school_class)
        lessons = self.env["school.lesson"].search_fetch(
            [("class_id", "=", class_id), ("date", "=", day), ("state", "!=", "cancelled")],
            ["lesson_number", "subject_id", "subgroup_id", "teacher_id", "is_substitution"],
            order="lesson_number, id",
        )
        Enrollment = self.env["school.enrollment"].sudo()
        enrollments = Enrollment.search_fetch(
            [("class_id", "=", class_id)] + Enrollment._valid_on_domain(day), ["student_id"]
        )
        students = enrollments.student_id.with_env(self.env)
        self._check_readable(students, ["name"])
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
