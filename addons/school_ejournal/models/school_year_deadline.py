from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import school_access

DEADLINE_KINDS = [
    ("attestation", "Marks entered by the intermediate attestation"),
    ("print_basic", "Year-end printing, grades 1-8 and 10"),
    ("print_final", "Year-end printing, grades 9 and 11"),
    ("summary_sheet", "Summary sheet of the year"),
    ("diagnostics", "External diagnostics entered"),
    ("outage", "Entries after an outage"),
    ("compromise", "Compromise notice handled"),
]
# kinds dated from an event: (days, working days?) after it
EVENT_DELAYS = {"diagnostics": (5, False), "outage": (1, False), "compromise": (1, True)}


class SchoolYearDeadline(models.Model):
    """Deadlines of the school's duties, dated per academic year like the grading policy
    (issue 14, duty 6): marks entered no later than the intermediate attestation date
    (P 4.4); year-end printing by 25 June (grades 1-8, 10) and 30 June (grades 9, 11, P 7.5);
    the summary sheet within 7 days of the year's end (S admin 4); external diagnostics within
    5 days and entries within 1 day after a recorded outage (JOUR-9); a compromise notice
    handled within 1 working day, its account blocked within 1 hour (P 3.15, S 4.3).

    Open deadlines appear in the list of school deadlines (overdue ones highlighted) and in
    the teachers' daily digest in the week before.
    """

    _name = "school.year.deadline"
    _description = "School Deadline"
    _order = "deadline, id"
    _check_company_auto = True

    year_id = fields.Many2one("school.academic.year", required=True, index=True, check_company=True)
    kind = fields.Selection(DEADLINE_KINDS, required=True)
    event_date = fields.Date(help="The diagnostics, the outage's end or the notice.")
    deadline = fields.Date(
        compute="_compute_deadline", store=True, readonly=False, required=True, precompute=True
    )
    note = fields.Char()
    responsible_id = fields.Many2one("res.users", domain=[("share", "=", False)])
    done_at = fields.Datetime(string="Done on", readonly=True)
    done_by_id = fields.Many2one("res.users", string="Done by", readonly=True)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    company_id = fields.Many2one(related="year_id.company_id", store=True, index=True)

    @api.depends("kind", "event_date", "year_id")
    def _compute_deadline(self):
        Calendar = self.env["school.calendar.day"]
        for record in self:
            if record.kind in EVENT_DELAYS and record.event_date:
                days, working = EVENT_DELAYS[record.kind]
                record.deadline = (
                    Calendar._add_working_days(record.company_id, record.event_date, days)
                    if working
                    else record.event_date + timedelta(days=days)
                )
            elif not record.deadline and record.year_id:
                record.deadline = record._default_year_deadline(record.kind)

    def _default_year_deadline(self, kind):
        year = self.year_id
        june = year.date_end.year if year.date_end.month >= 6 else year.date_end.year
        if kind == "print_basic":
            return date(june, 6, 25)
        if kind == "print_final":
            return date(june, 6, 30)
        if kind == "summary_sheet":
            return self._get_study_end(year) + timedelta(days=7)
        if kind == "attestation":
            return self._get_study_end(year)
        return False

    @api.model
    def _get_study_end(self, year):
        period = year.sudo().period_ids.filtered(lambda p: p.period_type == "year")[:1]
        return period.date_end if period else year.date_end

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for record in self:
            record.is_overdue = not record.done_at and record.deadline < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on overdue deadlines."))
        domain = [("done_at", "=", False), ("deadline", "<", fields.Date.context_today(self))]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.constrains("kind", "event_date", "deadline")
    def _check_event(self):
        for record in self:
            if record.kind in EVENT_DELAYS and not record.event_date:
                raise ValidationError(_("Give the date of the event the deadline counts from."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("kind") in EVENT_DELAYS and not vals.get("event_date"):
                raise ValidationError(_("Give the date of the event the deadline counts from."))
        return super().create(vals_list)

    def action_done(self):
        self.check_access("write")
        if self.filtered("done_at"):
            raise UserError(_("The deadline was already met."))
        self.write({"done_at": fields.Datetime.now(), "done_by_id": self.env.uid})

    @api.model
    def action_generate_year(self, year_id):
        """Create the year's dated deadlines (attestation, printing, summary sheet) that do
        not exist yet."""
        school_access.check_groups(self.env, school_access.GROUP_DEPUTY, school_access.GROUP_ADMIN)
        year = self.env["school.academic.year"].browse(year_id)
        year.check_access("read")
        self.check_access("create")
        existing = set(self.search([("year_id", "=", year.id)]).mapped("kind"))
        vals_list = [
            {"year_id": year.id, "kind": kind}
            for kind in ("attestation", "print_basic", "print_final", "summary_sheet")
            if kind not in existing
        ]
        return self.create(vals_list)
