from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .school_timetable_slot import WEEKDAYS


class SchoolCalendarDay(models.Model):
    """The school calendar of an academic year: public holidays, vacations and transferred
    working days (issue 14, duty 7).

    Holidays and vacations are days off: no lesson is generated on them and deadlines in
    working days skip them. A transferred working day (usually a Saturday) is a school day
    that follows the timetable of another weekday.
    """

    _name = "school.calendar.day"
    _description = "School Calendar Day"
    _order = "date_from, id"
    _check_company_auto = True

    name = fields.Char(required=True)
    year_id = fields.Many2one("school.academic.year", required=True, index=True, ondelete="cascade")
    kind = fields.Selection(
        [("holiday", "Public Holiday"), ("vacation", "Vacation"), ("working", "Transferred Working Day")],
        required=True,
        default="holiday",
    )
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="Until", required=True)
    weekday_as = fields.Selection(
        WEEKDAYS, string="Timetable of", help="A transferred working day follows this weekday's timetable."
    )
    company_id = fields.Many2one(related="year_id.company_id", store=True, index=True)

    @api.onchange("date_from")
    def _onchange_date_from(self):
        if self.date_from and not self.date_to:
            self.date_to = self.date_from

    @api.constrains("date_from", "date_to", "kind", "weekday_as", "year_id")
    def _check_dates(self):
        for day in self:
            if day.date_to < day.date_from:
                raise ValidationError(_("The end date is before the start date."))
            year = day.year_id
            if day.date_from < year.date_start or day.date_to > year.date_end:
                raise ValidationError(
                    _("%(name)s is outside the academic year %(year)s.", name=day.name, year=year.name)
                )
            if day.kind == "working":
                if day.date_from != day.date_to:
                    raise ValidationError(_("A transferred working day is one day."))
                if not day.weekday_as:
                    raise ValidationError(_("Choose whose weekday's timetable the working day follows."))

    # ------------------------------------------------------------------
    # Queries of the calendar, for lesson generation and deadlines
    # ------------------------------------------------------------------
    @api.model
    def _get_calendar(self, companies, date_from, date_to):
        """Days off and transferred working days between two dates, by company:
        ``{company_id: (set of days off, {working day: weekday as int})}``."""
        entries = self.sudo().search(
            [
                ("company_id", "in", companies.ids),
                ("date_from", "<=", date_to),
                ("date_to", ">=", date_from),
            ]
        )
        result = {company.id: (set(), {}) for company in companies}
        for entry in entries:
            off, working = result.setdefault(entry.company_id.id, (set(), {}))
            if entry.kind == "working":
                working[entry.date_from] = int(entry.weekday_as)
                continue
            day = max(entry.date_from, date_from)
            while day <= min(entry.date_to, date_to):
                off.add(day)
                day += timedelta(days=1)
        return result

    @api.model
    def _is_working_day(self, company, day):
        off, working = self._get_calendar(company, day, day)[company.id]
        if day in working:
            return True
        return day.weekday() < 5 and day not in off

    @api.model
    def _add_working_days(self, company, day, count):
        """The date ``count`` working days after ``day`` (weekends and days off skipped)."""
        off, working = self._get_calendar(company, day, day + timedelta(days=count * 3 + 60))[company.id]
        added = 0
        while added < count:
            day += timedelta(days=1)
            if day in working or (day.weekday() < 5 and day not in off):
                added += 1
        return day
