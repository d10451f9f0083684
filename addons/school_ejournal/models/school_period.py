from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date

from . import school_access

PERIOD_TYPES = [
    ("quarter", "Quarter"),
    ("half", "Half-year"),
    ("year", "Year"),
    ("exam", "Exam"),
    ("final", "Final"),
]
# the fields of a period that decide which lessons belong to it
LESSON_PERIOD_FIELDS = {"date_start", "date_end", "period_type", "year_id"}
# periods whose lessons are given: they begin and end on school days of the calendar
TERM_TYPES = ("quarter", "half")


class SchoolPeriod(models.Model):
    """Reporting period of an academic year: quarter, half, year, exam, final (SETUP-1).

    Periods of one type never overlap and never leave their year. A closed period refuses
    edits of the journal (JOUR-8, P 4.1).
    """

    _name = "school.period"
    # the change log's texts of period marks name the period: a rename is logged (JOUR-7)
    _inherit = ["school.logged.name.mixin", "school.text.limit.mixin"]
    _description = "Reporting Period"
    _order = "date_start, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True)
    year_id = fields.Many2one(
        "school.academic.year",
        string="Academic Year",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    period_type = fields.Selection(PERIOD_TYPES, string="Type", required=True, default="quarter")
    sequence = fields.Integer(default=1)
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", required=True)
    is_closed = fields.Boolean(string="Closed for Edits", default=False)
    attestation_date = fields.Date(
        string="Intermediate Attestation",
        help="Date of the period's intermediate attestation: the teachers enter and change the "
        "marks of the period's lessons no later than that day; afterwards only a correction "
        "request of the deputy director changes them.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.constrains("date_start", "date_end", "year_id", "period_type")
    def _check_dates(self):
        for period in self:
            if period.date_end < period.date_start:
                raise ValidationError(_("The period %s must end after it starts.", period.name))
            year = period.year_id
            if period.date_start < year.date_start or period.date_end > year.date_end:
                raise ValidationError(
                    _(
                        "The period %(period)s (%(start)s - %(end)s) leaves the academic year "
                        "%(year)s (%(ystart)s - %(yend)s).",
                        period=period.name,
                        start=format_date(self.env, period.date_start),
                        end=format_date(self.env, period.date_end),
                        year=year.name,
                        ystart=format_date(self.env, year.date_start),
                        yend=format_date(self.env, year.date_end),
                    )
                )
            other = self.search(
                [
                    ("id", "!=", period.id),
                    ("year_id", "=", year.id),
                    ("period_type", "=", period.period_type),
                    ("date_start", "<=", period.date_end),
                    ("date_end", ">=", period.date_start),
                ],
                limit=1,
            )
            if other:
                raise ValidationError(_("The periods %(a)s and %(b)s overlap.", a=period.name, b=other.name))

    @api.constrains("attestation_date", "date_start", "year_id")
    def _check_attestation_date(self):
        for period in self:
            date = period.attestation_date
            if date and not period.date_start <= date <= period.year_id.date_end:
                raise ValidationError(
                    _(
                        "The intermediate attestation of %(period)s (%(date)s) must fall between the "
                        "period's start and the end of its academic year.",
                        period=period.name,
                        date=format_date(self.env, date),
                    )
                )

    @api.constrains("date_start", "date_end", "attestation_date", "period_type")
    def _check_calendar(self):
        """A quarter or a half begins, ends and is attested on a school day (issue 14, duty 7)."""
        terms = self.filtered(lambda p: p.period_type in TERM_TYPES)
        if not terms:
            return
        Calendar = self.env["school.calendar.day"]
        for period in terms:
            days = [period.date_start, period.date_end, period.attestation_date]
            days_off = Calendar._get_days_off(period.company_id, min(days[:2]), max(filter(None, days)))
            for day in filter(None, days):
                if day in days_off:
                    raise ValidationError(
                        _(
                            "%(period)s cannot begin, end or be attested on %(date)s: it is %(day_off)s "
                            "in the school calendar.",
                            period=period.name,
                            date=format_date(self.env, day),
                            day_off=days_off[day],
                        )
                    )

    def _compute_display_name(self):
        for period in self:
            period.display_name = f"{period.name} ({period.year_id.name})" if period.year_id else period.name

    def action_close(self):
        """Close the period for edits (ROLE-1, P 4.1); the chains' heads are anchored (issue 12)."""
        school_access.check_groups(self.env, school_access.GROUP_ADMIN)
        self.write({"is_closed": True})
        self.env["school.chain.anchor"].sudo()._anchor(self.company_id, "period_close")

    def action_reopen(self):
        school_access.check_groups(self.env, school_access.GROUP_ADMIN)
        self.write({"is_closed": False})

    @api.model
    def _check_marks_before_attestation(self, lessons):
        """Marks of a period's lessons are entered and changed no later than the period's
        intermediate attestation date (P 4.4; issue 14, duty 6): ``school.mark`` create, write
        and unlink, and through them the journal grid's ``save_cell``, call this.

        The deputy director's correction request is the legal way to change a mark afterwards:
        it applies the change as superuser, which this check lets through, as it does the
        other time limits of the journal.
        """
        if self.env.su or not lessons:
            return
        today = fields.Date.context_today(self)
        for period in lessons.sudo().period_id:
            if period.attestation_date and today > period.attestation_date:
                raise UserError(
                    _(
                        "The intermediate attestation of %(period)s was on %(date)s: marks of its "
                        "lessons can no longer be entered or changed. File a correction request "
                        "for the deputy director.",
                        period=period.name,
                        date=format_date(self.env, period.attestation_date),
                    )
                )

    @api.model
    def _get_period_for(self, school_class, date, period_type=None):
        """The assessment period (quarter or half by the class's grade) containing ``date``."""
        period_type = period_type or school_class.period_scheme
        return self.search(
            [
                ("year_id", "=", school_class.year_id.id),
                ("period_type", "=", period_type),
                ("date_start", "<=", date),
                ("date_end", ">=", date),
            ],
            limit=1,
        )

    def _pick_current(self, day):
        """Of these periods (in date order), the one containing ``day``, else the last one begun.

        The one rule for "the current period" of the journal grid, the e-diary and the period
        marks (issue 16 item 6); empty when none has begun: callers choose their fallback.
        """
        return (
            self.filtered(lambda p: p.date_start <= day <= p.date_end)[:1]
            or self.filtered(lambda p: p.date_start <= day)[-1:]
        )

    def _term_of(self, school_class, day):
        """Of these periods, the quarter or half of ``school_class`` containing ``day`` (empty
        on a holiday): read in memory from periods fetched once for many lessons."""
        return next(
            (
                period
                for period in self
                if period.year_id == school_class.year_id
                and period.period_type == school_class.period_scheme
                and day
                and period.date_start <= day <= period.date_end
            ),
            self.browse(),
        )

    # ------------------------------------------------------------------
    # Lessons follow the dates of their periods (issue 16 item 7)
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        periods = super().create(vals_list)
        periods._recompute_lesson_periods()
        return periods

    def write(self, vals):
        years = self.year_id
        if not LESSON_PERIOD_FIELDS & vals.keys():
            return super().write(vals)
        self._check_closed_unmoved(vals)
        years |= self.env["school.academic.year"].browse(vals.get("year_id") or [])
        # the lessons follow; never out of or into a closed period (JOUR-8)
        with self.env["school.lesson"]._keeping_entry_periods(years.sudo()):
            res = super().write(vals)
            self._recompute_lesson_periods(years | self.year_id)
        return res

    def _check_closed_unmoved(self, vals):
        """A period closed for edits keeps its dates, type and year (JOUR-8, P 4.1): moved, it
        would take its lessons out of the closed journal, or bring others into it."""
        for period in self.filtered("is_closed"):
            fields_ = [self._fields[fname] for fname in LESSON_PERIOD_FIELDS & vals.keys()]
            if any(
                period[field.name]
                != field.convert_to_record(field.convert_to_cache(vals[field.name], period), period)
                for field in fields_
            ):
                raise UserError(
                    _(
                        "The period %s is closed for edits: its dates, type and academic year no "
                        "longer change. Reopen it first.",
                        period.display_name,
                    )
                )

    def _recompute_lesson_periods(self, years=None):
        """``school.lesson.period_id`` is computed from the lesson's date and the periods of its
        class's year: a period created or moved recomputes the lessons of its year (their marks
        and attendance follow through their related ``period_id``)."""
        years = self.year_id if years is None else years
        Lesson = self.env["school.lesson"].sudo()
        lessons = Lesson.search([("class_id.year_id", "in", years.ids)])
        if not lessons:
            return
        query = SQL("SELECT id, period_id FROM school_lesson WHERE id = ANY(%s)", lessons.ids)
        Lesson.flush_model(["period_id"])
        before = dict(self.env.execute_query(query))
        self.env.add_to_compute(Lesson._fields["period_id"], lessons)
        Lesson.flush_model(["period_id"])
        # the marks, attendance and period of everything stored from a moved lesson's period
        # follow it (JOUR-7): the recomputation of the lessons alone left them in the former
        moved = [
            lesson_id
            for lesson_id, period_id in self.env.execute_query(query)
            if period_id != before[lesson_id]
        ]
        Lesson.browse(moved).modified(["period_id"])
