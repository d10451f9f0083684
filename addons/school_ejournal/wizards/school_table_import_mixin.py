from odoo import _, fields, models

from ..models import school_access
from ..models.school_spreadsheet import (
    cell_date,
    cell_problem,
    cell_text,
    column_title,
    read_table,
    validate_table,
)


class SchoolTableImportMixin(models.AbstractModel):
    """What the table imports of the administrator share (the contingent and the staff,
    S admin 12; issue 16): the uploaded file and the result, the rows read within the limits
    of every import (at most 5,000 rows and 5 MB, an XLSX sheet streamed over a bounded number
    of columns; issue 11 item 10), the cells, and the all-or-nothing check of the rows.

    An import sets ``_import_headers`` (column title in lower case -> key) and
    ``_import_required`` (the keys the table must have) and writes ``_row_checks``,
    ``_check_row`` and ``_known_error``.
    """

    _name = "school.table.import.mixin"
    _description = "Table Import"
    _import_headers = {}
    _import_required = frozenset()

    file = fields.Binary(required=True)
    filename = fields.Char()
    result = fields.Text(readonly=True)

    _text = staticmethod(cell_text)
    _date = staticmethod(cell_date)

    def _read_rows(self):
        """[(row number, {key: value})] of the uploaded table."""
        return read_table(self, self._import_headers, self._import_required)

    def _row_date(self, rec, key, row_errors, message):
        """The date in column ``key`` of a row; False when empty, or when it is not a date,
        then ``message`` (translated, one ``%s`` for the text of the cell) is added to
        ``row_errors``."""
        try:
            return self._date(rec.get(key))
        except ValueError as bad:
            row_errors.append(message % bad)
            return False

    def _row_checks(self):
        """What every row is checked against, read once: a dict whose ``known`` holds the
        keys of the records already in the database."""
        return {"known": set()}

    def _check_row(self, rec, checks, row_errors):
        """(key, name, values) of a row: the key that may stand only once (False when the
        row has none), the name that shows it, the values to import; the row's errors are
        added to ``row_errors``."""
        raise NotImplementedError

    def _known_error(self, name):
        """The error of a row whose key already stands in the database."""
        raise NotImplementedError

    def _validate(self, records):
        """(prepared values, [(row number, reason)]) of ``records``: every row checked, and
        a row whose key is already in the database or in an earlier row is an error, as a
        cell holding a formula or a text too long for any column."""
        checks = self._row_checks()
        seen, errors, prepared = {}, [], []
        for number, rec in records:
            # a formula or a too long text, named by its column (issue 11 item 10)
            row_errors = [
                _(
                    "column «%(column)s»: %(problem)s",
                    column=column_title(self._import_headers, key),
                    problem=problem,
                )
                for key, value in rec.items()
                if (problem := cell_problem(self.env, value))
            ]
            key, name, values = self._check_row(rec, checks, row_errors)
            if key and key in checks["known"]:
                row_errors.append(self._known_error(name))
            elif key and key in seen:
                row_errors.append(_("duplicate of row %s", seen[key]))
            seen[key] = number
            if row_errors:
                errors.extend((number, error) for error in row_errors)
            else:
                prepared.append(values)
        return prepared, errors

    def _checked_rows(self, empty_message):
        """The prepared rows of the file, all of them or none (a UserError naming the bad
        rows); only the e-journal administrator imports (ROLE-1)."""
        school_access.check_groups(self.env, school_access.GROUP_ADMIN)
        self.ensure_one()
        return validate_table(self, empty_message)

    def _action_imported(self, records, name):
        """The window listing the records just imported."""
        return {
            "type": "ir.actions.act_window",
            "res_model": records._name,
            "view_mode": "list,form",
            "domain": [("id", "in", records.ids)],
            "name": name,
        }
