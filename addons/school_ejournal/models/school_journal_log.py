import hashlib
import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError

GENESIS_HASH = "0" * 64
# an arbitrary constant key for the transaction-level advisory lock of the chain
CHAIN_LOCK_KEY = 7_310_2026


class SchoolJournalLog(models.Model):
    """Append-only, hash-chained change log of marks and attendance (JOUR-7, ARCH-2).

    Each entry stores who, when, old and new value and the reason, and the SHA-256 of the
    previous entry's hash with its own canonical content. Nobody writes or deletes entries;
    ``action_verify_chain`` recomputes the chain and names the first broken entry.
    """

    _name = "school.journal.log"
    _description = "Journal Change Log"
    _order = "sequence desc"
    _rec_name = "sequence"

    sequence = fields.Integer(readonly=True, index=True, required=True)
    logged_at = fields.Datetime(string="When", readonly=True, required=True, index=True)
    user_id = fields.Many2one("res.users", string="Who", readonly=True, required=True, index=True)
    model = fields.Char(string="Record Type", readonly=True, required=True)
    res_id = fields.Integer(string="Record ID", readonly=True)
    action = fields.Selection(
        [("create", "Entered"), ("write", "Changed"), ("unlink", "Deleted")], readonly=True, required=True
    )
    # restrict: both are hashed, so the database must never rewrite them (and a lesson with a
    # logged history is never deleted with its attendance unlogged)
    lesson_id = fields.Many2one("school.lesson", readonly=True, index=True, ondelete="restrict")
    student_id = fields.Many2one("school.student", readonly=True, index=True, ondelete="restrict")
    class_id = fields.Many2one("school.class", readonly=True, index=True)
    subject_id = fields.Many2one("school.subject", readonly=True, index=True)
    lesson_date = fields.Date(readonly=True)
    old_value = fields.Char(readonly=True)
    new_value = fields.Char(readonly=True)
    reason = fields.Char(readonly=True)
    previous_hash = fields.Char(readonly=True)
    entry_hash = fields.Char(string="Hash", readonly=True, index=True)
    is_invalid = fields.Boolean(
        string="Invalid",
        readonly=True,
        help="Made by an account after its credentials were reported compromised.",
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)

    @api.model
    def _canonical(self, vals):
        """Canonical JSON of the hashed content of one entry."""
        keys = (
            "sequence",
            "logged_at",
            "user_id",
            "model",
            "res_id",
            "action",
            "lesson_id",
            "student_id",
            "old_value",
            "new_value",
            "reason",
        )
        content = {k: (vals.get(k) or "") for k in keys}
        content["logged_at"] = str(content["logged_at"])
        return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    @api.model
    def _hash(self, previous_hash, vals):
        return hashlib.sha256((previous_hash + self._canonical(vals)).encode()).hexdigest()

    @api.model
    def _append(self, vals_list):
        """Append entries to the chain (only through the journal's own models)."""
        if not vals_list:
            return self.browse()
        self.env.cr.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
        self.env.cr.execute(
            "SELECT sequence, entry_hash FROM school_journal_log ORDER BY sequence DESC LIMIT 1"
        )
        row = self.env.cr.fetchone()
        sequence, previous_hash = row if row else (0, GENESIS_HASH)
        now = fields.Datetime.now()
        user = self.env.context.get("journal_log_user_id") or self.env.uid
        reason = self.env.context.get("journal_log_reason") or ""
        lessons = (
            self.env["school.lesson"]
            .sudo()
            .browse({v.get("lesson_id") for v in vals_list if v.get("lesson_id")})
        )
        lesson_info = {
            lesson.id: (lesson.class_id.id, lesson.subject_id.id, lesson.date, lesson.company_id.id)
            for lesson in lessons
        }
        compromised_since = self.env["res.users"].sudo().browse(user).school_compromised_since
        to_create = []
        for vals in vals_list:
            sequence += 1
            entry = dict(vals, sequence=sequence, logged_at=now, user_id=user, reason=reason)
            class_id, subject_id, date, company_id = lesson_info.get(vals.get("lesson_id"), (False,) * 4)
            entry.update(
                class_id=class_id,
                subject_id=subject_id,
                lesson_date=date,
                company_id=company_id,
                previous_hash=previous_hash,
                is_invalid=bool(compromised_since and compromised_since <= now),
            )
            entry["entry_hash"] = previous_hash = self._hash(previous_hash, entry)
            to_create.append(entry)
        # the chain is written here only: past this model's own create(), which refuses all others
        return super().create(to_create)  # pylint: disable=super-method-mismatch

    @api.model
    def _flag_invalid(self, user, since):
        """Flag every operation of ``user`` from ``since`` on as invalid (SEC-2).

        The flag is not part of the hashed content: flagging leaves the chain intact.
        """
        self.flush_model()
        self.env.cr.execute(
            "UPDATE school_journal_log SET is_invalid = TRUE WHERE user_id = %s AND logged_at >= %s",
            [user.id, since],
        )
        self.invalidate_model(["is_invalid"])

    # refusals on purpose: entries are only appended by _append(), never written afterwards
    @api.model_create_multi
    def create(self, vals_list):  # pylint: disable=method-required-super
        raise UserError(_("The change log is written by the journal itself."))

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(_("Entries of the change log cannot be changed."))

    @api.ondelete(at_uninstall=True)
    def _unlink_never(self):
        raise UserError(_("Entries of the change log cannot be deleted."))

    @api.model
    def _verify_chain(self):
        """Recompute the whole chain; return the first broken entry's id or False."""
        self.env.cr.execute(
            """SELECT id, sequence, logged_at, user_id, model, res_id, action, lesson_id,
                      student_id, old_value, new_value, reason, previous_hash, entry_hash
                 FROM school_journal_log ORDER BY sequence"""
        )
        previous_hash = GENESIS_HASH
        expected_sequence = 1
        for row in self.env.cr.dictfetchall():
            vals = dict(row, logged_at=fields.Datetime.to_datetime(row["logged_at"]))
            if (
                row["sequence"] != expected_sequence
                or row["previous_hash"] != previous_hash
                or self._hash(previous_hash, vals) != row["entry_hash"]
            ):
                return row["id"], row["sequence"]
            previous_hash = row["entry_hash"]
            expected_sequence += 1
        return False

    @api.model
    def action_verify_chain(self):
        """Check the integrity of the whole log and say which entry is the first broken one."""
        broken = self._verify_chain()
        if broken:
            message = _(
                "The change log is broken at entry No. %s: it or an entry before it was altered "
                "or removed outside the journal.",
                broken[1],
            )
            kind = "danger"
        else:
            message = _("The change log is intact: %s entries verified.", self.search_count([]))
            kind = "success"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Change log verification"),
                "message": message,
                "type": kind,
                "sticky": bool(broken),
            },
        }
