import contextvars

from odoo import _, api, models
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import SQL

from . import school_access

# personal data of a student or guardian whose reading by staff is logged (SEC-5, P 3.5)
PERSONAL_FIELDS = {"birthdate", "snils", "phone", "email", "street", "mobile"}
# the families' address, phones and e-mail (SEC-5, P 3.5): read by the class teacher who keeps
# them (P 4.3) and the administration, not by the other teachers of the child, who write to
# the family through the system's messages (S teacher 7), not to its private address; with
# the fields computed from them (the formatted and normalized e-mail, the country's code,
# whether the e-mail is on the blacklist)
KEPT_CONTACT_FIELDS = frozenset(
    {
        "is_blacklisted",
        "phone",
        "mobile",
        "email",
        "email_formatted",
        "email_normalized",
        "street",
        "street2",
        "zip",
        "city",
        "state_id",
        "country_id",
        "country_code",
        "contact_address",
    }
)
# set while the ORM fetches records into the cache, which superuser code shares: the cache
# holds the true values, what the user gets of them is decided when they leave the ORM
_FETCHING = contextvars.ContextVar("school_personal_fetching", default=False)


def column(env, model, alias, fname):
    """``alias.fname`` in SQL, with the field flushed before the query runs."""
    return SQL.identifier(alias, fname, to_flush=env[model]._fields[fname])


def own_class_ids(env):
    """SQL: the classes of which the user is the class teacher (P 4.3)."""
    return SQL(
        "SELECT c.id FROM school_class AS c WHERE %s = %s",
        column(env, "school.class", "c", "class_teacher_id"),
        env.uid,
    )


class SchoolPersonalReadMixin(models.AbstractModel):
    """Every read path of the ORM logs the personal fields it returned (SEC-5, P 3.5).

    :meth:`read` (the web client's ``web_read`` and ``web_search_read`` call it) and
    :meth:`search_read` (through the hook ``_school_rows_read`` of every model, ``base``), and
    :meth:`export_data` pass the personal fields read to
    ``_school_log_personal_read``, which the model implements: ``school.student`` logs one
    card read by name, ``res.partner`` the school's guardians and students read in bulk. Listed
    first in ``_inherit`` so that these overrides come right after the model's own class.

    The same read paths, and the SQL of domains, groupings and orders, hide the fields that
    only the class teacher of the record and the administration read (``_school_kept_fields``).
    """

    _name = "school.personal.read.mixin"
    _description = "Logged Reading of Personal Data"

    # Personal data kept by the class teacher (SEC-5, P 3.5, P 4.3). A user who reads
    # every journal (the administration, the inspector) or the own data (portal) reads these
    # fields of every record he may read; any other internal user (a subject teacher, the
    # class teacher of another class) gets no value for the records whose data he does not
    # keep: reads give no value, exports are refused, domains, groupings and orders see no
    # value. The models name the fields and the SQL condition of who keeps them.
    _school_kept_fields = frozenset()

    def _school_keeper_condition(self, alias, fname):
        """SQL condition on the row ``alias`` of this model: the user keeps its ``fname``."""
        return SQL("FALSE")

    def _school_kept_limited(self):
        """Whether the user reads the kept fields of the records he keeps only."""
        if self.env.su or not self._school_kept_fields:
            return False
        user = self.env.user
        return user._has_group("base.group_user") and not user._has_group(school_access.GROUP_READER)

    def _school_hidden_ids(self, fname):
        """Ids of ``self`` whose ``fname`` the (limited) user does not keep."""
        ids = [record_id for record_id in self.ids if isinstance(record_id, int)]
        if not ids:
            return set()
        rows = self.env.execute_query(
            SQL(
                "SELECT t.id FROM %s AS t WHERE t.id = ANY(%s) AND NOT COALESCE(%s, FALSE)",
                SQL.identifier(self._table),
                ids,
                self._school_keeper_condition("t", fname),
            )
        )
        return {row[0] for row in rows}

    def _school_hidden_by_field(self, fnames):
        """{field name: ids of ``self`` whose value is hidden} for the kept ``fnames``."""
        kept = self._school_kept_fields.intersection(fnames or ())
        if not kept or not self or not self._school_kept_limited():
            return {}
        by_condition = {}
        hidden = {}
        for fname in sorted(kept):
            condition = self._school_keeper_condition("t", fname)
            key = (condition.code, tuple(map(str, condition.params)))
            if key not in by_condition:
                by_condition[key] = self._school_hidden_ids(fname)
            if by_condition[key]:
                hidden[fname] = by_condition[key]
        return hidden

    def _fetch_query(self, query, fields):
        """The values fetched into the cache are the true ones (see ``_FETCHING``)."""
        token = _FETCHING.set(True)
        try:
            return super()._fetch_query(query, fields)
        finally:
            _FETCHING.reset(token)

    def _field_to_sql(self, alias, fname, query=None, flush=True):
        """Domains, groupings, aggregates and orders see no value of the kept fields of the
        records the user does not keep: a domain probing them reveals nothing. An inherited
        field is guarded by its own model."""
        sql = super()._field_to_sql(alias, fname, query, flush)
        field = self._fields.get(fname.split(".", 1)[0])
        if (
            field is not None
            and field.name in self._school_kept_fields
            and not field.inherited
            and not _FETCHING.get()
            and self._school_kept_limited()
        ):
            sql = SQL("CASE WHEN %s THEN %s END", self._school_keeper_condition(alias, field.name), sql)
        return sql

    @api.model
    def _search_is_blacklisted(self, operator, value):
        """Whether the e-mail is on the blacklist, searched by who does not keep it: a record
        whose e-mail the user does not keep is not blacklisted to him, as its e-mail is empty
        to him (the blacklist's own search reads the e-mails in SQL, past ``_field_to_sql``)."""
        domain = super()._search_is_blacklisted(operator, value)
        if not self._school_kept_limited():
            return domain
        kept = [
            (
                "id",
                "in",
                SQL(
                    "(SELECT t.id FROM %s AS t WHERE COALESCE(%s, FALSE))",
                    SQL.identifier(self._table),
                    self._school_keeper_condition("t", "is_blacklisted"),
                ),
            )
        ]
        if (operator == "=") == bool(value):
            return expression.AND([kept, domain])
        return expression.OR([[expression.NOT_OPERATOR, *kept], domain])

    def _read_format(self, fnames, load="_classic_read"):
        """read, search_read and the web client's reads give no value of a kept field of
        the records the user does not keep."""
        result = super()._read_format(fnames, load=load)
        hidden = self.browse([vals["id"] for vals in result])._school_hidden_by_field(fnames)
        for fname, ids in hidden.items():
            for vals in result:
                if vals["id"] in ids and fname in vals:
                    vals[fname] = False
        return result

    def _track_filter_for_display(self, tracking_values):
        """The chatter's changes of a kept field (a guardian's new e-mail) show its values
        only to who keeps the record's data (SEC-5, P 3.5)."""
        parent = getattr(super(), "_track_filter_for_display", None)
        if parent is not None:
            tracking_values = parent(tracking_values)
        names = {tracking.field_id.name for tracking in tracking_values if tracking.field_id}
        hidden = self.with_env(self.env(su=False))._school_hidden_by_field(names)
        if not hidden:
            return tracking_values
        return tracking_values.filtered(lambda tracking: tracking.field_id.name not in hidden)

    def _message_get_suggested_recipients(self):
        """The chatter's suggested recipients (the student's own contact on the card, the
        contact itself) name the e-mail only to who keeps it (SEC-5, P 3.5)."""
        result = super()._message_get_suggested_recipients()
        partner_ids = [data["partner_id"] for data in result if data.get("partner_id") and data.get("email")]
        if not partner_ids:
            return result
        partners = self.env["res.partner"].with_env(self.env(su=False)).browse(partner_ids)
        hidden = partners._school_hidden_by_field(["email"]).get("email") or set()
        for data in result:
            if data.get("partner_id") in hidden:
                data["email"] = False
        return result

    def onchange(self, values, field_names, fields_spec):
        """A form's onchange on a record returns no kept value the user does not keep."""
        result = super().onchange(values, field_names, fields_spec)
        changed = result.get("value") or {}
        for fname in self._origin._school_hidden_by_field(changed.keys()):
            changed.pop(fname, None)
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        """An export of kept fields is refused when a record is not kept by the user; the
        relational paths are checked on their own model (``partner_id/phone``)."""
        hidden = self._school_hidden_by_field({path[0] for path in fields})
        if hidden:
            raise AccessError(
                _(
                    "The addresses, phones and health data of students and their families are "
                    "exported by their class teacher and the school's administration only."
                )
            )
        return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)

    def _school_log_personal_read(self, field_names, operation="read"):
        """Log that staff read the personal fields among ``field_names`` of ``self``; the
        superuser and portal users (own data in the e-diary) are not logged."""
        read = PERSONAL_FIELDS & set(field_names or ())
        if not read or not self or self.env.su or self.env.user.share:
            return
        self._school_record_personal_read(read, operation)

    def _school_record_personal_read(self, read, operation):
        """Record the reading of the personal fields ``read`` of ``self``: the model's own log."""

    # The web client's reads are read-write here: their personal-data log entry
    # (SEC-5) is a write, so they run in a read-write transaction from the start instead of
    # failing on the read-only cursor and being replayed by the HTTP layer.
    @api.model
    def web_search_read(self, domain, specification, offset=0, limit=None, order=None, count_limit=None):  # pylint: disable=useless-parent-delegation
        return super().web_search_read(
            domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
        )

    def web_read(self, specification):  # pylint: disable=useless-parent-delegation
        return super().web_read(specification)

    @api.model
    def web_read_group(self, domain, fields, groupby, limit=None, offset=0, orderby=False, lazy=True):  # pylint: disable=useless-parent-delegation
        return super().web_read_group(
            domain, fields, groupby, limit=limit, offset=offset, orderby=orderby, lazy=lazy
        )

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):  # pylint: disable=useless-parent-delegation
        return super().read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy
        )

    # the web client's dataset controller reads ``_readonly`` along the class hierarchy
    web_search_read._readonly = web_read._readonly = False
    web_read_group._readonly = read_group._readonly = False

    def _school_rows_read(self, rows):
        # what was really returned: fields=None reads only the fields the user may read
        names = PERSONAL_FIELDS & rows[0].keys() if rows else ()
        self.browse([row["id"] for row in rows])._school_log_personal_read(names)

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None):
        """Grouping by a personal field or aggregating one (a pivot by date of birth, guardians
        grouped by e-mail) reads it in bulk too: one row for the records grouped."""
        result = super()._read_group(domain, groupby, aggregates, having, offset, limit, order)
        if not self.env.su and not self.env.user.share:
            names = {spec.split(":")[0].split(".")[0] for spec in (*groupby, *aggregates)}
            read = PERSONAL_FIELDS & names
            if read:
                self._school_log_grouped_read(domain, read)
        return result

    @api.model
    def _school_log_grouped_read(self, domain, read):
        """Log the reading of the personal fields ``read`` of the records of ``domain``."""
        self.search(domain or [])._school_log_personal_read(read)

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        self._school_log_personal_read({path.split("/")[0] for path in fields_to_export}, operation="export")
        return result
