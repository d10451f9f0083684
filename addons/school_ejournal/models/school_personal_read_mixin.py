from odoo import api, models

# personal data of a student or guardian whose reading by staff is logged (SEC-5, P 3.5)
PERSONAL_FIELDS = {"birthdate", "snils", "phone", "email", "street", "mobile"}


class SchoolPersonalReadMixin(models.AbstractModel):
    """Every read path of the ORM logs the personal fields it returned (SEC-5, P 3.5).

    :meth:`read` (the web client's ``web_read`` and ``web_search_read`` call it),
    :meth:`search_read` and :meth:`export_data` pass the personal fields read to
    ``_school_log_personal_read``, which the model implements: ``school.student`` logs one
    card read by name, ``res.partner`` the school's guardians and students read in bulk. Listed
    first in ``_inherit`` so that these overrides come right after the model's own class.
    """

    _name = "school.personal.read.mixin"
    _description = "Logged Reading of Personal Data"

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

    def _school_log_rows_read(self, rows):
        # what was really returned: fields=None reads only the fields the user may read
        names = PERSONAL_FIELDS & rows[0].keys() if rows else ()
        self.browse([row["id"] for row in rows])._school_log_personal_read(names)

    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields=fields, load=load)
        self._school_log_rows_read(result)
        return result

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs):
        result = super().search_read(
            domain=domain, fields=fields, offset=offset, limit=limit, order=order, **read_kwargs
        )
        self._school_log_rows_read(result)
        return result

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        self._school_log_personal_read({path.split("/")[0] for path in fields_to_export}, operation="export")
        return result
