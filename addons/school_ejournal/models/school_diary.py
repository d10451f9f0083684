"""The e-diary of a student as data: the week, marks by subject, attendance, events.

The portal of parents and students (PORT-1, PORT-2), the e-mail digests (PORT-3) and the
printed weekly digest (PORT-4, REP-7) all read the diary through these methods, so the
forecast and the averages are the same for teacher, student and parent (FINAL-2).

Every method takes a student record that the caller may read: the searches below run with
the caller's rights, so the record rules on lessons, marks, attendance and period marks
decide what is shown. Only names of people, rooms and subgroups, which portal users may
not read, are taken with ``sudo()`` from records found that way. Each method costs a fixed
number of queries, whatever the number of lessons.
"""

import functools
from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.misc import format_date

from .school_attendance import ATTENDANCE_SHORT

MISSED_CODES = ("absent", "ill", "excused")
# what the diary shows of each record, fetched with its search (issue 15: one query each)
LESSON_FIELDS = [
    "class_id",
    "subject_id",
    "subgroup_id",
    "date",
    "lesson_number",
    "slot_id",
    "teacher_id",
    "is_substitution",
    "room_id",
    "state",
    "topic",
    "homework",
    "homework_pages",
    "homework_exercises",
    "homework_due_date",
    "comment",
]
MARK_FIELDS = ["lesson_id", "date", "subject_id", "value", "weight", "work_type_id", "comment"]
ATTENDANCE_FIELDS = ["lesson_id", "date", "subject_id", "code", "late_minutes", "comment"]
SLOT_FIELDS = [
    "class_id",
    "subject_id",
    "subgroup_id",
    "teacher_id",
    "room_id",
    "weekday",
    "lesson_number",
    "date_from",
    "date_to",
]


class _Membership:
    """A student's enrollments and subgroup memberships valid at some day of a date range,
    each searched once (by id: not in the joined orders of the student's one2many fields,
    issue 15), and the student's class and subgroup on a day of the range (JOUR-3, JOUR-12),
    each pair asked once: the lessons and the timetable of five weeks ask it for every lesson
    and slot."""

    def __init__(self, student_sudo, date_from, date_to):
        self.student_sudo, self.date_from, self.date_to = student_sudo, date_from, date_to
        self.in_class_on = functools.cache(self._in_class_on)
        self.in_subgroup_on = functools.cache(self._in_subgroup_on)

    def _search_fetch(self, model, field_names):
        Model = self.student_sudo.env[model]
        return Model.search_fetch(
            [
                ("student_id", "=", self.student_sudo.id),
                *Model._valid_between_domain(self.date_from, self.date_to),
            ],
            field_names,
            order="id",
        )

    @functools.cached_property
    def enrollments(self):
        return self._search_fetch("school.enrollment", ["class_id", "date_start", "date_end"])

    @functools.cached_property
    def members(self):
        return self._search_fetch("school.subgroup.member", ["subgroup_id", "date_from", "date_to"])

    def _in_class_on(self, school_class, day):
        return self.student_sudo._in_class_on(school_class, day, self.enrollments)

    def _in_subgroup_on(self, subgroup, day):
        return self.student_sudo._in_subgroup_on(subgroup, day, self.members)


class SchoolDiary(models.AbstractModel):
    _name = "school.diary"
    _description = "E-Diary"

    # ------------------------------------------------------------------
    # Who sees which diary (ROLE-7, ROLE-8)
    # ------------------------------------------------------------------
    @api.model
    def _get_portal_student_domain(self, user=None):
        """Students whose diary ``user`` may open: children by a guardian link in force, oneself.

        The record rules say the same; the domain keeps the portal from offering anything
        else, e.g. to a staff member who can read whole classes.
        """
        user = user or self.env.user
        today = fields.Date.context_today(self)
        domains = []
        if user.has_group("school_ejournal.group_school_parent"):
            domains.append(
                [
                    (
                        "guardian_link_ids",
                        "any",
                        [
                            ("guardian_id", "=", user.partner_id.id),
                            *self.env["school.guardian.link"]._valid_on_domain(today),
                        ],
                    )
                ]
            )
        if user.has_group("school_ejournal.group_school_student"):
            domains.append([("user_id", "=", user.id)])
        return expression.OR(domains) if domains else expression.FALSE_DOMAIN

    @api.model
    def _get_portal_students(self):
        Student = self.env["school.student"]
        if not Student.has_access("read"):
            return Student
        return Student.search(self._get_portal_student_domain())

    @api.model
    def _is_guardian_of_portal_student(self, student):
        """``_is_guardian_of(student)`` for a student found by :meth:`_get_portal_students`.

        For a user who is a parent and not a student, the portal's domain is the guardian
        links in force, so finding the student there answers it without reading the links
        again (issue 15: the week and marks pages ask it at every request).
        """
        user = self.env.user
        if not user.has_group("school_ejournal.group_school_parent"):
            return False
        if not user.has_group("school_ejournal.group_school_student"):
            return True
        return self._is_guardian_of(student)

    @api.model
    def _get_portal_names(self, students):
        """``{id: (name, first name, class name, class teacher's name)}`` of ``students``,
        which the caller found with the user's rights, in one query (issue 15): the layout of
        every diary page shows them, and reading them through the ORM costs a query for each
        model on the way (student, contact, class, user, contact) and, with the user's rights,
        the contacts' record rules twice."""
        if not students:
            return {}
        self.env["school.student"].flush_model(["first_name", "class_id", "partner_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT student.id, partner.name, student.first_name, class.name, teacher_partner.name
                  FROM school_student student
                  JOIN res_partner partner ON partner.id = student.partner_id
             LEFT JOIN school_class class ON class.id = student.class_id
             LEFT JOIN res_users teacher ON teacher.id = class.class_teacher_id
             LEFT JOIN res_partner teacher_partner ON teacher_partner.id = teacher.partner_id
                 WHERE student.id IN %s
                """,
                tuple(students.ids),
            )
        )
        return {row[0]: tuple(value or "" for value in row[1:]) for row in self.env.cr.fetchall()}

    @api.model
    def _is_guardian_of(self, student, user=None):
        """Whether ``user`` is a guardian of ``student`` by a link in force today."""
        user = user or self.env.user
        if not user.has_group("school_ejournal.group_school_parent"):
            return False
        today = fields.Date.context_today(self)
        return any(
            link.guardian_id == user.partner_id and link._is_in_force(today)
            for link in student.guardian_link_ids
        )

    @api.model
    def _check_student(self, student, checked=False):
        """The caller may read ``student``; ``checked``: the caller has just found it with
        the user's rights (the portal's routes), so the record rules are not run again for
        each part of the page (issue 15: three queries each, the contacts' rules included)."""
        student.ensure_one()
        if not checked:
            student.check_access("read")

    # ------------------------------------------------------------------
    # Dates
    # ------------------------------------------------------------------
    @api.model
    def _get_week_start(self, day):
        return day - timedelta(days=day.weekday())

    @api.model
    def _get_periods(self, student):
        """Assessment periods of the student's class (quarters or halves) and the year."""
        # sudo: the class of a student the caller may read (the periods are searched with
        # the caller's rights)
        school_class = student.sudo().class_id
        if not school_class:
            return self.env["school.period"]
        return (
            self.env["school.period"]
            .search_fetch(
                [
                    ("year_id", "=", school_class.year_id.id),
                    ("period_type", "in", (school_class.period_scheme or "quarter", "year")),
                ],
                ["name", "year_id", "period_type", "date_start", "date_end"],
                order="date_start, sequence, id",
            )
            .sorted(lambda p: (p.period_type == "year", p.date_start))
        )

    @api.model
    def _get_default_period(self, student, periods=None, day=None):
        """The period containing ``day`` (today), else the last one begun, else the first."""
        periods = periods if periods is not None else self._get_periods(student)
        day = day or fields.Date.context_today(self)
        terms = periods.filtered(lambda p: p.period_type != "year")
        return terms._pick_current(day) or periods[:1]

    # ------------------------------------------------------------------
    # Lessons of a date range: the week view and the digest
    # ------------------------------------------------------------------
    @api.model
    def _get_lessons_data(
        self, student, date_from, date_to, with_timetable=False, checked=False, detail=None, format_day=None
    ):
        """Days from ``date_from`` to ``date_to`` with the student's lessons.

        Each lesson comes with its topic, homework, the student's marks (work type, weight,
        teacher's comment) and absence or lateness, and the changes against the timetable
        (substitution, cancellation, room, moved or extra lesson). With ``with_timetable``,
        timetable slots of days without recorded lessons are shown as planned (from today on).
        ``checked``: see :meth:`_check_student`.

        ``detail``: ``(first, last)`` day shown in full; the other days of the range carry
        only what the homework list needs (:meth:`_prepare_lesson_brief_values`: subject,
        number, homework) and no label, and their marks and absences are not read (issue 15:
        the week page reads five weeks for the homework around today and shows one).
        ``format_day``: the :meth:`_date_formatter` of the caller, shared with its page.
        """
        self._check_student(student, checked)
        detail_from, detail_to = detail or (date_from, date_to)
        format_day = format_day or self._date_formatter()
        student_sudo = student.sudo()
        membership = _Membership(student_sudo, date_from, date_to)
        classes = membership.enrollments.class_id
        # the subgroups of those days, each lesson then of a subgroup of its date (JOUR-12)
        subgroup_ids = membership.members.subgroup_id.ids
        group_domain = ["|", ("subgroup_id", "=", False), ("subgroup_id", "in", subgroup_ids)]
        lessons = self.env["school.lesson"].search_fetch(
            [("class_id", "in", classes.ids), ("date", ">=", date_from), ("date", "<=", date_to)]
            + group_domain,
            LESSON_FIELDS,
            order="date, lesson_number, id",
        )
        lessons = lessons.filtered(
            lambda lesson: membership.in_class_on(lesson.class_id, lesson.date)
            and (not lesson.subgroup_id or membership.in_subgroup_on(lesson.subgroup_id, lesson.date))
        )
        marks = self.env["school.mark"].search_fetch(
            [("student_id", "=", student.id), ("date", ">=", detail_from), ("date", "<=", detail_to)],
            MARK_FIELDS,
            order="date, id",
        )
        absences = self.env["school.attendance"].search_fetch(
            [("student_id", "=", student.id), ("date", ">=", detail_from), ("date", "<=", detail_to)],
            ATTENDANCE_FIELDS,
        )
        slots = self.env["school.timetable.slot"]
        if classes:
            slots = self.env["school.timetable.slot"].search_fetch(
                [
                    ("class_id", "in", classes.ids),
                    ("date_from", "<=", date_to),
                    ("date_to", ">=", date_from),
                ]
                + group_domain,
                SLOT_FIELDS,
                # not the model's order, which joins the classes and their years (issue 15)
                order="weekday, lesson_number, id",
            )
        slots_sudo = slots.sudo()
        # the names shown, of the lessons' and the timetable's subjects, rooms, subgroups and
        # teachers, read together (issue 15); sudo: of records found with the user's rights
        lessons_sudo = lessons.sudo()
        (lessons_sudo.subject_id | slots_sudo.subject_id | marks.sudo().subject_id).mapped("name")
        (lessons_sudo.room_id | lessons_sudo.slot_id.room_id | slots_sudo.room_id).mapped("name")
        (lessons_sudo.subgroup_id | slots_sudo.subgroup_id).mapped("name")
        teacher_names = self._get_user_names(lessons_sudo.teacher_id | slots_sudo.teacher_id)
        marks_by_lesson = defaultdict(list)
        for mark in marks.sudo():
            marks_by_lesson[mark.lesson_id.id].append(self._prepare_mark_values(mark, format_day))
        absence_by_lesson = {a.lesson_id.id: self._prepare_attendance_values(a) for a in absences.sudo()}
        terms = self.env["school.period"].search_fetch(
            [
                ("year_id", "in", classes.year_id.ids),
                ("period_type", "in", ("quarter", "half")),
                ("date_start", "<=", date_to),
                ("date_end", ">=", date_from),
            ],
            ["year_id", "period_type", "date_start", "date_end"],
        )
        today = fields.Date.context_today(self)
        lessons_by_day = defaultdict(list)
        for lesson in lessons.sudo():
            lessons_by_day[lesson.date].append(lesson)
        # the slots' dates and classes, and the slots by weekday, taken once for all the days
        # (issue 15: five weeks of days asked every slot its fields each day)
        slot_spans = [(slot.date_from, slot.date_to, slot.class_id.id) for slot in slots_sudo]
        slots_by_weekday = defaultdict(lambda: slots_sudo.browse())
        for slot in slots_sudo:
            slots_by_weekday[slot.weekday] |= slot
        days = []
        day = date_from
        while day <= date_to:
            detailed = detail_from <= day <= detail_to
            if detailed:
                timetabled = {class_id for start, end, class_id in slot_spans if start <= day <= end}
                entries = [
                    self._prepare_lesson_values(
                        lesson,
                        marks_by_lesson,
                        absence_by_lesson,
                        lesson.class_id.id in timetabled,
                        teacher_names=teacher_names,
                        student=student,
                    )
                    for lesson in lessons_by_day[day]
                ]
            else:
                entries = [
                    self._prepare_lesson_brief_values(lesson, student) for lesson in lessons_by_day[day]
                ]
            if with_timetable and day >= today:
                entries += self._prepare_planned_values(
                    day,
                    slots_by_weekday[str(day.weekday())],
                    lessons_by_day[day],
                    terms,
                    student_sudo,
                    teacher_names=teacher_names,
                    membership=membership,
                )
            entries.sort(key=lambda e: (e["number"], e["subject"]))
            days.append(
                {
                    "date": day,
                    "label": format_day(day, "EEEE, d MMMM") if detailed else "",
                    "is_today": day == today,
                    "entries": entries,
                }
            )
            day += timedelta(days=1)
        return days

    @api.model
    def _get_user_names(self, users):
        """``{user id: name}`` of ``users`` in one narrow query (issue 15): reading a user's
        name through the ORM reads every column of the user and of the contact."""
        if not users:
            return {}
        self.env["res.partner"].flush_model(["name"])
        self.env.cr.execute(
            SQL(
                """
                SELECT users.id, partner.name
                  FROM res_users users
                  JOIN res_partner partner ON partner.id = users.partner_id
                 WHERE users.id IN %s
                """,
                tuple(users.ids),
            )
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _prepare_mark_values(self, mark_sudo, format_day=None):
        """A mark as the diary shows it; ``date_label``: its date as the reader's language
        writes it (04.12.2026 in Russian), by ``format_day``, the :meth:`_date_formatter` of
        the caller shared by the page's dates (issue 15: each day formatted once)."""
        format_day = format_day or self._date_formatter()
        return {
            "id": mark_sudo.id,
            "date": mark_sudo.date,
            "date_label": format_day(mark_sudo.date),
            "subject": mark_sudo.subject_id.name,
            "subject_id": mark_sudo.subject_id.id,
            "value": mark_sudo.value,
            "weight": mark_sudo.weight,
            "work_type": mark_sudo.work_type_id.name,
            "comment": mark_sudo.comment or "",
        }

    @api.model
    def _prepare_attendance_values(self, entry_sudo):
        labels = dict(entry_sudo._fields["code"]._description_selection(self.env))
        return {
            "code": entry_sudo.code,
            "label": labels.get(entry_sudo.code, ""),
            "short": ATTENDANCE_SHORT.get(entry_sudo.code, ""),
            "late_minutes": entry_sudo.late_minutes,
            "comment": entry_sudo.comment or "",
            "date": entry_sudo.date,
            "subject": entry_sudo.subject_id.name,
        }

    @api.model
    def _prepare_lesson_values(
        self,
        lesson_sudo,
        marks_by_lesson,
        absence_by_lesson,
        timetabled=False,
        teacher_names=None,
        student=None,
    ):
        """A lesson as the diary shows it; ``timetabled``: its class has a timetable that day,
        so a lesson without a slot is an extra one; ``teacher_names``: of
        :meth:`_get_user_names`, read beforehand for all the lessons; ``student``: whose diary
        shows it, who names its homework files' links."""
        slot = lesson_sudo.slot_id
        teacher = lesson_sudo.teacher_id
        teacher_name = (
            teacher_names.get(teacher.id, "") if teacher_names is not None and teacher else teacher.name
        ) or ""
        changes = []
        if lesson_sudo.state == "cancelled":
            changes.append(_("Cancelled"))
        if lesson_sudo.is_substitution:
            changes.append(_("Substitution: %s", teacher_name))
        if not slot and timetabled:
            changes.append(_("Not in the timetable"))
        elif (
            slot.weekday != str(lesson_sudo.date.weekday()) or slot.lesson_number != lesson_sudo.lesson_number
        ):
            changes.append(_("Moved in the timetable"))
        if slot and lesson_sudo.room_id and slot.room_id and lesson_sudo.room_id != slot.room_id:
            changes.append(_("Room changed: %s", lesson_sudo.room_id.name))
        return {
            "lesson_id": lesson_sudo.id,
            "planned": False,
            "number": lesson_sudo.lesson_number,
            "subject": lesson_sudo.subject_id.name or "",
            "subgroup": lesson_sudo.subgroup_id.name or "",
            "teacher": teacher_name,
            "room": lesson_sudo.room_id.name or slot.room_id.name or "",
            "state": lesson_sudo.state,
            "cancelled": lesson_sudo.state == "cancelled",
            "topic": lesson_sudo.topic or "",
            "homework": lesson_sudo.homework or "",
            "homework_pages": lesson_sudo.homework_pages or "",
            "homework_exercises": lesson_sudo.homework_exercises or "",
            "homework_due_date": lesson_sudo.homework_due_date,
            "homework_files": self._prepare_attachment_values(lesson_sudo, student),
            "comment": lesson_sudo.comment or "",
            "marks": marks_by_lesson.get(lesson_sudo.id, []),
            "attendance": absence_by_lesson.get(lesson_sudo.id),
            "changes": changes,
        }

    @api.model
    def _prepare_lesson_brief_values(self, lesson_sudo, student):
        """A lesson of a day outside the part of :meth:`_get_lessons_data` shown in full:
        what the homework list (:meth:`_get_homework_by_due_date`) and its template use;
        ``student`` as for :meth:`_prepare_lesson_values`."""
        return {
            "lesson_id": lesson_sudo.id,
            "planned": False,
            "number": lesson_sudo.lesson_number,
            "subject": lesson_sudo.subject_id.name or "",
            "cancelled": lesson_sudo.state == "cancelled",
            "homework": lesson_sudo.homework or "",
            "homework_pages": lesson_sudo.homework_pages or "",
            "homework_exercises": lesson_sudo.homework_exercises or "",
            "homework_due_date": lesson_sudo.homework_due_date,
            "homework_files": self._prepare_attachment_values(lesson_sudo, student),
        }

    @api.model
    def _date_formatter(self):
        """``format_day(day, date_format=False)``: :func:`format_date` in the user's language,
        each day and format formatted once (issue 15: the week page shows the same due dates
        many times, and every call looks the language up again)."""

        @functools.cache
        def format_day(day, date_format=False):
            return format_date(self.env, day, date_format=date_format)

        return format_day

    @api.model
    def _prepare_attachment_values(self, lesson_sudo, student):
        """The homework files of a lesson with their download links in ``student``'s diary:
        the diary's own route (:meth:`_get_homework_file`), which checks the reader's right
        to the lesson at every download; no file gets a token that would open it after the
        guardian link or the student's place in the class ends (PORT-1, SEC-3)."""
        files = lesson_sudo.homework_attachment_ids
        prefix = f"/my/diary/{student.id}/homework/{lesson_sudo.id}"
        return [{"name": file.name, "url": f"{prefix}/{file.id}"} for file in files]

    @api.model
    def _get_homework_file(self, student, lesson_id, attachment_id, checked=False):
        """The homework file ``attachment_id`` of the lesson ``lesson_id`` as ``student``'s
        diary shows it to the user now, as superuser for its download; empty when the user
        may not read the lesson (the record rules: a guardian link in force, the student's
        current class), when the student was not in its class or subgroup on its date, or
        when the file is not among its homework files (PORT-1, ROLE-7, ROLE-8).
        ``checked``: see :meth:`_check_student`."""
        self._check_student(student, checked)
        Attachment = self.env["ir.attachment"].sudo()
        # with the user's rights: the lessons the user may read now
        lesson = self.env["school.lesson"].search([("id", "=", lesson_id)])
        if not lesson:
            return Attachment
        # sudo: the class, subgroup and files of a lesson the user may read
        lesson_sudo, student_sudo = lesson.sudo(), student.sudo()
        if not student_sudo._in_class_on(lesson_sudo.class_id, lesson_sudo.date):
            return Attachment
        if lesson_sudo.subgroup_id and not student_sudo._in_subgroup_on(
            lesson_sudo.subgroup_id, lesson_sudo.date
        ):
            return Attachment
        return lesson_sudo.homework_attachment_ids.filtered(lambda file: file.id == attachment_id)

    @api.model
    def _prepare_planned_values(
        self, day, slots, day_lessons, terms, student_sudo, teacher_names=None, membership=None
    ):
        """Timetable slots of ``day`` that have no lesson recorded yet (planned lessons);
        ``teacher_names`` as for :meth:`_prepare_lesson_values`; ``membership``: the
        student's :class:`_Membership` of the caller, shared by the days."""
        membership = membership or _Membership(student_sudo, day, day)
        taken = {lesson.slot_id.id for lesson in day_lessons}
        result = []
        for slot in slots.sudo():
            if (
                slot.id in taken
                or slot.weekday != str(day.weekday())
                or not (slot.date_from <= day <= slot.date_to)
                or not membership.in_class_on(slot.class_id, day)
                or (slot.subgroup_id and not membership.in_subgroup_on(slot.subgroup_id, day))
            ):
                continue
            in_term = any(
                t.year_id == slot.class_id.year_id
                and t.period_type == slot.class_id.period_scheme
                and t.date_start <= day <= t.date_end
                for t in terms
            )
            if not in_term:
                continue
            result.append(
                {
                    "lesson_id": False,
                    "planned": True,
                    "number": slot.lesson_number,
                    "subject": slot.subject_id.name or "",
                    "subgroup": slot.subgroup_id.name or "",
                    "teacher": (
                        teacher_names.get(slot.teacher_id.id, "")
                        if teacher_names is not None and slot.teacher_id
                        else slot.teacher_id.name
                    )
                    or "",
                    "room": slot.room_id.name or "",
                    "state": "planned",
                    "cancelled": False,
                    "topic": "",
                    "homework": "",
                    "homework_pages": "",
                    "homework_exercises": "",
                    "homework_due_date": False,
                    "homework_files": [],
                    "comment": "",
                    "marks": [],
                    "attendance": None,
                    "changes": [],
                }
            )
        return result

    # ------------------------------------------------------------------
    # Marks by subject with the forecast and its working (FINAL-2, FINAL-3)
    # ------------------------------------------------------------------
    @api.model
    def _get_policy(self, student, period):
        # sudo: the school of a student the caller may read
        return (
            self.env["school.grading.policy"].sudo()._get_policy(period.date_end, student.sudo().company_id)
        )

    @api.model
    def _get_subjects_data(self, student, period, date_to=None, checked=False, format_day=None):
        """Marks of ``period`` (up to ``date_to``) by subject: weighted average, forecast
        with its working.

        Weighted like the teacher's journal (``school.period.mark._forecast``): marks of a
        zero weight are listed but do not count. ``checked``: see :meth:`_check_student`.
        ``format_day``: the :meth:`_date_formatter` of the caller, shared with its page.
        """
        self._check_student(student, checked)
        format_day = format_day or self._date_formatter()
        student_sudo = student.sudo()
        date_to = min(date_to or period.date_end, period.date_end)
        marks = self.env["school.mark"].search_fetch(
            [
                ("student_id", "=", student.id),
                ("date", ">=", period.date_start),
                ("date", "<=", date_to),
            ],
            MARK_FIELDS,
            order="date, id",
        )
        lesson_subjects = self.env["school.lesson"]._read_group(
            [
                ("class_id", "=", student_sudo.class_id.id),
                ("date", ">=", period.date_start),
                ("date", "<=", date_to),
                ("subject_id.is_graded", "=", True),
                "|",
                ("subgroup_id", "=", False),
                (
                    "subgroup_id",
                    "in",
                    _Membership(student_sudo, period.date_start, date_to).members.subgroup_id.ids,
                ),
            ],
            ["subject_id"],
        )
        subjects = self.env["school.subject"].union(*(s for (s,) in lesson_subjects), marks.subject_id)
        policy = self._get_policy(student, period)
        weights = sorted(set(policy.weight_ids.mapped("weight")) - {0.0}) if policy else []
        by_subject = defaultdict(list)
        for mark in marks.sudo():
            by_subject[mark.subject_id.id].append(self._prepare_mark_values(mark, format_day))
        result = []
        for subject in subjects.sorted(lambda s: (s.sequence, s.name)):
            subject_marks = by_subject.get(subject.id, [])
            values = dict(
                self._prepare_forecast_values(policy, subject_marks, weights or [1.0]),
                subject=subject.name,
                subject_id=subject.id,
                marks=subject_marks,
                trend=self._trend_points(subject_marks),
            )
            values["forecast_words"] = self._forecast_words(values)
            result.append(values)
        return result

    @api.model
    def _get_homework_by_due_date(self, student, day, days_back=14, days_ahead=14, days=None):
        """Homework set around ``day``, each with the day it is due (issue 13).

        A lesson's own due date when the teacher gave one, else the next lesson of the same
        subject (recorded or in the timetable). Returns ``(items, tomorrow)``: the items
        sorted by due date, and the next school day after ``day`` (the "for tomorrow" view).
        ``days``: :meth:`_get_lessons_data` (with the timetable) of a range that covers
        these days, already read by the caller (the week page reads one range for both).
        """
        date_from, date_to = day - timedelta(days=days_back), day + timedelta(days=days_ahead)
        if days is None:
            days = self._get_lessons_data(student, date_from, date_to, True)
        days = [d for d in days if date_from <= d["date"] <= date_to]
        lessons = [(d["date"], entry) for d in days for entry in d["entries"] if not entry["cancelled"]]
        items = []
        for index, (lesson_date, entry) in enumerate(lessons):
            if not (
                entry["homework"]
                or entry["homework_pages"]
                or entry["homework_exercises"]
                or entry["homework_files"]
            ):
                continue
            due = entry["homework_due_date"] or next(
                (d for d, e in lessons[index + 1 :] if e["subject"] == entry["subject"] and d > lesson_date),
                False,
            )
            if due and due > day - timedelta(days=1):
                items.append(dict(entry, due=due, given=lesson_date))
        items.sort(key=lambda item: (item["due"], item["number"] or 0))
        tomorrow = next((d for d, __ in lessons if d > day), False)
        return items, tomorrow

    @api.model
    def _trend_points(self, marks, width=100, height=24):
        """Points of an inline SVG polyline of the marks in their order (issue 13)."""
        values = [m["value"] for m in marks if m["value"]]
        if len(values) < 2:
            return ""
        step = width / (len(values) - 1)
        return " ".join(
            f"{round(i * step, 1)},{round((5 - min(max(v, 2), 5)) * (height - 4) / 3 + 2, 1)}"
            for i, v in enumerate(values)
        )

    @api.model
    def _forecast_words(self, values):
        """The forecast as a sentence: "One more «5» brings a «5»." (issue 13)."""
        if not values.get("average"):
            return ""
        if not values["enough_marks"]:
            return _("Not enough marks: a period mark needs at least %(count)s.", count=values["min_marks"])
        to_next = dict(values["to_next"])
        if values["next"] and to_next:
            weight = 1.0 if 1.0 in to_next else min(to_next)
            count = to_next[weight]
            if count == 1:
                return _("One more «5» brings a «%(mark)s».", mark=values["next"])
            return _("%(count)s more «5» bring a «%(mark)s».", count=count, mark=values["next"])
        if values["proposed"]:
            to_lose = dict(values["to_lose"])
            if to_lose:
                weight = 1.0 if 1.0 in to_lose else min(to_lose)
                count = to_lose[weight]
                if count == 1:
                    return _(
                        "A «%(mark)s» for now; one «%(low)s» would lower it.",
                        mark=values["proposed"],
                        low=values["low"],
                    )
                return _(
                    "A «%(mark)s» for now; %(count)s marks «%(low)s» would lower it.",
                    mark=values["proposed"],
                    count=count,
                    low=values["low"],
                )
            return _("A «%(mark)s» for now.", mark=values["proposed"])
        return ""

    @api.model
    def _prepare_forecast_values(self, policy, marks, weights):
        counted = [m for m in marks if m["weight"] > 0]
        weighted_sum = sum(m["value"] * m["weight"] for m in counted)
        weight_sum = sum(m["weight"] for m in counted)
        values = {
            "count": len(marks),
            "average": False,
            "proposed": False,
            "next": False,
            "to_next": [],
            "to_lose": [],
            "terms": " + ".join(f"{m['value']}×{m['weight']:g}" for m in counted),
            "weighted_sum": weighted_sum,
            "weight_sum": weight_sum,
            "thresholds": [],
            "min_marks": policy.min_marks if policy else 0,
            "low": policy._get_mark_values()[0] if policy else 2,
            "enough_marks": not policy or len(counted) >= policy.min_marks,
        }
        if not policy:
            return values
        values["thresholds"] = [
            (5, policy.threshold_5),
            (4, policy.threshold_4),
            (3, policy.threshold_3),
        ]
        if not weight_sum:
            return values
        forecast = self.env["school.period.mark"]._forecast(policy, weighted_sum, weight_sum, weights)
        values.update(
            average=forecast["average"],
            proposed=forecast["proposed"],
            next=forecast["next"],
            to_next=sorted(forecast["to_next"].items()),
            to_lose=sorted(forecast["to_lose"].items()),
        )
        return values

    @api.model
    def _get_period_marks_data(self, student, checked=False):
        """Published period marks of the student's year (FINAL-3): periods and rows by subject.
        ``checked``: see :meth:`_check_student`."""
        self._check_student(student, checked)
        pmarks = self.env["school.period.mark"].search_fetch(
            [
                ("student_id", "=", student.id),
                # sudo: the class of a student the caller may read (checked above)
                ("year_id", "=", student.sudo().class_id.year_id.id),
                ("published_at", "!=", False),
            ],
            ["subject_id", "period_id", "value", "is_attested"],
            # arranged below by period and subject: not ordered by the model's order, which
            # joins the periods, classes, subjects and students (issue 15)
            order="id",
        )
        pmarks_sudo = pmarks.sudo()
        periods = pmarks_sudo.period_id.sorted(lambda p: (p.period_type == "year", p.date_start))
        rows = {}
        for pmark in pmarks_sudo:
            row = rows.setdefault(
                pmark.subject_id.id,
                {"subject": pmark.subject_id.name, "sequence": pmark.subject_id.sequence, "marks": {}},
            )
            row["marks"][pmark.period_id.id] = (
                str(pmark.value) if pmark.is_attested and pmark.value else _("n/a")
            )
        return {
            "periods": periods,
            "rows": sorted(rows.values(), key=lambda r: (r["sequence"], r["subject"])),
        }

    # ------------------------------------------------------------------
    # Attendance and events
    # ------------------------------------------------------------------
    @api.model
    def _get_attendance_data(self, student, date_from, date_to):
        """Absences and lates of the student between two dates, counted and listed (JOUR-2)."""
        student.ensure_one()
        student.check_access("read")
        entries = self.env["school.attendance"].search(
            [("student_id", "=", student.id), ("date", ">=", date_from), ("date", "<=", date_to)],
            order="date desc, id desc",
        )
        entries_sudo = entries.sudo()
        counts = dict.fromkeys(("absent", "ill", "excused", "late"), 0)
        by_subject = defaultdict(lambda: {"missed": 0, "late": 0})
        for entry in entries_sudo:
            counts[entry.code] += 1
            by_subject[entry.subject_id.name]["late" if entry.code == "late" else "missed"] += 1
        return {
            "counts": counts,
            "missed": sum(counts[c] for c in MISSED_CODES),
            "late": counts["late"],
            "by_subject": sorted(by_subject.items()),
            "entries": [self._prepare_attendance_values(e) for e in entries_sudo],
        }

    @api.model
    def _get_events(self, student, date_from, date_to, checked=False):
        self._check_student(student, checked)
        Event = self.env["school.event"]
        # sudo: the class and school of a student the caller may read (checked above); the
        # events are searched with the caller's rights
        return Event.search_fetch(
            Event._get_student_domain(student.sudo(), date_from, date_to),
            ["name", "date_start", "date_end", "class_id", "location", "description"],
        )

    # ------------------------------------------------------------------
    # The weekly digest (PORT-3, PORT-4, REP-7)
    # ------------------------------------------------------------------
    @api.model
    def _get_digest_data(self, student, date_from, date_to):
        """Everything the digest of one student shows for a date range (REP-7).

        Returns a dict: ``student``, ``school_class``, ``date_from``, ``date_to``; ``days``
        (as :meth:`_get_lessons_data`: lessons with topic, homework, marks, attendance);
        ``lessons`` (the same lessons in one list, each with its ``date``); ``marks`` (the
        student's marks of the range); ``subjects`` (per subject: marks of the range, their
        weighted average, and the average and forecast of the current period up to
        ``date_to``); ``attendance`` (as :meth:`_get_attendance_data`: counts of absences
        by kind, ``missed``, ``late``, entries). Reused by the printed digest of the reports
        addon and by the weekly e-mail.
        """
        student.ensure_one()
        days = self._get_lessons_data(student, date_from, date_to)
        lessons = [dict(entry, date=day["date"]) for day in days for entry in day["entries"]]
        marks = [mark for lesson in lessons for mark in lesson["marks"]]
        period = self.env["school.period"]
        if student.class_id:
            period = self.env["school.period"].sudo()._get_period_for(student.class_id, date_to)
        policy = self._get_policy(student, period) if period else self.env["school.grading.policy"]
        weights = sorted(set(policy.weight_ids.mapped("weight")) - {0.0}) if policy else []
        period_subjects = {}
        if period:
            period_subjects = {s["subject_id"]: s for s in self._get_subjects_data(student, period, date_to)}
        by_subject = defaultdict(list)
        for mark in marks:
            by_subject[mark["subject_id"]].append(mark)
        subject_ids = list(dict.fromkeys(list(by_subject) + list(period_subjects)))
        names = {s.id: s for s in self.env["school.subject"].sudo().browse(subject_ids)}
        subjects = []
        for subject_id in sorted(subject_ids, key=lambda i: (names[i].sequence, names[i].name)):
            range_values = self._prepare_forecast_values(
                policy, by_subject.get(subject_id, []), weights or [1.0]
            )
            period_values = period_subjects.get(subject_id, {})
            subjects.append(
                {
                    "subject": names[subject_id].name,
                    "subject_id": subject_id,
                    "marks": by_subject.get(subject_id, []),
                    "average": range_values["average"],
                    "period_average": period_values.get("average", False),
                    "period_proposed": period_values.get("proposed", False),
                    "period_marks_count": period_values.get("count", 0),
                }
            )
        return {
            "student": student,
            "school_class": student.class_id,
            "date_from": date_from,
            "date_to": date_to,
            "period": period,
            "days": days,
            "lessons": lessons,
            "marks": marks,
            "subjects": subjects,
            "attendance": self._get_attendance_data(student, date_from, date_to),
        }
