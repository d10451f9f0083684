from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from . import school_access


class SchoolAcademicYear(models.Model):
    """Academic year with its reporting periods (SETUP-1)."""

    _name = "school.academic.year"
    _description = "Academic Year"
    _order = "date_start desc"
    _check_company_auto = True

    name = fields.Char(required=True, help="For example 2026/2027")
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", required=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    period_ids = fields.One2many("school.period", "year_id", string="Periods")
    class_ids = fields.One2many("school.class", "year_id", string="Classes")
    active = fields.Boolean(default=True)
    is_current = fields.Boolean(compute="_compute_is_current", search="_search_is_current")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "An academic year with this name already exists."),
    ]

    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for year in self:
            year.is_current = year.date_start <= today <= year.date_end

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("Unsupported search on the current year."))
        today = fields.Date.context_today(self)
        domain = [("date_start", "<=", today), ("date_end", ">=", today)]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for year in self:
            if year.date_end <= year.date_start:
                raise ValidationError(_("The academic year %s must end after it starts.", year.name))
            overlapping = self.search_count(
                [
                    ("id", "!=", year.id),
                    ("company_id", "=", year.company_id.id),
                    ("date_start", "<=", year.date_end),
                    ("date_end", ">=", year.date_start),
                ]
            )
            if overlapping:
                raise ValidationError(
                    _("The academic year %s overlaps another academic year of the school.", year.name)
                )

    @api.model
    def _get_current(self, company=None, date=None):
        """The academic year in force on ``date`` (today by default) for the school."""
        date = date or fields.Date.context_today(self)
        company = company or self.env.company
        return self.search(
            [("company_id", "=", company.id), ("date_start", "<=", date), ("date_end", ">=", date)],
            limit=1,
        )

    def action_generate_periods(self):
        """Create the usual quarters, halves and the year period of a Russian school year."""
        school_access.check_groups(self.env, school_access.GROUP_ADMIN)
        for year in self:
            year.period_ids.unlink()
            self.env["school.period"].create(year._prepare_default_periods())
        return True

    def _prepare_default_periods(self):
        self.ensure_one()
        y = self.date_start.year
        d = fields.Date.to_date
        quarters = [
            (_("1st quarter"), d(f"{y}-09-01"), d(f"{y}-10-26")),
            (_("2nd quarter"), d(f"{y}-11-05"), d(f"{y}-12-28")),
            (_("3rd quarter"), d(f"{y + 1}-01-09"), d(f"{y + 1}-03-21")),
            (_("4th quarter"), d(f"{y + 1}-03-31"), min(d(f"{y + 1}-05-26"), self.date_end)),
        ]
        halves = [
            (_("1st half"), d(f"{y}-09-01"), d(f"{y}-12-28")),
            (_("2nd half"), d(f"{y + 1}-01-09"), min(d(f"{y + 1}-05-26"), self.date_end)),
        ]
        vals = []
        for seq, (name, start, end) in enumerate(quarters, 1):
            vals.append(self._prepare_period_values(name, "quarter", seq, start, end))
        for seq, (name, start, end) in enumerate(halves, 1):
            vals.append(self._prepare_period_values(name, "half", seq, start, end))
        vals.append(self._prepare_period_values(_("Year"), "year", 1, self.date_start, self.date_end))
        return vals

    def _prepare_period_values(self, name, period_type, sequence, start, end):
        return {
            "name": name,
            "year_id": self.id,
            "period_type": period_type,
            "sequence": sequence,
            "date_start": max(start, self.date_start),
            "date_end": min(end, self.date_end),
            "company_id": self.company_id.id,
        }
