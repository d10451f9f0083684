from odoo import api, models

PERSONAL_FIELDS = {"birthdate", "snils", "phone", "email", "street", "mobile"}


class SchoolStudent(models.Model):
    """Staff reading students' personal data is logged (SEC-5, P 3.5).

    Every read path of the ORM ends in :meth:`read` (the web client's ``web_read`` and
    ``web_search_read`` call it), :meth:`search_read`, :meth:`export_data` or a grouping: one card read
    leaves a row naming the student, a bulk read one row with the number of records. The
    fields themselves stay behind the personal-data group and the consent rules of
    ``school.student``; the superuser and portal users (own data in the e-diary) are not logged.
    """

    _inherit = "school.student"

    def _school_log_personal_read(self, field_names, operation="read"):
        read = PERSONAL_FIELDS & set(field_names or ())
        if not read or not self or self.env.su or self.env.user.share:
            return
        Log = self.env["school.personal.data.log"]
        if len(self) == 1 and operation == "read":
            Log._record(self, read)
        else:
            Log._record_bulk(self, read, operation)

    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields=fields, load=load)
        # what was really returned: fields=None reads only the fields the user may read
        names = [name for name in PERSONAL_FIELDS if result and name in result[0]]
        self.browse([row["id"] for row in result])._school_log_personal_read(names)
        return result

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs):
        result = super().search_read(
            domain=domain, fields=fields, offset=offset, limit=limit, order=order, **read_kwargs
        )
        names = [name for name in PERSONAL_FIELDS if result and name in result[0]]
        self.browse([row["id"] for row in result])._school_log_personal_read(names)
        return result

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None):
        """Grouping students by a personal field (a pivot or graph by date of birth) reads it
        in bulk too: one row with the number of students grouped."""
        result = super()._read_group(domain, groupby, aggregates, having, offset, limit, order)
        if not self.env.su and not self.env.user.share:
            names = {spec.split(":")[0].split(".")[0] for spec in (*groupby, *aggregates)}
            read = PERSONAL_FIELDS & names
            if read:
                count = self.search_count(domain)
                self.env["school.personal.data.log"]._record_bulk(self.browse(), read, count=count)
        return result

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        names = {path.split("/")[0] for path in fields_to_export}
        self._school_log_personal_read(names, operation="export")
        return result

    @api.model
    def _school_personal_fields(self):
        return PERSONAL_FIELDS
