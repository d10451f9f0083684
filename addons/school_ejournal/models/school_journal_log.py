import re
from contextlib import contextmanager
from functools import lru_cache

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, ormcache

from .school_lesson import LOGGED_EDITS, LOGGED_TEXTS
from .school_log_snapshot import (
    as_legacy,
    format_snapshot,
    legacy_snapshot,
    parse_json_snapshot,
    snapshot_fields,
)

# the first key of the advisory lock of a school's chain (the second is the school)
CHAIN_LOCK_KEY = 7_310_2026
# the journal's own records whose current values the verification reconciles with the log
RECONCILED_MODELS = ("school.mark", "school.attendance", "school.period.mark")
# the names of directory records that the logged texts hold, by the snapshot's key: {model:
# {key: field}}; renaming such a record is logged (``_log_renames``) so that the texts logged
# under its former names still reconcile
NAMED_IN_TEXTS = {
    "school.mark": {"work_type_id": "work_type_id"},
    "school.period.mark": {"period": "period_id"},
}
# the keys of the texts logged for a model, in their order, where they are not the model's
# ``_log_fields`` (marks, attendance): a lesson's change ("date=...; topic=..."), a period
# mark, an individual homework, a rename of a work type or a period (``_parse_snapshot``)
SNAPSHOT_KEYS = {
    "school.lesson": ("date", "lesson_number", *LOGGED_EDITS),
    "school.period.mark": ("period", "value", "is_attested"),
    "school.homework.individual": ("student_ids", "due_date", "text"),
    "school.work.type": ("name",),
    "school.period": ("name",),
}
# the models whose entries name the same keys in their old and new texts: the fields changed
SAME_KEYS_MODELS = ("school.lesson",)
# the field types whose logged values never hold a "; " (numbers, dates, codes)
SNAPSHOT_PLAIN_TYPES = ("integer", "float", "monetary", "boolean", "selection", "date", "datetime")
# the cursor's list of entries held back by _batched() (issue 15)
PENDING_KEY = "school_journal_log_pending"
MEMO_KEY = "school_journal_log_memo"
# work deferred to the end of a _batched() block: {name: (callback, ids)} (issue 15)
DEFER_KEY = "school_journal_log_deferred"


@lru_cache(maxsize=32)
def _snapshot_regex(keys):
    """The pattern of a whole logged text made of ``keys`` ((name, plain), ...), each at most
    once and in their order: a plain value holds no ";", a text value ends at the first
    "; <later key>=" after which the rest of the text still reads as the later keys."""
    parts = [
        "(?:(?:^|; )%s=(?P<k%d>%s))?" % (re.escape(name), index, "[^;]*" if plain else ".*?")
        for index, (name, plain) in enumerate(keys)
    ]
    return re.compile("".join(parts), re.DOTALL)


class SchoolJournalLog(models.Model):
    """Append-only, keyed hash chain of changes of marks, attendance and period marks
    (JOUR-7, ARCH-2, FINAL-1, issue 12).

    Each entry stores who, when, old and new value and the reason, in its school's chain
    (``school.hash.chain.mixin``): numbered, linked to the previous entry and signed with the
    key kept outside the database. Every column a report prints is signed (``hash_version``
    1). Nobody writes or deletes entries; ``school.chain.verification`` checks the chain,
    its anchors and the journal's current values against it.
    """

    _name = "school.journal.log"
    _inherit = ["school.hash.chain.mixin"]
    _description = "Journal Change Log"
    _order = "sequence desc"
    _rec_name = "sequence"
    _chain_lock_key = CHAIN_LOCK_KEY
    _chain_hashed_fields = {
        1: (
            "sequence",
            "company_id",
            "logged_at",
            "user_id",
            "model",
            "res_id",
            "action",
            "lesson_id",
            "student_id",
            "class_id",
            "subject_id",
            "lesson_date",
            "old_value",
            "new_value",
            "reason",
            "is_invalid",
        ),
    }

    logged_at = fields.Datetime(string="When", readonly=True, required=True, index=True)
    user_id = fields.Many2one("res.users", string="Who", readonly=True, required=True, index=True)
    model = fields.Char(string="Record Type", readonly=True, required=True)
    res_id = fields.Integer(string="Record ID", readonly=True)
    action = fields.Selection(
        [
            ("create", "Entered"),
            ("write", "Changed"),
            ("unlink", "Deleted"),
            ("invalidate", "Declared invalid"),
        ],
        readonly=True,
        required=True,
    )
    # restrict: both are hashed, so the database must never rewrite them (and a lesson with a
    # logged history is never deleted with its attendance unlogged)
    lesson_id = fields.Many2one("school.lesson", readonly=True, index=True, ondelete="restrict")
    student_id = fields.Many2one("school.student", readonly=True, index=True, ondelete="restrict")
    class_id = fields.Many2one("school.class", readonly=True, index=True, ondelete="restrict")
    subject_id = fields.Many2one("school.subject", readonly=True, index=True, ondelete="restrict")
    lesson_date = fields.Date(readonly=True)
    old_value = fields.Char(readonly=True)
    new_value = fields.Char(readonly=True)
    reason = fields.Char(readonly=True)
    is_invalid = fields.Boolean(
        string="Invalid",
        readonly=True,
        help="Made by an account after its credentials were reported compromised.",
    )
    # the change as people read it: "Mark: 3 → 4", not "value=3; work_type_id=…" (issue 13);
    # the stored old_value / new_value stay the canonical text that the hash chain covers
    change_description = fields.Char(string="Change", compute="_compute_change_description")

    def init(self):
        # the reconciliation reads the last entry of each record (issue 12)
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS school_journal_log_model_res_id_index "
            "ON school_journal_log (model, res_id, sequence)"
        )

    @api.model
    def _append(self, vals_list):
        """Append entries to their schools' chains (only through the journal's own models).

        An entry takes its class, subject, date and school from its lesson, or from its own
        values (a period mark has no lesson).
        """
        if not vals_list:
            return self.browse()
        now = fields.Datetime.now()
        user = self.env.context.get("journal_log_user_id") or self.env.uid
        reason = self.env.context.get("journal_log_reason") or ""
        lessons = (
            self.env["school.lesson"]
            .sudo()
            .browse({v.get("lesson_id") for v in vals_list if v.get("lesson_id")})
        )
        lesson_info = {
            lesson.id: {
                "class_id": lesson.class_id.id,
                "subject_id": lesson.subject_id.id,
                "lesson_date": lesson.date,
                "company_id": lesson.company_id.id,
            }
            for lesson in lessons
        }
        by_company = {}
        for vals in vals_list:
            # is_invalid is set by _chain_seal_extra, with the chain's head
            entry = dict(vals, logged_at=now, user_id=user, reason=reason)
            entry.update(lesson_info.get(vals.get("lesson_id"), {}))
            entry["company_id"] = entry.get("company_id") or self.env.company.id
            by_company.setdefault(entry["company_id"], []).append(entry)
        pending = self.env.cr.cache.get(PENDING_KEY)
        if pending is not None:
            # inside _batched(): sealed and written once, at its end
            for company_id, entries in by_company.items():
                pending.setdefault(company_id, []).extend(entries)
            return self.browse()
        return self._write_entries(by_company)

    @api.model
    def _append_by_caller(self, vals_list):
        """``_append`` the entries of a change made by the caller: only the system (an approved
        correction request, as superuser) names another author or a reason in the context."""
        Log = self if self.env.su else self.with_context(journal_log_user_id=False, journal_log_reason=False)
        return Log.sudo()._append(vals_list)

    def _write_entries(self, by_company):
        """Seal {school: [entry values]} at the heads of the schools' chains and write them.

        The chain is written here only, past this model's own create(), which refuses all
        others: in one INSERT (issue 15), as nothing of the ORM's create() applies to an entry
        (no default, no computed or related stored field, no relation of another model to it).
        """
        to_create = []
        for company_id, entries in sorted(by_company.items()):
            to_create += self._chain_seal(company_id, entries)
        if not to_create:
            return self.browse()
        names = sorted(set().union(*to_create))
        columns = [(name, self._fields[name]) for name in names]
        uid, now = self.env.uid, self.env.cr.now()
        # one placeholder per value, the values as the query's parameters: no SQL object per
        # value (issue 15: a lesson's 30 entries are 700 values)
        row = "(" + ", ".join(["%s"] * (len(names) + 4)) + ")"
        self.env.cr.execute(
            SQL(
                "INSERT INTO school_journal_log (%s, create_uid, create_date, write_uid, write_date) "
                f"VALUES {', '.join([row] * len(to_create))} RETURNING id",
                SQL(", ").join(SQL.identifier(name) for name in names),
                *(
                    value
                    for vals in to_create
                    for value in (
                        *(field.convert_to_column(vals.get(name), self) for name, field in columns),
                        uid,
                        now,
                        uid,
                        now,
                    )
                ),
            )
        )
        entries = self.browse([row[0] for row in self.env.cr.fetchall()])
        self.env["school.journal.entry.mixin"]._invalidate_inbound(self._name)
        return entries

    @api.model
    def _chain_seal_extra(self, vals_list):
        """The entries made by an account after its credentials were reported compromised are
        invalid (SEC-2): the authors' compromise times are read with the chain's head (issue 15)."""
        self.env["res.users"].flush_model(["school_compromised_since"])
        user_ids = sorted({vals["user_id"] for vals in vals_list})
        expression = SQL(
            "(SELECT json_object_agg(id, school_compromised_since) FROM res_users "
            "WHERE id = ANY(%s) AND school_compromised_since IS NOT NULL)",
            user_ids,
        )

        def apply(vals_list, value):
            since = {
                int(user_id): fields.Datetime.to_datetime(text.replace("T", " ")[:19])
                for user_id, text in (value or {}).items()
                if text
            }
            for vals in vals_list:
                compromised = since.get(vals["user_id"])
                vals["is_invalid"] = bool(compromised and compromised <= vals["logged_at"])

        return expression, apply

    @contextmanager
    def _batched(self):
        """Hold back the entries appended inside the block and append them at its end, under
        one holding of the chain lock and one insert (issue 15: a save of a whole lesson's
        attendance or of a class's period marks is one append, not one per row). Nothing is
        appended when the block raises: its changes are rolled back with it."""
        cache = self.env.cr.cache
        if cache.get(PENDING_KEY) is not None:
            yield
            return
        pending = cache[PENDING_KEY] = {}
        try:
            yield
            # the work deferred by the block's records, once for all of them (_batch_defer)
            while cache.get(DEFER_KEY):
                __, (callback, ids) = cache[DEFER_KEY].popitem()
                callback(ids)
        finally:
            cache.pop(PENDING_KEY, None)
            cache.pop(MEMO_KEY, None)
            cache.pop(DEFER_KEY, None)
        if pending:
            self.sudo()._write_entries(pending)

    def _batch_defer(self, name, ids, callback):
        """Call ``callback(ids)`` now, or inside a _batched() block once at its end with every
        id deferred under ``name`` meanwhile (one follow-up sync for a whole grid's save)."""
        if self.env.cr.cache.get(PENDING_KEY) is None:
            callback(list(ids))
            return
        deferred = self.env.cr.cache.setdefault(DEFER_KEY, {})
        deferred.setdefault(name, (callback, []))[1].extend(ids)

    def _batch_memo(self, name, factory=set):
        """A set (or ``factory()``) kept while a _batched() block runs (None outside): what one
        save has checked or read."""
        if self.env.cr.cache.get(PENDING_KEY) is None:
            return None
        memo = self.env.cr.cache.setdefault(MEMO_KEY, {})
        if name not in memo:
            memo[name] = factory()
        return memo[name]

    @api.model
    def _flag_invalid(self, user, since):
        """Flag every operation of ``user`` from ``since`` on as invalid (SEC-2).

        The flag is signed: flagging appends one signed "declared invalid" entry per school,
        which the verification accepts as the reason of the later flags (``_chain_candidates``).
        """
        self.flush_model()
        self.env.cr.execute(
            "SELECT DISTINCT company_id FROM school_journal_log WHERE user_id = %s AND logged_at >= %s",
            [user.id, since],
        )
        companies = [row[0] for row in self.env.cr.fetchall()]
        since_text = fields.Datetime.to_string(since)
        self.with_context(journal_log_reason=False, journal_log_user_id=self.env.uid)._append(
            [
                {
                    "model": "res.users",
                    "res_id": user.id,
                    "action": "invalidate",
                    "new_value": since_text,
                    "company_id": company_id,
                }
                for company_id in companies
            ]
        )
        self.env.cr.execute(
            "UPDATE school_journal_log SET is_invalid = TRUE "
            "WHERE user_id = %s AND logged_at >= %s AND action != 'invalidate'",
            [user.id, since],
        )
        self.invalidate_model(["is_invalid"])

    @api.model
    def _chain_invalidations(self, company_id):
        """{user id: earliest "declared invalid" time} of the school's chain."""
        self.flush_model()
        self.env.cr.execute(
            "SELECT res_id, min(new_value) FROM school_journal_log "
            "WHERE company_id = %s AND action = 'invalidate' GROUP BY res_id",
            [company_id],
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _chain_candidates(self, row, context):
        """A flag set later by a "declared invalid" entry was signed unset (SEC-2)."""
        since = (context or {}).get("invalidations", {}).get(row["user_id"])
        if row["is_invalid"] and since and fields.Datetime.to_string(row["logged_at"]) >= since:
            return [row, dict(row, is_invalid=False)]
        return [row]

    # refusals on purpose: entries are only appended by _append(), never written afterwards
    @api.model_create_multi
    def create(self, vals_list):  # pylint: disable=method-required-super
        raise UserError(_("The change log is written by the journal itself."))

    def _chain_refusal(self, operation):
        if operation == "write":
            return _("Entries of the change log cannot be changed.")
        return _("Entries of the change log cannot be deleted.")

    @api.ondelete(at_uninstall=True)
    def _unlink_never(self):
        """Not even uninstalling the addon deletes the change log (JOUR-7)."""
        return super()._unlink_never()

    # ------------------------------------------------------------------
    # Verification (issue 12)
    # ------------------------------------------------------------------
    @api.model
    def _verify_company(self, company_id, anchors=()):
        """The chain's verification of one school, with its flags of SEC-2 (see the mixin)."""
        invalidations = self._chain_invalidations(company_id)
        result = self._chain_verify(company_id, anchors, context={"invalidations": invalidations})
        # a flag cleared although a "declared invalid" entry covers the operation
        for user_id, since in invalidations.items():
            self.env.cr.execute(
                "SELECT sequence FROM school_journal_log WHERE company_id = %s AND user_id = %s "
                "AND logged_at >= %s AND action != 'invalidate' AND NOT is_invalid ORDER BY sequence",
                [company_id, user_id, since],
            )
            for (sequence,) in self.env.cr.fetchall():
                result["findings"].append(
                    (sequence, _("The entry was declared invalid, but its flag was removed."))
                )
        result["findings"].sort(key=lambda finding: finding[0])
        return result

    @api.model
    def _verify_chain(self, company=None):
        """First broken entry as (id, number) of the school's chain (all schools by default),
        or False. Chain and anchors only; ``school.chain.verification`` does the rest."""
        companies = company or self.env["res.company"].sudo().search([])
        Anchor = self.env["school.chain.anchor"].sudo()
        for company_id in companies.ids:
            result = self._verify_company(company_id, Anchor._anchors_of(self._name, company_id))
            if result["findings"]:
                sequence = result["findings"][0][0]
                entry = self.sudo().search(
                    [("company_id", "=", company_id), ("sequence", ">=", sequence)], order="sequence", limit=1
                )
                return entry.id, sequence
        return False

    @api.model
    def _reconcile_where(self, model, record=None, row=None):
        """Where a reconciled record is (or was): its kind, lesson or period, and student."""
        kinds = {
            "school.mark": _("Mark"),
            "school.attendance": _("Attendance"),
            "school.period.mark": _("Period mark"),
        }
        if record is not None:
            if model == "school.period.mark":
                place = f"{record.period_id.name}, {record.subject_id.name}, {record.class_id.name}"
            else:
                lesson = record.lesson_id
                place = (
                    f"{lesson.date.strftime('%d.%m.%Y')}, {lesson.subject_id.name}, {lesson.class_id.name}"
                )
            student = record.student_id.name
        else:
            lesson_date = row["lesson_date"]
            parts = [lesson_date.strftime("%d.%m.%Y") if lesson_date else ""]
            parts += [
                self.env[comodel].sudo().browse(row[name]).name or ""
                for comodel, name in (("school.subject", "subject_id"), ("school.class", "class_id"))
                if row[name]
            ]
            place = ", ".join(part for part in parts if part)
            student = self.env["school.student"].sudo().browse(row["student_id"]).name or ""
        return _("%(kind)s, %(place)s, %(student)s", kind=kinds[model], place=place, student=student)

    @api.model
    def _reconcile_snapshots(self, records, langs):
        """{id: the texts ``_log_snapshot`` gives in each language} of ``records``.

        Marks and attendance entries are read in one query per batch and formatted like
        ``_log_snapshot`` does (a year of a large school holds 440,000 of them); other records
        go through the ORM.
        """
        current = {record.id: set() for record in records}
        log_fields = getattr(records, "_log_fields", ())
        fields_ = [records._fields[name] for name in log_fields]
        if (
            not records
            or not log_fields
            or any(f.type in ("many2many", "one2many") or not f.store for f in fields_)
        ):
            for lang in langs:
                for record in records.with_context(lang=lang):
                    text = record._log_snapshot() or ""
                    current[record.id].update((text, as_legacy(text)))
            return current
        self.env.cr.execute(
            SQL(
                "SELECT id, %s FROM %s WHERE id IN %s",
                SQL(", ").join(SQL.identifier(f.name) for f in fields_),
                SQL.identifier(records._table),
                tuple(records.ids),
            )
        )
        rows = self.env.cr.fetchall()
        names = {}
        for field in fields_:
            if field.type == "many2one":
                ids = {row[1 + fields_.index(field)] for row in rows} - {None}
                comodel = self.env[field.comodel_name].sudo().with_context(active_test=False).browse(ids)
                names[field.name] = {}
                for lang in langs:
                    for target in comodel.with_context(lang=lang):
                        names[field.name].setdefault(target.id, set()).add(target.display_name or "")
        for row in rows:
            variants = [()]
            for index, field in enumerate(fields_):
                value = row[1 + index]
                if field.type == "many2one":
                    texts = names[field.name].get(value, {""}) if value else {""}
                elif field.type in ("integer", "float", "monetary"):
                    texts = {str(field.convert_to_cache(value or 0, records))}
                elif field.type == "boolean":
                    texts = {str(bool(value))}
                else:
                    texts = {str(value) if value not in (None, False) else ""}
                variants = [(*prefix, (field.name, text)) for prefix in variants for text in texts]
            # the text logged before the JSON form (``as_legacy``), and the JSON form logged now
            # where a value holds a ";" (``format_snapshot``): the same text otherwise
            for pairs in variants:
                current[row[0]].add(legacy_snapshot(pairs))
                if any(";" in text for __, text in pairs):
                    current[row[0]].add(format_snapshot(pairs))
        return current

    @api.model
    def _reconcile(self, company_id, batch=2000):
        """Compare the current value of every mark, attendance entry and period mark of the
        school with its last logged value, a range of ids at a time (bounded memory).

        Returns the differences as texts: changed, entered or deleted outside the journal.
        """
        cr = self.env.cr
        findings = []
        # the logged text names the work type in the language of whoever made the change
        langs = {code for code, _name in self.env["res.lang"].get_installed()} | {
            self.env.lang or "en_US",
            "en_US",
        }
        self.flush_model()
        # the lessons' dates, classes, subjects, periods and schools their entries copy
        self.env["school.lesson"].flush_model()
        former_names = self._former_names()
        for model in RECONCILED_MODELS:
            Model = self.env[model].sudo().with_context(active_test=False)
            Model.flush_model()
            table = SQL.identifier(Model._table)
            cr.execute(
                SQL(
                    "SELECT GREATEST((SELECT max(id) FROM %s WHERE company_id = %s), "
                    "(SELECT max(res_id) FROM school_journal_log WHERE model = %s AND company_id = %s))",
                    table,
                    company_id,
                    model,
                    company_id,
                )
            )
            top = cr.fetchone()[0] or 0
            for low in range(0, top, batch):
                high = low + batch
                cr.execute(self._reconcile_places_sql(Model, company_id, low, high))
                places = {row[0]: row for row in cr.fetchall()}
                records = Model.browse(list(places))
                cr.execute(
                    SQL(
                        """SELECT DISTINCT ON (res_id) res_id, new_value, lesson_id, student_id,
                                  class_id, subject_id, lesson_date
                             FROM school_journal_log
                            WHERE model = %s AND company_id = %s AND res_id > %s AND res_id <= %s
                         ORDER BY res_id, sequence DESC""",
                        model,
                        company_id,
                        low,
                        high,
                    )
                )
                logged = {row["res_id"]: row for row in cr.dictfetchall()}
                current = self._reconcile_snapshots(records, langs)
                for record in records:
                    findings += self._reconcile_place(model, record, places[record.id], logged.get(record.id))
                    last = (logged.get(record.id) or {}).get("new_value") or ""
                    if last in current[record.id]:
                        continue
                    variants = current[record.id] | self._reconcile_older(
                        getattr(Model, "_log_fields", ()), last, current[record.id], model
                    )
                    if last in variants or self._reconcile_renamed(record, last, variants, former_names):
                        continue
                    # the findings name the values as «key=value; ...», whichever form holds them
                    now = as_legacy(record._log_snapshot() or "")
                    last = as_legacy(last)
                    where = self._reconcile_where(model, record=record)
                    if not last:
                        findings.append(
                            _(
                                "%(where)s: «%(now)s» has no entry in the log: entered outside the journal.",
                                where=where,
                                now=now,
                            )
                        )
                    else:
                        findings.append(
                            _(
                                "%(where)s: the journal holds «%(now)s», the log's last value is "
                                "«%(last)s»: changed outside the journal.",
                                where=where,
                                now=now,
                                last=last,
                            )
                        )
                for res_id, row in logged.items():
                    if res_id not in current and row["new_value"]:
                        findings.append(
                            _(
                                "%(where)s: the log's last value «%(last)s» is gone from the journal: "
                                "deleted outside the journal.",
                                where=self._reconcile_where(model, row=row),
                                last=as_legacy(row["new_value"]),
                            )
                        )
                # bounded memory: nothing of this range stays in the cache
                self.env.invalidate_all()
        return (
            findings
            + self._reconcile_lesson_dates(company_id)
            + self._reconcile_lesson_edits(company_id)
            + self._reconcile_homework(company_id)
        )

    @api.model
    @ormcache("Model._name")
    def _reconcile_place_fields(self, Model):
        """The fields that say where a record of ``Model`` is: (those its log entries name as
        well: its lesson and student, or the student, class and subject of a period mark;
        the stored fields it copies from its lesson: date, class, subject, period, school)."""
        logged = tuple(
            name
            for name in ("lesson_id", "student_id", "class_id", "subject_id")
            if name in Model._fields and Model._fields[name].store and not Model._fields[name].related
        )
        copied = tuple(
            (field.name, field.related.split(".", 1)[1])
            for field in Model._fields.values()
            if field.store
            and field.related
            and field.related.startswith("lesson_id.")
            and field.related.count(".") == 1
        )
        return logged, copied

    @api.model
    @ormcache("Model._name")
    def _reconcile_by_class_year(self, Model):
        """Whether the period and year of a record of ``Model`` (a period mark: no lesson) are
        checked against its class's school year."""
        return "lesson_id" not in Model._fields and all(
            name in Model._fields and Model._fields[name].store
            for name in ("class_id", "period_id", "year_id")
        )

    @api.model
    def _reconcile_places_sql(self, Model, company_id, low, high):
        """The records of the school in the range of ids, each with the fields its log entries
        name and whether a field copied from its lesson differs from the lesson's (issue 12)."""
        logged, copied = self._reconcile_place_fields(Model)
        differs = SQL("FALSE")
        if copied:
            differs = SQL(" OR ").join(
                SQL("r.%s IS DISTINCT FROM l.%s", SQL.identifier(name), SQL.identifier(source))
                for name, source in copied
            )
        elif self._reconcile_by_class_year(Model):
            # a period mark's period and year are its class's school year's: the log names the
            # period by its name, which another year's period of the same name shares
            differs = SQL(
                """(SELECT c.year_id FROM school_class c WHERE c.id = r.class_id)
                       IS DISTINCT FROM (SELECT p.year_id FROM school_period p WHERE p.id = r.period_id)
                   OR r.year_id IS DISTINCT FROM
                       (SELECT c.year_id FROM school_class c WHERE c.id = r.class_id)"""
            )
        return SQL(
            "SELECT r.id, %s, %s FROM %s r %s "
            "WHERE r.company_id = %s AND r.id > %s AND r.id <= %s ORDER BY r.id",
            differs,
            SQL(", ").join(SQL("r.%s", SQL.identifier(name)) for name in logged),
            SQL.identifier(Model._table),
            SQL("LEFT JOIN school_lesson l ON l.id = r.lesson_id") if copied else SQL(""),
            company_id,
            low,
            high,
        )

    @api.model
    def _reconcile_place(self, model, record, place, last):
        """The findings of ``record`` moved behind the journal's back: to another lesson,
        student, class or subject than its last entry names (``last``, a row of the log), or
        away from its own lesson's date, class, subject, period or school (``place``, a row of
        ``_reconcile_places_sql``)."""
        findings = []
        logged, __ = self._reconcile_place_fields(record)
        if last and any(
            last[name] and last[name] != value for name, value in zip(logged, place[2:], strict=True)
        ):
            findings.append(
                _(
                    "%(where)s: the log has it at «%(logged)s»: moved outside the journal.",
                    where=self._reconcile_where(model, record=record),
                    logged=self._reconcile_where(model, row=last),
                )
            )
        if place[1] and self._reconcile_by_class_year(record):
            findings.append(
                _(
                    "%(where)s: its period or school year is not its class's: moved outside the journal.",
                    where=self._reconcile_where(model, record=record),
                )
            )
        elif place[1]:
            findings.append(
                _(
                    "%(where)s: its date, class, subject, period or school differs from its "
                    "lesson's: moved outside the journal.",
                    where=self._reconcile_where(model, record=record),
                )
            )
        return findings

    @api.model
    def _reconcile_older(self, log_fields, last, variants, model=None):
        """The texts of ``variants`` without the fields that ``last``, an entry written before
        they were logged, lacks: fields added to a model's ``_log_fields`` later, at its end
        (the weight of a mark). Empty unless ``last`` lacks such fields only."""
        names = set(self._parse_snapshot(last, model))
        missing = [name for name in log_fields if name not in names]
        if not names or not missing or missing != list(log_fields[len(log_fields) - len(missing) :]):
            return set()
        older = set()
        for text in variants:
            values = parse_json_snapshot(text)
            if values is not None:
                older.add(
                    format_snapshot((key, value) for key, value in values.items() if key not in missing)
                )
                continue
            for name in reversed(missing):
                text = text.rsplit(f"; {name}=", 1)[0]
            older.add(text)
        return older

    @api.model
    def _log_renames(self, records, old):
        """Log the renaming of ``records`` (work types, periods) whose names the logged texts
        hold (``NAMED_IN_TEXTS``); ``old``: {id: {language: name}} before the change. In the
        chain of the record's school, or of the current one for a record of all schools."""
        vals_list = []
        for record in records.sudo():
            for lang, name in old.get(record.id, {}).items():
                new = record.with_context(lang=lang).name
                if new != name:
                    vals_list.append(
                        {
                            "model": record._name,
                            "res_id": record.id,
                            "action": "write",
                            "old_value": format_snapshot([("name", name or "")]),
                            "new_value": format_snapshot([("name", new or "")]),
                            "company_id": record.company_id.id or self.env.company.id,
                        }
                    )
        self._append_by_caller(vals_list)

    @api.model
    def _former_names(self):
        """{(model, id): every name the logged renames gave the record or took from it}, of
        every school's chain (work types may serve all schools)."""
        models_ = sorted(
            {
                self.env[model]._fields[field].comodel_name
                for model, keys in NAMED_IN_TEXTS.items()
                for field in keys.values()
            }
        )
        self.env.cr.execute(
            "SELECT model, res_id, old_value, new_value FROM school_journal_log "
            "WHERE model IN %s AND action = 'write'",
            [tuple(models_)],
        )
        names = {}
        for model, res_id, *texts in self.env.cr.fetchall():
            names.setdefault((model, res_id), set()).update(
                values["name"]
                for values in (self._parse_snapshot(text, model) for text in texts if text)
                if "name" in values
            )
        return names

    @api.model
    def _reconcile_renamed(self, record, last, variants, former):
        """Whether ``last``, the logged text of ``record``, is one of ``variants`` but for the
        name of a work type or a period renamed since (``former``: ``_former_names``)."""
        keys = NAMED_IN_TEXTS.get(record._name)
        if not keys or not former:
            return False
        logged = self._parse_snapshot(last, record._name)
        renamed = {
            key: former.get((record[field]._name, record[field].id), set()) for key, field in keys.items()
        }
        for text in variants:
            current = self._parse_snapshot(text, record._name)
            if current.keys() == logged.keys() and all(
                value == logged[key] or logged[key] in renamed.get(key, ()) for key, value in current.items()
            ):
                return True
        return False

    @api.model
    def _reconcile_lesson_edits(self, company_id):
        """The lessons whose topic, homework or state differs from the last value the log
        holds, where that value is one whose every change is logged (``school.lesson.
        _logged_before``): a topic or homework once entered, a cancellation."""
        self.env.cr.execute(
            "SELECT res_id, old_value, new_value FROM school_journal_log WHERE model = 'school.lesson' "
            "AND company_id = %s AND action = 'write' ORDER BY res_id, sequence",
            [company_id],
        )
        last = {}
        for lesson_id, *texts in self.env.cr.fetchall():
            __, new = self._parse_snapshots(texts, "school.lesson")
            for name, value in new.items():
                last[(lesson_id, name)] = value
        checked = {
            key: value
            for key, value in last.items()
            if (key[1] in LOGGED_TEXTS and value) or (key[1] == "state" and value == "cancelled")
        }
        findings = []
        lessons = self.env["school.lesson"].sudo().browse(sorted({lesson_id for lesson_id, __ in checked}))
        # the lessons read together, not one query each
        by_id = {lesson.id: lesson for lesson in lessons}
        for (lesson_id, name), value in sorted(checked.items()):
            lesson = by_id[lesson_id]
            now = lesson._log_text(name)
            if now != value:
                findings.append(self._lesson_finding(lesson, f"{name}={now}", f"{name}={value}"))
        return findings

    @api.model
    def _reconcile_homework(self, company_id):
        """The individual homework whose due date or text differs from the last value the log
        holds, or that is gone although the log's last value holds it: once changed through
        the journal, each of its changes is logged (``school.homework.individual``). Its
        students are named in the log by their names, which may be corrected meanwhile."""
        self.env["school.homework.individual"].flush_model()
        self.env.cr.execute(
            "SELECT DISTINCT ON (res_id) res_id, new_value, lesson_id FROM school_journal_log "
            "WHERE model = 'school.homework.individual' AND company_id = %s ORDER BY res_id, sequence DESC",
            [company_id],
        )
        rows = self.env.cr.fetchall()
        homeworks = self.env["school.homework.individual"].sudo().browse([row[0] for row in rows]).exists()
        current = {homework.id: homework._log_snapshot() for homework in homeworks}
        lessons = self.env["school.lesson"].sudo().browse([row[2] for row in rows])
        findings = []
        for res_id, last, lesson_id in rows:
            now = current.get(res_id, "")
            compared = [
                {key: values.get(key) for key in ("due_date", "text")}
                for values in (
                    self._parse_snapshot(text, "school.homework.individual") for text in (now, last)
                )
            ]
            if compared[0] != compared[1]:
                findings.append(self._lesson_finding(lessons.browse(lesson_id), now or "—", last or "—"))
        return findings

    @api.model
    def _lesson_finding(self, lesson, now, last):
        """The finding of ``lesson``, whose ``now`` (a logged text: "topic=...") differs from
        the log's ``last``."""
        return _(
            "Lesson %(number)s of %(subject)s, %(cls)s, %(date)s: the journal holds «%(now)s», "
            "the log's last value is «%(last)s»: changed outside the journal.",
            number=lesson.lesson_number,
            subject=lesson.subject_id.name,
            cls=lesson.class_id.name,
            date=lesson.date.strftime("%d.%m.%Y") if lesson.date else "",
            now=as_legacy(now),
            last=as_legacy(last),
        )

    @api.model
    def _reconcile_lesson_dates(self, company_id):
        """The lessons whose date differs from the one their last entry in the log names: a
        lesson's date moves through the journal only, and each move is logged (issue 11,
        item 2); one query for the school."""
        self.env["school.lesson"].flush_model(["date", "company_id"])
        self.env.cr.execute(
            SQL(
                """SELECT l.id, l.date, last.lesson_date
                     FROM school_lesson l
                     JOIN (SELECT DISTINCT ON (lesson_id) lesson_id, lesson_date
                             FROM school_journal_log
                            WHERE company_id = %s AND lesson_id IS NOT NULL
                         ORDER BY lesson_id, sequence DESC) last ON last.lesson_id = l.id
                    WHERE l.date IS DISTINCT FROM last.lesson_date
                 ORDER BY l.id""",
                company_id,
            )
        )
        rows = self.env.cr.fetchall()
        # the lessons read together, not one query each
        by_id = {
            lesson.id: lesson for lesson in self.env["school.lesson"].sudo().browse([row[0] for row in rows])
        }
        findings = []
        for lesson_id, now, logged in rows:
            dates = [f"date={day.strftime('%d.%m.%Y') if day else ''}" for day in (now, logged)]
            findings.append(self._lesson_finding(by_id[lesson_id], *dates))
        return findings

    @api.model
    def action_verify_chain(self):
        """Verify the school's chain, its anchors and the journal's values now (issue 12).

        For those who read every journal (``school.chain.verification._run_manual``); writes
        nothing but the record of the run, as the system.
        """
        return self.env["school.chain.verification"]._run_manual(
            _("The change log is verified by the school administration.")
        )

    # --- the change log as people read it (issue 13): field labels and selection values of
    # the user's language

    @api.model
    def _snapshot_keys(self, model):
        """((key, plain), ...) of the texts logged for ``model`` in their order; ``plain``: its
        values never hold a "; " (a number, a date, a code)."""
        Model = self.env.get(model) if model else None
        if Model is None:
            return ()
        keys = []
        for name in SNAPSHOT_KEYS.get(model) or getattr(Model, "_log_fields", ()):
            # a period mark logs its period as «period=...»: the field period_id
            field = Model._fields.get(name) or Model._fields.get(f"{name}_id")
            keys.append((name, field is not None and field.type in SNAPSHOT_PLAIN_TYPES))
        return tuple(keys)

    @api.model
    def _parse_snapshot(self, text, model=None, names=None):
        """{key: value} of a logged text ("value=4; work_type_id=Ответ; comment=...").

        A text in the JSON form (``format_snapshot``: a value holds a ";") reads back exactly.
        A text of the «key=value» form written since holds no ";" in a value; one written
        before may: with the ``model`` it was logged for, only the model's keys (or those of
        them in ``names``), in their order, split it (``_snapshot_regex``): a "; x=" inside a
        comment, a topic or a homework stays in its value unless it names a later key of the
        model. Texts of another shape are split at every "; key=", as they always were; the
        stored texts, which the chain signs, are read as they are, the older ones included."""
        values = parse_json_snapshot(text)
        if values is not None:
            return values
        keys = self._snapshot_keys(model)
        if names is not None:
            keys = tuple(key for key in keys if key[0] in names)
        match = _snapshot_regex(keys).fullmatch(text or "") if keys else None
        if match:
            return {
                name: match[f"k{index}"]
                for index, (name, __) in enumerate(keys)
                if match[f"k{index}"] is not None
            }
        values = {}
        name = None
        for part in (text or "").split("; "):
            key, sep, value = part.partition("=")
            if sep:
                name = key.strip()
                values[name] = value
            elif name is not None:
                # a "; " inside a logged text (a comment, a homework) is part of its value
                values[name] += f"; {part}"
        return values

    @api.model
    def _parse_snapshots(self, texts, model=None):
        """[{key: value}] of the texts of one entry (its old and new value), each as
        ``_parse_snapshot`` reads it. The two texts of a lesson's entry name the same fields,
        those changed (``SAME_KEYS_MODELS``): where two older texts read with different keys,
        one value held "; <a later key>=" («topic=Дроби; homework=...» of a topic alone), and
        both are read again with the keys they share."""
        snapshots = [self._parse_snapshot(text, model) for text in texts]
        if (
            model in SAME_KEYS_MODELS
            and len(texts) == 2
            and all(texts)
            and all(parse_json_snapshot(text) is None for text in texts)
            and snapshots[0].keys() != snapshots[1].keys()
        ):
            shared = set(snapshots[0]) & set(snapshots[1])
            again = [self._parse_snapshot(text, model, names=shared) for text in texts]
            if shared and all(snapshot.keys() == shared for snapshot in again):
                return again
        return snapshots

    def _display_value(self, field, value, labels_cache=None):
        if field is not None and field.type == "selection" and value:
            # the labels of a field once per computation, not once per value
            cache = labels_cache if labels_cache is not None else {}
            if field not in cache:
                cache[field] = dict(field._description_selection(self.env))
            return cache[field].get(value, value)
        if field is not None and field.type == "boolean":
            return _("yes") if value == "True" else _("no")
        return value

    @api.depends("model", "action", "old_value", "new_value")
    @api.depends_context("lang")
    def _compute_change_description(self):
        labels_cache = {}
        for entry in self:
            parts = []
            for label, (before, after) in snapshot_fields(
                entry, labels_cache, entry.old_value, entry.new_value
            ):
                if entry.action == "write":
                    if before != after:
                        parts.append(f"{label}: {before or '—'} → {after or '—'}")
                elif entry.action == "unlink":
                    if before:
                        parts.append(f"{label}: {before} → —")
                elif after:
                    parts.append(f"{label}: {after}")
            entry.change_description = "; ".join(parts) or (entry.new_value or entry.old_value or "")
