import json
import math
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, float_round, format_date
from odoo.tools.sql import create_index

from . import school_access, school_rpc_args
from .school_identity import identity_changes
from .school_log_snapshot import format_snapshot

# Days before the end of a period by which its marks are set (FINAL-1, P 6.4).
SET_BEFORE_END_DAYS = 2
# A target that needs more marks than this counts as out of reach in a forecast.
FORECAST_LIMIT = 500
# Written by the journal itself (as superuser), never by a user.
SYSTEM_FIELDS = {
    "average",
    "marks_count",
    "proposed_value",
    "is_short",
    "set_by_id",
    "set_at",
    "is_late",
    "published_at",
}
# what the journal itself writes on the rows: no chatter, no follower, no tracking (issue 15);
# only the values a person sets (the mark, attested) are tracked
SYSTEM_WRITE_CONTEXT = {"mail_create_nolog": True, "mail_create_nosubscribe": True, "tracking_disable": True}
# what the grid's save writes with a mark beside the stamps of SYSTEM_FIELDS (_mark_stamps)
MARK_FIELDS = ("value", "differs_from_proposed")
# the columns of a row made by _insert_system_rows, put in the record cache as create() does
INSERTED_FIELDS = (
    "student_id",
    "subject_id",
    "class_id",
    "period_id",
    "period_type",
    "year_id",
    "company_id",
    "average",
    "marks_count",
    "proposed_value",
    "is_short",
    "is_attested",
    "differs_from_proposed",
    "value",
    "set_by_id",
    "set_at",
    "is_late",
    "published_at",
)
# what a period mark is about, fixed at creation (issue 11, item 3)
IDENTITY_FIELDS = ("student_id", "subject_id", "class_id", "period_id")


class SchoolPeriodMark(models.Model):
    """Period mark of a student in a subject: quarter, half, year, exam, final (FINAL-1..3).

    Beside the mark actually set it keeps the weighted average and the mark the grading
    policy proposes, so that every final mark can be justified. Once the period marks of a
    class and subject are set, the teacher's journal for that period is closed (JOUR-8).

    The rounding rule works on the average as everybody sees it, rounded half up to
    hundredths: an average shown as 4.60 proposes 5 under the default thresholds. Only marks
    with a weight count; a quarter or half counts the marks of its dates, the year, exam and
    final the marks of the whole academic year.
    """

    _name = "school.period.mark"
    _description = "Period Mark"
    _inherit = ["mail.thread", "school.taught.subject.mixin"]
    # a substitute reads the period marks of the subject he took over (R 2.1)
    _taught_include_lessons = True
    _order = "period_id, class_id, subject_id, student_id"
    _check_company_auto = True

    student_id = fields.Many2one(
        "school.student", required=True, index=True, ondelete="restrict", check_company=True
    )
    subject_id = fields.Many2one(
        "school.subject", required=True, index=True, ondelete="restrict", check_company=True
    )
    class_id = fields.Many2one(
        "school.class", required=True, index=True, ondelete="restrict", check_company=True
    )
    period_id = fields.Many2one(
        "school.period", required=True, index=True, ondelete="restrict", check_company=True
    )
    period_type = fields.Selection(related="period_id.period_type", store=True, precompute=True)
    year_id = fields.Many2one(related="class_id.year_id", store=True, index=True, precompute=True)
    average = fields.Float(string="Weighted Average", digits=(4, 2), readonly=True)
    marks_count = fields.Integer(string="Marks", readonly=True)
    proposed_value = fields.Integer(string="Proposed", readonly=True)
    is_short = fields.Boolean(
        string="Too Few Marks",
        readonly=True,
        help="Fewer marks than the grading policy's minimum justify a period mark.",
    )
    value = fields.Integer(string="Mark", tracking=True)
    is_attested = fields.Boolean(
        string="Attested",
        default=True,
        tracking=True,
        help="Untick when the student cannot be attested (н/а) for lack of marks.",
    )
    set_by_id = fields.Many2one("res.users", string="Set by", readonly=True)
    set_at = fields.Datetime(string="Set on", readonly=True)
    deadline = fields.Date(
        compute="_compute_deadline",
        string="Set by Date",
        help="Period marks are set no later than 2 days before the period ends.",
    )
    is_late = fields.Boolean(
        string="Set Late",
        readonly=True,
        help="Set later than 2 days before the period ends.",
    )
    published_at = fields.Datetime(
        string="Visible Since",
        readonly=True,
        help="When students and guardians could first see it.",
    )
    differs_from_proposed = fields.Boolean(
        compute="_compute_differs", store=True, precompute=True, string="Differs from Proposed"
    )
    company_id = fields.Many2one(related="class_id.company_id", store=True, index=True, precompute=True)

    _sql_constraints = [
        (
            "student_subject_period_uniq",
            "unique(student_id, subject_id, period_id)",
            "The student already has a period mark in this subject for this period.",
        ),
    ]

    def init(self):
        # the period-mark grid, the preparation of the rows and every save of a mark read the
        # rows of one class, subject and period: with the class's index alone PostgreSQL reads
        # every period mark of the class, of all its subjects and periods, and filters (issue 15)
        create_index(
            self.env.cr,
            "school_period_mark_class_subject_period_index",
            self._table,
            ["class_id", "subject_id", "period_id"],
        )

    @api.depends("period_id.date_end")
    def _compute_deadline(self):
        for pmark in self:
            pmark.deadline = pmark.period_id.date_end and pmark.period_id.date_end - timedelta(
                days=SET_BEFORE_END_DAYS
            )

    @api.depends("value", "proposed_value")
    def _compute_differs(self):
        for pmark in self:
            pmark.differs_from_proposed = bool(
                pmark.value and pmark.proposed_value and pmark.value != pmark.proposed_value
            )

    def _compute_display_name(self):
        for pmark in self:
            pmark_sudo = pmark.sudo()
            pmark.display_name = (
                f"{pmark_sudo.student_id.name}, {pmark_sudo.subject_id.name}, {pmark_sudo.period_id.name}"
            )

    @api.constrains("value", "class_id")
    def _check_value(self):
        self._check_values({pmark.id: pmark.value for pmark in self.sudo()})

    def _check_values(self, values):
        """The marks {row id: mark or 0} are marks of the scale of the grading policy in force
        at the end of each row's period (``_check_marks_allowed``): once per policy, class and
        subject, not once per row (issue 15)."""
        rows = self.sudo()
        policies = (
            self.env["school.grading.policy"]
            .sudo()
            ._get_policy_map((pmark.period_id.date_end, pmark.company_id.id) for pmark in rows)
        )
        groups = {}
        for pmark in rows:
            if values.get(pmark.id):
                key = (pmark.period_id.date_end, pmark.company_id.id, pmark.class_id, pmark.subject_id)
                groups.setdefault(key, set()).add(values[pmark.id])
        for (date_end, company_id, school_class, subject), marks in groups.items():
            policies[(date_end, company_id)]._check_marks_allowed(
                school_class, subject, sorted(marks), period_mark=True
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(SYSTEM_FIELDS & set(vals) for vals in vals_list):
            raise UserError(
                _("Averages, proposals and the stamps of a period mark are kept by the journal itself.")
            )
        for vals in vals_list:
            self._check_value_input(vals)
        records = super().create(vals_list)
        # empty rows (averages and proposals) may be prepared by anyone who may create them;
        # setting a mark is the subject teacher's (ROLE-5)
        setting = records.filtered(lambda p: p.value or not p.is_attested)
        setting._check_teacher_of_subject()
        setting._check_period_open()
        setting._stamp_set()
        records._log_period_marks("create", {})
        return records

    @api.model
    def _check_value_input(self, vals):
        """A period mark sent as text or a number: ASCII digits, a small number, or 0 for none
        (issue 11 item 10); its scale is checked by ``_check_value``."""
        if vals.get("value") not in (None, False, 0, "0", ""):
            vals["value"] = self.env["school.grading.policy"]._parse_mark_value(vals["value"])

    def write(self, vals):
        self._check_identity(vals)
        if not self.env.su and SYSTEM_FIELDS & set(vals):
            raise UserError(
                _("Averages, proposals and the stamps of a period mark are kept by the journal itself.")
            )
        self._check_value_input(vals)
        if {"value", "is_attested"} & set(vals):
            self._check_teacher_of_subject()
            self._check_period_open()
        changed = (
            self.filtered(lambda p: p.value != (vals.get("value") or 0)) if "value" in vals else self.browse()
        )
        logged = {"value", "is_attested"} & set(vals)
        old = {pmark.id: pmark._log_snapshot() for pmark in self.sudo()} if logged else {}
        res = super().write(vals)
        if logged:
            self._log_period_marks("write", old)
        if changed:
            if vals["value"]:
                changed._stamp_set()
            else:
                # a cleared mark is no longer visible; it is stamped again when set anew
                changed.sudo().with_context(**SYSTEM_WRITE_CONTEXT).write(
                    {"set_by_id": False, "set_at": False, "is_late": False, "published_at": False}
                )
        if vals.get("is_attested") is False:
            # "not attested" (н/а) is a result too: stamped and shown like a mark
            self.filtered(lambda p: not p.value)._stamp_set()
        if logged:
            self._sync_followups()
        return res

    def _sync_followups(self):
        """A "2" or "not attested" period mark opens a follow-up (P 4.4); inside a save of a
        whole grid, once for all its rows (issue 15)."""
        PeriodMark = self.env["school.period.mark"]
        self.env["school.journal.log"]._batch_defer(
            "period_mark_followups",
            self.ids,
            lambda ids: PeriodMark.browse(list(dict.fromkeys(ids)))._followups_now(),
        )

    def _followups_now(self):
        """``school.followup._sync_period_marks`` of these rows, unless it has nothing to do:
        rows made by this very save (``_insert_system_rows``) have no follow-up to cancel, so
        with no "2" and no "not attested" among them there is none to open either (issue 15)."""
        made = self.env["school.journal.log"]._batch_memo("period_marks_made") or ()
        if all(pmark.id in made for pmark in self) and not any(
            not pmark.is_attested or (pmark.value and pmark.value <= 2) for pmark in self.sudo()
        ):
            return
        self.env["school.followup"]._sync_period_marks(self)

    def _check_identity(self, vals):
        """A period mark stays the mark of its student, subject, class and period: a set final
        mark never moves to another child or subject (issue 11, item 3); neither do the related
        fields that would write the period or the class through it."""
        if identity_changes(self, vals, IDENTITY_FIELDS, {"period_type", "year_id", "company_id"}):
            raise UserError(
                _(
                    "The student, subject, class and period of a period mark cannot be "
                    "changed: set the mark of the right student and subject instead."
                )
            )

    def unlink(self):
        old = {pmark.id: pmark._log_snapshot() for pmark in self.sudo()}
        self._log_period_marks("unlink", old)
        return super().unlink()

    def _log_snapshot(self):
        """The change log's text of a period mark; empty while nothing is set (issue 12)."""
        self.ensure_one()
        if not self.value and self.is_attested:
            return ""
        return format_snapshot(
            [("period", self.period_id.name), ("value", self.value or ""), ("is_attested", self.is_attested)]
        )

    def _log_period_marks(self, action, old):
        """Setting, changing or clearing a period mark is logged like a mark (JOUR-7, issue 12)."""
        vals_list = []
        for pmark in self.sudo():
            new = "" if action == "unlink" else pmark._log_snapshot()
            if new != old.get(pmark.id, ""):
                vals_list.append(
                    {
                        "model": self._name,
                        "res_id": pmark.id,
                        "action": action if old.get(pmark.id) or action != "write" else "create",
                        "student_id": pmark.student_id.id,
                        "class_id": pmark.class_id.id,
                        "subject_id": pmark.subject_id.id,
                        "company_id": pmark.company_id.id,
                        "old_value": old.get(pmark.id, ""),
                        "new_value": new,
                    }
                )
        self.env["school.journal.log"]._append_by_caller(vals_list)

    def _check_teacher_of_subject(self, taught=None):
        """Only the subject's teacher of the class (or of the student's subgroup) sets period
        marks (ROLE-5, S 3.4, JOUR-12); the deputy and the administrator do not edit journals
        (ROLE-1, ROLE-3): an approved correction request applies its change as superuser.

        ``taught``: what ``school_access.check_subject_teacher`` returned for the caller, when
        every row is of that one class and subject (read once, issue 15)."""
        if self.env.su or not self:
            return
        # inside one save (a batch of the change log, issue 15) each row is checked once
        checked = self.env["school.journal.log"]._batch_memo("taught_period_marks")
        records = self
        if checked is not None:
            records = self.filtered(lambda p: (self.env.uid, p.id) not in checked)
            if not records:
                return
        if taught is not None:
            pairs = {(pmark.class_id.id, pmark.subject_id.id) for pmark in records.sudo()}
            allowed = dict.fromkeys(pairs, taught) if len(pairs) == 1 else None
        else:
            allowed = None
        if allowed is None:
            allowed = school_access.taught_students_by_pair(self.env, records.class_id, records.subject_id)
        for pmark in records.sudo():
            taught = allowed.get((pmark.class_id.id, pmark.subject_id.id))
            if taught is None or (taught is not True and pmark.student_id.id not in taught):
                raise UserError(
                    _(
                        "Only the teacher of %(subject)s in %(cls)s sets its period marks.",
                        subject=pmark.subject_id.name,
                        cls=pmark.class_id.name,
                    )
                )
        if checked is not None:
            checked.update((self.env.uid, pmark.id) for pmark in records)

    def _check_period_open(self):
        """A closed period refuses period marks too (JOUR-8, P 4.1)."""
        self._check_periods_open(*self._period_cells())

    def _period_cells(self):
        """(periods, {(class id, subject id, period id)}) of these rows."""
        rows = self.sudo()
        return rows.period_id, {(row.class_id.id, row.subject_id.id, row.period_id.id) for row in rows}

    @api.model
    def _check_periods_open(self, periods, cells=()):
        """:meth:`_check_period_open` of rows of ``periods`` (also of rows still to be made),
        whose marks are set in the (class id, subject id, period id) of ``cells``, under the
        locks of :meth:`_period_locks`."""
        lock = self._period_locks(periods, cells)
        if lock:
            self.env.cr.execute(SQL("WITH %s SELECT %s", *lock))
            self._raise_closed(self.env.cr.fetchone()[0])
        elif not self.env.su:
            self._raise_closed(periods.sudo().filtered("is_closed").ids)

    @api.model
    def _raise_closed(self, closed_ids):
        if closed_ids:
            closed = self.env["school.period"].sudo().browse(closed_ids[0])
            raise UserError(_("The period %s is closed: ask the administrator to reopen it.", closed.name))

    @api.model
    def _period_locks(self, periods, cells):
        """(the WITH queries, the column of the ids of the closed ones of ``periods``) that lock
        ``periods`` and ``cells`` for the setting of marks, or None: nothing left to lock in this
        save (``_batched``: once per period and cell), or the superuser's change (an approved
        correction request), which no close stops.

        What must serialize with the setting of period marks (race audit; JOUR-8, ROLE-5): the
        periods are read under a share lock, which the close of a period (an UPDATE of its row)
        conflicts with; the lessons of ``cells`` are rewritten as ``school.journal.grid._lock_cell``
        rewrites one. A save of the journal of these lessons, whose teacher's journal is closed
        once period marks are set, waits for this transaction and is then refused with a
        serialization failure and retried, seeing the set marks; a save of them, a close, or a
        second save of the same period marks (two tabs) committed after this transaction's
        snapshot refuses this one the same way, and it is retried on what they committed."""
        if self.env.su:
            return None
        memo = self.env["school.journal.log"]._batch_memo("period_mark_locks")
        cells = sorted(set(cells) - (memo or set()))
        locked = periods.sudo().filtered(lambda p: memo is None or ("period", p.id) not in memo)
        if not cells and not locked:
            return None
        if memo is not None:
            memo.update(cells)
            memo.update(("period", period.id) for period in locked)
        self.env["school.lesson"].flush_model(["class_id", "subject_id", "period_id"])
        self.env["school.period"].flush_model(["is_closed"])
        return (
            SQL(
                """locked_lessons AS (
                       UPDATE school_lesson l SET write_date = l.write_date
                         FROM unnest(%s::int[], %s::int[], %s::int[]) AS c(class_id, subject_id, period_id)
                        WHERE l.class_id = c.class_id AND l.subject_id = c.subject_id
                          AND l.period_id = c.period_id
                    RETURNING l.id),
                   locked_periods AS (
                       SELECT p.id, p.is_closed FROM school_period p WHERE p.id = ANY(%s) FOR SHARE OF p)""",
                [cell[0] for cell in cells],
                [cell[1] for cell in cells],
                [cell[2] for cell in cells],
                locked.ids,
            ),
            SQL(
                # a data-modifying WITH query runs whether or not the statement reads it
                """(SELECT COALESCE(array_agg(id ORDER BY id) FILTER (WHERE is_closed), '{}')
                      FROM locked_periods)"""
            ),
        )

    def _stamp_set(self):
        """Who set the marks and when, whether late (FINAL-1), and since when they are visible
        to students and guardians (FINAL-3): at once, the first time a mark is set."""
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        late = self.filtered(lambda p: today > p.deadline)
        unpublished = self.filtered(lambda p: not p.published_at)
        system = self.sudo().with_context(**SYSTEM_WRITE_CONTEXT)
        for records, is_late in ((late, True), (self - late, False)):
            for group, vals in (
                (records & unpublished, {"published_at": now}),
                (records - unpublished, {}),
            ):
                if group:
                    system.browse(group.ids).write(
                        dict(vals, set_by_id=self.env.uid, set_at=now, is_late=is_late)
                    )
        self._sync_followups()

    def _set_marks(self, values, inserted=()):
        """Set the marks {row id: mark or 0} of these rows, as ``write({"value": ...})`` of
        each row does, in one UPDATE (issue 15: the grid's save of a whole class, whose marks
        differ from row to row, is neither one write() per mark value nor one per row).
        ``inserted``: the ids of rows just inserted with their marks (``_prepare_rows``), which
        get everything here but the UPDATE.

        The same checks as write(), with the caller's rights: the access rights and record
        rules on these exact rows, the subject teacher (ROLE-5), the open period (JOUR-8) and
        the scale (``_check_value``); the same stamps (``_mark_stamps``), the change log
        (JOUR-7) and the follow-ups (P 4.4). The change log is the record of these marks: no
        chatter message per row, as in the grid's save before. Only for the marks of period
        marks, no other field written with them.
        """
        inserted = set(inserted)
        rows = self.filtered(lambda p: p.id not in inserted and p.value != (values[p.id] or 0))
        todo = rows + self.browse(list(inserted))
        if not todo:
            return
        todo.check_access("write")
        todo._check_teacher_of_subject()
        # the locks of the open period in the rows' UPDATE (issue 15: no query of their own); a
        # closed period refuses the save, whose transaction, UPDATE included, is rolled back
        lock = self._period_locks(*todo._period_cells()) if rows else None
        if not lock:
            todo._check_period_open()
        todo._check_values(values)
        old = {pmark.id: pmark._log_snapshot() for pmark in rows.sudo()}
        if rows:
            closed_ids = rows._update_rows(
                {
                    pmark.id: self._mark_stamps(
                        pmark.period_id, values[pmark.id] or 0, pmark.proposed_value, pmark.published_at
                    )
                    for pmark in rows.sudo()
                },
                lock,
            )
            self._raise_closed(closed_ids)
        todo._log_period_marks("write", old)
        todo._sync_followups()

    @api.model
    def _mark_stamps(self, period, value, proposed, published_at=False):
        """The columns write() sets with a mark ``value`` (0: cleared) on a row of ``period``
        whose proposed mark is ``proposed``, visible since ``published_at``: the mark, whether
        it differs from the proposed one, and the stamps of ``_stamp_set`` (who, when, late,
        visible since), cleared with the mark (see write())."""
        now = fields.Datetime.now()
        is_set = bool(value)
        deadline = period.date_end - timedelta(days=SET_BEFORE_END_DAYS)
        return {
            "value": value,
            "differs_from_proposed": bool(value and proposed and value != proposed),
            "set_by_id": self.env.uid if is_set else False,
            "set_at": now if is_set else False,
            "is_late": is_set and fields.Date.context_today(self) > deadline,
            "published_at": (published_at or now) if is_set else False,
        }

    def _update_rows(self, updates, lock=None):
        """Write {row id: {field: value}} (the same fields for every row, none another stored
        field depends on, but ``differs_from_proposed`` that the caller sets with them) in one
        UPDATE (issue 15), with the write stamps, and leave the values in the record cache as
        write() does. The caller checks what write() checks. ``lock``: the locks of
        ``_period_locks``, taken by the same statement, whose closed periods' ids are returned."""
        fnames = sorted(next(iter(updates.values())))
        fields_ = [self._fields[fname] for fname in fnames]
        rows = self.browse(list(updates))
        # nothing pending of these columns overwrites the UPDATE later
        rows.flush_recordset(fnames)
        self.env.cr.execute(
            SQL(
                """%(with_)s
                   UPDATE school_period_mark pm SET %(assign)s, write_uid = %(uid)s, write_date = %(now)s
                     FROM json_to_recordset(%(rows)s) AS v(id int, %(columns)s)
                    WHERE pm.id = v.id
                   %(returning)s""",
                with_=SQL("WITH %s", lock[0]) if lock else SQL(),
                returning=SQL("RETURNING %s", lock[1]) if lock else SQL(),
                assign=SQL(", ").join(
                    SQL("%s = v.%s", SQL.identifier(fname), SQL.identifier(fname)) for fname in fnames
                ),
                columns=SQL(", ").join(
                    SQL("%s %s", SQL.identifier(field.name), SQL(field.column_type[1])) for field in fields_
                ),
                uid=self.env.uid,
                now=self.env.cr.now(),
                rows=json.dumps(
                    [
                        {"id": row_id, **{f.name: f.convert_to_column(vals[f.name], rows) for f in fields_}}
                        for row_id, vals in updates.items()
                    ],
                    default=str,
                ),
            )
        )
        cache = self.env.cache
        for field in fields_:
            cache.update(
                rows, field, [field.convert_to_cache(vals[field.name], rows) for vals in updates.values()]
            )
        rows.invalidate_recordset(["write_uid", "write_date"], flush=False)
        return self.env.cr.fetchone()[0] if lock else []

    # ------------------------------------------------------------------
    # Averages, proposals and forecasts (FINAL-2)
    # ------------------------------------------------------------------

    @api.model
    def _get_mark_dates(self, period):
        """Dates whose marks count for a period: its own, or the whole year's for the year,
        exam and final marks."""
        if period.period_type in ("year", "exam", "final"):
            return period.year_id.date_start, period.year_id.date_end
        return period.date_start, period.date_end

    @api.model
    def _get_student_mark_sums(self, student_ids, date_from, date_to, subject_ids=None):
        """{(student_id, subject_id): (weighted sum, weight sum, count)} in one grouped query.

        Marks follow the student: those given in a class the student left during the period
        count too. Marks with zero weight do not count.
        """
        if not student_ids:
            return {}
        self.env["school.mark"].flush_model(["value", "weight", "student_id", "subject_id", "date"])
        query = SQL(
            """SELECT student_id, subject_id, SUM(value * weight), SUM(weight), COUNT(*)
                 FROM school_mark
                WHERE student_id IN %s AND date BETWEEN %s AND %s AND weight > 0
                  %s
             GROUP BY student_id, subject_id""",
            tuple(student_ids),
            date_from,
            date_to,
            SQL("AND subject_id IN %s", tuple(subject_ids)) if subject_ids else SQL(""),
        )
        self.env.cr.execute(query)
        return {(row[0], row[1]): (row[2], row[3], row[4]) for row in self.env.cr.fetchall()}

    @api.model
    def _get_mark_sums(self, class_id, subject_id, date_from, date_to, student_ids=None):
        """{student_id: (weighted sum, weight sum, count)} of the marks in a subject.

        With ``student_ids``, the marks of these students wherever given; otherwise the marks
        given in the class. One grouped query, whatever the number of students. Marks with
        zero weight do not count.
        """
        if student_ids:
            sums = self._get_student_mark_sums(student_ids, date_from, date_to, [subject_id])
            return {student_id: values for (student_id, __), values in sums.items()}
        self.env["school.mark"].flush_model(
            ["value", "weight", "student_id", "class_id", "subject_id", "date"]
        )
        self.env.cr.execute(
            SQL(
                """SELECT student_id, SUM(value * weight), SUM(weight), COUNT(*)
                 FROM school_mark
                WHERE class_id = %s AND subject_id = %s AND date BETWEEN %s AND %s AND weight > 0
             GROUP BY student_id""",
                class_id,
                subject_id,
                date_from,
                date_to,
            )
        )
        return {row[0]: (row[1], row[2], row[3]) for row in self.env.cr.fetchall()}

    @api.model
    def _propose(self, policy, weighted_sum, weight_sum, rule=None):
        """(average rounded half up to hundredths, proposed mark), or (False, False).

        ``rule``: the policy's rule as ``_get_rule`` gives it, for many proposals at once."""
        if not weight_sum:
            return False, False
        average = float_round(weighted_sum / weight_sum, precision_digits=2)
        if rule is None:
            return average, policy._round_average(average)
        reached = [mark for mark, threshold in rule["thresholds"].items() if average >= threshold]
        return average, max(reached) if reached else rule["lowest"]

    @api.model
    def _get_rule(self, policy):
        """The rounding rule of ``policy`` (``school.grading.policy._round_average``) read once:
        the highest mark whose lowest average (``_get_thresholds``) is reached, else the lowest
        mark of the scale. A forecast proposes hundreds of times (issue 15)."""
        values = policy._get_mark_values()
        thresholds = self._get_thresholds(policy)
        return {
            "thresholds": thresholds,
            "lowest": values[0],
            "values": values,
            "bounds": {mark: self._rounding_bound(threshold) for mark, threshold in thresholds.items()},
        }

    @api.model
    def _rounding_bound(self, threshold):
        """The unrounded average from which the average rounded half up to hundredths
        (``_propose``) reaches ``threshold``: half a hundredth below the first hundredth that
        reaches it (4.595 for 4.6)."""
        hundredths = math.ceil(threshold * 100)
        while (hundredths - 1) / 100 >= threshold:
            hundredths -= 1
        while hundredths / 100 < threshold:
            hundredths += 1
        return (hundredths - 0.5) / 100

    @api.model
    def _proposed(self, rule, weighted_sum, weight_sum):
        """The mark that ``_propose`` proposes for a non-zero ``weight_sum``, the average rounded
        only within a billionth of a rounding bound (``_rounding_bound``): elsewhere the unrounded
        average is on the same side of every threshold (issue 15: a forecast tries hundreds of
        averages, and float_round is most of its time)."""
        average = weighted_sum / weight_sum
        bounds = rule["bounds"]
        if any(abs(average - bound) < 1e-9 for bound in bounds.values()):
            return self._propose(None, weighted_sum, weight_sum, rule)[1]
        reached = [mark for mark, bound in bounds.items() if average >= bound]
        return max(reached) if reached else rule["lowest"]

    @api.model
    def _get_thresholds(self, policy):
        """{mark: lowest average proposing it} for every mark above the lowest of the scale."""
        settings = policy._settings()
        thresholds = dict(settings["thresholds"])
        if settings["scale"] == "1_5":
            thresholds[2] = 1.5  # the rule of _round_average on the 1 to 5 scale
        return thresholds

    @api.model
    def _get_policy_weights(self, policy):
        """The distinct non-zero weights of the policy, smallest first (from the policy's cached
        settings, issue 15: every grid of period marks reads them)."""
        weights = policy.sudo()._settings()["weights"].values()
        return sorted(set(weights) - {0.0}) or [1.0]

    @api.model
    def _marks_needed(self, policy, weighted_sum, weight_sum, weight, mark, goal, reach, rule=None):
        """Smallest n >= 1 such that n more ``mark`` of ``weight`` make the proposal reach
        ``goal`` (``reach``) or fall below it (not ``reach``); False if out of reach."""

        def done(n):
            proposed = self._proposed(rule, weighted_sum + mark * weight * n, weight_sum + weight * n)
            return proposed >= goal if reach else proposed < goal

        # first guess from the closed form on the threshold less half a hundredth (the average
        # is rounded half up before the rule applies), then exact steps with the real rule:
        # (S + mark*w*n) / (W + w*n) crosses t when n = (t*W - S) / (w * (mark - t))
        rule = rule or self._get_rule(policy)
        target = rule["thresholds"][goal] - 0.005
        if (mark - target) * (1 if reach else -1) <= 0:
            return False
        guess = (target * weight_sum - weighted_sum) / (weight * (mark - target))
        n = max(1, math.ceil(guess) if reach else math.floor(guess) + 1)
        if n > FORECAST_LIMIT:
            return False
        while n > 1 and done(n - 1):
            n -= 1
        while not done(n):
            n += 1
            if n > FORECAST_LIMIT:
                return False
        return n

    @api.model
    def _forecast(self, policy, weighted_sum, weight_sum, weights=(1.0, 2.0, 3.0), rule=None):
        """The forecast with its working (FINAL-2, DESIGN.md "What beats the competition").

        Returns the average, the proposed mark, and for the next mark up how many top marks
        of each weight are needed (``to_next``); for the current mark how many lowest marks of
        each weight it takes to lose it (``to_lose``). ``to_next_list`` and ``to_lose_list``
        hold the same as lists for JSON clients; a count of False means out of reach.
        """
        empty = {
            "average": False,
            "proposed": False,
            "next": False,
            "to_next": {},
            "to_lose": {},
            "to_next_list": [],
            "to_lose_list": [],
            "weighted_sum": 0.0,
            "weight_sum": 0.0,
            "threshold_next": False,
            "threshold_current": False,
        }
        if not weight_sum:
            return empty
        rule = rule or self._get_rule(policy)
        average, proposed = self._propose(policy, weighted_sum, weight_sum, rule)
        values = rule["values"]
        low, top = values[0], values[-1]
        thresholds = rule["thresholds"]
        result = dict(
            empty,
            average=average,
            proposed=proposed,
            weighted_sum=round(weighted_sum, 2),
            weight_sum=round(weight_sum, 2),
            threshold_current=thresholds.get(proposed, False),
        )
        if proposed < top:
            result["next"] = proposed + 1
            result["threshold_next"] = thresholds[proposed + 1]
            for w in weights:
                result["to_next"][w] = self._marks_needed(
                    policy, weighted_sum, weight_sum, w, top, proposed + 1, True, rule
                )
        if proposed in thresholds:
            for w in weights:
                result["to_lose"][w] = self._marks_needed(
                    policy, weighted_sum, weight_sum, w, low, proposed, False, rule
                )
        result["to_next_list"] = [
            {"weight": w, "count": n, "mark": top} for w, n in result["to_next"].items()
        ]
        result["to_lose_list"] = [
            {"weight": w, "count": n, "mark": low} for w, n in result["to_lose"].items()
        ]
        return result

    @api.model
    def _get_roster(self, school_class, period, names=None):
        """Students of the class on the last day of the period (as superuser: callers check
        their access to the class first). With ``names`` (a dict), it receives their names,
        read in the same query as the roster (issue 15): {student id: (name, last name, first
        name, patronymic)}, and their school, which the company check of new rows reads."""
        Enrollment = self.env["school.enrollment"].sudo()
        domain = [("class_id", "=", school_class.id)] + Enrollment._valid_on_domain(period.date_end)
        if names is None:
            return Enrollment.search_fetch(domain, ["student_id"]).student_id
        Student = self.env["school.student"].sudo()
        Student.flush_model(["last_name", "first_name", "middle_name", "partner_id", "company_id"])
        self.env["res.partner"].flush_model(["name"])
        rows = self.env.execute_query(
            SQL(
                """SELECT s.id, s.company_id, p.name, s.last_name, s.first_name, s.middle_name
                     FROM school_student s JOIN res_partner p ON p.id = s.partner_id
                    WHERE s.id IN %s
                 ORDER BY s.last_name, s.first_name, s.middle_name, s.id""",
                Enrollment._search(domain).subselect(SQL.identifier("school_enrollment", "student_id")),
            )
        )
        names.update((row[0], (row[2] or "", *(value or "" for value in row[3:]))) for row in rows)
        students = Student.browse([row[0] for row in rows])
        self.env.cache.insert_missing(students, Student._fields["company_id"], [row[1] for row in rows])
        return students

    @api.model
    def get_class_forecasts(self, class_id, subject_id, period_id):
        """Average, proposed mark and forecast of every student of a class in a subject.

        For the subject's teacher (the own subgroups' students only), the class teacher and
        the readers (SEC-3); refused to portal users and other teachers (issue 11).
        """
        class_id, subject_id, period_id = school_rpc_args.record_ids(
            self.env, [class_id, subject_id, period_id]
        )
        school_class = self.env["school.class"].browse(class_id)
        subject = self.env["school.subject"].browse(subject_id)
        taught = school_access.check_journal_reader(self.env, school_class, subject)
        period = self.env["school.period"].browse(period_id)
        period.check_access("read")
        policy = self._get_policy_or_raise(period, school_class)
        date_from, date_to = self._get_mark_dates(period)
        students = self._get_roster(school_class, period)
        if taught is not True:
            students = students.filtered(lambda s: s.id in taught)
        sums = self._get_mark_sums(class_id, subject_id, date_from, date_to, students.ids)
        weights = self._get_policy_weights(policy)
        return {
            student_id: dict(self._forecast(policy, s, w, weights), count=c)
            for student_id, (s, w, c) in sums.items()
        }

    @api.model
    def _get_policy_or_raise(self, period, school_class):
        policy = (
            self.env["school.grading.policy"].sudo()._get_policy(period.date_end, school_class.company_id)
        )
        if not policy:
            raise UserError(_("No grading policy is in force on %s.", format_date(self.env, period.date_end)))
        return policy

    @api.model
    def action_prepare(self, class_id, subject_id, period_id, student_ids=None):
        """Create or refresh the period-mark rows of a class and subject with averages and
        proposals (of ``student_ids`` only, if given).

        Writes rows: only the subject's teacher of the class, for the own subgroups' students
        (ROLE-5); portal users and read-only roles are refused before anything is written.
        """
        class_id, subject_id, period_id = school_rpc_args.record_ids(
            self.env, [class_id, subject_id, period_id]
        )
        school_class = self.env["school.class"].browse(class_id)
        subject = self.env["school.subject"].browse(subject_id)
        taught = school_access.check_subject_teacher(self.env, school_class, subject)
        if student_ids is not None:
            student_ids = school_rpc_args.record_ids(self.env, student_ids)
        return self._prepare_rows(school_class, subject, period_id, taught, student_ids)

    @api.model
    def _prepare_rows(
        self, school_class, subject, period_id, taught, student_ids=None, read=None, marks=None
    ):
        """:meth:`action_prepare` once the caller is known to teach ``subject`` in the class:
        ``taught`` is what ``school_access.check_subject_teacher`` returned for the caller;
        ``read`` (a dict), when given, keeps the roster and mark sums read, for the grid shown
        after the save (``_period_mark_grid``), and the ids of the rows inserted with a mark
        (``inserted``); ``marks`` {student id: mark or 0}: the marks of the grid's save, which
        the rows still to be made get in the same INSERT (issue 15), once the period is known
        open and the marks of the scale (``_set_marks`` does the rest)."""
        class_id, subject_id = school_class.id, subject.id
        period = self.env["school.period"].browse(period_id)
        period.check_access("read")
        if school_class.sudo().grade == 1 or not subject.sudo().is_graded:
            raise UserError(
                _(
                    "%(subject)s in %(cls)s gets no period marks.",
                    subject=subject.sudo().name,
                    cls=school_class.sudo().name,
                )
            )
        # with the names, which the grid shown after a save reads, and the students' school,
        # which the company check of new rows reads: one query (issue 15)
        names = {}
        students = self._get_roster(school_class, period, names)
        roster = students
        if taught is not True:
            students = students.filtered(lambda s: s.id in taught)
        if student_ids is not None:
            students = students.filtered(lambda s: s.id in set(student_ids))
        policy = self._get_policy_or_raise(period, school_class)
        date_from, date_to = self._get_mark_dates(period)
        sums = self._get_mark_sums(class_id, subject_id, date_from, date_to, students.ids)
        domain = [("class_id", "=", class_id), ("subject_id", "=", subject_id), ("period_id", "=", period_id)]
        if read is None:
            domain.append(("student_id", "in", students.ids))
        # with what the rules of a later write and the teacher's check read (issue 15); with the
        # save, every row of the class's subject, which the grid shown after it reads
        found = {
            p.student_id.id: p
            for p in self.sudo().search_fetch(
                domain,
                [
                    "student_id",
                    "average",
                    "marks_count",
                    "proposed_value",
                    "is_short",
                    "class_id",
                    "subject_id",
                    "period_id",
                    "value",
                    "is_attested",
                    "published_at",
                    "company_id",
                    *(("is_late", "set_at") if read is not None else ()),
                ],
                order="id",
            )
        }
        summed = set(students.ids)
        existing = {student_id: row for student_id, row in found.items() if student_id in summed}
        to_create = []
        updates = {}
        rule = self._get_rule(policy)
        min_marks = policy._settings()["min_marks"]
        for student in students:
            s, w, c = sums.get(student.id, (0.0, 0.0, 0))
            average, proposed = self._propose(policy, s, w, rule)
            vals = {
                "average": average or 0.0,
                "marks_count": c,
                "proposed_value": proposed or 0,
                "is_short": c < min_marks,
            }
            row = existing.get(student.id)
            if row:
                if any(row[f] != v for f, v in vals.items()):
                    proposed = vals["proposed_value"]
                    updates[row.id] = dict(
                        vals, differs_from_proposed=bool(row.value and proposed and row.value != proposed)
                    )
            else:
                to_create.append(
                    dict(
                        vals,
                        student_id=student.id,
                        subject_id=subject_id,
                        class_id=class_id,
                        period_id=period_id,
                    )
                )
        # averages and proposals, written by the journal itself: one UPDATE (issue 15)
        if updates:
            self.sudo()._update_rows(updates)
        marked = [vals for vals in to_create if marks and marks.get(vals["student_id"])]
        if marked:
            # the grid's marks of rows still to be made, in their INSERT: the checks of
            # _set_marks that need no row first (the access rights, the open period, the scale)
            self.check_access("create")
            self.check_access("write")
            self._check_periods_open(period.sudo(), [(class_id, subject_id, period.id)])
            policy._check_marks_allowed(
                school_class.sudo(),
                subject.sudo(),
                sorted({marks[vals["student_id"]] for vals in marked}),
                period_mark=True,
            )
            for vals in marked:
                vals.update(
                    self._mark_stamps(period.sudo(), marks[vals["student_id"]], vals["proposed_value"])
                )
        # rows without a mark: averages and proposals only, written by the journal itself
        created = self._insert_system_rows(to_create, school_class.sudo(), period.sudo(), subject.sudo())
        # the rows of the class's subject, which its subject teacher reads (the record rules:
        # is_taught_subject, and the class's school the caller reads): not searched again
        rows = {**existing, **{vals["student_id"]: row for vals, row in zip(to_create, created, strict=True)}}
        if read is not None:
            read.update(
                roster=roster,
                names=names,
                sums=sums,
                summed=summed,
                rows={**found, **rows},
                inserted=[row.id for vals, row in zip(to_create, created, strict=True) if vals.get("value")],
            )
        return self.browse([rows[student.id].id for student in students if student.id in rows])

    @api.model
    def _insert_system_rows(self, vals_list, school_class, period, subject):
        """Create the rows of ``vals_list`` (averages and proposals of ``school_class``,
        ``period`` and ``subject``; the grid's save adds the marks with their stamps,
        ``_mark_stamps``) in one INSERT ... RETURNING (issue 15).

        Nothing of ``create()`` applies to such rows but the company check, made here: no
        chatter (``SYSTEM_WRITE_CONTEXT``), no stored field of another model depending on them;
        the related fields are the class's and period's. A mark is checked, logged and followed
        up by the caller (``_prepare_rows`` and ``_set_marks``). Rows the company check would
        refuse go through ``create()``, which refuses them.
        """
        if not vals_list:
            return self.browse()
        # the students' school, which the company check reads (issue 15)
        self.env["school.mark"]._prefetch_students(vals_list)
        company = school_class.company_id
        students = self.env["school.student"].sudo().browse([vals["student_id"] for vals in vals_list])
        if any(
            record.company_id not in (company, company.browse()) for record in (*students, period, subject)
        ) or any(
            set(vals) - {"student_id", "subject_id", "class_id", "period_id", *SYSTEM_FIELDS, *MARK_FIELDS}
            for vals in vals_list
        ):
            return self.sudo().with_context(**SYSTEM_WRITE_CONTEXT).create(vals_list)
        columns = ("average", "marks_count", "proposed_value", "is_short", *SYSTEM_FIELDS, *MARK_FIELDS)
        self.env.cr.execute(
            SQL(
                """INSERT INTO school_period_mark
                       (student_id, subject_id, class_id, period_id, period_type, year_id, company_id,
                        average, marks_count, proposed_value, is_short, is_attested,
                        differs_from_proposed, value, set_by_id, set_at, is_late, published_at,
                        create_uid, create_date, write_uid, write_date)
                   SELECT v.student_id, %(subject)s, %(class)s, %(period)s, %(period_type)s, %(year)s,
                          %(company)s, v.average, v.marks_count, v.proposed_value, v.is_short, TRUE,
                          COALESCE(v.differs_from_proposed, FALSE), v.value, v.set_by_id, v.set_at,
                          v.is_late, v.published_at, %(uid)s, %(now)s, %(uid)s, %(now)s
                     FROM json_to_recordset(%(rows)s)
                          AS v(student_id int, average numeric, marks_count int, proposed_value int,
                               is_short bool, differs_from_proposed bool, value int, set_by_id int,
                               set_at timestamp, is_late bool, published_at timestamp)
                RETURNING id, %(returned)s""",
                subject=subject.id,
                **{"class": school_class.id},
                period=period.id,
                period_type=period.period_type,
                year=school_class.year_id.id or None,
                company=company.id or None,
                returned=SQL(", ").join(SQL.identifier(name) for name in INSERTED_FIELDS),
                uid=self.env.uid,
                now=self.env.cr.now(),
                rows=json.dumps(
                    [
                        {
                            "student_id": vals["student_id"],
                            **{
                                name: self._fields[name].convert_to_column(vals[name], self)
                                for name in columns
                                if name in vals
                            },
                        }
                        for vals in vals_list
                    ],
                    default=str,
                ),
            )
        )
        fetched = self.env.cr.fetchall()
        rows = self.browse([row[0] for row in fetched])
        made = self.env["school.journal.log"]._batch_memo("period_marks_made")
        if made is not None:
            made.update(rows.ids)
        # in the record cache, as the ORM's create() leaves them
        for index, name in enumerate(INSERTED_FIELDS, start=1):
            self.env.cache.insert_missing(rows, self._fields[name], [row[index] for row in fetched])
        # the relational fields of other models pointing at period marks
        self.env["school.journal.entry.mixin"]._invalidate_inbound(self._name)
        by_student = {row.student_id.id: row for row in rows}
        return self.browse([by_student[vals["student_id"]].id for vals in vals_list])

    def _get_short_of_marks(self):
        """Rows whose student has fewer marks than the policy's minimum (FINAL-1)."""
        short = self.browse()
        policies = {}
        for pmark in self:
            key = (pmark.period_id.date_end, pmark.company_id)
            if key not in policies:
                policies[key] = self.env["school.grading.policy"].sudo()._get_policy(*key)
            policy = policies[key]
            if policy and pmark.marks_count < policy.min_marks:
                short |= pmark
        return short

    def action_fill_proposed(self):
        """Set the proposed mark wherever no mark is set yet (one write per mark value)."""
        school_access.check_not_read_only(self.env)
        self.check_access("write")
        todo = self.filtered(lambda p: not p.value and p.proposed_value)
        for value in set(todo.mapped("proposed_value")):
            todo.filtered(lambda p, value=value: p.proposed_value == value).write({"value": value})
        return True

    def action_refresh(self):
        """Recompute averages and proposals of the rows' classes and subjects (the subject
        teacher's: :meth:`action_prepare` checks each class and subject)."""
        school_access.check_staff(self.env)
        self.check_access("read")
        for school_class, subject, period in self._read_group(
            [("id", "in", self.ids)], ["class_id", "subject_id", "period_id"]
        ):
            self.action_prepare(school_class.id, subject.id, period.id)
        return True

    # ------------------------------------------------------------------
    # The period-mark grid of the teacher and the class teacher's matrix (FINAL-1)
    # ------------------------------------------------------------------

    @api.model
    def get_grid_options(self):
        """What the grid may open: the user's classes and subjects, and the periods."""
        school_access.check_staff(self.env)
        user = self.env.user
        Assignment = self.env["school.teaching.assignment"]
        if user.has_group("school_ejournal.group_school_reader"):
            assignments = Assignment.search([("year_id.active", "=", True)])
        else:
            assignments = Assignment.sudo().search([("teacher_id", "=", user.id)])
        graded = assignments.sudo().filtered(lambda a: a.class_id.grade > 1 and a.subject_id.is_graded)
        pairs = sorted(
            {(a.class_id, a.subject_id) for a in graded},
            key=lambda pair: (
                -pair[0].year_id.date_start.toordinal(),
                pair[0].grade,
                pair[0].letter,
                pair[1].sequence,
                pair[1].name,
            ),
        )
        classes = self.env["school.class"].search(
            [("class_teacher_id", "=", user.id)]
            if not user.has_group("school_ejournal.group_school_reader")
            else []
        )
        years = graded.class_id.year_id | classes.sudo().year_id
        periods = self.env["school.period"].search(
            [("year_id", "in", years.ids)], order="date_start, sequence, id"
        )
        today = fields.Date.context_today(self)
        return {
            "subjects": [
                {
                    "class_id": c.id,
                    "class_name": c.name,
                    "subject_id": s.id,
                    "subject_name": s.name,
                    "period_scheme": c.period_scheme,
                    "year_id": c.year_id.id,
                }
                for c, s in pairs
            ],
            "classes": [
                {"id": c.id, "name": c.name, "year_id": c.year_id.id, "period_scheme": c.period_scheme}
                for c in classes.sudo()
            ],
            "periods": [
                {
                    "id": p.id,
                    "name": p.name,
                    "type": p.period_type,
                    "year_id": p.year_id.id,
                    "current": p.date_start <= today <= p.date_end,
                    "closed": p.is_closed,
                }
                for p in periods
            ],
        }

    @api.model
    def get_period_mark_grid(self, class_id, subject_id, period_id):
        """Students x (marks, average, proposed, set mark, forecast) of a class and subject.

        Reads without writing anything: the rows are made when the teacher saves. For the
        subject's teacher (the own subgroups' students only), the class teacher and the readers,
        who read it without editing (SEC-3); refused to everybody else (issue 11).
        """
        class_id, subject_id, period_id = school_rpc_args.record_ids(
            self.env, [class_id, subject_id, period_id]
        )
        school_class = self.env["school.class"].browse(class_id)
        subject = self.env["school.subject"].browse(subject_id)
        readable = school_access.check_journal_reader(self.env, school_class, subject)
        user = self.env.user
        if (
            self.env.su
            or user.has_group(school_access.GROUP_READER)
            or school_class.sudo().class_teacher_id == user
        ):
            taught = school_access.taught_students(self.env, school_class, subject)
        else:
            # check_journal_reader returned what the caller teaches (issue 15: read once)
            taught = readable
        return self._period_mark_grid(school_class, subject_id, period_id, readable, taught)

    @api.model
    def _period_mark_grid(self, school_class, subject_id, period_id, readable, taught, read=None):
        """:meth:`get_period_mark_grid` once the caller's rights are known: ``readable`` as
        ``school_access.check_journal_reader`` returns it, ``taught`` as ``taught_students``."""
        class_id = school_class.id
        # sudo: name and grading of the subject, once the caller may read its journal
        subject = self.env["school.subject"].browse(subject_id).sudo()
        period = self.env["school.period"].browse(period_id)
        if read is None:
            # (with ``read``, the save checked it: _prepare_rows)
            period.check_access("read")
        class_sudo = school_class.sudo()
        policy = self._get_policy_or_raise(period, class_sudo)
        # the roster and mark sums the save just read, unchanged by it (issue 15)
        read = read or {}
        # the names only, not the students' and their contacts' whole rows, with the roster (issue 15)
        names = read.get("names")
        if names is None:
            names = {}
            students = self._get_roster(class_sudo, period, names)
        else:
            students = read["roster"]
        if readable is not True:
            students = students.filtered(lambda s: s.id in readable)
        students = students.sorted(lambda s: (*names[s.id][1:], s.id))
        date_from, date_to = self._get_mark_dates(period)
        if "sums" in read and set(students.ids) <= read["summed"]:
            sums = read["sums"]
        else:
            sums = self._get_mark_sums(class_id, subject_id, date_from, date_to, students.ids)
        # sudo: every row of the class's subject, which whoever reads its journal reads (the
        # record rules: readers, the class teacher, the subject's teachers; the caller's right
        # was checked by the caller), without evaluating the rules again (issue 15)
        rows = read.get("rows")
        if rows is None:
            rows = {
                p.student_id.id: p
                for p in self.sudo().search_fetch(
                    [
                        ("class_id", "=", class_id),
                        ("subject_id", "=", subject_id),
                        ("period_id", "=", period_id),
                    ],
                    ["student_id", "value", "is_attested", "is_late", "set_at", "published_at"],
                    order="id",
                )
            }
        weights = self._get_policy_weights(policy)
        rule = self._get_rule(policy)
        settings = policy._settings()
        min_marks = settings["min_marks"]
        today = fields.Date.context_today(self)
        deadline = period.date_end - timedelta(days=SET_BEFORE_END_DAYS)
        graded = class_sudo.grade > 1 and subject.is_graded
        lines = []
        for student in students:
            s, w, c = sums.get(student.id, (0.0, 0.0, 0))
            forecast = self._forecast(policy, s, w, weights, rule)
            row = rows.get(student.id)
            lines.append(
                {
                    "student_id": student.id,
                    "name": names[student.id][0],
                    "count": c,
                    "short": c < min_marks,
                    "average": forecast["average"],
                    "proposed": forecast["proposed"],
                    "forecast": {
                        k: forecast[k]
                        for k in (
                            "next",
                            "to_next_list",
                            "to_lose_list",
                            "weighted_sum",
                            "weight_sum",
                            "threshold_next",
                            "threshold_current",
                        )
                    },
                    "value": row.value if row else 0,
                    "is_attested": row.is_attested if row else True,
                    "is_late": row.is_late if row else False,
                    "set_at": fields.Datetime.to_string(row.set_at) if row and row.set_at else False,
                    "published_at": fields.Datetime.to_string(row.published_at)
                    if row and row.published_at
                    else False,
                }
            )
        return {
            "class": {"id": class_sudo.id, "name": class_sudo.name},
            "subject": {"id": subject.id, "name": subject.name},
            "period": {
                "id": period.id,
                "name": period.display_name,
                "type": period.period_type,
                "date_end": fields.Date.to_string(period.date_end),
                "deadline": fields.Date.to_string(deadline),
                "past_deadline": today > deadline,
                "closed": period.is_closed,
            },
            "policy": {
                "name": settings["name"],
                "min_marks": min_marks,
                "thresholds": [
                    {"mark": m, "average": t} for m, t in sorted(self._get_thresholds(policy).items())
                ],
                "weights": weights,
            },
            "mark_values": policy._get_mark_values(),
            "editable": bool(graded and taught is not None and not period.is_closed),
            "graded": graded,
            "rows": lines,
            "short_names": [line["name"] for line in lines if line["short"]],
        }

    @api.model
    def save_period_mark_grid(self, class_id, subject_id, period_id, values):
        """Save what the teacher set in the grid: {student_id: mark or 0}; only changed marks
        are written, grouped by value. Returns the fresh grid. The subject teacher's only:
        :meth:`action_prepare` refuses everybody else before anything is written."""
        class_id, subject_id, period_id = school_rpc_args.record_ids(
            self.env, [class_id, subject_id, period_id]
        )
        school_class = self.env["school.class"].browse(class_id)
        subject = self.env["school.subject"].browse(subject_id)
        taught = school_access.check_subject_teacher(self.env, school_class, subject)
        # ASCII digits of a mark or 0 (no mark); the scale is checked by the period mark itself
        Policy = self.env["school.grading.policy"]
        values = {
            student_id: Policy._parse_mark_value(value) if value not in (0, "0", "", None, False) else 0
            for student_id, value in school_rpc_args.id_mapping(self.env, values).items()
        }
        # the change log's entries of the whole grid: one append (issue 15)
        with self.env["school.journal.log"]._batched():
            read = {}
            rows = self._prepare_rows(school_class, subject, period_id, taught, list(values), read, values)
            # the subject teacher's right to every row, checked once (not once per mark value):
            # the rows are those of the students ``taught`` (check_subject_teacher) covers
            rows._check_teacher_of_subject(taught)
            changes = {row.id: values[row.student_id.id] for row in rows if row.student_id.id in values}
            # the marks of new rows in their INSERT, the others in one UPDATE (issue 15); the
            # change log records who set which mark (JOUR-7): no chatter message per row
            rows._set_marks(changes, read["inserted"])
        # the fresh grid, read with the rights checked above: the subject teacher reads the
        # whole class when also its class teacher or a reader (check_journal_reader)
        user = self.env.user
        readable = (
            True
            if self.env.su
            or user.has_group(school_access.GROUP_READER)
            or school_class.sudo().class_teacher_id == user
            else taught
        )
        return self._period_mark_grid(school_class, subject_id, period_id, readable, taught, read)

    @api.model
    def get_class_matrix(self, class_id, period_id):
        """The class teacher's view of own class: students x subjects with the set period
        mark, or the live average and proposal where none is set yet (FINAL-1, ROLE-4)."""
        school_access.check_staff(self.env)
        class_id, period_id = school_rpc_args.record_ids(self.env, [class_id, period_id])
        school_class = self.env["school.class"].browse(class_id)
        school_class.check_access("read")
        user = self.env.user
        class_sudo = school_class.sudo()
        if not (
            self.env.su
            or class_sudo.class_teacher_id == user
            or user.has_group("school_ejournal.group_school_reader")
        ):
            raise AccessError(_("Only the class teacher and the administration see the whole class."))
        period = self.env["school.period"].browse(period_id)
        policy = self._get_policy_or_raise(period, class_sudo)
        students = self._get_roster(class_sudo, period).sorted(
            lambda s: (s.last_name or "", s.first_name or "", s.middle_name or "", s.id)
        )
        date_from, date_to = self._get_mark_dates(period)
        sums = self._get_student_mark_sums(students.ids, date_from, date_to)
        set_marks = self.search([("class_id", "=", class_id), ("period_id", "=", period_id)])
        subjects = (
            self.env["school.curriculum.line"].sudo().search([("class_id", "=", class_id)]).subject_id
            | set_marks.subject_id.sudo()
            | self.env["school.subject"].sudo().browse({subject_id for (__, subject_id) in sums})
        )
        subjects = subjects.filtered("is_graded").sorted(lambda s: (s.sequence, s.name))
        by_cell = {(p.student_id.id, p.subject_id.id): p for p in set_marks}
        cells = {}
        for student in students:
            for subject in subjects:
                pmark = by_cell.get((student.id, subject.id))
                average, proposed = self._propose(
                    policy, *sums.get((student.id, subject.id), (0.0, 0.0, 0))[:2]
                )
                cells[f"{student.id}-{subject.id}"] = {
                    "value": pmark.value if pmark else 0,
                    "is_late": pmark.is_late if pmark else False,
                    "average": average,
                    "proposed": proposed,
                    "count": sums.get((student.id, subject.id), (0, 0, 0))[2],
                }
        return {
            "class": {"id": class_sudo.id, "name": class_sudo.name},
            "period": {"id": period.id, "name": period.display_name},
            "students": [{"id": s.id, "name": s.name} for s in students],
            "subjects": [{"id": s.id, "name": s.short_name or s.name} for s in subjects],
            "cells": cells,
            "min_marks": policy.min_marks,
        }

    # ------------------------------------------------------------------
    # For the e-diary: a student's forecasts (FINAL-2, FINAL-3, PORT-1, PORT-2)
    # ------------------------------------------------------------------

    @api.model
    def _get_student_forecasts(self, student, period):
        """Per subject of the student's class: the same figures as the teacher's grid.

        Called as the parent or the student (or staff): the caller must be allowed to read
        the student, otherwise AccessError. The period mark appears only once it may be seen
        (published, FINAL-3), as the record rules of the caller decide.

        Returns a list of dicts ordered by subject: subject_id, subject_name, count,
        min_marks, short, average, proposed, next, to_next_list, to_lose_list, weighted_sum,
        weight_sum, threshold_next, threshold_current, value, published_at.
        """
        student.ensure_one()
        student.check_access("read")
        period.check_access("read")
        Enrollment = self.env["school.enrollment"].sudo()
        enrollment = Enrollment.search(
            [("student_id", "=", student.id)]
            + Enrollment._valid_between_domain(period.date_start, period.date_end),
            order="date_start desc",
            limit=1,
        )
        school_class = enrollment.class_id
        if not school_class or school_class.grade == 1:
            return []
        policy = (
            self.env["school.grading.policy"].sudo()._get_policy(period.date_end, school_class.company_id)
        )
        if not policy:
            return []
        date_from, date_to = self._get_mark_dates(period)
        sums = self._get_student_mark_sums([student.id], date_from, date_to)
        curriculum = (
            self.env["school.curriculum.line"].sudo().search([("class_id", "=", school_class.id)]).subject_id
        )
        subjects = curriculum | self.env["school.subject"].sudo().browse([s for (__, s) in sums])
        subjects = subjects.filtered("is_graded").sorted(lambda s: (s.sequence, s.name))
        published = {
            p.subject_id.id: p
            for p in self.search([("student_id", "=", student.id), ("period_id", "=", period.id)])
            if p.published_at
        }
        weights = self._get_policy_weights(policy)
        result = []
        for subject in subjects:
            s, w, c = sums.get((student.id, subject.id), (0.0, 0.0, 0))
            forecast = self._forecast(policy, s, w, weights)
            pmark = published.get(subject.id)
            result.append(
                {
                    "subject_id": subject.id,
                    "subject_name": subject.name,
                    "count": c,
                    "min_marks": policy.min_marks,
                    "short": c < policy.min_marks,
                    "average": forecast["average"],
                    "proposed": forecast["proposed"],
                    "next": forecast["next"],
                    "to_next_list": forecast["to_next_list"],
                    "to_lose_list": forecast["to_lose_list"],
                    "weighted_sum": forecast["weighted_sum"],
                    "weight_sum": forecast["weight_sum"],
                    "threshold_next": forecast["threshold_next"],
                    "threshold_current": forecast["threshold_current"],
                    "value": pmark.value if pmark else False,
                    "published_at": pmark.published_at if pmark else False,
                }
            )
        return result
