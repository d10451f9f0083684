import fcntl
import json
import logging
import os
import tempfile

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.sql_db import db_connect
from odoo.tools import SQL, config

_logger = logging.getLogger(__name__)

# the option of odoo.conf naming the archive's second directory (another medium, ARCH-3)
SECOND_DIR_OPTION = "school_archive_second_dir"
# the transaction's appended chains, {(chain, school id)}, whose heads are written to their head
# files once it is committed (``_note_head``)
HEADS_KEY = "school_chain_heads"


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
    def _head_files_possible(self):
        """Whether a school may have a second directory, without a query (every save of the
        journal asks, ``_note_head``)."""
        root = config.get(SECOND_DIR_OPTION)
        return bool(root and str(root).strip())

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
        head = self._read_head_file(company, chain)
        if head and not self._committed_after_snapshot(chain, company_id, head["sequence"]):
            result.append((head["sequence"], head["mac"], self.env._("%s (head file)", head.get("at", ""))))
        return result

    # ------------------------------------------------------------------
    # The head file: the last committed head of each chain, on the second medium (issue 12,
    # ARCH-2). The anchors are written every night: a tail cut after the last of them, whose
    # remaining entries still agree with the journal (a mark changed and changed back, the first
    # change of a topic), left no trace. Every commit that appends to a chain writes its head
    # there; the verification checks the chain against it like against an anchor.
    # ------------------------------------------------------------------
    @api.model
    def _head_file(self, company, chain):
        path = self._anchor_file(company, chain)
        return path and path.removesuffix(".jsonl") + ".head.json"

    @api.model
    def _note_head(self, chain, company_id):
        """Write the head of ``chain`` of the school to its head file once this transaction is
        committed (``_write_heads``). No query: every save of the journal comes here; nothing
        at all without a second directory, where no head file is written."""
        if not self._head_files_possible():
            return
        postcommit = self.env.cr.postcommit
        heads = postcommit.data.get(HEADS_KEY)
        if heads is None:
            heads = postcommit.data[HEADS_KEY] = set()
            registry = self.env.registry
            postcommit.add(lambda: type(self)._write_heads_committed(registry, heads))
        heads.add((chain, company_id))

    @staticmethod
    def _write_heads_committed(registry, heads):
        """``_write_heads`` in a transaction of its own, after the commit (a post-commit hook:
        what is written is what was committed, never a head a rolled-back savepoint dropped)."""
        try:
            with registry.cursor() as cr:
                # the registry is given: no lookup by name (the test runner holds its lock)
                cr.transaction = api.Transaction(registry)
                api.Environment(cr, SUPERUSER_ID, {})["school.chain.anchor"]._write_heads(heads)
        except Exception:
            _logger.exception("Cannot write the head files of the chains %s", sorted(heads))

    @api.model
    def _chain_top(self, cr, chain, company_id, sequence=None):
        """(number, MAC) of the last entry of the school's chain as ``cr`` sees it, or of its
        entry No. ``sequence``; None when there is none."""
        cr.execute(
            SQL(
                "SELECT sequence, entry_hash FROM %s WHERE company_id = %s %s ORDER BY sequence DESC LIMIT 1",
                SQL.identifier(self.env[chain]._table),
                company_id,
                SQL("AND sequence = %s", sequence) if sequence is not None else SQL(),
            )
        )
        return cr.fetchone()

    @api.model
    def _write_heads(self, heads):
        """Write the committed head of each (chain, school id) of ``heads`` to its head file.
        The head the file held is kept as a line of the anchor file when the chain no longer
        holds it (its tail was cut, and maybe grew again): the file never forgets a cut.

        The hooks of several workers may run at once: each holds the lock of the head file
        from reading it to replacing it, and leaves alone a head file holding a head committed
        after this transaction's snapshot (never a head older than the file's)."""
        for chain, company_id in sorted(heads):
            company = self.env["res.company"].browse(company_id).exists()
            path = company and self._head_file(company, chain)
            if not path:
                continue
            try:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                lock = open(path.removesuffix(".json") + ".lock", "a", encoding="utf-8")  # noqa: SIM115
            except OSError:
                _logger.exception("Cannot lock the head file %s", path)
                continue
            with lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                self._write_head(company, chain, path)

    @api.model
    def _write_head(self, company, chain, path):
        """``_write_heads`` of one chain, its head file's lock held."""
        company_id = company.id
        now = fields.Datetime.to_string(fields.Datetime.now())
        old = self._read_head_file(company, chain)
        if old and self._committed_after_snapshot(chain, company_id, old["sequence"]):
            # written by the hook of a transaction committed after this one's snapshot
            return
        if old:
            found = self._chain_top(self.env.cr, chain, company_id, old["sequence"])
            if not found or found[1] != old["mac"]:
                line = json.dumps(dict(old, chain=chain, company=company_id, reason="head"), sort_keys=True)
                self._write_lines([(self._anchor_file(company, chain), line)])
        top = self._chain_top(self.env.cr, chain, company_id)
        if not top:
            return
        content = json.dumps(
            {"chain": chain, "company": company_id, "sequence": top[0], "mac": top[1], "at": now},
            sort_keys=True,
        )
        try:
            fd, temp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".head-")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(content + "\n")
            os.replace(temp, path)
        except OSError:
            _logger.exception("Cannot write the head file %s", path)

    @api.model
    def _read_head_file(self, company, chain):
        """{sequence, mac, at} of the head file of the school's chain, or None."""
        path = self._head_file(company, chain)
        if not path or not os.path.isfile(path):
            return None
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
            return {"sequence": int(data["sequence"]), "mac": str(data["mac"]), "at": data.get("at", "")}
        except (OSError, ValueError, KeyError, TypeError):
            _logger.warning("The head file %s is unreadable", path)
            return None

    @api.model
    def _committed_after_snapshot(self, chain, company_id, sequence):
        """Whether entry No. ``sequence`` of the school's chain is beyond what this transaction
        sees but committed meanwhile (a save during the verification): no cut tail."""
        top = self._chain_top(self.env.cr, chain, company_id)
        if top and top[0] >= sequence:
            return False
        with db_connect(self.env.cr.dbname).cursor() as fresh:
            committed = self._chain_top(fresh, chain, company_id)
        return bool(committed and committed[0] >= sequence)

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
