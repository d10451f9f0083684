import hashlib
import json
import logging
import os

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.school_ejournal.models import school_access

_logger = logging.getLogger(__name__)

ARCHIVE_LOCK_KEY = 7_310_2027
# register entries whose copies are checked at once (bounded memory)
VERIFY_BATCH = 200


class SchoolArchiveEntry(models.Model):
    """Register (реестр) of the electronic archive copies of the journal (ARCH-1..3).

    At the end of each period every class's journal is exported to XLSX, stored in Odoo's
    filestore and in the second directory on another medium, and entered here in the school's
    keyed hash chain (``school.hash.chain.mixin``), so that altering or removing any copy or
    entry is detected by the verification (``school.chain.verification``). An archive counts
    as complete only with its second copy (ARCH-3).
    """

    _name = "school.archive.entry"
    _inherit = ["school.hash.chain.mixin"]
    _description = "Archive Register Entry"
    _order = "sequence desc"
    _check_company_auto = True
    _chain_lock_key = ARCHIVE_LOCK_KEY
    _chain_hashed_fields = {
        1: (
            "sequence",
            "company_id",
            "name",
            "class_id",
            "period_id",
            "year_id",
            "external_path",
            "file_sha256",
            "content_sha256",
            "archived_by_id",
            "archived_at",
        ),
    }

    name = fields.Char(string="File", readonly=True, required=True)
    class_id = fields.Many2one("school.class", readonly=True, index=True, ondelete="restrict")
    period_id = fields.Many2one("school.period", readonly=True, index=True, ondelete="restrict")
    year_id = fields.Many2one(
        "school.academic.year", string="Academic Year", readonly=True, ondelete="restrict"
    )
    attachment_id = fields.Many2one(
        "ir.attachment", string="Filestore Copy", readonly=True, ondelete="set null"
    )
    external_path = fields.Char(string="Second Copy", readonly=True)
    file_sha256 = fields.Char(string="File SHA-256", readonly=True)
    content_sha256 = fields.Char(
        string="Content SHA-256", readonly=True, help="Hash of the archived data itself."
    )
    archived_by_id = fields.Many2one("res.users", string="Archived by", readonly=True, ondelete="restrict")
    archived_at = fields.Datetime(string="Archived on", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get("school_archive_append"):
            raise UserError(_("Archive entries are made by the archive itself."))
        return super().create(vals_list)

    def _chain_refusal(self, operation):
        # the copies are signed into the chain; a verification writes only its own record
        if operation == "write":
            return _("Entries of the archive register cannot be changed.")
        return _("Entries of the archive register cannot be deleted.")

    # ------------------------------------------------------------------
    @api.model
    def _external_root(self, company):
        return self.env["school.chain.anchor"]._second_dir(company)

    @api.model
    def _archive_documents(self, company, items):
        """Archive (class, period, document) items; returns the new entries."""
        self._chain_current_key()
        # the chain's lock for the rest of the transaction, taken with its head
        sequence = self._chain_head(company.id)[0]
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
                path = os.path.join(folder, f"{sequence + 1:06d}_{name}")
                try:
                    os.makedirs(folder, exist_ok=True)
                    with open(path, "wb") as handle:
                        handle.write(content)
                    external_path = path
                except OSError:
                    # the archive is then incomplete, and its verification says so (ARCH-3)
                    _logger.exception("Cannot write the second copy %s", path)
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
            }
            vals_list.append(vals)
        self._chain_seal(company.id, vals_list)
        entries = self.sudo().with_context(school_archive_append=True).create(vals_list)
        entries.attachment_id.write({"res_id": False})
        for entry in entries:
            entry.attachment_id.res_id = entry.id
        self.env["school.chain.anchor"].sudo()._anchor(company, "archive")
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
        school_access.check_groups(self.env, school_access.GROUP_ADMIN)
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
        # the classes already archived of every period, in one grouped query
        archived = {
            period.id: classes
            for period, classes in self.sudo()._read_group(
                [("period_id", "in", periods.ids)], ["period_id"], ["class_id:recordset"]
            )
        }
        done = 0
        for period in periods:
            todo = self._classes_of_period(period) - archived.get(period.id, self.env["school.class"])
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
    def _copy_problem(self):
        """What is wrong with the two copies of the entry, or False (ARCH-2, ARCH-3)."""
        self.ensure_one()
        if not self.attachment_id:
            return _("The filestore copy is missing.")
        if hashlib.sha256(self.attachment_id.sudo().raw or b"").hexdigest() != self.file_sha256:
            return _("The filestore copy was altered.")
        if not self.external_path:
            return _("The second copy was never made: the archive is incomplete.")
        if not os.path.exists(self.external_path):
            return _("The copy in the second directory is missing.")
        with open(self.external_path, "rb") as handle:
            if hashlib.sha256(handle.read()).hexdigest() != self.file_sha256:
                return _("The copy in the second directory was altered.")
        return False

    @api.model
    def _verify(self, company=None, anchors=None):
        """Verify the school's register: its chain and anchors (read here unless given), and
        both copies of every entry, a batch at a time. Returns (count, findings as (number,
        problem), first first)."""
        company = company or self.env.company
        if anchors is None:
            anchors = self.env["school.chain.anchor"].sudo()._anchors_of(self._name, company.id)
        result = self._chain_verify(company.id, anchors)
        findings = list(result["findings"])
        last = 0
        while True:
            entries = self.sudo().search(
                [("company_id", "=", company.id), ("sequence", ">", last)],
                order="sequence",
                limit=VERIFY_BATCH,
            )
            for entry in entries:
                problem = entry._copy_problem()
                if problem:
                    findings.append((entry.sequence, problem))
            if len(entries) < VERIFY_BATCH:
                break
            last = entries[-1].sequence
            self.env.invalidate_all()
        findings.sort(key=lambda finding: finding[0])
        return result["count"], findings

    def action_verify(self):
        """Verify the register (with the change log) now; writes only the record of the run."""
        return self.env["school.chain.verification"]._run_manual(
            _("The archive is verified by the school administration.")
        )
