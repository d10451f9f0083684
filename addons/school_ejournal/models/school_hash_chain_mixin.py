import hashlib
import hmac
import json
import logging
import os
import secrets
from datetime import date, datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.sql_db import db_connect
from odoo.tools import SQL, config

_logger = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64
# the option of odoo.conf naming the key file; by default it lives in the data directory
KEY_OPTION = "school_ejournal_chain_key_file"
# rows read at once by a verification: its memory does not grow with the chain (issue 12)
VERIFY_BATCH = 5000
_KEY_CACHE = {}


def chain_key_path(dbname):
    """The key file: named in the configuration, or ``<data_dir>/school_ejournal/<db>/chain.key``."""
    path = config.get(KEY_OPTION)
    if path:
        return os.path.expanduser(str(path))
    return os.path.join(config["data_dir"], "school_ejournal", dbname, "chain.key")


def read_chain_keys(path):
    """{version: key bytes} of the key file (one ``version:hex`` line per key), or None."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _KEY_CACHE.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    keys = {}
    try:
        with open(path, encoding="ascii") as handle:
            for line in handle:
                line = line.strip()
                if line and not line.startswith("#"):
                    version, _sep, key = line.partition(":")
                    keys[int(version)] = bytes.fromhex(key)
    except (OSError, ValueError, UnicodeDecodeError):
        keys = {}
    keys = {version: key for version, key in keys.items() if len(key) >= 32}
    _KEY_CACHE[path] = (stamp, keys)
    return keys


def write_chain_key(path):
    """Add a new random key version to the key file (created with mode 0600); returns it."""
    keys = read_chain_keys(path) or {}
    version = max(keys, default=0) + 1
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="ascii") as handle:
        handle.write(f"{version}:{secrets.token_hex(32)}\n")
    os.chmod(path, 0o600)
    _KEY_CACHE.pop(path, None)
    return version


class SchoolHashChainMixin(models.AbstractModel):
    """A keyed hash chain per school (JOUR-7, ARCH-2, issue 12).

    Each entry carries its number in the school's chain (unique, gapless), the MAC of the
    previous entry, and its own HMAC-SHA256 over the previous MAC and the canonical content
    of the hashed fields of its ``hash_version``. The key lives outside the database (see
    ``chain_key_path``): database access alone cannot forge a chain that verifies. A missing
    key is an error, never a fall-back to an unkeyed hash.

    Appending takes the school's chain lock (a transaction-level advisory lock per school),
    then reads the head. Odoo's transactions are REPEATABLE READ: once the lock is granted,
    the transaction still does not see what the previous holder committed after its snapshot
    (a ``SELECT ... FOR UPDATE`` of a head row updated meanwhile even fails with a
    serialization error, and retrying inside the same transaction sees the same snapshot). So
    the head is read twice: by this transaction (its own entries) and by a fresh one, which
    sees everything committed before the lock was granted; the higher wins. Nobody else
    appends before this transaction ends, and a unique constraint on (school, number) refuses
    any duplicate whatever happens.
    """

    _name = "school.hash.chain.mixin"
    _description = "Hash Chain"

    # {hash_version: the hashed fields}; new versions are added, old ones kept for old entries
    _chain_hashed_fields = {}
    _chain_hash_version = 1
    # the first key of the school's advisory lock (the second is the school)
    _chain_lock_key = 0

    sequence = fields.Integer(string="No.", readonly=True, required=True, index=True)
    previous_hash = fields.Char(readonly=True)
    entry_hash = fields.Char(string="MAC", readonly=True, index=True)
    hash_version = fields.Integer(readonly=True, help="Which fields the MAC covers.")
    key_version = fields.Integer(readonly=True, help="Which version of the chain key made the MAC.")
    company_id = fields.Many2one("res.company", readonly=True, required=True, index=True)

    _sql_constraints = [
        (
            "chain_sequence_uniq",
            "unique(company_id, sequence)",
            "Each number appears once in a school's chain.",
        ),
    ]

    # ------------------------------------------------------------------
    # Append-only: an entry once chained is never changed nor removed
    # ------------------------------------------------------------------
    def _chain_refusal(self, operation):
        """The model's own message refusing ``operation`` ("write" or "unlink") on its entries."""
        raise NotImplementedError

    def write(self, vals):  # pylint: disable=method-required-super
        # refusal on purpose: the MAC covers the entry as appended (JOUR-7, ARCH-2)
        raise UserError(self._chain_refusal("write"))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self._chain_refusal("unlink"))

    # ------------------------------------------------------------------
    # The key
    # ------------------------------------------------------------------
    @api.model
    def _chain_key_path(self):
        return chain_key_path(self.env.cr.dbname)

    @api.model
    def _chain_keys(self):
        """{version: key} of the key file; a clear error when it is missing or unreadable."""
        path = self._chain_key_path()
        keys = read_chain_keys(path)
        if not keys:
            raise UserError(
                _(
                    "The key of the journal's integrity chain is missing or unreadable: %s. "
                    "Restore the key file from its backup (or name it with the option "
                    "school_ejournal_chain_key_file of the configuration); nothing was saved.",
                    path,
                )
            )
        return keys

    @api.model
    def _chain_key_fingerprint(self, key):
        return hmac.new(key, b"school_ejournal chain key", hashlib.sha256).hexdigest()[:16]

    @api.model
    def _chain_check_key(self, keys, version):
        """The key of ``version`` is the one the database was signed with (its fingerprint)."""
        param = f"school_ejournal.chain_key_fingerprint_{version}"
        Param = self.env["ir.config_parameter"].sudo()
        known = Param.get_param(param)
        fingerprint = self._chain_key_fingerprint(keys[version])
        if not known:
            Param.set_param(param, fingerprint)
        elif known != fingerprint:
            return False
        return True

    @api.model
    def _chain_current_key(self):
        """(keys, current version), refusing a key that is not the database's own."""
        keys = self._chain_keys()
        version = max(keys)
        if not self._chain_check_key(keys, version):
            raise UserError(
                _(
                    "The key file %s is not the key this database was signed with: restore the "
                    "right key file; nothing was saved.",
                    self._chain_key_path(),
                )
            )
        return keys, version

    @api.model
    def _chain_ensure_key(self):
        """Generate the key at install, once: never when the chain already holds signed entries."""
        path = self._chain_key_path()
        keys = read_chain_keys(path)
        if keys:
            # the key's fingerprint, so that another key file is recognised (committed at install)
            self._chain_check_key(keys, max(keys))
            return False
        for model in ("school.journal.log", "school.archive.entry"):
            if model in self.env and self.env[model].sudo().search_count([("key_version", ">", 0)], limit=1):
                _logger.error("The chain key %s is missing: the signed chains cannot be verified", path)
                return False
        try:
            version = write_chain_key(path)
        except OSError:
            # no silent fall-back: the journal refuses changes until a key is provided
            _logger.exception("Cannot write the chain key %s", path)
            return False
        self._chain_check_key(read_chain_keys(path), version)
        _logger.info(
            "Generated the chain key %s (version %s): back it up apart from the database", path, version
        )
        return True

    @api.model
    def _chain_setup(self):
        """At install and update: the key, then the entries made before the keyed chain."""
        self._chain_ensure_key()
        self._chain_sign_legacy()
        if self._name == "school.journal.log":
            self._chain_log_unlogged_period_marks()

    @api.model
    def _chain_log_unlogged_period_marks(self):
        """Period marks set before they were logged (issue 12) get one "entered" entry each,
        by the system, at the update that starts logging them: the reconciliation starts from
        them instead of reporting them all as entered outside the journal."""
        self.env.cr.execute(
            """SELECT pm.id FROM school_period_mark pm
                WHERE (pm.value != 0 OR NOT pm.is_attested)
                  AND NOT EXISTS (SELECT 1 FROM school_journal_log l
                                   WHERE l.model = 'school.period.mark' AND l.res_id = pm.id)"""
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        if ids:
            pmarks = self.env["school.period.mark"].sudo().browse(ids)
            pmarks.with_context(
                journal_log_reason=_("Set before the change log covered period marks"),
                journal_log_user_id=self.env.ref("base.user_root").id,
            )._log_period_marks("create", {})
            _logger.warning("Logged %s period marks set before the change log covered them", len(ids))
        return len(ids)

    @api.model
    def _chain_sign_legacy(self):
        """Number per school and sign the entries of the unkeyed SHA-256 chain of old versions,
        once, at the update that brings the keyed chain (issue 12)."""
        self.flush_model()
        cr = self.env.cr
        table = SQL.identifier(self._table)
        legacy = SQL("(key_version IS NULL OR key_version = 0)")
        cr.execute(
            SQL("SELECT DISTINCT company_id FROM %s WHERE %s AND company_id IS NOT NULL", table, legacy)
        )
        companies = sorted(row[0] for row in cr.fetchall())
        if not companies:
            return 0
        keys, key_version = self._chain_current_key()
        version = self._chain_hash_version
        # the old numbers run across all schools: out of the way of the new ones first
        cr.execute(SQL("UPDATE %s SET sequence = -sequence WHERE %s AND sequence > 0", table, legacy))
        columns = SQL(", ").join(SQL.identifier(name) for name in self._chain_columns())
        count = 0
        for company_id in companies:
            self._chain_lock(company_id)
            cr.execute(
                SQL(
                    "SELECT max(sequence) FROM %s WHERE company_id = %s AND NOT %s", table, company_id, legacy
                )
            )
            top = cr.fetchone()[0] or 0
            cr.execute(
                SQL(
                    "SELECT entry_hash FROM %s WHERE company_id = %s AND sequence = %s",
                    table,
                    company_id,
                    top,
                )
            )
            row = cr.fetchone()
            sequence, previous_hash = top, row[0] if row else GENESIS_HASH
            cr.execute(
                SQL(
                    "SELECT id FROM %s WHERE company_id = %s AND %s ORDER BY sequence DESC",
                    table,
                    company_id,
                    legacy,
                )
            )
            ids = [row[0] for row in cr.fetchall()]
            for start in range(0, len(ids), VERIFY_BATCH):
                batch = ids[start : start + VERIFY_BATCH]
                cr.execute(
                    SQL(
                        "SELECT %s FROM %s WHERE id IN %s ORDER BY sequence DESC",
                        columns,
                        table,
                        tuple(batch),
                    )
                )
                updates = []
                for vals in cr.dictfetchall():
                    sequence += 1
                    vals.update(sequence=sequence, key_version=key_version, company_id=company_id)
                    mac = self._chain_mac(keys[key_version], previous_hash, vals, version)
                    updates.append((vals["id"], sequence, previous_hash, mac, version, key_version))
                    previous_hash = mac
                cr.execute_values(
                    f'UPDATE "{self._table}" AS t SET sequence = v.sequence, '  # noqa: S608 the model's table
                    "previous_hash = v.previous_hash, entry_hash = v.entry_hash, "
                    "hash_version = v.hash_version, key_version = v.key_version "
                    "FROM (VALUES %s) "
                    "AS v(id, sequence, previous_hash, entry_hash, hash_version, key_version) "
                    "WHERE t.id = v.id",
                    updates,
                    page_size=1000,
                )
                count += len(updates)
        _logger.warning("Signed %s entries of %s made before the keyed chain", count, self._name)
        self.invalidate_model()
        return count

    # ------------------------------------------------------------------
    # The MAC
    # ------------------------------------------------------------------
    @api.model
    def _chain_canonical(self, vals, version):
        """Canonical JSON of the hashed fields of ``version``, equal for ORM values and SQL rows."""
        content = {"hash_version": version, "key_version": vals.get("key_version") or 0}
        for name in self._chain_hashed_fields[version]:
            value = vals.get(name)
            ftype = self._fields[name].type
            if isinstance(value, models.BaseModel):
                value = value.id
            if ftype == "boolean":
                value = bool(value)
            elif ftype in ("integer", "many2one"):
                value = int(value or 0)
            elif isinstance(value, datetime):
                value = fields.Datetime.to_string(value)
            elif isinstance(value, date):
                value = fields.Date.to_string(value)
            else:
                value = value or ""
            content[name] = value
        return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    @api.model
    def _chain_mac(self, key, previous_hash, vals, version):
        message = f"{previous_hash}\n{self._chain_canonical(vals, version)}".encode()
        return hmac.new(key, message, hashlib.sha256).hexdigest()

    # ------------------------------------------------------------------
    # Appending
    # ------------------------------------------------------------------
    @api.model
    def _chain_lock(self, company_id):
        """Take the school's chain lock for the rest of the transaction."""
        self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock(%s, %s)", self._chain_lock_key, company_id))

    @api.model
    def _chain_head(self, company_id, extra=None):
        """(number, MAC) of the last entry of the school's chain, under its lock, which this
        call takes for the rest of the transaction.

        The higher of this transaction's own view and of the committed head read by a fresh
        transaction once the lock was granted: the transaction's snapshot is the same before
        and after the lock is granted (REPEATABLE READ), blind to what the previous holder of
        the lock committed, and the fresh reader is blind to what this transaction appended.
        The committed head is read at every reading of the head (a pooled connection: its
        reset, the query and the rollback). Knowing whether the lock was already held, to read
        it once per holding, took a scan of the server's lock table in every append (issue
        15): a web request appends once (the journal's saves batch their entries), so it now
        spares that scan; a transaction that appends many times outside a batch pays about
        the same as before.

        With ``extra`` (an SQL expression), the same statement also returns its value, after the
        head: ``(number, MAC, value)`` (issue 15: what sealing needs besides, in no query of its own).
        """
        self.flush_model()
        query = SQL(
            "SELECT sequence, entry_hash FROM %s WHERE company_id = %s ORDER BY sequence DESC LIMIT 1",
            SQL.identifier(self._table),
            company_id,
        )
        # the lock and this transaction's own head in one statement (issue 15)
        cr = self.env.cr
        cr.execute(
            SQL(
                "WITH locked AS MATERIALIZED (SELECT pg_advisory_xact_lock(%s, %s)) "
                "SELECT head.sequence, head.entry_hash, %s "
                "FROM locked LEFT JOIN LATERAL (%s) head ON TRUE",
                self._chain_lock_key,
                company_id,
                extra if extra is not None else SQL("NULL"),
                query,
            )
        )
        *own, extra_value = cr.fetchone()
        own = tuple(own) if own[0] is not None else None
        # what the previous holder of the lock committed, invisible to this snapshot
        with db_connect(cr.dbname).cursor() as fresh:
            # one statement in autocommit: it reads what is committed when it runs, with no
            # transaction to open and end around it (two round trips less, issue 15)
            fresh.connection.autocommit = True
            fresh.execute(query)
            committed = fresh.fetchone()
        head = max((tuple(head) for head in (own, committed) if head), default=(0, GENESIS_HASH))
        return head if extra is None else (*head, extra_value)

    @api.model
    def _chain_seal_extra(self, vals_list):
        """``(SQL expression, callback(vals_list, value))``: what sealing ``vals_list`` reads
        besides the head, in the head's statement, and how it completes the values before they
        are signed; or None (issue 15)."""
        return None

    @api.model
    def _chain_seal(self, company_id, vals_list):
        """Number and sign ``vals_list`` at the head of the school's chain (in place)."""
        keys, key_version = self._chain_current_key()
        extra = self._chain_seal_extra(vals_list)
        if extra is None:
            sequence, previous_hash = self._chain_head(company_id)
        else:
            sequence, previous_hash, value = self._chain_head(company_id, extra[0])
            extra[1](vals_list, value)
        version = self._chain_hash_version
        for vals in vals_list:
            sequence += 1
            vals.update(
                sequence=sequence,
                company_id=company_id,
                hash_version=version,
                key_version=key_version,
                previous_hash=previous_hash,
            )
            vals["entry_hash"] = previous_hash = self._chain_mac(
                keys[key_version], previous_hash, vals, version
            )
        # the head on the second medium once committed: a cut tail is named (issue 12)
        self.env["school.chain.anchor"]._note_head(self._name, company_id)
        return vals_list

    # ------------------------------------------------------------------
    # Verifying
    # ------------------------------------------------------------------
    @api.model
    def _chain_columns(self):
        names = {"id", "sequence", "previous_hash", "entry_hash", "hash_version", "key_version", "company_id"}
        for hashed in self._chain_hashed_fields.values():
            names.update(hashed)
        return sorted(names)

    @api.model
    def _chain_candidates(self, row, context):
        """The contents an entry may have been signed with (one, unless a model knows better)."""
        return [row]

    @api.model
    def _chain_iter_rows(self, company_id, first=0, last=None):
        """Stream the school's entries in number order, ``VERIFY_BATCH`` at a time."""
        self.flush_model()
        columns = SQL(", ").join(SQL.identifier(name) for name in self._chain_columns())
        after = first - 1 if first else 0
        while True:
            self.env.cr.execute(
                SQL(
                    "SELECT %s FROM %s WHERE company_id = %s AND sequence > %s %s ORDER BY sequence LIMIT %s",
                    columns,
                    SQL.identifier(self._table),
                    company_id,
                    after,
                    SQL("AND sequence <= %s", last) if last else SQL(),
                    VERIFY_BATCH,
                )
            )
            rows = self.env.cr.dictfetchall()
            if not rows:
                return
            yield from rows
            after = rows[-1]["sequence"]
            if len(rows) < VERIFY_BATCH:
                return

    @api.model
    def _chain_verify(self, company_id, anchors=(), context=None):
        """Verify the school's chain against itself and the anchors; never writes anything.

        ``anchors``: (number, MAC, label) of heads recorded outside the chain. Returns a dict:
        count, first and last number, and findings as (number, message), first bad one first.
        """
        keys = self._chain_keys()
        checked_versions = {}
        anchored = {}
        for sequence, mac, label in anchors:
            anchored.setdefault(sequence, []).append((mac, label))
        findings = []
        previous_hash, expected, count, first = GENESIS_HASH, 1, 0, None
        for row in self._chain_iter_rows(company_id):
            count += 1
            first = first or row["sequence"]
            number = row["sequence"]
            linked = True
            if number > expected:
                # the gap is the finding: the entry itself is checked against its own link
                linked, previous_hash = False, row["previous_hash"] or ""
                findings.append(
                    (
                        number,
                        _(
                            "Entries No. %(first)s to %(last)s are missing: they were deleted.",
                            first=expected,
                            last=number - 1,
                        )
                        if number - 1 > expected
                        else _("Entry No. %s is missing: it was deleted.", expected),
                    )
                )
            key_version = row["key_version"] or 0
            if key_version not in checked_versions:
                checked_versions[key_version] = key_version in keys and self._chain_check_key(
                    keys, key_version
                )
            if not checked_versions[key_version]:
                findings.append(
                    (
                        number,
                        _(
                            "The entry was signed with key version %s, which the key file lacks or "
                            "holds another value for: the key is wrong or was replaced.",
                            key_version,
                        ),
                    )
                )
            elif linked and row["previous_hash"] != previous_hash:
                findings.append((number, _("The link to the previous entry is broken.")))
            elif row["hash_version"] not in self._chain_hashed_fields or not any(
                hmac.compare_digest(
                    self._chain_mac(keys[key_version], previous_hash, vals, row["hash_version"]),
                    row["entry_hash"] or "",
                )
                for vals in self._chain_candidates(row, context)
            ):
                findings.append((number, _("The entry was altered after it was signed.")))
            for mac, label in anchored.pop(number, ()):
                if mac != row["entry_hash"]:
                    findings.append(
                        (
                            number,
                            _("The entry differs from the anchor of %s: the chain was re-signed.", label),
                        )
                    )
            previous_hash, expected = row["entry_hash"], number + 1
        for number in sorted(anchored):
            for _mac, label in anchored[number]:
                if number < expected:
                    message = _(
                        "The anchor of %(label)s records entry No. %(number)s, which is missing.",
                        label=label,
                        number=number,
                    )
                else:
                    message = _(
                        "The anchor of %(label)s records entry No. %(number)s, but the chain ends "
                        "before it: its tail was deleted.",
                        label=label,
                        number=number,
                    )
                findings.append((number, message))
        findings.sort(key=lambda finding: finding[0])
        return {"count": count, "first": first or 0, "last": expected - 1, "findings": findings}
