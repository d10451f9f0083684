import copy
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date

from .school_log_snapshot import format_snapshot

# the logger of Odoo's own unlink(): deletions leave this trace whichever way they go
_unlink_logger = logging.getLogger("odoo.models.unlink")


# the fields of an entry that its lesson decides: record rules reading only these give every
# entry of a lesson the same verdict (``_check_access``)
LESSON_DECIDED_FIELDS = frozenset({"lesson_id", "date", "class_id", "subject_id", "period_id", "company_id"})

# the defaults of the create() in progress of each model instance, by the fields given
# (``_prepare_create_values``); emptied when it returns
_BATCH_DEFAULTS = {}


class SchoolJournalEntryMixin(models.AbstractModel):
    """Rules shared by marks and attendance entries of the journal (JOUR-3, JOUR-6, JOUR-8).

    Each change goes to the hash-chained change log (JOUR-7). Superuser operations (an
    approved correction request) skip the teacher's time limits but are logged too.
    """

    _name = "school.journal.entry.mixin"
    _inherit = ["school.taught.subject.mixin", "school.text.limit.mixin"]
    _description = "Journal Entry Rules"
    _text_limits = {"comment": 500}
    _order = "date, lesson_id, id"
    _check_company_auto = True

    _log_fields = ()

    # a student's entry at a lesson, and through the lesson its date, class, subject, period and
    # school (each model sets what deleting the lesson does to its entries)
    lesson_id = fields.Many2one("school.lesson", required=True, index=True)
    student_id = fields.Many2one(
        "school.student", required=True, ondelete="restrict", index=True, check_company=True
    )
    date = fields.Date(related="lesson_id.date", store=True, index=True, precompute=True)
    class_id = fields.Many2one(related="lesson_id.class_id", store=True, index=True, precompute=True)
    subject_id = fields.Many2one(related="lesson_id.subject_id", store=True, index=True, precompute=True)
    period_id = fields.Many2one(related="lesson_id.period_id", store=True, index=True, precompute=True)
    company_id = fields.Many2one(related="lesson_id.company_id", store=True, index=True, precompute=True)

    def _check_access(self, operation):
        """The record rules of a change of several entries checked on one entry of each lesson
        when they read only what the lesson decides: its teacher, class, subject, date, period
        and school, which every entry of the lesson shares (issue 15: a lesson's 30 entries are
        checked in Python one by one). A refusal, or a rule reading anything else (the
        student), goes through Odoo's check of every entry, which names the forbidden ones."""
        if len(self) > 1 and not self.env.su and operation in ("create", "write", "unlink"):
            ones = self._one_entry_per_lesson(operation)
            if ones is not None and super(SchoolJournalEntryMixin, ones)._check_access(operation) is None:
                return None
        return super()._check_access(operation)

    def _one_entry_per_lesson(self, operation):
        """One entry of each lesson of ``self``, or None when the record rules of ``operation``
        read a field that the lesson does not decide."""
        domain = self.env["ir.rule"]._compute_domain(self._name, operation)
        for leaf in domain or ():
            if isinstance(leaf, (list, tuple)) and len(leaf) == 3 and isinstance(leaf[0], str):
                if leaf[0].split(".", 1)[0] not in LESSON_DECIDED_FIELDS:
                    return None
            elif leaf not in ("&", "|", "!") and not isinstance(leaf, (list, tuple)):
                return None
        first = {}
        for entry in self.sudo():
            first.setdefault(entry.lesson_id.id, entry.id)
        return self.browse(list(first.values()))

    @api.model
    def _prepare_create_values(self, vals_list):
        """The defaults of a batch's entries looked up once per set of given fields, not once per
        entry (issue 15: a lesson's 30 entries; ``_add_missing_default_values``)."""
        _BATCH_DEFAULTS[id(self)] = {}
        try:
            return super()._prepare_create_values(vals_list)
        finally:
            _BATCH_DEFAULTS.pop(id(self), None)

    @api.model
    def _add_missing_default_values(self, values):
        memo = _BATCH_DEFAULTS.get(id(self))
        if memo is None:
            return super()._add_missing_default_values(values)
        key = frozenset(values)
        if key not in memo:
            result = super()._add_missing_default_values(values)
            memo[key] = {name: value for name, value in result.items() if name not in values}
            return result
        # the same defaults for the same given fields: the defaults depend on the environment
        # and the fields missing, never on the values given
        return dict(
            {
                name: copy.deepcopy(value) if isinstance(value, (list, dict)) else value
                for name, value in memo[key].items()
            },
            **values,
        )

    @api.model
    def _add_precomputed_values(self, vals_list):
        """The related fields of new entries (date, class, subject, period, school: see above)
        taken straight from their lessons, as superuser like the related fields read them: the
        ORM would build a new record per entry to compute the same values (issue 15: a
        lesson's 30 entries). The ORM's own path completes whatever is left."""
        fields_ = [field for field in self._fields.values() if field.precompute]
        if all(field.related and field.related.startswith("lesson_id.") for field in fields_):
            sources = [(field, field.related.split(".", 1)[1]) for field in fields_]
            todo = [
                vals
                for vals in vals_list
                if isinstance(vals.get("lesson_id"), int)
                and vals["lesson_id"]
                and not any(f.name in vals for f in fields_)
            ]
            # the lessons browsed together: one read for all, whatever the number of lessons
            lessons = self.env["school.lesson"].sudo().browse(sorted({vals["lesson_id"] for vals in todo}))
            # each lesson's values converted once, not once per entry (issue 15)
            values_of = {
                lesson.id: {
                    field.name: field.convert_to_write(lesson[source], self) for field, source in sources
                }
                for lesson in lessons
            }
            for vals in todo:
                vals.update(values_of[vals["lesson_id"]])
                vals["__precomputed__"] = set(fields_)
        return super()._add_precomputed_values(vals_list)

    @api.model
    def _prefetch_students(self, vals_list):
        """The students' school, which the company check of new records reads: that column only,
        not the students' whole rows (issue 15). Sudo: a column of the students named by the
        caller, who is refused anyway unless he may create these records."""
        student_ids = {vals["student_id"] for vals in vals_list if isinstance(vals.get("student_id"), int)}
        self.env["school.student"].sudo().browse(student_ids).fetch(["company_id"])

    def _check_company(self, fnames=None):
        """The company check of a batch of entries in one pass over the record cache (issue 15:
        Odoo's own check filters each entry's student and work type by a domain, one by one).
        Each related record must be of no school or of the entry's school, as Odoo's check
        requires; if one is not, Odoo's own check runs and refuses with its message."""
        names = [
            name
            for name in (self._fields if fnames is None or "company_id" in fnames else fnames)
            if self._fields[name].relational and self._fields[name].check_company
        ]
        fast = all(
            self._fields[name].type == "many2one"
            and not self._fields[name].company_dependent
            and "company_id" in self.env[self._fields[name].comodel_name]._fields
            and type(self.env[self._fields[name].comodel_name])._check_company_domain
            is models.BaseModel._check_company_domain
            for name in names
        )
        if fast and all(
            not record[name].company_id or record[name].company_id == record.company_id
            for record in self.sudo()
            for name in names
        ):
            return
        super()._check_company(fnames)

    def _check_students_of_lessons(self):
        """Only a student of that class or subgroup on that date (JOUR-3, JOUR-12).

        One check for a whole batch of entries. Read as superuser: a substitute writes a
        lesson of a class he does not teach (R 2.1).
        """
        entries = self.sudo()
        allowed = entries.lesson_id._get_students_map()
        for entry in entries:
            if entry.student_id.id not in allowed.get(entry.lesson_id.id, ()):
                lesson = entry.lesson_id
                raise ValidationError(
                    _(
                        "%(student)s was not a student of %(target)s on %(date)s.",
                        student=entry.student_id.name,
                        target=lesson.subgroup_id.display_name or lesson.class_id.name,
                        date=format_date(self.env, lesson.date),
                    )
                )

    def _check_lessons_editable(self, lessons):
        """Closed periods, cancelled lessons and (for teachers) the model's own time limits
        (``_check_lesson_dates``: for marks the edit window and the attestation date; JOUR-6,
        JOUR-8, P 4.4)."""
        for lesson in lessons:
            if lesson.state == "cancelled":
                raise UserError(_("The lesson of %s was cancelled.", format_date(self.env, lesson.date)))
        if self.env.su:
            return
        # inside one save (a batch of the change log, issue 15) each lesson is checked once per
        # model: the models do not check the same things
        checked = self.env["school.journal.log"]._batch_memo("editable_lessons")
        if checked is not None:
            lessons = lessons.filtered(lambda lesson: (self._name, self.env.uid, lesson.id) not in checked)
            checked.update((self._name, self.env.uid, lesson.id) for lesson in lessons)
            if not lessons:
                return
        self._check_lessons_open(lessons)

    @api.model
    def _lesson_verdicts_sql(self, alias):
        """The columns of the verdicts of the lesson row ``alias`` (see ``_check_lessons_open``):
        the closed period, whether period marks are set, the attestation date, the year's end."""
        # the periods are read under a share lock, which the close of one (an UPDATE of its row)
        # conflicts with: a close committed after this transaction's snapshot refuses it with a
        # serialization failure (the request is retried and sees the period closed), a close
        # under way waits for it (race audit; JOUR-8, P 4.1). The lock is taken in a subquery
        # aggregated as a whole: the filter on closed periods must not lock only those.
        return SQL(
            """(SELECT (array_agg(p.id ORDER BY p.own DESC, p.date_start, p.sequence, p.id)
                        FILTER (WHERE p.is_closed))[1]
                  FROM (SELECT p.id, p.is_closed, p.date_start, p.sequence,
                               p.id = %(lesson)s.period_id AS own
                          FROM school_period p
                         WHERE p.id = %(lesson)s.period_id
                            OR (p.year_id = %(lesson)s.year_id AND p.period_type = 'year'
                                AND %(lesson)s.date BETWEEN p.date_start AND p.date_end)
                           FOR SHARE OF p) p),
               %(marks_set)s,
               (SELECT p.attestation_date FROM school_period p WHERE p.id = %(lesson)s.period_id),
               (SELECT y.date_end FROM school_academic_year y WHERE y.id = %(lesson)s.year_id)""",
            lesson=SQL.identifier(alias),
            marks_set=self._period_marks_set_sql(alias),
        )

    @api.model
    def _period_marks_set_sql(self, alias):
        """Whether the period marks of the lesson row ``alias`` (its class, subject and period)
        were set on or after its day: the journal of that lesson is then closed to the teacher
        (JOUR-8, S 5.2). A lesson given after the period marks were set, in the last days of the
        period (they are set at least two days before its end, P 6.4), stays open to its record
        on the day it is given (R 2.1, R 2.2): the marks did not rest on it."""
        return SQL(
            """EXISTS (SELECT 1 FROM school_period_mark pm
                        WHERE pm.class_id = %(lesson)s.class_id AND pm.subject_id = %(lesson)s.subject_id
                          AND pm.period_id = %(lesson)s.period_id AND pm.value != 0
                          AND (pm.set_at IS NULL OR pm.set_at::date >= %(lesson)s.date))""",
            lesson=SQL.identifier(alias),
        )

    @api.model
    def _flush_lesson_verdicts(self, lessons):
        """Flush what ``_lesson_verdicts_sql`` reads."""
        self.env["school.period"].flush_model(
            ["is_closed", "year_id", "period_type", "date_start", "date_end", "sequence", "attestation_date"]
        )
        self.env["school.academic.year"].flush_model(["date_end"])
        self.env["school.period.mark"].flush_model(["class_id", "subject_id", "period_id", "value", "set_at"])
        lessons.flush_recordset(["period_id", "year_id", "date", "class_id", "subject_id"])

    def _check_lessons_open(self, lessons):
        """Refuse lessons of a closed period, or of the whole year once it is closed (JOUR-8,
        P 4.1), and lessons whose class already has period marks set in the subject (JOUR-8,
        S 5.2): the verdicts of ``school.lesson._check_period_open`` and of the period marks in
        one query, which also reads what ``_check_lesson_dates`` needs (issue 15). Inside a save
        (``_batched``) the verdicts read by the lock of its lesson are used (``_lock_cell``)."""
        self._flush_lesson_verdicts(lessons)
        # the lessons under a share lock (as their periods, see ``_lesson_verdicts_sql``): a change of
        # them committed meanwhile (cancelled, period marks set: ``school.period.mark``
        # ``_check_periods_open``) refuses this save with a serialization failure, as the journal
        # grid's lock (``school.journal.grid._lock_cell``) does
        verdicts = lessons.sudo()._read_lesson_rows(
            "lesson_verdicts", self._lesson_verdicts_sql("l"), lock=True
        )
        for lesson in lessons.sudo():
            closed_id = verdicts.get(lesson.id, (False,))[0]
            if closed_id:
                raise UserError(
                    _(
                        "The period %(period)s is closed for edits: the lesson of %(date)s cannot be "
                        "changed. File a correction request instead.",
                        period=self.env["school.period"].sudo().browse(closed_id).name,
                        date=format_date(self.env, lesson.date),
                    )
                )
        for lesson in lessons.sudo():
            if verdicts.get(lesson.id, (False, False))[1]:
                raise UserError(
                    _(
                        "Period marks of %(subject)s for %(period)s are set: the journal of this "
                        "period is closed to the teacher. File a correction request.",
                        subject=lesson.subject_id.name,
                        period=lesson.period_id.name,
                    )
                )
        self._check_lesson_dates(
            lessons,
            {
                lesson_id: {"attestation_date": row[2], "year_end": row[3]}
                for lesson_id, row in verdicts.items()
            },
        )

    def _check_lesson_dates(self, lessons, dates):
        """The model's own time limits of a teacher's change at ``lessons``; ``dates``:
        {lesson id: {"attestation_date": the date of its period's intermediate attestation,
        "year_end": the end of its academic year}}, read with the other verdicts."""

    def _delete(self):
        """``unlink()`` of journal entries without Odoo's clean-up of external ids, attachments
        and defaults pointing at them, which marks and attendance entries never have: three
        queries less per save of the journal grid (issue 15). The caller's right to delete, the
        journal's own checks and the change log (the ``ondelete`` methods) stay."""
        if not self:
            return True
        self.check_access("unlink")
        for method in self._ondelete_methods:
            method(self)
        self.env.flush_all()
        with self.env.protecting(self._fields.values(), self):
            self.modified(self._fields, before=True)
        for sub_ids in self.env.cr.split_for_in_conditions(self.ids):
            self.env.cr.execute(SQL("DELETE FROM %s WHERE id IN %s", SQL.identifier(self._table), sub_ids))
        # the deleted rows, and the relational fields of other models pointing at them
        self.invalidate_model(flush=False)
        self._invalidate_inbound(self._name)
        _unlink_logger.info("User #%s deleted %s records with IDs: %r", self.env.uid, self._name, self.ids)
        return True

    @api.model
    def _invalidate_inbound(self, model_name):
        """Invalidate the relational fields whose comodel is ``model_name``, after rows of it were
        inserted or deleted in SQL (their list is built once per registry)."""
        cache = self.env.registry.__dict__.setdefault("_school_inbound_fields", {})
        if model_name not in cache:
            inbound = {}
            for name, model in self.env.registry.items():
                for field in model._fields.values():
                    if field.relational and field.comodel_name == model_name:
                        inbound.setdefault(name, []).append(field.name)
            cache[model_name] = inbound
        for name, fnames in cache[model_name].items():
            self.env[name].invalidate_model(fnames, flush=False)

    def _log_changes(self, action, records_values):
        """Write change-log entries: ``records_values`` is a list of (record, old, new) dicts."""
        self.env["school.journal.log"]._append_by_caller(
            [
                {
                    "model": self._name,
                    "res_id": record.id,
                    "lesson_id": record.lesson_id.id,
                    "student_id": record.student_id.id,
                    "action": action,
                    "old_value": old,
                    "new_value": new,
                }
                for record, old, new in records_values
            ]
        )

    def _log_snapshot(self):
        """Canonical text of the logged fields of one entry."""
        self.ensure_one()
        parts = []
        for name in self._log_fields:
            value = self[name]
            if isinstance(value, models.BaseModel):
                value = value.display_name or ""
            elif isinstance(value, bool) and self._fields[name].type != "boolean":
                value = ""
            parts.append((name, value))
        return format_snapshot(parts)

    def _today(self):
        return fields.Date.context_today(self)
