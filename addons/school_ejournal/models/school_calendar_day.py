from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from .school_timetable_slot import WEEKDAYS


class SchoolCalendarDay(models.Model):
    """The school calendar of an academic year: public holidays, vacations and transferred
    working days (issue 14, duty 7).

    Holidays and vacations are days off: no lesson is generated on them and deadlines in
    working days skip them. A transferred working day (usually a Saturday) is a school day
    that follows the timetable of another weekday.

    Periods follow it: a quarter or a half never begins, ends or is attested on a day off
    (checked from both sides, ``school.period._check_calendar`` and ``_check_periods``). Plans
    count the hours the timetable gives on the school days of the calendar
    (``school.plan.school_hours``), and their topics are dated on school days. The year
    rollover copies the holidays and vacations to the next year (``_copy_to_year``).
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

    @api.constrains("date_from", "date_to", "kind", "year_id")
    def _check_periods(self):
        """A day off never falls on the first, the last or the attestation day of a quarter
        or a half (issue 14, duty 7)."""
        days_off = self.filtered(lambda d: d.kind != "working")
        if not days_off:
            return
        periods = (
            self.env["school.period"]
            .sudo()
            .search([("year_id", "in", days_off.year_id.ids), ("period_type", "in", ("quarter", "half"))])
        )
        for day in days_off:
            for period in periods.filtered(lambda p, day=day: p.year_id == day.year_id):
                for date in filter(None, (period.date_start, period.date_end, period.attestation_date)):
                    if day.date_from <= date <= day.date_to:
                        raise ValidationError(
                            _(
                                "%(name)s covers %(date)s, when %(period)s begins, ends or is "
                                "attested: move the period's dates first.",
                                name=day.name,
                                date=format_date(self.env, date),
                                period=period.name,
                            )
                        )

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
    def _get_days_off(self, company, date_from, date_to):
        """Holidays and vacation days between two dates: ``{day: name of the entry}``."""
        entries = self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("kind", "!=", "working"),
                ("date_from", "<=", date_to),
                ("date_to", ">=", date_from),
            ]
        )
        result = {}
        for entry in entries:
            day = max(entry.date_from, date_from)
            while day <= min(entry.date_to, date_to):
                result[day] = entry.name
                day += timedelta(days=1)
        return result

    @api.model
    def _get_school_weekdays(self, company, date_from, date_to):
        """The school days between two dates with the weekday whose timetable they follow:
        ``{day: weekday as int}``. Days off are left out; a transferred working day follows
        its weekday; other days follow their own (Sundays have no timetable)."""
        off, working = self._get_calendar(company, date_from, date_to)[company.id]
        result = {}
        day = date_from
        while day <= date_to:
            if day in working:
                result[day] = working[day]
            elif day not in off and day.weekday() < 6:
                result[day] = day.weekday()
            day += timedelta(days=1)
        return result

    def _copy_to_year(self, year):
        """Copy these holidays and vacations to ``year``, one year later (the year rollover,
        issue 14, duty 7). Transferred working days are not copied: the government decrees
        them anew every year. An entry that would leave the new year, or fall on the first,
        last or attestation day of one of its quarters or halves, is left out: the
        administrator enters it by hand. Returns the new entries."""
        periods = (
            self.env["school.period"]
            .sudo()
            .search([("year_id", "=", year.id), ("period_type", "in", ("quarter", "half"))])
        )
        bounds = {d for p in periods for d in (p.date_start, p.date_end, p.attestation_date) if d}
        vals_list = []
        for entry in self.filtered(lambda d: d.kind != "working"):
            date_from = entry.date_from + relativedelta(years=1)
            date_to = entry.date_to + relativedelta(years=1)
            if date_from < year.date_start or date_to > year.date_end:
                continue
            if any(date_from <= d <= date_to for d in bounds):
                continue
            vals_list.append(
                {
                    "name": entry.name,
                    "year_id": year.id,
                    "kind": entry.kind,
                    "date_from": date_from,
                    "date_to": date_to,
                }
            )
        return self.create(vals_list)

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
