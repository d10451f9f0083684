import re
from contextlib import contextmanager
from datetime import datetime, time, timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, format_date, get_lang
from odoo.tools.sql import create_index

from . import school_access
from .school_identity import identity_changes
from .school_log_snapshot import format_snapshot

WRITTEN_OUT_CATEGORIES = ("practical", "laboratory", "control")
# fields that decide who writes a lesson and in which period it lies
STRUCTURE_FIELDS = {"class_id", "subgroup_id", "subject_id", "teacher_id", "date"}
# a lesson keeps its class, subject and subgroup for life: its marks and attendance hang
# from it, and the change log names them (issue 11, item 2)
IDENTITY_FIELDS = ("class_id", "subject_id", "subgroup_id")
# the texts of a lesson the diary shows (its topic, and its homework with the pages and
# exercises), whose last logged value the verification compares with the lesson's
LOGGED_TEXTS = ("topic", "homework", "homework_pages", "homework_exercises")
# what the change log records when it changes once entered (JOUR-7, JOUR-10), and the
# cancellation of a lesson, which takes its marks and attendance out of the journal's grid
LOGGED_EDITS = (*LOGGED_TEXTS, "teacher_id", "state")
# what the administration (deputy, administrator) may change on a lesson it does not give:
# the timetable and the substitutions (SETUP-7, JOUR-10); content only through an approved
# correction request (ROLE-1..3, issue 11, item 5)
MANAGER_FIELDS = {
    "teacher_id",
    "planned_teacher_id",
    "substitution_reason",
    "room_id",
    "slot_id",
    "lesson_number",
    "state",
}
# what the administration gives a lesson it creates for another teacher: the timetable's
# values; the content (topic, homework, comment, work types, entries) is the teacher's
MANAGER_CREATE_FIELDS = MANAGER_FIELDS | STRUCTURE_FIELDS | {"company_id"}


def _given(value):
    """Whether a value sent to create names something: a text, a record, or relation commands
    other than an empty set or a clear."""
    if isinstance(value, (list, tuple)):
        return any(
            not (
                isinstance(command, (list, tuple))
                and (command[0] == Command.CLEAR or (command[0] == Command.SET and not command[2]))
            )
            for command in value
        )
    return bool(value)


class SchoolLesson(models.Model):
    """A held lesson of the journal (JOUR-1, JOUR-10, JOUR-11, JOUR-12).

    One record per lesson of a class or subgroup: date, lesson number, the planned and the
    actual teacher (a substitution when they differ), topic from the calendar-thematic plan,
    work types, homework, comments; marks and attendance hang from it.
    """

    _name = "school.lesson"
    _description = "Lesson"
    _inherit = [
        "mail.thread",
        "school.teaching.record.mixin",
        "school.text.limit.mixin",
        "school.editable.mixin",
    ]
    # issue 11 item 10: free texts of the journal have sensible lengths
    _text_limits = {
        "topic": 1000,
        "homework": 5000,
        "homework_pages": 200,
        "homework_exercises": 500,
        "comment": 5000,
        "substitution_reason": 500,
    }
    _order = "date desc, lesson_number, id"
    _check_company_auto = True

    def init(self):
        # the classes and subjects a teacher has given lessons in, read for the record rules at
        # every request of a teacher, come from this index alone instead of every lesson row of
        # the teacher (issue 15)
        create_index(
            self.env.cr,
            "school_lesson_teacher_class_subject_index",
            self._table,
            ["teacher_id", "class_id", "subject_id"],
        )
        return super().init()

    # a lesson with marks or attendance keeps its class
    class_id = fields.Many2one(ondelete="restrict")
    # the teacher and the subgroup come from school.teaching.record.mixin; a lesson with marks
    # or attendance keeps its subgroup too
    subgroup_id = fields.Many2one(ondelete="restrict")
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    lesson_number = fields.Integer(string="Lesson No.", default=1)
    slot_id = fields.Many2one(
        "school.timetable.slot", string="Timetable Slot", index=True, ondelete="set null"
    )
    planned_teacher_id = fields.Many2one("res.users", index=True, domain=[("share", "=", False)])
    teacher_id = fields.Many2one(
        tracking=True,
        default=lambda self: self.env.user,
        help="The teacher who actually gave the lesson; a substitute when it differs from the planned one.",
    )
    is_substitution = fields.Boolean(
        string="Substitution", compute="_compute_is_substitution", store=True, index=True
    )
    substitution_reason = fields.Char(tracking=True)
    room_id = fields.Many2one("school.room", check_company=True)
    grade = fields.Integer(related="class_id.grade", store=True, string="Parallel")
    period_id = fields.Many2one("school.period", compute="_compute_period_id", store=True, index=True)
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Held"), ("cancelled", "Cancelled")],
        string="Status",
        default="planned",
        required=True,
        tracking=True,
    )
    plan_topic_id = fields.Many2one(
        "school.plan.topic",
        index=True,
        ondelete="set null",
        domain="[('plan_id.subject_id', '=', subject_id)]",
    )
    topic = fields.Char(tracking=True)
    work_type_ids = fields.Many2many("school.work.type", string="Work Types")
    homework = fields.Text(tracking=True)
    homework_pages = fields.Char(string="Pages")
    homework_exercises = fields.Char(string="Exercises")
    homework_attachment_ids = fields.Many2many("ir.attachment", string="Homework Files")
    # every homework has a due date, by default the next lesson of the subject in the class
    # or subgroup (issue 14, duty 3)
    homework_due_date = fields.Date(string="Homework Due")
    individual_homework_ids = fields.One2many(
        "school.homework.individual", "lesson_id", groups="base.group_user"
    )
    comment = fields.Text()
    topic_entered_at = fields.Datetime(string="Topic Entered", readonly=True, copy=False)
    homework_entered_at = fields.Datetime(string="Homework Entered", readonly=True, copy=False)
    # the staff's: a one2many returns every id whatever the record rules, and a parent or a
    # student reads the lessons of the own class, not the other children's entries (SEC-5)
    mark_ids = fields.One2many("school.mark", "lesson_id", string="Marks", groups="base.group_user")
    attendance_ids = fields.One2many(
        "school.attendance", "lesson_id", string="Absences and Lates", groups="base.group_user"
    )
    # the approved curriculum, load and timetable in force on the lesson's date (ROLE-2,
    # issue 14, duty 2)
    approval_ids = fields.Many2many(
        "school.approval",
        string="Approved Versions in Force",
        compute="_compute_approval_ids",
        compute_sudo=True,
    )

    _sql_constraints = [
        (
            "slot_date_uniq",
            "unique(slot_id, date)",
            "The timetable slot already has a lesson on this date.",
        ),
    ]

    @api.depends("teacher_id", "planned_teacher_id")
    def _compute_is_substitution(self):
        for lesson in self:
            lesson.is_substitution = bool(
                lesson.planned_teacher_id and lesson.teacher_id != lesson.planned_teacher_id
            )

    @api.depends("date", "class_id", "class_id.period_scheme")
    def _compute_period_id(self):
        periods = self._get_terms()
        for lesson in self:
            lesson.period_id = periods._term_of(lesson.class_id, lesson.date)

    @api.depends("class_id", "subgroup_id", "subject_id", "date", "lesson_number")
    @api.depends_context("lang")
    def _compute_display_name(self):
        """ "5А, Математика, 03.12.2026, урок 2": what a teacher types to find it (issue 13);
        the date in the reader's language (issue 16), as the search reads it."""
        for lesson in self:
            group = f" ({lesson.subgroup_id.name})" if lesson.subgroup_id else ""
            parts = [
                f"{lesson.class_id.name or ''}{group}",
                lesson.subject_id.name or "",
                format_date(lesson.env, lesson.date),
                _("lesson %s", lesson.lesson_number) if lesson.lesson_number else "",
            ]
            lesson.display_name = ", ".join(part for part in parts if part)

    @api.model
    def _search_display_name(self, operator, value):
        """Find lessons by words of their name in any order: class, subject, date, number.

        "5А матем 03.12" finds the Math lessons of 5А on 3 December; a date is
        ``dd.mm`` or ``dd.mm.yyyy``, or a full date as the reader's language writes it (as the
        name shows it), a bare number a lesson number or a grade.
        """
        if operator not in ("ilike", "like", "=ilike") or not isinstance(value, str):
            # no stored name to compare exactly or to exclude
            if operator in expression.NEGATIVE_TERM_OPERATORS:
                return expression.TRUE_DOMAIN
            return expression.FALSE_DOMAIN
        domain = []
        date_format = get_lang(self.env).date_format
        for token in re.split(r"[\s,]+", value.strip()):
            match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4}))?", token)
            if match:
                day, month, year = match.groups()
                condition = [("date.day_of_month", "=", int(day)), ("date.month_number", "=", int(month))]
                if year:
                    condition.append(("date.year_number", "=", int(year) + (2000 if len(year) == 2 else 0)))
                domain = expression.AND([domain, condition])
                continue
            try:
                day = datetime.strptime(token, date_format).date()
            except ValueError:
                day = None
            if day:
                domain = expression.AND([domain, [("date", "=", day)]])
                continue
            if token.lower() in (_("lesson").lower(), "урок"):
                continue
            alternatives = [
                [("class_id.name", "ilike", token)],
                [("subject_id.name", "ilike", token)],
                [("subgroup_id.name", "ilike", token)],
            ]
            if token.isdigit():
                alternatives.append([("lesson_number", "=", int(token))])
            domain = expression.AND([domain, expression.OR(alternatives)])
        return domain or expression.TRUE_DOMAIN

    @api.constrains("homework", "homework_pages", "homework_exercises", "homework_attachment_ids", "class_id")
    def _check_grade_one_homework(self):
        """Grade 1: no homework (JOUR-4, P 3.11)."""
        homework_fields = ("homework", "homework_pages", "homework_exercises", "homework_attachment_ids")
        for lesson in self:
            if lesson.class_id.grade == 1 and any(lesson[fname] for fname in homework_fields):
                raise ValidationError(_("Grade 1 gets no homework."))

    @api.model
    def _blank_texts_to_false(self, vals):
        """A topic or homework of spaces only is no topic or homework (issue 11 item 10): it
        neither counts as entered nor gets a time of entry."""
        for fname in ("topic", "homework", "homework_pages", "homework_exercises"):
            if isinstance(vals.get(fname), str) and not vals[fname].strip():
                vals[fname] = False

    @api.constrains("lesson_number")
    def _check_lesson_number(self):
        for lesson in self:
            if lesson.lesson_number < 0:
                raise ValidationError(_("A lesson number cannot be negative."))

    @api.constrains("homework_due_date")
    def _check_homework_due_date(self):
        """Homework is due on the day of its lesson or later (issue 11 item 10), within the
        academic year of its class (HW-1): a year typed wrong is refused."""
        for lesson in self:
            if lesson.homework_due_date and lesson.date and lesson.homework_due_date < lesson.date:
                raise ValidationError(
                    _(
                        "The homework cannot be due on %(due)s, before its lesson of %(date)s.",
                        due=format_date(self.env, lesson.homework_due_date),
                        date=format_date(self.env, lesson.date),
                    )
                )
            # read as superuser: a substitute may not read the class he takes over (R 2.1)
            lesson.sudo()._check_due_in_year(lesson.homework_due_date)

    def _check_due_in_year(self, due_date):
        """A homework of this lesson due on ``due_date`` is due within its class's academic year."""
        year = self.class_id.year_id
        if due_date and year and due_date > year.date_end:
            raise ValidationError(
                _(
                    "The homework cannot be due on %(due)s, after the end of the academic year %(year)s.",
                    due=format_date(self.env, due_date),
                    year=year.name,
                )
            )

    @api.constrains("topic", "work_type_ids")
    def _check_written_out_topic(self):
        """Practical, laboratory and control works have their topic written out (JOUR-11)."""
        for lesson in self:
            if not (lesson.topic or "").strip() and any(
                wt.category in WRITTEN_OUT_CATEGORIES for wt in lesson.work_type_ids
            ):
                raise ValidationError(_("Write out the topic of the practical, laboratory or control work."))

    @api.constrains("subgroup_id", "class_id", "subject_id")
    def _check_subgroup(self):
        for lesson in self:
            sub = lesson.subgroup_id
            if sub and (sub.class_id != lesson.class_id or sub.subject_id != lesson.subject_id):
                raise ValidationError(_("The subgroup belongs to another class or subject."))

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        # the teacher the lesson will have when none is given (the user, or the context's
        # default), known to the checks below (ROLE-1..3)
        default_teacher = (
            self.default_get(["teacher_id"]).get("teacher_id")
            if any("teacher_id" not in vals for vals in vals_list)
            else False
        )
        for vals in vals_list:
            vals.setdefault("teacher_id", default_teacher)
            self._blank_texts_to_false(vals)
            if vals.get("topic") and not vals.get("topic_entered_at"):
                vals["topic_entered_at"] = now
            if vals.get("homework") and not vals.get("homework_entered_at"):
                vals["homework_entered_at"] = now
            vals.setdefault("planned_teacher_id", vals.get("teacher_id"))
        if not self.env.su:
            self._check_manager_create(vals_list)
            self._check_teachers(vals_list)
            self._check_substitution_recorder(vals_list)
            for vals in vals_list:
                self._check_homework_files(vals)
        lessons = super().create(vals_list)
        # the pairs of lessons given, read by the record rules (issue 15)
        self.env["res.users"]._school_pairs_changed()
        if not self.env.su:
            lessons._check_in_period()
            lessons._check_within_load()
        lessons.filtered(lambda lesson: not lesson.plan_topic_id)._propose_plan_topics()
        lessons._check_open(
            any(
                self._keeps_journal(
                    [fname for fname, value in vals.items() if _given(value)], MANAGER_CREATE_FIELDS
                )
                for vals in vals_list
            )
        )
        lessons._set_default_homework_due_date()
        lessons._bind_homework_files()
        return lessons

    def _bind_homework_files(self):
        """The homework files of these lessons, uploaded with no record yet (a new lesson's
        form uploads them before the lesson exists), become the files of their lesson: the
        staff who read the lesson read them (ROLE-2, ROLE-3, ROLE-9), and no other lesson
        takes them (``_check_homework_files``). A file keeps no access token: the e-diary
        serves it through its own route, which checks the reader's right to the lesson at
        every download (PORT-1, SEC-3)."""
        # sudo: the files the caller has just made homework files of lessons it may write
        lessons = self.sudo()
        for lesson in lessons:
            unbound = lesson.homework_attachment_ids.filtered(lambda attachment: not attachment.res_id)
            if unbound:
                unbound.write({"res_model": self._name, "res_id": lesson.id})
        # the tokens of all the lessons' files in one write
        tokened = lessons.homework_attachment_ids.filtered("access_token")
        if tokened:
            tokened.write({"access_token": False})

    @api.model
    def _bind_all_homework_files(self):
        """:meth:`_bind_homework_files` of every lesson whose homework files are not yet bound
        to it or keep an access token: the files attached by older versions (run at each
        update of the addon)."""
        field = self._fields["homework_attachment_ids"]
        self.flush_model([field.name])
        self.env["ir.attachment"].flush_model(["res_id", "access_token"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT rel.%(lesson)s
                  FROM %(rel)s rel
                  JOIN ir_attachment file ON file.id = rel.%(file)s
                 WHERE COALESCE(file.res_id, 0) = 0 OR file.access_token IS NOT NULL
                """,
                lesson=SQL.identifier(field.column1),
                rel=SQL.identifier(field.relation),
                file=SQL.identifier(field.column2),
            )
        )
        self.sudo().browse([row[0] for row in rows])._bind_homework_files()

    def write(self, vals):
        vals = dict(vals)  # the caller's values stay as given
        self._blank_texts_to_false(vals)
        if not self.env.su:
            # the rights first: who may not write the lesson at all is refused as such
            self.check_access("write")
        self._check_identity(vals)
        self._check_cancellable(vals)
        if not self.env.su:
            self._check_open(self._keeps_journal(vals, MANAGER_FIELDS))
            self._check_manager_fields(vals)
            self._check_teachers([vals])
            self._check_substitution_recorder([vals], self)
            self._check_homework_files(vals)
        moved = self._check_date_move(vals)
        renumbered = self._renumbered(vals)
        if vals.get("plan_topic_id") and "topic" not in vals:
            vals["topic"] = self.env["school.plan.topic"].browse(vals["plan_topic_id"]).name
        edited = self._logged_before(vals)
        res = super().write(vals)
        if {"teacher_id", "class_id", "subject_id"} & set(vals):
            self.env["res.users"]._school_pairs_changed()
        if not self.env.su and STRUCTURE_FIELDS & set(vals):
            # a teacher neither hands a lesson over nor moves it to a class not taught (ROLE-5):
            # the lesson must stay one he could have created, in an open period
            self.check_access("create")
            self._check_open(self._keeps_journal(vals, MANAGER_FIELDS))
        if moved and not self.env.su:
            self.browse(list(moved))._check_in_period()
        if moved or edited or renumbered:
            self._log_lesson_changes(moved, edited, renumbered)
        if vals.get("homework_attachment_ids"):
            self._bind_homework_files()
        now = fields.Datetime.now()
        for field, stamp in (("topic", "topic_entered_at"), ("homework", "homework_entered_at")):
            if vals.get(field):
                missing = self.filtered(lambda lesson, stamp=stamp: not lesson[stamp])
                if missing:
                    super(SchoolLesson, missing).write({stamp: now})
        if vals.get("homework") or "date" in vals:
            self._set_default_homework_due_date()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_by_system(self):
        """Lessons are not deleted by users: a lesson that did not take place is cancelled
        (ROLE-1..3, ROLE-5, issue 11, item 5). The ACLs give nobody the right; this is the
        server-side check behind them."""
        if not self.env.su:
            raise UserError(_("A lesson is not deleted: cancel it instead."))
        self.env["res.users"]._school_pairs_changed()

    def _check_identity(self, vals):
        """Class, subject and subgroup of a lesson never change (issue 11, item 2); neither do
        the related and computed fields that would write the class through the lesson."""
        if identity_changes(self, vals, IDENTITY_FIELDS, {"grade", "year_id", "company_id", "period_id"}):
            raise UserError(
                _(
                    "The class, subject and subgroup of a lesson cannot be changed: cancel "
                    "the lesson and create the right one."
                )
            )

    def _check_cancellable(self, vals):
        """A lesson that holds marks or attendance is not cancelled (JOUR-1, FINAL-1): the
        grid would hide what the averages, the period marks and the diary still count. Its
        entries are deleted in the journal first, each deletion logged."""
        if vals.get("state") != "cancelled":
            return
        lessons = self.filtered(lambda lesson: lesson.state != "cancelled")
        if not lessons:
            return
        # sudo: whether entries exist, whoever keeps them (a subgroup's teacher, the class teacher)
        kept = {
            lesson
            for model in ("school.mark", "school.attendance")
            for [lesson] in self.env[model]
            .sudo()
            ._read_group([("lesson_id", "in", lessons.ids)], ["lesson_id"])
        }
        if kept:
            lesson = min(kept, key=lambda lesson: (lesson.date, lesson.lesson_number, lesson.id))
            raise UserError(
                _(
                    "The lesson of %(subject)s on %(date)s cannot be cancelled: it holds marks or "
                    "attendance. Delete them in the journal first.",
                    subject=lesson.sudo().subject_id.name,
                    date=format_date(self.env, lesson.date),
                )
            )

    def _check_manager_fields(self, vals):
        """The administration changes the timetable and substitutions of lessons it does not
        give, never their content, date or subject (ROLE-1..3, issue 11, item 5)."""
        user = self.env.user
        if not user.has_group("school_ejournal.group_school_reader"):
            return
        if set(vals) - MANAGER_FIELDS and any(lesson.teacher_id != user for lesson in self):
            raise UserError(
                _(
                    "The administration does not change the topic, homework, date or subject of a "
                    "lesson: the teacher files a correction request and the deputy director "
                    "decides on it."
                )
            )

    @api.model
    def _check_manager_create(self, vals_list):
        """A lesson the administration creates for another teacher comes without content: its
        topic, homework and entries are the teacher's (ROLE-1..3, issue 11, item 5)."""
        user = self.env.user
        if not user.has_group("school_ejournal.group_school_reader"):
            return
        for vals in vals_list:
            if vals.get("teacher_id", user.id) == user.id:
                continue
            if any(_given(value) for fname, value in vals.items() if fname not in MANAGER_CREATE_FIELDS):
                raise UserError(
                    _(
                        "The administration does not change the topic, homework, date or subject of a "
                        "lesson: the teacher files a correction request and the deputy director "
                        "decides on it."
                    )
                )

    @api.model
    def _check_teachers(self, vals_list):
        """The actual and the planned teacher of a lesson are teachers: an administrator, a
        director or a deputy without a teaching role, made the teacher of a lesson, would enter
        its topic and homework (ROLE-1..3, SETUP-7)."""
        ids = {vals.get(fname) for vals in vals_list for fname in ("teacher_id", "planned_teacher_id")}
        # sudo: the roles of the teachers named, whatever the caller may read of users
        users = self.env["res.users"].sudo().browse(sorted(i for i in ids if isinstance(i, int) and i))
        for teacher in users:
            if not teacher._has_group("school_ejournal.group_school_teacher"):
                raise UserError(
                    _(
                        "%s has no teaching role: a lesson is given and taken over by teachers only.",
                        teacher.name,
                    )
                )

    @api.model
    def _check_substitution_recorder(self, vals_list, lessons=None):
        """A substitution (an actual teacher other than the planned one) is recorded by the
        deputy or the administrator (SETUP-7, JOUR-10, S admin 19, 26): a teacher who names
        another teacher as the planned one would create, and mark, lessons of a subject he does
        not teach (ROLE-4, ROLE-5). ``lessons``: the lessons written, for a write."""
        if school_access.in_groups(self.env, school_access.GROUP_DEPUTY, school_access.GROUP_ADMIN):
            return
        for vals in vals_list:
            if lessons is None:
                planned = vals.get("planned_teacher_id")
                changed = planned and planned != vals.get("teacher_id", self.env.uid)
            else:
                changed = "planned_teacher_id" in vals and any(
                    lesson.planned_teacher_id.id != (vals["planned_teacher_id"] or False)
                    for lesson in lessons
                )
            if changed:
                raise AccessError(
                    _(
                        "A substitution is recorded by the deputy director or the e-journal "
                        "administrator: a teacher creates and keeps the own lessons only."
                    )
                )

    def _check_homework_files(self, vals):
        """The homework files ``vals`` adds to these lessons are the caller's own uploads to
        these lessons, or, when a lesson is created (``self`` empty), to a lesson not yet
        saved: the e-diary publishes a lesson's homework files to its class's families
        (PORT-1), so another class's or another person's file, or a file of no record or of
        another record, linked here would reach them (ROLE-5, SEC-5). The one check of the
        lesson's form and of the journal grid's lesson panel, whose ``save_lesson`` writes
        the lesson."""
        ids = set()
        for command in vals.get("homework_attachment_ids") or ():
            if isinstance(command, (list, tuple)) and command[0] == Command.SET:
                ids.update(command[2] or ())
            elif isinstance(command, (list, tuple)) and command[0] in (Command.LINK, Command.UPDATE):
                ids.add(command[1])
        if not ids:
            return
        # sudo: who uploaded the files named, and to which record, whoever may read them
        files = self.env["ir.attachment"].sudo().browse(sorted(ids)) - self.sudo().homework_attachment_ids
        foreign = files.filtered(
            lambda a: a.create_uid != self.env.user
            or a.res_model != self._name
            or a.res_field
            or (a.res_id not in self.ids if self else bool(a.res_id))
        )
        if foreign:
            raise AccessError(_("Only files uploaded to this lesson can be its homework files."))

    def _check_date_move(self, vals):
        """A lesson moves to another date only while its date and the new one are both in the
        mark edit window (JOUR-6, issue 11, item 2). Returns {lesson id: old date} of the moved
        lessons; their move is logged after the write.
        """
        if "date" not in vals:
            return {}
        new_date = fields.Date.to_date(vals["date"])
        moved = self.filtered(lambda lesson: lesson.date != new_date)
        if not moved:
            return {}
        if not self.env.su:
            Policy = self.env["school.grading.policy"].sudo()
            today = fields.Date.context_today(self)
            for lesson in moved.sudo():
                for day in (lesson.date, new_date):
                    policy = Policy._get_policy(day, lesson.company_id)
                    deadline = (
                        policy._edit_deadline(day, lesson.year_id.date_end)
                        if policy
                        else lesson.year_id.date_end
                    )
                    if today > deadline:
                        raise UserError(
                            _(
                                "The lesson of %(date)s cannot be moved to %(new)s: a lesson moves "
                                "only while both dates are within the edit window. File a "
                                "correction request instead.",
                                date=format_date(self.env, lesson.date),
                                new=format_date(self.env, new_date),
                            )
                        )
        return {lesson.id: lesson.date for lesson in moved}

    def _renumbered(self, vals):
        """{lesson id: old number} of the lessons whose number in the day ``vals`` changes: a
        lesson given at another hour of the same day is logged as a date move is (JOUR-7)."""
        if "lesson_number" not in vals:
            return {}
        number = int(vals["lesson_number"] or 0)
        return {lesson.id: lesson.lesson_number for lesson in self.sudo() if lesson.lesson_number != number}

    def _logged_before(self, vals):
        """{lesson id: {field: text}} of the topics, homework, actual teachers and states set
        before ``vals`` changes them: changing what was entered is logged (JOUR-7, JOUR-10),
        whoever changes it and whether the chatter's tracking is on or off; entering it is no
        change, nor is a lesson's being held (``LOGGED_EDITS``)."""
        names = [name for name in LOGGED_EDITS if name in vals]
        if not names:
            return {}

        def logged(lesson, name):
            # planned -> held is the day's routine: only a cancellation and its undoing count
            return lesson[name] and (name != "state" or "cancelled" in (lesson.state, vals["state"]))

        return {
            lesson.id: {name: lesson._log_text(name) for name in names if logged(lesson, name)}
            for lesson in self.sudo()
        }

    def _log_text(self, name):
        value = self.sudo()[name]
        return value.display_name if isinstance(value, models.BaseModel) else value or ""

    def _log_lesson_changes(self, moved, edited, renumbered=None):
        """Each date move, each change of a lesson's number in the day, each change of an
        entered topic, homework or actual teacher and each cancellation or its undoing enters
        the change log, one entry per lesson (JOUR-7);
        ``moved``: {lesson id: old date},
        ``edited``: {lesson id: {field: old text}} (``_logged_before``),
        ``renumbered``: {lesson id: old number} (``_renumbered``)."""
        renumbered = renumbered or {}
        vals_list = []
        for lesson in self:
            old = [("date", moved[lesson.id])] if lesson.id in moved else []
            new = [("date", lesson.date)] if lesson.id in moved else []
            if lesson.id in renumbered:
                old.append(("lesson_number", renumbered[lesson.id]))
                new.append(("lesson_number", lesson.lesson_number))
            for name, text in edited.get(lesson.id, {}).items():
                now = lesson._log_text(name)
                if now != text:
                    old.append((name, text))
                    new.append((name, now))
            if old:
                vals_list.append(
                    {
                        "model": self._name,
                        "res_id": lesson.id,
                        "lesson_id": lesson.id,
                        "action": "write",
                        "old_value": format_snapshot(old),
                        "new_value": format_snapshot(new),
                    }
                )
        self.env["school.journal.log"]._append_by_caller(vals_list)

    @contextmanager
    def _keeping_entry_periods(self, years):
        """Run the block, which changes what the periods of the lessons of ``years`` are computed
        from (the dates of a period, the scheme of a class, the school's grade of halves), and
        refuse it if a recorded lesson (a topic or homework entered, marks or attendance held)
        changes period out of or into a period closed for edits, or one whose period marks of
        the lesson's subject are set (JOUR-8, JOUR-7): the journal of such a period never
        changes behind the change log."""
        before = {}
        if years:
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    """SELECT l.id, l.period_id FROM school_lesson l
                        WHERE l.year_id IN %s
                          AND (l.topic IS NOT NULL OR l.homework IS NOT NULL
                               OR EXISTS (SELECT 1 FROM school_mark m WHERE m.lesson_id = l.id)
                               OR EXISTS (SELECT 1 FROM school_attendance a WHERE a.lesson_id = l.id))""",
                    tuple(years.ids),
                )
            )
            before = dict(self.env.cr.fetchall())
        yield
        if not before:
            return
        # the recorded lessons of a year are many (every lesson held has its topic): their new
        # periods compared in one query, not read as records
        self.flush_model(["period_id"])
        self.env.cr.execute(
            SQL("SELECT id, period_id FROM school_lesson WHERE id = ANY(%s) ORDER BY id", list(before))
        )
        moved = self.sudo().browse(
            [lesson_id for lesson_id, period_id in self.env.cr.fetchall() if period_id != before[lesson_id]]
        )
        Period = self.env["school.period"].sudo()
        PeriodMark = self.env["school.period.mark"].sudo()
        if not moved:
            return
        # what closes a period, read once for all the moved lessons, not per lesson (issue 15)
        closed_years = set(
            Period.search(
                [("year_id", "in", moved.year_id.ids), ("period_type", "=", "year"), ("is_closed", "=", True)]
            ).year_id.ids
        )
        periods = Period.browse(list(before.values())) | moved.period_id
        marks_set = {
            (school_class.id, subject.id, period.id)
            for school_class, subject, period in PeriodMark._read_group(
                [
                    ("class_id", "in", moved.class_id.ids),
                    ("subject_id", "in", moved.subject_id.ids),
                    ("period_id", "in", periods.ids),
                    ("value", "!=", 0),
                ],
                ["class_id", "subject_id", "period_id"],
            )
        }
        for lesson in moved.sorted(lambda lesson: (lesson.date, lesson.lesson_number, lesson.id)):
            year_closed = lesson.year_id.id in closed_years
            for period in Period.browse(before[lesson.id]) | lesson.period_id:
                marks_set_here = (lesson.class_id.id, lesson.subject_id.id, period.id) in marks_set
                if period.is_closed or year_closed or marks_set_here:
                    raise UserError(
                        _(
                            "The lesson of %(subject)s in %(cls)s on %(date)s is recorded (its "
                            "topic, homework, marks or attendance) and would move from the period "
                            "%(old)s to %(new)s; the period %(period)s is closed for edits or has "
                            "its period marks set. Its journal does not change: nothing was saved.",
                            subject=lesson.subject_id.name,
                            cls=lesson.class_id.name,
                            date=format_date(self.env, lesson.date),
                            old=Period.browse(before[lesson.id]).name or "—",
                            new=lesson.period_id.name or "—",
                            period=period.name,
                        )
                    )

    def _check_in_period(self):
        """A lesson lies inside a quarter or half of its class's academic year (issue 11,
        items 2 and 10): outside, it has no period, no edit window and is never closed."""
        for lesson in self:
            if not lesson.period_id:
                raise UserError(
                    _(
                        "%(date)s lies outside the study periods of the academic year of class "
                        "%(cls)s: a lesson is given only within a quarter or half.",
                        date=format_date(self.env, lesson.date),
                        cls=lesson.class_id.name,
                    )
                )

    def _check_within_load(self):
        """A lesson belongs to the teaching load (SETUP-6, ROLE-5, issue 11, item 2).

        Its planned teacher teaches its class, subject and subgroup (a teaching assignment
        of the whole class counts for its subgroups); a substitution is recorded with the
        planned teacher whose lesson is taken over. A lesson of a timetable slot follows the
        timetable built by the administration.
        """
        lessons = self.sudo()
        assignments = (
            self.env["school.teaching.assignment"]
            .sudo()
            .search_fetch(
                [("class_id", "in", lessons.class_id.ids), ("subject_id", "in", lessons.subject_id.ids)],
                ["teacher_id", "class_id", "subject_id", "subgroup_id"],
            )
        )
        load = {(a.teacher_id.id, a.class_id.id, a.subject_id.id, a.subgroup_id.id) for a in assignments}
        for lesson in lessons:
            slot = lesson.slot_id
            if (
                slot
                and slot.class_id == lesson.class_id
                and slot.subject_id == lesson.subject_id
                and slot.subgroup_id == lesson.subgroup_id
                and slot.teacher_id == lesson.planned_teacher_id
            ):
                continue
            teacher = lesson.planned_teacher_id or lesson.teacher_id
            keys = {
                (teacher.id, lesson.class_id.id, lesson.subject_id.id, lesson.subgroup_id.id),
                (teacher.id, lesson.class_id.id, lesson.subject_id.id, False),
            }
            if not keys & load:
                raise UserError(
                    _(
                        "%(teacher)s does not teach %(subject)s in %(target)s: a lesson is created "
                        "only within the teaching load, or as a substitution of the teacher who "
                        "has it.",
                        teacher=teacher.name,
                        subject=lesson.subject_id.name,
                        target=lesson.subgroup_id.display_name or lesson.class_id.name,
                    )
                )

    @api.onchange("plan_topic_id")
    def _onchange_plan_topic_id(self):
        if self.plan_topic_id:
            self.topic = self.plan_topic_id.name
            if self.plan_topic_id.work_type_id:
                self.work_type_ids |= self.plan_topic_id.work_type_id

    def _check_period_open(self):
        """A closed period refuses edits of the journal (JOUR-8, P 4.1)."""
        if self.env.su:
            return
        # the lesson's quarter or half, or the whole year once the year is closed: read under a
        # share lock, which the close of a period (an UPDATE of its row) conflicts with, so that a
        # close committed after this transaction's snapshot refuses the change with a
        # serialization failure (retried, it sees the period closed) and a close under way waits
        # for it (race audit; JOUR-8, P 4.1)
        Period = self.env["school.period"].sudo()
        Period.flush_model(["is_closed", "year_id", "period_type"])
        self.flush_recordset(["period_id", "year_id"])
        self.env.cr.execute(
            SQL(
                """SELECT p.id, p.is_closed FROM school_period p
                    WHERE p.id = ANY(%s) OR (p.year_id = ANY(%s) AND p.period_type = 'year')
                 ORDER BY p.id FOR SHARE OF p""",
                self.period_id.ids,
                self.year_id.ids,
            )
        )
        closed_ids = {period_id for period_id, is_closed in self.env.cr.fetchall() if is_closed}
        closed_years = Period.browse(sorted(closed_ids)).filtered(lambda p: p.period_type == "year")
        for lesson in self:
            closed = (
                lesson.period_id
                if lesson.period_id.id in closed_ids
                else closed_years.filtered(
                    lambda p, lesson=lesson: p.year_id == lesson.year_id
                    and p.date_start <= lesson.date <= p.date_end
                )[:1]
            )
            if closed:
                raise UserError(
                    _(
                        "The period %(period)s is closed for edits: the lesson of %(date)s cannot be "
                        "changed. File a correction request instead.",
                        period=closed.name,
                        date=format_date(self.env, lesson.date),
                    )
                )

    @api.model
    def _keeps_journal(self, fnames, manager_fields):
        """Whether writing the fields ``fnames`` keeps the journal of a lesson (its topic,
        homework, work types, comment, date, state...), as its teacher does, rather than the
        administration's change of its timetable or substitution (``manager_fields``)."""
        return not self.env.user.has_group(school_access.GROUP_READER) or bool(set(fnames) - manager_fields)

    def _check_open(self, keeps_journal):
        """A closed period refuses every change of these lessons; a change of their journal
        (``keeps_journal``) is refused also once the period marks are set, by
        ``_check_journal_open``, which decides the closed period in the same query."""
        if keeps_journal:
            self._check_journal_open()
        else:
            self._check_period_open()

    def _check_journal_open(self):
        """The record of these lessons (topic, homework with its pages, exercises and files,
        individual homework, work types, comment) changes only while their marks and
        attendance may: never in a period closed for edits, and not once the period marks of
        the lesson's class and subject are set (JOUR-8, P 4.1, S 5.2). The same verdicts as
        the marks' and attendance's (``school.journal.entry.mixin._check_lessons_open``), under
        the same locks. An approved correction request applies its change as the system,
        which no close stops."""
        if self.env.su or not self:
            return
        self.env["school.journal.entry.mixin"]._check_lessons_open(self)

    def _propose_plan_topics(self):
        """Give each new lesson the next unused topic of its calendar-thematic plan (PLAN-3).

        Lessons are grouped by class, subject and subgroup so a whole generated term costs a
        few queries per group, not per lesson.
        """
        todo = self.filtered(lambda lesson: not lesson.plan_topic_id and not lesson.topic)
        if not todo:
            return
        Plan = self.env["school.plan"].sudo()
        groups = {}
        for lesson in todo:
            groups.setdefault((lesson.class_id, lesson.subject_id, lesson.subgroup_id), []).append(lesson.id)
        for (school_class, subject, subgroup), lesson_ids in groups.items():
            plan = Plan._find_for(school_class, subject)
            if not plan or not plan.topic_ids:
                continue
            lessons = self.browse(lesson_ids).sorted(lambda lesson: (lesson.date, lesson.lesson_number))
            used = dict(
                self.sudo()._read_group(
                    [
                        ("class_id", "=", school_class.id),
                        ("subgroup_id", "=", subgroup.id),
                        ("plan_topic_id", "in", plan.topic_ids.ids),
                        ("id", "not in", lessons.ids),
                        ("state", "!=", "cancelled"),
                    ],
                    ["plan_topic_id"],
                    ["__count"],
                )
            )
            used = {topic.id: count for topic, count in used.items()}
            by_topic = {}
            topics = plan.topic_ids.sorted("sequence")
            for lesson in lessons:
                topic = next((t for t in topics if used.get(t.id, 0) < max(t.hours, 1)), False)
                if not topic:
                    break
                used[topic.id] = used.get(topic.id, 0) + 1
                by_topic.setdefault(topic, []).append(lesson.id)
            for topic, ids in by_topic.items():
                self.browse(ids).sudo().write({"plan_topic_id": topic.id})

    def _get_students(self):
        """Students of the lesson's class or subgroup on the lesson's date (JOUR-3, JOUR-12)."""
        self.ensure_one()
        return self.env["school.student"].browse(sorted(self._get_students_map()[self.id]))

    def _get_students_map(self):
        """{lesson id: ids of its students on its date} for many lessons in one query.

        A student belongs to a lesson when enrolled in its class on its date and, for a
        subgroup lesson, a member of the subgroup on that date (``_students_sql``). Inside a
        save of the journal grid the lesson's students read by its lock are used (issue 15).
        """
        if not self:
            return {}
        self._flush_students(self)
        rows = self._read_lesson_rows("lesson_students", self._students_sql("l"))
        return {lesson_id: set(student_ids) for lesson_id, (student_ids,) in rows.items()}

    @api.model
    def _lock_lessons_from(self, fname, firsts):
        """Rewrite (to the same values) the lessons whose ``fname`` (``class_id`` or
        ``subgroup_id``) is a key of ``firsts`` {id: first day}, dated from that day on, in the
        order of their ids: who belongs to them changes in this transaction.

        What must serialize (race audit; JOUR-3, JOUR-12): a save of the journal reads the
        lesson's students from its snapshot and locks the lesson row (``school.journal.grid.
        _lock_cell``, ``_read_lesson_rows(lock=True)``); a student leaving the class or the
        subgroup meanwhile thus refuses the save with a serialization failure (it is retried and
        sees the student gone), or waits for it to commit."""
        firsts = {key: day for key, day in firsts.items() if key and day}
        if not firsts:
            return
        self.flush_model([fname, "date"])
        keys = sorted(firsts)
        self.env.cr.execute(
            SQL(
                """UPDATE school_lesson SET write_date = write_date
                    WHERE id IN (SELECT l.id FROM school_lesson l
                                   JOIN unnest(%s::int[], %s::date[]) AS f(key, day)
                                     ON l.%s = f.key AND l.date >= f.day
                               ORDER BY l.id FOR NO KEY UPDATE OF l)""",
                keys,
                [firsts[key] for key in keys],
                SQL.identifier(fname),
            )
        )

    def _read_lesson_rows(self, memo_name, columns, lock=False):
        """{lesson id: (values of ``columns``, SQL of the lesson row ``l``)} of these lessons in
        one query; inside a save of the journal grid, the values its lock read and kept under
        ``memo_name`` (``school.journal.grid._lock_cell``) are used instead (issue 15).
        ``lock``: the lesson rows are read under a share lock (``FOR SHARE``)."""
        known = self.env["school.journal.log"]._batch_memo(memo_name, dict) or {}
        result = {lesson_id: known[lesson_id] for lesson_id in self.ids if lesson_id in known}
        missing = [lesson_id for lesson_id in self.ids if lesson_id not in result]
        if missing:
            self.env.cr.execute(
                SQL(
                    "SELECT l.id, %s FROM school_lesson l WHERE l.id IN %s %s",
                    columns,
                    tuple(missing),
                    SQL("ORDER BY l.id FOR SHARE OF l") if lock else SQL(),
                )
            )
            result.update((row[0], tuple(row[1:])) for row in self.env.cr.fetchall())
        return result

    @api.model
    def _students_sql(self, alias):
        """The array of the ids of the students of the lesson row ``alias`` on its date: enrolled
        in its class then and, for a subgroup lesson, members of the subgroup then (JOUR-3,
        JOUR-12, P 4.4: the members on the lesson's date, not today's)."""
        return SQL(
            """ARRAY(SELECT e.student_id FROM school_enrollment e
                      WHERE e.class_id = %(lesson)s.class_id
                        AND e.date_start <= %(lesson)s.date
                        AND (e.date_end IS NULL OR e.date_end >= %(lesson)s.date)
                        AND (%(lesson)s.subgroup_id IS NULL
                             OR EXISTS (SELECT 1 FROM school_subgroup_member m
                                         WHERE m.subgroup_id = %(lesson)s.subgroup_id
                                           AND m.student_id = e.student_id
                                           AND m.date_from <= %(lesson)s.date
                                           AND (m.date_to IS NULL OR m.date_to >= %(lesson)s.date))))""",
            lesson=SQL.identifier(alias),
        )

    @api.model
    def _flush_students(self, lessons):
        """Flush what ``_students_sql`` reads."""
        self.env["school.enrollment"].flush_model(["class_id", "student_id", "date_start", "date_end"])
        self.env["school.subgroup.member"].flush_model(["subgroup_id", "student_id", "date_from", "date_to"])
        lessons.flush_recordset(["class_id", "subgroup_id", "date"])

    def action_mark_done(self):
        school_access.check_staff(self.env)
        self.write({"state": "done"})

    def action_cancel(self):
        school_access.check_staff(self.env)
        self.write({"state": "cancelled"})

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
                return self._due_within_year(day)
        return self._due_within_year(self.date + timedelta(days=7))

    def _due_within_year(self, day):
        """``day``, or the last day of the lesson's academic year when ``day`` is later: a
        default due date never breaks the rule that homework is due within the year."""
        end = self.sudo().class_id.year_id.date_end
        return min(day, max(end, self.date)) if end else day

    def _set_default_homework_due_date(self):
        for lesson in self:
            if (lesson.homework or "").strip() and not lesson.homework_due_date and lesson.date:
                # the system sets the default; the teacher may change it in the form
                lesson.sudo().write({"homework_due_date": lesson._get_next_lesson_date()})

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
