import json
import logging
import os

from odoo import _, api, fields, models
from odoo.tools import config

_logger = logging.getLogger(__name__)

# the option of odoo.conf naming the archive's second directory (another medium, ARCH-3)
SECOND_DIR_OPTION = "school_archive_second_dir"


class SchoolChainAnchor(models.Model):
    """The head of a school's chain recorded outside it (issue 12, ARCH-2).

    Written every night, at every period close and every archive run, here and, once the
    transaction is committed, as a line of a file in the archive's second directory. The
    verification checks the chain against every anchor: a cut tail or a re-signed chain no
    longer matches them.
    """

    _name = "school.chain.anchor"
    _description = "Chain Anchor"
    _order = "anchored_at desc, id desc"

    chain = fields.Char(readonly=True, required=True, index=True)
    company_id = fields.Many2one("res.company", readonly=True, required=True, index=True)
    sequence = fields.Integer(string="Head No.", readonly=True, required=True)
    entry_hash = fields.Char(string="Head MAC", readonly=True, required=True)
    anchored_at = fields.Datetime(string="Anchored on", readonly=True, required=True)
    reason = fields.Selection(
        [
            ("nightly", "Nightly"),
            ("period_close", "Period closed"),
            ("archive", "Archive run"),
            ("manual", "On demand"),
        ],
        readonly=True,
        required=True,
    )
    file_path = fields.Char(string="Anchor File", readonly=True)

    # ------------------------------------------------------------------
    @api.model
    def _chain_models(self):
        """The chains of the journal: the change log (and the archive register, see reports)."""
        return ["school.journal.log"]

    @api.model
    def _second_dir(self, company):
        """The archive's second directory of the school, or False when none is configured."""
        root = config.get(SECOND_DIR_OPTION)
        return str(root).strip() if root and str(root).strip() else False

    @api.model
    def _anchor_file(self, company, chain):
        root = self._second_dir(company)
        if not root:
            return False
        uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid") or self.env.cr.dbname
        return os.path.join(root, "anchors", uuid, str(company.id), f"{chain}.jsonl")

    @api.model
    def _anchor(self, companies, reason):
        """Record the head of each chain of each school; returns the new anchors."""
        anchors = self.browse()
        now = fields.Datetime.now()
        for company in companies:
            for chain in self._chain_models():
                Chain = self.env[chain].sudo()
                # the chain's lock for the rest of the transaction, taken with its head
                sequence, mac = Chain._chain_head(company.id)
                if not sequence:
                    continue
                last = self.search(
                    [("chain", "=", chain), ("company_id", "=", company.id)],
                    order="sequence desc, id desc",
                    limit=1,
                )
                if last and (last.sequence, last.entry_hash) == (sequence, mac) and reason == "nightly":
                    continue
                anchors |= self.create(
                    {
                        "chain": chain,
                        "company_id": company.id,
                        "sequence": sequence,
                        "entry_hash": mac,
                        "anchored_at": now,
                        "reason": reason,
                        "file_path": self._anchor_file(company, chain),
                    }
                )
        lines = [(anchor.file_path, anchor._file_line()) for anchor in anchors if anchor.file_path]
        if lines:
            # on the other medium once the anchored entries are committed, never before
            self.env.cr.postcommit.add(lambda: self._write_lines(lines))
        return anchors

    def _file_line(self):
        self.ensure_one()
        return json.dumps(
            {
                "chain": self.chain,
                "company": self.company_id.id,
                "sequence": self.sequence,
                "mac": self.entry_hash,
                "at": fields.Datetime.to_string(self.anchored_at),
                "reason": self.reason,
            },
            sort_keys=True,
        )

    @api.model
    def _write_lines(self, lines):
        for path, line in lines:
            try:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "a", encoding="utf-8") as handle:
                    handle.write(line + "\n")
            except OSError:
                _logger.exception("Cannot write the chain anchor to %s", path)

    @api.model
    def _anchors_of(self, chain, company_id):
        """(number, MAC, label) of every anchor of the chain: the table's and the file's."""
        company = self.env["res.company"].browse(company_id)
        result = [
            (
                anchor.sequence,
                anchor.entry_hash,
                self.env._("%s (register of anchors)", fields.Datetime.to_string(anchor.anchored_at)),
            )
            for anchor in self.sudo().search([("chain", "=", chain), ("company_id", "=", company_id)])
        ]
        path = self._anchor_file(company, chain)
        if path and os.path.isfile(path):
            with open(path, encoding="utf-8") as handle:
                for line in handle:
                    try:
                        data = json.loads(line)
                        result.append(
                            (
                                int(data["sequence"]),
                                data["mac"],
                                self.env._("%s (anchor file)", data.get("at", "")),
                            )
                        )
                    except (ValueError, KeyError, TypeError):
                        continue
        return result

    @api.model
    def _check_second_dir(self, company):
        """A problem of the second directory as a text, or False when it is reachable (ARCH-3)."""
        root = self._second_dir(company)
        if not root:
            return _(
                "The archive's second directory is not configured: the archive and the anchors "
                "have no second medium."
            )
        if not os.path.isdir(root) or not os.access(root, os.W_OK):
            return _("The archive's second directory %s is not reachable.", root)
        return False
