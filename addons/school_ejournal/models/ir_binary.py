from odoo import models

from .school_personal_read_mixin import PERSONAL_FIELDS


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _school_filename_field(self, record, filename_field):
        """``filename_field`` when the user may read it as the download's name, else the
        record's name. ``/web/content`` and ``/web/image`` take it from the URL and read it on
        the record without its field's groups (a teacher would read a child's SNILS or date of
        birth there) nor the personal data log (SEC-5, P 3.5): personal fields never name a
        file, and a field the user may not read names none either."""
        if not filename_field or filename_field == "name":
            return filename_field
        field = record._fields.get(filename_field)
        personal = filename_field in PERSONAL_FIELDS and isinstance(
            record, self.env.registry["school.personal.read.mixin"]
        )
        if (
            field is None
            or personal
            or field.type not in ("char", "text")
            or not field.is_accessible(self.env)
        ):
            return "name"
        return filename_field

    def _get_stream_from(
        self,
        record,
        field_name="raw",
        filename=None,
        filename_field="name",
        mimetype=None,
        default_mimetype="application/octet-stream",
    ):
        filename_field = self._school_filename_field(record, filename_field)
        return super()._get_stream_from(
            record,
            field_name=field_name,
            filename=filename,
            filename_field=filename_field,
            mimetype=mimetype,
            default_mimetype=default_mimetype,
        )
