import hashlib
import json
import logging
import os

from odoo import _, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64
ARCHIVE_LOCK_KEY = 7_310_2027


class SchoolArchiveEntry(models.Model):
    """Register (реестр) of the electronic archive copies of the journal (ARCH-1..3).

    At the end of each period every class's journal is exported to XLSX, stored in Odoo's
    filestore and in a second directory on another medium, and entered here with the file's
    SHA-256 and the previous entry's hash, so that altering or removing any copy or entry is
    detected by ``action_verify``.
    """

    _name = "school.archive.entry"
    _description = "Archive Register Entry"
    _order = "sequence desc"
    _check_company_auto = True

    sequence = fields.Integer(string="No.", readonly=True, required=True, index=True)
    name = fields.Char(string="File", readonly=True, required=True)
    class_id = fields.Many2one("school.class", readonly=True, index=True)
    period_id = fields.Many2one("school.period", readonly=True, index=True)
    year_id = fields.Many2one("school.academic.year", string="Academic Year", readonly=True)
    attachment_id = fields.Many2one(
        "ir.attachment", string="Filestore Copy", readonly=True, ondelete="set null"
    )
    external_path = fields.Char(string="Second Copy", readonly=True)
    file_sha256 = fields.Char(string="File SHA-256", readonly=True)
    content_sha256 = fields.Char(
        string="Content SHA-256", readonly=True, help="Hash of the archived data itself."
    )
    previous_hash = fields.Char(readonly=True)
    entry_hash = fields.Char(readonly=True)
    archived_by_id = fields.Many2one("res.users", string="Archived by", readonly=True)
    archived_at = fields.Datetime(string="Archived on", readonly=True)
    check_state = fields.Selection(
        [("unchecked", "Not checked"), ("ok", "Intact"), ("broken", "Broken")],
        string="Check",
        default="unchecked",
        readonly=True,
    )
    check_message = fields.Char(string="Check Result", readonly=True)
    checked_at = fields.Datetime(string="Checked on", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, required=True, index=True)

    # ------------------------------------------------------------------
    @api.model
    def _canonical(self, vals):
        keys = (
            "sequence",
            "name",
            "class_id",
            "period_id",
            "file_sha256",
            "content_sha256",
            "external_path",
            "archived_by_id",
            "archived_at",
            "company_id",
        )
        content = {k: vals.get(k) or "" for k in keys}
        content["archived_at"] = str(content["archived_at"])
        return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    @api.model
    def _hash(self, previous_hash, vals):
        return hashlib.sha256((previous_hash + self._canonical(vals)).encode()).hexdigest()

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get("school_archive_append"):
            raise UserError(_("Archive entries are made by the archive itself."))
        return super().create(vals_list)

    def write(self, vals):
        # only the result of a check is written; the copies are hashed into the chain (ARCH-2)
        if set(vals) - {"check_state", "check_message", "checked_at"}:
            raise UserError(_("Entries of the archive register cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("Entries of the archive register cannot be deleted."))

    # ------------------------------------------------------------------
    @api.model
    def _external_root(self, company):
        root = company.sudo().school_archive_dir
        return root.strip() if root and root.strip() else False

    @api.model
    def _archive_documents(self, company, items):
        """Archive (class, period, document) items; returns the new entries."""
        self.env.cr.execute("SELECT pg_advisory_xact_lock(%s)", [ARCHIVE_LOCK_KEY])
        last = self.sudo().search([], order="sequence desc", limit=1)
        sequence, previous_hash = (last.sequence, last.entry_hash) if last else (0, GENESIS_HASH)
        root = self._external_root(company)
        Xlsx = self.env["school.report.xlsx"]
        now = fields.Datetime.now()
        vals_list = []
        for school_class, period, document in items:
            content = Xlsx._render([document])
            name = f"{period.year_id.name.replace('/', '-')}_{period.name}_{school_class.name}.xlsx".replace(
                " ", "_"
            )
            attachment = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    {
                        "name": name,
                        "raw": content,
                        "res_model": "school.archive.entry",
                        "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "company_id": company.id,
                    }
                )
            )
            external_path = False
            if root:
                folder = os.path.join(root, str(company.id), period.year_id.name.replace("/", "-"))
                os.makedirs(folder, exist_ok=True)
                external_path = os.path.join(folder, f"{sequence + 1:06d}_{name}")
                with open(external_path, "wb") as handle:
                    handle.write(content)
            sequence += 1
            vals = {
                "sequence": sequence,
                "name": name,
                "class_id": school_class.id,
                "period_id": period.id,
                "year_id": period.year_id.id,
                "attachment_id": attachment.id,
                "external_path": external_path,
                "file_sha256": hashlib.sha256(content).hexdigest(),
                "content_sha256": hashlib.sha256(
                    json.dumps(document, sort_keys=True, ensure_ascii=False, default=str).encode()
                ).hexdigest(),
                "archived_by_id": self.env.uid,
                "archived_at": now,
                "company_id": company.id,
                "previous_hash": previous_hash,
            }
            vals["entry_hash"] = previous_hash = self._hash(previous_hash, vals)
            vals_list.append(vals)
        entries = self.sudo().with_context(school_archive_append=True).create(vals_list)
        entries.attachment_id.write({"res_id": False})
        for entry in entries:
            entry.attachment_id.res_id = entry.id
        return entries

    @api.model
    def _classes_of_period(self, period):
        classes = self.env["school.class"].sudo().search([("year_id", "=", period.year_id.id)])
        if period.period_type in ("quarter", "half"):
            classes = classes.filtered(lambda c: c.period_scheme == period.period_type)
        return classes

    @api.model
    def _archive_period(self, period, classes=None):
        """Export every class's journal of the period to XLSX and register it (ARCH-1)."""
        classes = classes if classes is not None else self._classes_of_period(period)
        # in the school's language whoever archives: the same journal gives the same copy (ARCH-2)
        lang = period.company_id.partner_id.lang or self.env.lang
        Service = self.env["school.report.service"].sudo().with_context(lang=lang)
        items = [(c, period, Service._build_journal_copy(c, period)) for c in classes]
        return self._archive_documents(period.company_id, items)

    def action_archive_period_now(self):
        """Button for the administrator (ROLE-1): archive the period shown in context."""
        period = self.env["school.period"].browse(self.env.context.get("active_id"))
        if not period:
            raise UserError(_("Open a period first."))
        return period.action_archive_journals()

    @api.model
    def _cron_archive_periods(self, batch_size=20):
        """Archive the journals of closed or ended periods not archived yet, in batches."""
        today = fields.Date.context_today(self)
        periods = (
            self.env["school.period"]
            .sudo()
            .search(["|", ("is_closed", "=", True), ("date_end", "<", today)], order="date_end")
        )
        done = 0
        for period in periods:
            archived = self.sudo().search([("period_id", "=", period.id)]).class_id
            todo = self._classes_of_period(period) - archived
            if not todo:
                continue
            batch = todo[: batch_size - done]
            self._archive_period(period, batch)
            done += len(batch)
            _logger.info(
                "Archived %s journals of %s (%s left)",
                len(batch),
                period.display_name,
                len(todo) - len(batch),
            )
            if done >= batch_size:
                break
        return done

    # ------------------------------------------------------------------
    @api.model
    def _verify(self, entries=None):
        """Check every copy and the chain; returns {entry_id: problem} (ARCH-2, ARCH-3)."""
        all_entries = self.sudo().search([], order="sequence")
        problems = {}
        previous_hash = GENESIS_HASH
        expected = 1
        for entry in all_entries:
            vals = {
                name: entry[name]
                for name in (
                    "sequence",
                    "name",
                    "file_sha256",
                    "content_sha256",
                    "external_path",
                    "archived_at",
                )
            }
            vals.update(
                class_id=entry.class_id.id,
                period_id=entry.period_id.id,
                archived_by_id=entry.archived_by_id.id,
                company_id=entry.company_id.id,
            )
            if (
                entry.sequence != expected
                or entry.previous_hash != previous_hash
                or self._hash(previous_hash, vals) != entry.entry_hash
            ):
                problems[entry.id] = _("The register chain is broken at this entry.")
            previous_hash = entry.entry_hash
            expected = entry.sequence + 1
        for entry in entries or all_entries:
            if entry.id in problems:
                continue
            if not entry.attachment_id:
                problems[entry.id] = _("The filestore copy is missing.")
            elif hashlib.sha256(entry.attachment_id.sudo().raw or b"").hexdigest() != entry.file_sha256:
                problems[entry.id] = _("The filestore copy was altered.")
            elif entry.external_path:
                if not os.path.exists(entry.external_path):
                    problems[entry.id] = _("The copy in the second directory is missing.")
                else:
                    with open(entry.external_path, "rb") as handle:
                        if hashlib.sha256(handle.read()).hexdigest() != entry.file_sha256:
                            problems[entry.id] = _("The copy in the second directory was altered.")
        return problems

    def action_verify(self):
        """Verify the register, store each entry's result and summarise it."""
        entries = self or self.sudo().search([])
        problems = self._verify(entries)
        now = fields.Datetime.now()
        broken = entries.filtered(lambda e: e.id in problems)
        for entry in broken:
            entry.sudo().write(
                {"check_state": "broken", "check_message": problems[entry.id], "checked_at": now}
            )
        (entries - broken).sudo().write(
            {"check_state": "ok", "check_message": _("Intact"), "checked_at": now}
        )
        if broken:
            # no f-string in a _() call: babel, Odoo's term extractor, fails on it and skips the file's rest
            first = _(
                "No. %(sequence)s: %(problem)s", sequence=broken[0].sequence, problem=problems[broken[0].id]
            )
            message = _(
                "%(count)s of %(total)s archive entries have problems: %(first)s",
                count=len(broken),
                total=len(entries),
                first=first,
            )
        else:
            message = _("All %s archive entries are intact.", len(entries))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Archive verification"),
                "message": message,
                "type": "danger" if broken else "success",
                "sticky": bool(broken),
            },
        }
