from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_date

from odoo.addons.school_ejournal.models import school_access
from odoo.addons.school_ejournal.models.school_attendance import ATTENDANCE_SHORT
from odoo.addons.school_ejournal.models.school_log_snapshot import snapshot_fields

# the short attendance codes of the journal, one table for the journal and the forms
ATT_SHORT = ATTENDANCE_SHORT

# The one registry of the official forms (issue 16 item 6): code -> (title in the wizard,
# builder of school.report.service, parameters it takes), in the wizard's order.
# forms of the school administration only (REP-6): the builder refuses everyone else, and the
# print wizard does not offer them to others
ADMINISTRATION_FORMS = ("movement",)

FORM_REGISTRY = {
    "marks_summary": ("Summary sheet of marks", "_build_marks_summary", ("school_class", "period")),
    "attendance_summary": (
        "Summary sheet of attendance",
        "_build_attendance_summary",
        ("school_class", "date_from", "date_to", "period"),
    ),
    "attendance_by_period": (
        "Class attendance by quarter and half",
        "_build_attendance_by_period",
        ("school_class",),
    ),
    "class_teacher_report": (
        "Class teacher's report",
        "_build_class_teacher_report",
        ("school_class", "period"),
    ),
    "class_results": ("Results of the class", "_build_class_results", ("school_class", "period")),
    "student_results": ("Results of a student", "_build_student_results", ("student", "period")),
    "movement": ("Student movement and class sizes", "_build_movement", ("date_from", "date_to")),
    "final_data": ("Final data per student", "_build_final_data", ("school_class",)),
    "student_digest": (
        "Student's digest",
        "_build_student_digest",
        ("student", "date_from", "date_to"),
    ),
    "mark_changes": (
        "Mark change report",
        "_build_mark_changes",
        ("date_from", "date_to", "school_class"),
    ),
    "journal_copy": (
        "Paper copy of the class journal",
        "_build_journal_copy",
        ("school_class", "period"),
    ),
    "final_marks_journal": ("Final marks journal", "_build_final_marks_journal", ("school_class",)),
}


class SchoolReportService(models.AbstractModel):
    """Builds the official forms of the regulation as documents (REP-1..12).

    Each builder reads grouped data (``_read_group`` or one SQL query per table) and returns
    a document: title, subtitle, sections of rows, signatures. The PDF template and the XLSX
    writer render the same document, so both print the same figures (REP-12).
    """

    _name = "school.report.service"
    _description = "School Report Builder"

    # ------------------------------------------------------------------
    # access (P 3.6, SEC-3): readers see every class, a class teacher his own class
    # ------------------------------------------------------------------
    @api.model
    def _format_moment(self, value):
        """A datetime as the reader's date and time, in the reader's time zone."""
        moment = fields.Datetime.context_timestamp(self, value)
        return f"{format_date(self.env, moment)} {moment:%H:%M}"

    def _check_class_access(self, school_class):
        user = self.env.user
        if self.env.su:
            return
        # the caller's own right to read the class (its school), before anything of it is read
        # as superuser: a reader of one school prints no form of another school's class (SEC-3)
        school_access.check_readable(school_class, school_access.CLASS_FIELDS)
        if user.has_group("school_ejournal.group_school_reader"):
            return
        if school_class.class_teacher_id == user:
            return
        raise AccessError(
            _(
                "The forms of class %s are for its class teacher and the school administration.",
                school_class.name,
            )
        )

    @api.model
    def _header(self, title, school_class=None, period=None, date_from=None, date_to=None):
        company = (school_class.company_id if school_class else self.env.company).sudo()
        subtitle = [company.name]
        if school_class:
            subtitle.append(
                _(
                    "Class: %(cls)s, academic year %(year)s",
                    cls=school_class.name,
                    year=school_class.year_id.name,
                )
            )
        if period:
            subtitle.append(
                _(
                    "Period: %(period)s (%(start)s - %(end)s)",
                    period=period.name,
                    start=format_date(self.env, period.date_start),
                    end=format_date(self.env, period.date_end),
                )
            )
        elif date_from or date_to:
            subtitle.append(
                _(
                    "From %(start)s to %(end)s",
                    start=format_date(self.env, date_from),
                    end=format_date(self.env, date_to),
                )
            )
        return {"title": title, "subtitle": subtitle, "sections": [], "signatures": []}

    @api.model
    def _class_document(self, title, school_class, period=None, date_from=None, date_to=None):
        """The document of a form about one class, on a sheet named after it, once the reader
        is checked to print the class's forms."""
        self._check_class_access(school_class)
        doc = self._header(title, school_class, period, date_from, date_to)
        doc["sheet"] = school_class.name
        return doc

    @api.model
    def _held_lessons(self, school_class, date_from, date_to, fnames=(), domain=(), order=None):
        """The lessons held (not cancelled) in the class from ``date_from`` to ``date_to`` and
        matching ``domain``, as superuser: their date, number, subject, topic and homework
        fetched, and ``fnames``."""
        return (
            self.env["school.lesson"]
            .sudo()
            .search_fetch(
                [
                    ("class_id", "=", school_class.id),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                    ("state", "!=", "cancelled"),
                    *domain,
                ],
                ["date", "lesson_number", "subject_id", "topic", "homework", *fnames],
                order=order,
            )
        )

    @api.model
    def _class_students(self, school_class, date_from=None, date_to=None):
        """Students who belonged to the class at some time between the two dates (by default
        the first and last days of the class's academic year), by name."""
        date_from = date_from or school_class.year_id.date_start
        date_to = date_to or school_class.year_id.date_end
        enrollments = (
            self.env["school.enrollment"]
            .sudo()
            .search(
                [
                    ("class_id", "=", school_class.id),
                    *self.env["school.enrollment"]._valid_between_domain(date_from, date_to),
                ]
            )
        )
        return enrollments.student_id.sorted(lambda s: (s.last_name or "", s.first_name or "", s.id))

    @api.model
    def _student_class(self, student, date_from, date_to):
        """The class the student belonged to last between the two dates, his current class if none:
        the results of a past period are those of the class he was in then."""
        enrollment = (
            self.env["school.enrollment"]
            .sudo()
            .search(
                [
                    ("student_id", "=", student.id),
                    *self.env["school.enrollment"]._valid_between_domain(date_from, date_to),
                ],
                order="date_start desc",
                limit=1,
            )
        )
        return self.env["school.class"].browse(enrollment.class_id.id) if enrollment else student.class_id

    @api.model
    def _utc_bounds(self, date_from, date_to):
        """UTC datetimes of the start of ``date_from`` and of the end of ``date_to`` in the user's time
        zone, the one the report shows its times in."""
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")

        def utc(day):
            return tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)

        return utc(date_from), utc(date_to + timedelta(days=1))

    @api.model
    def _class_subjects(self, school_class):
        """Subjects of the class's curriculum and any subject it had lessons in."""
        lines = self.env["school.curriculum.line"].sudo().search([("class_id", "=", school_class.id)])
        taught = (
            self.env["school.lesson"].sudo()._read_group([("class_id", "=", school_class.id)], ["subject_id"])
        )
        subjects = lines.subject_id | self.env["school.subject"].union(*(s for (s,) in taught))
        return subjects.sorted(lambda s: (s.sequence, s.name))

    @api.model
    def _mark_stats(self, class_ids, date_from, date_to):
        """{(student, subject): (weighted sum, weight sum, count)} in one query."""
        self.env["school.mark"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT student_id, subject_id, SUM(value * weight), SUM(weight), COUNT(*)
                     FROM school_mark
                    WHERE class_id IN %s AND date BETWEEN %s AND %s
                 GROUP BY student_id, subject_id""",
                tuple(class_ids),
                date_from,
                date_to,
            )
        )
        return {(r[0], r[1]): (r[2], r[3], r[4]) for r in self.env.cr.fetchall()}

    @api.model
    def _period_mark_table(self, class_ids, period_ids):
        """{(student, subject, period): value or 'n/a'} from one grouped read."""
        result = {}
        for student, subject, period, value, attested in (
            self.env["school.period.mark"]
            .sudo()
            ._read_group(
                [("class_id", "in", class_ids), ("period_id", "in", period_ids)],
                ["student_id", "subject_id", "period_id"],
                ["value:max", "is_attested:bool_and"],
            )
        ):
            result[(student.id, subject.id, period.id)] = value or ("" if attested else _("n/a"))
        return result

    @staticmethod
    def _average(stats, key):
        """Weighted average of ``stats[key]`` (from :meth:`_mark_stats`), or "" without marks."""
        weighted, weight, _count = stats.get(key, (0, 0, 0))
        return round(weighted / weight, 2) if weight else ""

    @staticmethod
    def _quality(counts):
        """Success and quality percentages of a list of marks counts {mark: n}."""
        total = sum(counts.values())
        if not total:
            return 0.0, 0.0
        success = 100.0 * (total - counts.get(2, 0) - counts.get(1, 0)) / total
        quality = 100.0 * (counts.get(5, 0) + counts.get(4, 0)) / total
        return round(success, 1), round(quality, 1)

    # ------------------------------------------------------------------
    # REP-1 summary sheet of marks (сводная ведомость учета успеваемости)
    # ------------------------------------------------------------------
    @api.model
    def _build_marks_summary(self, school_class, period):
        doc = self._class_document(_("Summary sheet of marks"), school_class, period)
        students = self._class_students(school_class, period.date_start, period.date_end)
        subjects = self._class_subjects(school_class)
        table = self._period_mark_table([school_class.id], [period.id])
        stats = self._mark_stats([school_class.id], period.date_start, period.date_end)
        columns = [_("No."), _("Student")] + [s.short_name or s.name for s in subjects]
        rows, averages_rows = [], []
        counts = {subject.id: defaultdict(int) for subject in subjects}
        for number, student in enumerate(students, 1):
            row, avg_row = [number, student.name], [number, student.name]
            for subject in subjects:
                value = table.get((student.id, subject.id, period.id), "")
                if isinstance(value, int) and value:
                    counts[subject.id][value] += 1
                row.append(value)
                avg_row.append(self._average(stats, (student.id, subject.id)))
            rows.append(row)
            averages_rows.append(avg_row)
        footer = []
        for mark in (5, 4, 3, 2):
            footer.append(["", _('Marks "%s"', mark)] + [counts[s.id].get(mark, 0) for s in subjects])
        footer.append(["", _("Success, %")] + [self._quality(counts[s.id])[0] for s in subjects])
        footer.append(["", _("Quality, %")] + [self._quality(counts[s.id])[1] for s in subjects])
        doc["sections"] = [
            {"title": _("Period marks"), "columns": columns, "rows": rows, "footer": footer},
            {
                "title": _("Weighted averages of the current marks"),
                "columns": columns,
                "rows": averages_rows,
                "footer": [
                    ["", _("Marks entered")]
                    + [sum(stats.get((st.id, s.id), (0, 0, 0))[2] for st in students) for s in subjects]
                ],
            },
        ]
        doc["signatures"] = [_("Class teacher"), _("Deputy director for academic work")]
        return doc

    # ------------------------------------------------------------------
    # REP-2 summary sheet of attendance (сводная ведомость учета посещаемости)
    # ------------------------------------------------------------------
    @api.model
    def _attendance_counts(self, class_ids, date_from, date_to):
        """{(student, code): lessons} and {(student, subject): missed lessons}: two grouped reads."""
        Attendance = self.env["school.attendance"].sudo()
        domain = [("class_id", "in", class_ids), ("date", ">=", date_from), ("date", "<=", date_to)]
        by_code = {
            (student.id, code): count
            for student, code, count in Attendance._read_group(domain, ["student_id", "code"], ["__count"])
        }
        by_subject = {
            (student.id, subject.id): count
            for student, subject, count in Attendance._read_group(
                domain + [("code", "!=", "late")], ["student_id", "subject_id"], ["__count"]
            )
        }
        return by_code, by_subject

    @api.model
    def _build_attendance_summary(self, school_class, date_from, date_to, period=None):
        doc = self._class_document(_("Summary sheet of attendance"), school_class, period, date_from, date_to)
        students = self._class_students(school_class, date_from, date_to)
        subjects = self._class_subjects(school_class)
        by_code, by_subject = self._attendance_counts([school_class.id], date_from, date_to)
        rows = []
        totals = defaultdict(int)
        for number, student in enumerate(students, 1):
            absent = by_code.get((student.id, "absent"), 0)
            ill = by_code.get((student.id, "ill"), 0)
            excused = by_code.get((student.id, "excused"), 0)
            late = by_code.get((student.id, "late"), 0)
            missed = absent + ill + excused
            for key, value in (
                ("missed", missed),
                ("ill", ill),
                ("excused", excused),
                ("absent", absent),
                ("late", late),
            ):
                totals[key] += value
            rows.append([number, student.name, missed, ill, excused, absent, late])
        doc["sections"].append(
            {
                "title": _("Lessons missed"),
                "columns": [
                    _("No."),
                    _("Student"),
                    _("Missed, total"),
                    _("Ill"),
                    _("Excused"),
                    _("Without a valid reason"),
                    _("Late"),
                ],
                "rows": rows,
                "footer": [
                    [
                        "",
                        _("Total"),
                        totals["missed"],
                        totals["ill"],
                        totals["excused"],
                        totals["absent"],
                        totals["late"],
                    ]
                ],
            }
        )
        doc["sections"].append(
            {
                "title": _("Lessons missed by subject"),
                "columns": [_("No."), _("Student")] + [s.short_name or s.name for s in subjects],
                "rows": [
                    [n, st.name] + [by_subject.get((st.id, s.id), 0) for s in subjects]
                    for n, st in enumerate(students, 1)
                ],
                "footer": [
                    ["", _("Total")]
                    + [sum(by_subject.get((st.id, s.id), 0) for st in students) for s in subjects]
                ],
            }
        )
        doc["signatures"] = [_("Class teacher")]
        return doc

    # ------------------------------------------------------------------
    # REP-8 mark change report (S 3.7)
    # ------------------------------------------------------------------
    @api.model
    def _readable_snapshot(self, entry, text, labels_cache):
        """A logged value as its reader reads it: «Mark: 4; Work type: Oral answer», the field
        labels, selection values and yes/no of the reader's language, not the log's technical
        «value=4; work_type_id=...» (the names of records stay as they were logged)."""
        return "; ".join(
            f"{label}: {shown}" for label, (shown,) in snapshot_fields(entry, labels_cache, text) if shown
        )

    def _build_mark_changes(self, date_from, date_to, school_class=None):
        if school_class:
            self._check_class_access(school_class)
        elif not (self.env.su or self.env.user.has_group("school_ejournal.group_school_reader")):
            raise AccessError(_("The mark change report is for the school administration."))
        start, end = self._utc_bounds(date_from, date_to)
        # marks and period marks (issue 12)
        domain = [
            ("model", "in", ("school.mark", "school.period.mark")),
            ("logged_at", ">=", start),
            ("logged_at", "<", end),
        ]
        if school_class:
            domain.append(("class_id", "=", school_class.id))
        elif not self.env.su:
            # the sudo below must not list other schools' changes: only the caller's schools
            domain.append(("company_id", "in", self.env.companies.ids))
        entries = self.env["school.journal.log"].sudo().search(domain, order="sequence")
        actions = dict(entries._fields["action"]._description_selection(self.env))
        labels = {}
        doc = self._header(_("Mark change report"), school_class, None, date_from, date_to)
        doc["sheet"] = _("Changes")
        invalid = _("yes")
        doc["sections"].append(
            {
                "title": False,
                "columns": [
                    _("No."),
                    _("When"),
                    _("Who"),
                    _("Class"),
                    _("Subject"),
                    _("Lesson date"),
                    _("Student"),
                    _("Action"),
                    _("Old value"),
                    _("New value"),
                    _("Reason"),
                    _("Invalid"),
                ],
                "rows": [
                    [
                        e.sequence,
                        self._format_moment(e.logged_at),
                        e.user_id.name,
                        e.class_id.name or "",
                        e.subject_id.name or "",
                        format_date(self.env, e.lesson_date),
                        e.student_id.name or "",
                        actions.get(e.action, ""),
                        self._readable_snapshot(e, e.old_value, labels),
                        self._readable_snapshot(e, e.new_value, labels),
                        e.reason or "",
                        invalid if e.is_invalid else "",
                    ]
                    for e in entries
                ],
            }
        )
        return doc

    # ------------------------------------------------------------------
    # REP-9 paper copy of the class journal at period end; also the archive copy (ARCH-1)
    # ------------------------------------------------------------------
    @api.model
    def _build_journal_copy(self, school_class, period):
        doc = self._class_document(_("Class journal"), school_class, period)
        students = self._class_students(school_class, period.date_start, period.date_end)
        doc["sections"].append(
            {
                "title": _("Class list"),
                "columns": [_("No."), _("Student"), _("Personal file No.")],
                "rows": [[n, s.name, s.personal_file or ""] for n, s in enumerate(students, 1)],
            }
        )
        lessons = self._held_lessons(
            school_class,
            period.date_start,
            period.date_end,
            ["subgroup_id", "teacher_id", "is_substitution"],
            order="subject_id, date, lesson_number, id",
        )
        marks = (
            self.env["school.mark"]
            .sudo()
            .search_fetch(
                [("lesson_id", "in", lessons.ids)], ["lesson_id", "student_id", "value"], order="id"
            )
        )
        absences = (
            self.env["school.attendance"]
            .sudo()
            .search_fetch([("lesson_id", "in", lessons.ids)], ["lesson_id", "student_id", "code"])
        )
        cell = defaultdict(list)
        for mark in marks:
            cell[(mark.lesson_id.id, mark.student_id.id)].append(str(mark.value))
        for entry in absences:
            cell[(entry.lesson_id.id, entry.student_id.id)].insert(0, ATT_SHORT[entry.code])
        # translated here: a comprehension has no ``self`` to take the language from
        substitution = _("(substitution)")
        table = self._period_mark_table([school_class.id], [period.id])
        stats = self._mark_stats([school_class.id], period.date_start, period.date_end)
        # plain lists: a recordset union per lesson would copy the subject's lessons each time
        by_subject = defaultdict(list)
        for lesson in lessons:
            by_subject[lesson.subject_id].append(lesson)
        for subject in sorted(by_subject, key=lambda s: (s.sequence, s.name)):
            subject_lessons = by_subject[subject]
            rows = []
            for number, student in enumerate(students, 1):
                rows.append(
                    [number, student.name]
                    + [" ".join(cell.get((lesson.id, student.id), [])) for lesson in subject_lessons]
                    + [
                        self._average(stats, (student.id, subject.id)),
                        table.get((student.id, subject.id, period.id), ""),
                    ]
                )
            doc["sections"].append(
                {
                    "title": _("%s: marks and attendance", subject.name),
                    "columns": [_("No."), _("Student")]
                    + [lesson.date.strftime("%d.%m") for lesson in subject_lessons]
                    + [_("Average"), _("Period mark")],
                    "rows": rows,
                }
            )
            doc["sections"].append(
                {
                    "title": _("%s: topics and homework", subject.name),
                    "columns": [_("Date"), _("Lesson No."), _("Topic"), _("Homework"), _("Teacher")],
                    "rows": [
                        [
                            format_date(self.env, lesson.date),
                            lesson.lesson_number,
                            lesson.topic or "",
                            lesson.homework or "",
                            lesson.teacher_id.name + (" " + substitution if lesson.is_substitution else ""),
                        ]
                        for lesson in subject_lessons
                    ],
                }
            )
        doc["signatures"] = [
            _("The paper copy matches the electronic journal. Class teacher"),
            _("Checked: deputy director for academic work"),
            _("Director"),
            _("Date"),
        ]
        return doc

    # form code -> (builder, parameters it takes); the wizard checks the required ones
    FORMS = {code: (builder, params) for code, (_title, builder, params) in FORM_REGISTRY.items()}

    @api.model
    def _build(self, code, params):
        """Build the document of a form from the wizard's parameters."""
        if code not in self.FORMS:
            raise UserError(_("Unknown form: %s", code))
        method, names = self.FORMS[code]
        return getattr(self, method)(**{name: params.get(name) for name in names})

    # ------------------------------------------------------------------
    # The other forms of the regulation (REP-3..7, REP-10), built from grouped reads.
    # (formerly school_report_service_forms.py)
    # ------------------------------------------------------------------
    @api.model
    def _terms(self, school_class):
        """The class's assessment periods (quarters or halves) of its year, in order."""
        return (
            self.env["school.period"]
            .sudo()
            .search(
                [("year_id", "=", school_class.year_id.id), ("period_type", "=", school_class.period_scheme)],
                order="date_start",
            )
        )

    # REP-3 class attendance by quarter and half
    @api.model
    def _build_attendance_by_period(self, school_class):
        doc = self._class_document(_("Class attendance by period"), school_class)
        terms = self._terms(school_class)
        students = self._class_students(school_class)
        counts = defaultdict(int)
        for student, period, code, count in (
            self.env["school.attendance"]
            .sudo()
            ._read_group(
                [("class_id", "=", school_class.id)], ["student_id", "period_id", "code"], ["__count"]
            )
        ):
            counts[(student.id, period.id, "late" if code == "late" else "missed")] += count
            if code == "ill":
                counts[(student.id, period.id, "ill")] += count
        columns = [_("No."), _("Student")]
        for term in terms:
            columns += [_("%s: missed", term.name), _("%s: of them ill", term.name), _("%s: late", term.name)]
        columns += [_("Year: missed"), _("Year: late")]
        rows = []
        for number, student in enumerate(students, 1):
            row = [number, student.name]
            for term in terms:
                row += [counts[(student.id, term.id, k)] for k in ("missed", "ill", "late")]
            row += [
                sum(counts[(student.id, t.id, "missed")] for t in terms),
                sum(counts[(student.id, t.id, "late")] for t in terms),
            ]
            rows.append(row)
        footer = (
            [["", _("Total")] + [sum(r[i] for r in rows) for i in range(2, len(columns))]] if rows else []
        )
        doc["sections"].append({"title": False, "columns": columns, "rows": rows, "footer": footer})
        doc["signatures"] = [_("Class teacher")]
        return doc

    # REP-5 results of a class for a period (quality and success)
    @api.model
    def _build_class_results(self, school_class, period):
        doc = self._class_document(_("Results of the class for the period"), school_class, period)
        subjects = self._class_subjects(school_class)
        students = self._class_students(school_class, period.date_start, period.date_end)
        table = self._period_mark_table([school_class.id], [period.id])
        stats = self._mark_stats([school_class.id], period.date_start, period.date_end)
        rows = []
        for subject in subjects:
            counts = defaultdict(int)
            for student in students:
                value = table.get((student.id, subject.id, period.id))
                if isinstance(value, int) and value:
                    counts[value] += 1
            weighted = sum(stats.get((s.id, subject.id), (0, 0, 0))[0] for s in students)
            weight = sum(stats.get((s.id, subject.id), (0, 0, 0))[1] for s in students)
            success, quality = self._quality(counts)
            rows.append(
                [
                    subject.name,
                    counts[5],
                    counts[4],
                    counts[3],
                    counts[2],
                    round(weighted / weight, 2) if weight else "",
                    success,
                    quality,
                ]
            )
        doc["sections"].append(
            {
                "title": _("By subject"),
                "columns": [
                    _("Subject"),
                    "5",
                    "4",
                    "3",
                    "2",
                    _("Average mark"),
                    _("Success, %"),
                    _("Quality, %"),
                ],
                "rows": rows,
            }
        )
        groups = defaultdict(list)
        for student in students:
            values = [table.get((student.id, s.id, period.id)) for s in subjects]
            values = [v for v in values if isinstance(v, int) and v]
            if not values:
                groups[_("Not attested")].append(student.name)
            elif min(values) == 5:
                groups[_("Excellent (all 5)")].append(student.name)
            elif min(values) >= 4:
                groups[_("Good (4 and 5)")].append(student.name)
            elif min(values) == 3 and values.count(3) == 1:
                groups[_("With one 3")].append(student.name)
            elif min(values) <= 2:
                groups[_("Failing")].append(student.name)
            else:
                groups[_("With 3s")].append(student.name)
        doc["sections"].append(
            {
                "title": _("Students by results"),
                "columns": [_("Group"), _("Students"), _("Names")],
                "rows": [[name, len(names), ", ".join(names)] for name, names in sorted(groups.items())],
            }
        )
        doc["signatures"] = [_("Class teacher"), _("Deputy director for academic work")]
        return doc

    # REP-5 results of one student
    @api.model
    def _build_student_results(self, student, period):
        school_class = self._student_class(student, period.date_start, period.date_end)
        self._check_class_access(school_class)
        doc = self._header(_("Results of the student for the period"), school_class, period)
        doc["subtitle"].insert(1, _("Student: %s", student.name))
        doc["sheet"] = student.last_name or student.name
        stats = self._mark_stats([school_class.id], period.date_start, period.date_end)
        table = self._period_mark_table([school_class.id], [period.id])
        marks = defaultdict(list)
        for mark in (
            self.env["school.mark"]
            .sudo()
            .search_fetch(
                [
                    ("student_id", "=", student.id),
                    ("class_id", "=", school_class.id),
                    ("date", ">=", period.date_start),
                    ("date", "<=", period.date_end),
                ],
                ["subject_id", "value"],
                order="date, id",
            )
        ):
            marks[mark.subject_id.id].append(str(mark.value))
        rows = []
        for subject in self._class_subjects(school_class):
            rows.append(
                [
                    subject.name,
                    " ".join(marks[subject.id]),
                    stats.get((student.id, subject.id), (0, 0, 0))[2],
                    self._average(stats, (student.id, subject.id)),
                    table.get((student.id, subject.id, period.id), ""),
                ]
            )
        doc["sections"].append(
            {
                "title": False,
                "columns": [_("Subject"), _("Marks"), _("Count"), _("Average"), _("Period mark")],
                "rows": rows,
            }
        )
        doc["signatures"] = [_("Class teacher"), _("Parent (legal representative), acknowledged")]
        return doc

    # REP-4 class teacher's report for a period
    @api.model
    def _build_class_teacher_report(self, school_class, period):
        results = self._build_class_results(school_class, period)
        doc = self._class_document(_("Class teacher's report"), school_class, period)
        start = self._class_students(school_class, period.date_start, period.date_start)
        end = self._class_students(school_class, period.date_end, period.date_end)
        moves = (
            self.env["school.movement"]
            .sudo()
            ._read_group(
                [
                    ("date", ">=", period.date_start),
                    ("date", "<=", period.date_end),
                    "|",
                    ("from_class_id", "=", school_class.id),
                    ("to_class_id", "=", school_class.id),
                ],
                ["movement_type", "to_class_id"],
                ["__count"],
            )
        )
        arrived = sum(c for kind, to_class, c in moves if to_class == school_class)
        left = sum(c for kind, to_class, c in moves if to_class != school_class)
        by_code, _by_subject = self._attendance_counts([school_class.id], period.date_start, period.date_end)
        missed = sum(c for (s, code), c in by_code.items() if code != "late")
        ill = sum(c for (s, code), c in by_code.items() if code == "ill")
        late = sum(c for (s, code), c in by_code.items() if code == "late")
        doc["sections"].append(
            {
                "title": _("Class size and attendance"),
                "columns": [_("Indicator"), _("Value")],
                "rows": [
                    [_("Students at the start of the period"), len(start)],
                    [_("Arrived"), arrived],
                    [_("Left"), left],
                    [_("Students at the end of the period"), len(end)],
                    [_("Lessons missed"), missed],
                    [_("of them for illness"), ill],
                    [_("Lates"), late],
                ],
            }
        )
        doc["sections"] += results["sections"]
        doc["signatures"] = [_("Class teacher"), _("Deputy director for academic work")]
        return doc

    # REP-6 student movement and class sizes
    @api.model
    @api.model
    def _may_print(self, code):
        """Whether the user may print the form ``code``: the administration's forms are the
        school administration's only (REP-6)."""
        return code not in ADMINISTRATION_FORMS or school_access.in_groups(
            self.env, school_access.GROUP_READER
        )

    def _build_movement(self, date_from, date_to):
        if not self._may_print("movement"):
            raise AccessError(_("The movement report is for the school administration."))
        doc = self._header(_("Student movement and class sizes"), None, None, date_from, date_to)
        doc["sheet"] = _("Movement")
        types = dict(self.env["school.movement"]._fields["movement_type"]._description_selection(self.env))
        moves = (
            self.env["school.movement"]
            .sudo()
            .search(
                [
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                    ("company_id", "=", self.env.company.id),
                ],
                order="date, id",
            )
        )
        doc["sections"].append(
            {
                "title": _("Movement"),
                "columns": [
                    _("Date"),
                    _("Student"),
                    _("Type"),
                    _("From class"),
                    _("To class"),
                    _("Order No."),
                    _("Reason"),
                ],
                "rows": [
                    [
                        format_date(self.env, m.date),
                        m.student_id.name,
                        types.get(m.movement_type, ""),
                        m.from_class_id.name or "",
                        m.to_class_id.name or "",
                        m.order_number or "",
                        m.reason or "",
                    ]
                    for m in moves
                ],
            }
        )
        classes = (
            self.env["school.class"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.env.company.id),
                    ("year_id.date_start", "<=", date_to),
                    ("year_id.date_end", ">=", date_from),
                ]
            )
        )
        Enrollment = self.env["school.enrollment"].sudo()

        def sizes(day):
            return dict(
                Enrollment._read_group(
                    [
                        ("class_id", "in", classes.ids),
                        *self.env["school.enrollment"]._valid_on_domain(day),
                    ],
                    ["class_id"],
                    ["__count"],
                )
            )

        at_start, at_end = sizes(date_from), sizes(date_to)
        rows = []
        for school_class in classes.sorted(lambda c: (c.grade, c.letter)):
            arrived = len(moves.filtered(lambda m, c=school_class: m.to_class_id == c))
            left = len(moves.filtered(lambda m, c=school_class: m.from_class_id == c))
            rows.append(
                [school_class.name, at_start.get(school_class, 0), arrived, left, at_end.get(school_class, 0)]
            )
        doc["sections"].append(
            {
                "title": _("Class sizes"),
                "columns": [_("Class"), _("At the start"), _("Arrived"), _("Left"), _("At the end")],
                "rows": rows,
                "footer": [[_("School")] + [sum(r[i] for r in rows) for i in range(1, 5)]] if rows else [],
            }
        )
        return doc

    # REP-6 final data per student / REP-10 year-end final-marks journal
    @api.model
    def _final_periods(self, school_class):
        year_periods = (
            self.env["school.period"]
            .sudo()
            .search(
                [("year_id", "=", school_class.year_id.id), ("period_type", "in", ("year", "exam", "final"))],
                order="period_type desc, date_start",
            )
        )
        return self._terms(school_class) | year_periods

    @api.model
    def _build_final_marks_journal(self, school_class):
        doc = self._class_document(_("Final marks journal"), school_class)
        periods = self._final_periods(school_class)
        students = self._class_students(school_class)
        table = self._period_mark_table([school_class.id], periods.ids)
        for subject in self._class_subjects(school_class):
            doc["sections"].append(
                {
                    "title": subject.name,
                    "columns": [_("No."), _("Student")] + [p.name for p in periods],
                    "rows": [
                        [n, s.name] + [table.get((s.id, subject.id, p.id), "") for p in periods]
                        for n, s in enumerate(students, 1)
                    ],
                }
            )
        doc["signatures"] = [_("Class teacher"), _("Director")]
        return doc

    @api.model
    def _build_final_data(self, school_class):
        doc = self._class_document(_("Final data per student"), school_class)
        year = school_class.year_id
        year_period = (
            self.env["school.period"]
            .sudo()
            .search([("year_id", "=", year.id), ("period_type", "=", "year")], limit=1)
        )
        subjects = self._class_subjects(school_class)
        students = self._class_students(school_class)
        table = self._period_mark_table([school_class.id], year_period.ids)
        by_code, _by_subject = self._attendance_counts([school_class.id], year.date_start, year.date_end)
        doc["sections"].append(
            {
                "title": False,
                "columns": [_("No."), _("Student")]
                + [s.short_name or s.name for s in subjects]
                + [_("Missed"), _("Status")],
                "rows": [
                    [n, st.name]
                    + [table.get((st.id, s.id, year_period.id), "") for s in subjects]
                    + [
                        sum(c for (sid, code), c in by_code.items() if sid == st.id and code != "late"),
                        dict(st._fields["state"]._description_selection(self.env)).get(st.state, ""),
                    ]
                    for n, st in enumerate(students, 1)
                ],
            }
        )
        return doc

    # REP-7 digest of one student (PORT-4: with the acknowledgement slip)
    @api.model
    def _build_student_digest(self, student, date_from, date_to):
        school_class = self._student_class(student, date_from, date_to)
        # the administration and the class teacher read the whole journal of the class
        whole_class = (
            self.env.su
            or self.env.user.has_group("school_ejournal.group_school_reader")
            or school_class.class_teacher_id == self.env.user
        )
        if not (whole_class or self.env.user.has_group("school_ejournal.group_school_teacher")):
            raise AccessError(_("The digest is printed by the school staff."))
        student.check_access("read")
        doc = self._header(_("Student's digest"), school_class, None, date_from, date_to)
        doc["subtitle"].insert(1, _("Student: %s", student.name))
        doc["sheet"] = student.last_name or student.name
        own_groups = [
            "|",
            ("subgroup_id", "=", False),
            ("subgroup_id", "in", student._subgroups_between(date_from, date_to).ids),
        ]
        lessons = (
            self._held_lessons(
                school_class, date_from, date_to, ["subgroup_id"], own_groups, "date, lesson_number"
            )
            # a subgroup's lessons of the days the student belonged to it (JOUR-12)
            .filtered(
                lambda lesson: not lesson.subgroup_id
                or student._in_subgroup_on(lesson.subgroup_id, lesson.date)
            )
        )
        if not whole_class:
            # ROLE-5, SEC-3: a subject teacher's digest holds what the journal shows him of the
            # class, read with his own rights: the lessons, and the marks and absences of the
            # subjects he teaches there and of the lessons he gave, not those of every subject
            lessons = lessons.sudo(False)._filtered_access("read").sudo()
        marks = (
            self.env["school.mark"]
            .sudo(whole_class)
            .search_fetch(
                [("lesson_id", "in", lessons.ids), ("student_id", "=", student.id)],
                ["lesson_id", "subject_id", "value", "weight", "work_type_id"],
                order="id",
            )
        )
        cells = defaultdict(list)
        for mark in marks:
            cells[mark.lesson_id.id].append(f"{mark.value} ({mark.work_type_id.sudo().name})")
        absences = {
            a.lesson_id.id: a.code
            for a in self.env["school.attendance"]
            .sudo(whole_class)
            .search_fetch(
                [("lesson_id", "in", lessons.ids), ("student_id", "=", student.id)], ["lesson_id", "code"]
            )
        }
        doc["sections"].append(
            {
                "title": _("Lessons"),
                "columns": [
                    _("Date"),
                    _("No."),
                    _("Subject"),
                    _("Topic"),
                    _("Homework"),
                    _("Marks"),
                    _("Attendance"),
                ],
                "rows": [
                    [
                        format_date(self.env, lesson.date),
                        lesson.lesson_number,
                        lesson.subject_id.name,
                        lesson.topic or "",
                        lesson.homework or "",
                        ", ".join(cells.get(lesson.id, [])),
                        ATT_SHORT.get(absences.get(lesson.id), ""),
                    ]
                    for lesson in lessons
                ],
            }
        )
        if whole_class:
            stats = self._mark_stats([school_class.id], date_from, date_to)
        else:
            # the averages of the marks shown only
            stats = defaultdict(lambda: (0, 0, 0))
            for mark in marks:
                total, weights, count = stats[(student.id, mark.subject_id.id)]
                stats[(student.id, mark.subject_id.id)] = (
                    total + mark.value * mark.weight,
                    weights + mark.weight,
                    count + 1,
                )
        doc["sections"].append(
            {
                "title": _("Averages by subject"),
                "columns": [_("Subject"), _("Marks"), _("Weighted average")],
                "rows": [
                    [
                        s.name,
                        stats[(student.id, s.id)][2],
                        round(stats[(student.id, s.id)][0] / stats[(student.id, s.id)][1], 2),
                    ]
                    for s in self._class_subjects(school_class)
                    if (student.id, s.id) in stats and stats[(student.id, s.id)][1]
                ],
            }
        )
        codes = defaultdict(int)
        for code in absences.values():
            codes[code] += 1
        doc["sections"].append(
            {
                "title": _("Attendance"),
                "columns": [_("Lessons missed"), _("of them for illness"), _("Lates")],
                "rows": [[codes["absent"] + codes["ill"] + codes["excused"], codes["ill"], codes["late"]]],
            }
        )
        doc["signatures"] = [
            _("Class teacher"),
            _("Acknowledged by the parent (legal representative), date"),
        ]
        return doc
