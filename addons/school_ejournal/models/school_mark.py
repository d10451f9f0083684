from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date
from odoo.tools.sql import create_index

from .school_grading_policy_weight import WEIGHT_DIGITS

# what a journal entry is about: never rewritten after creation (issue 11, item 2)
IDENTITY_FIELDS = {"lesson_id", "student_id", "date", "class_id", "subject_id", "period_id", "company_id"}


class SchoolMark(models.Model):
    """One mark of a student at a lesson (JOUR-3..8).

    The value comes from the school's scale, the work type's weight from the grading policy in
    force on the lesson's date. There is no "exempt" value (JOUR-5). Grade 1 gets no marks
    (JOUR-4). A teacher edits within the edit window (JOUR-6) and never in a closed period
    (JOUR-8), nor after the period's intermediate attestation date (P 4.4,
    ``school.period._check_marks_before_attestation``, checked with the lesson's other
    verdicts); every change is logged (JOUR-7).
    """

    _name = "school.mark"
    _description = "Mark"
    # the lesson, the student and the related fields: school.journal.entry.mixin
    _inherit = ["school.journal.entry.mixin"]
    # the weight counts in the averages and the period marks (FINAL-2): logged with the value,
    # last, as entries written before it was logged lack it (``school.journal.log._reconcile``)
    _log_fields = ("value", "work_type_id", "comment", "weight")

    lesson_id = fields.Many2one(ondelete="restrict")
    value = fields.Integer(string="Mark", required=True)
    work_type_id = fields.Many2one("school.work.type", required=True, ondelete="restrict", check_company=True)
    weight = fields.Float(digits=WEIGHT_DIGITS, readonly=True, help="Weight in force on the lesson's date.")
    comment = fields.Char(help="Teacher's comment, shown to the student and the guardians.")
    author_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user)
    teacher_id = fields.Many2one(related="lesson_id.teacher_id", string="Teacher")

    def init(self):
        # summary sheets, journal copies and period marks read a class's marks between two
        # dates: without it PostgreSQL scans the whole school's marks of the dates (issue 8)
        create_index(self.env.cr, "school_mark_class_id_date_index", self._table, ["class_id", "date"])
        # the control report counts each student's marks in a subject and period: without it
        # PostgreSQL reads every mark of the student and filters (issue 15)
        create_index(
            self.env.cr,
            "school_mark_student_subject_date_index",
            self._table,
            ["student_id", "subject_id", "date"],
        )

    def _compute_display_name(self):
        for mark in self:
            mark.display_name = f"{mark.value} ({mark.work_type_id.name})"

    @api.model
    def _get_policies(self, records):
        """{(date, school id): grading policy in force} for ``records`` (lessons or marks) in one
        pass over the cached spans; the policy itself is read as superuser, it is no secret."""
        return (
            self.env["school.grading.policy"]
            .sudo()
            ._get_policy_map((record.date, record.company_id.id) for record in records)
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_value_input(vals)
        lessons = self.env["school.lesson"].browse({v.get("lesson_id") for v in vals_list})
        self._check_lessons_editable(lessons)
        policies = self._get_policies(lessons.sudo())
        for vals in vals_list:
            lesson = lessons.browse(vals["lesson_id"]).sudo()
            policy = policies[(lesson.date, lesson.company_id.id)]
            work_type = self.env["school.work.type"].browse(vals.get("work_type_id"))
            vals["weight"] = policy._get_weight(work_type) if policy else work_type.default_weight
            if not self.env.su:
                vals["author_id"] = self.env.uid
        self._prefetch_students(vals_list)
        marks = super().create(vals_list)
        marks._check_values()
        marks._log_changes("create", [(m, "", m._log_snapshot()) for m in marks])
        return marks

    @api.model
    def _check_value_input(self, vals):
        """A mark's value sent as text or a number: ASCII digits, a small number (issue 11
        item 10); its scale is checked once the mark exists (``_check_values``)."""
        if "value" in vals:
            vals["value"] = self.env["school.grading.policy"]._parse_mark_value(vals["value"])

    def write(self, vals):
        self._check_value_input(vals)
        # a mark keeps its lesson and student, and through the lesson its class, subject and
        # period, for life (issue 11, item 2); the related fields would write the lesson
        if IDENTITY_FIELDS & set(vals):
            raise UserError(_("Move a mark by deleting it and entering a new one."))
        if not self.env.su and {"weight", "author_id"} & set(vals):
            raise UserError(
                _(
                    "The weight comes from the grading policy, and the author is the teacher who "
                    "entered the mark."
                )
            )
        self._check_lessons_editable(self.lesson_id)
        old = {m.id: m._log_snapshot() for m in self}
        if "work_type_id" in vals:
            work_type = self.env["school.work.type"].browse(vals["work_type_id"])
            policies = self._get_policies(self)
            for mark in self:
                policy = policies[(mark.date, mark.company_id.id)]
                super(SchoolMark, mark).write(
                    {"weight": policy._get_weight(work_type) if policy else work_type.default_weight}
                )
        res = super().write(vals)
        # the lesson and the student never change (IDENTITY_FIELDS): their membership was
        # checked at creation
        self._check_values(students=False)
        changed = [(m, old[m.id], m._log_snapshot()) for m in self if old[m.id] != m._log_snapshot()]
        self._log_changes("write", changed)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_check_editable(self):
        self._check_lessons_editable(self.lesson_id)
        self._log_changes("unlink", [(m, m._log_snapshot(), "") for m in self])

    def _check_values(self, students=True):
        """Scale, grade 1, and with ``students`` student of the class or subgroup on the date
        (JOUR-3..5)."""
        by_lesson = {}
        for mark in self:
            by_lesson.setdefault(mark.lesson_id, self.browse())
            by_lesson[mark.lesson_id] |= mark
        policies = self._get_policies(self.lesson_id.sudo())
        for lesson, marks in by_lesson.items():
            # read as superuser: a substitute may not read the class he takes over (R 2.1)
            lesson = lesson.sudo()
            policies[(lesson.date, lesson.company_id.id)]._check_marks_allowed(
                lesson.class_id, lesson.subject_id, marks.mapped("value")
            )
        if students:
            self._check_students_of_lessons()

    def _check_lesson_dates(self, lessons, dates):
        """A teacher's marks of a period are entered and changed no later than its intermediate
        attestation date (P 4.4, ``school.period._check_marks_before_attestation``), and within
        the edit window after the lesson (JOUR-6); called by ``_check_lessons_editable`` with the
        dates it read (issue 15)."""
        today = self._today()
        past = lessons.filtered(
            lambda lesson: dates.get(lesson.id, {}).get("attestation_date")
            and today > dates[lesson.id]["attestation_date"]
        )
        # the period's own check words the refusal
        self.env["school.period"]._check_marks_before_attestation(past)
        lessons = lessons.sudo()
        policies = self._get_policies(lessons)
        for lesson in lessons:
            policy = policies[(lesson.date, lesson.company_id.id)]
            if not policy:
                continue
            year_end = dates.get(lesson.id, {}).get("year_end") or lesson.year_id.date_end
            deadline = policy._edit_deadline(lesson.date, year_end)
            if today > deadline:
                raise UserError(
                    _(
                        "The edit window for the lesson of %(date)s closed on %(deadline)s: "
                        "file a correction request for the deputy director.",
                        date=format_date(self.env, lesson.date),
                        deadline=format_date(self.env, deadline),
                    )
                )

    # ------------------------------------------------------------------
    # New marks are e-mailed to the guardians in batches (PORT-3).
    # (formerly school_mark_notification.py)
    # ------------------------------------------------------------------
    guardians_notified = fields.Boolean(
        readonly=True,
        copy=False,
        index=True,
        help="Set once the mark was taken into the guardians' new-marks notifications.",
    )

    def _set_guardians_notified(self):
        """Flag the marks as handled by the notification cron.

        A technical flag: it bypasses the journal's write checks (edit window, closed
        periods) and its change log, which guard the marks' values, not this flag.
        """
        if not self:
            return
        self.env.cr.execute(
            SQL(
                "UPDATE school_mark SET guardians_notified = TRUE WHERE id IN %s",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["guardians_notified"])
