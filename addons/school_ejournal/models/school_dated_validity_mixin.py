from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SchoolDatedValidityMixin(models.AbstractModel):
    """Records valid from a first day to an optional last day (issue 16 item 6).

    Enrollments, guardian links, grading policies and subgroup memberships name their two
    date fields in ``_validity_fields``; the rule "valid on a day" (begun, and not ended or
    ending that day or later) lives here once, in memory and as a search domain, and so does
    the check that a record does not end before it starts (each model words its refusal in
    ``_date_order_error``).
    """

    _name = "school.dated.validity.mixin"
    _description = "Dated Validity"
    _validity_fields = ("date_start", "date_end")
    # the field naming the lessons a record makes its student belong to (a class, a subgroup),
    # the same on the lesson, and the fields whose change moves the student out of them
    _lesson_group_field = None
    _lesson_group_scope = ()

    @api.constrains(lambda self: self._validity_fields)
    def _check_date_order(self):
        """A record does not end before it starts; checked before the models' own date
        constraints (``_check_dates`` and the like), as constraints run by name."""
        start, end = self._validity_fields
        for record in self:
            if record[end] and record[start] and record[end] < record[start]:
                raise ValidationError(record._date_order_error())

    def _date_order_error(self):
        """The refusal of a record of ``self`` that ends before it starts (one record)."""
        raise NotImplementedError

    def _first_changed_days(self, vals, scope=()):
        """{record: the first day whose validity ``vals`` may change} of these records: the
        earlier of the old and new start, or of the old and new end, whichever ``vals``
        changes; the start when a field of ``scope`` (their target) changes."""
        start, end = self._validity_fields
        result = {}
        for record in self:
            days = []
            if start in vals or any(name in vals for name in scope):
                days += [record[start], fields.Date.to_date(vals.get(start))]
            if end in vals:
                days += [record[end], fields.Date.to_date(vals[end])]
                if not record[end] or not vals[end]:
                    # from open-ended to an end or back: the days after the other end
                    days = [day for day in days if day] or [record[start]]
            days = [day for day in days if day]
            if days:
                result[record] = min(days)
        return result

    def _lock_lessons(self, vals=None):
        """Lock the lessons these records stop (or may stop) making their students belong to,
        from the first day ``vals`` changes (by default: deleted, every day), in one statement
        (race audit, JOUR-3, JOUR-12: ``school.lesson._lock_lessons_from``)."""
        if not self._lesson_group_field:
            return
        vals = {self._validity_fields[0]: False} if vals is None else vals
        firsts = {}
        for record, day in self.sudo()._first_changed_days(vals, self._lesson_group_scope).items():
            key = record[self._lesson_group_field].id
            firsts[key] = min(day, firsts.get(key, day))
        self.env["school.lesson"].sudo()._lock_lessons_from(self._lesson_group_field, firsts)

    def _valid_on(self, day):
        """The records of ``self`` valid on ``day``."""
        start, end = self._validity_fields
        return self.filtered(
            lambda rec: rec[start] and rec[start] <= day and (not rec[end] or rec[end] >= day)
        )

    @api.model
    def _valid_on_domain(self, day):
        """The search domain of the records valid on ``day``."""
        return self._valid_between_domain(day, day)

    @api.model
    def _valid_today_domain(self, fname, operator, value):
        """The search domain of the records valid today whose ``fname`` matches ``operator``
        ``value``: how a field "as of today" searches through these records (a subgroup's
        students, a student's subgroups through the memberships)."""
        return [(fname, operator, value), *self._valid_on_domain(fields.Date.context_today(self))]

    @api.model
    def _valid_between_domain(self, date_from, date_to):
        """The search domain of the records valid on at least one day from ``date_from`` to
        ``date_to``."""
        start, end = self._validity_fields
        return ["&", (start, "<=", date_to), "|", (end, "=", False), (end, ">=", date_from)]

    def _overlap_domain(self, scope):
        """The search domain of the other records with the same values of the ``scope`` fields
        (many2one) whose validity overlaps this record's."""
        self.ensure_one()
        start, end = self._validity_fields
        domain = [("id", "!=", self.id)]
        domain += [(name, "=", self[name].id) for name in scope]
        domain += ["|", (end, "=", False), (end, ">=", self[start])]
        if self[end]:
            domain.append((start, "<=", self[end]))
        return domain
