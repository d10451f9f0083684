from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from . import school_access, school_rpc_args

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
DEADLINE_STATES = [("open", "Not due yet"), ("met", "Met"), ("late", "Met late"), ("overdue", "Overdue")]
# the periods whose marks are attested (P 4.4): one attestation deadline each
ATTESTED_TYPES = ("quarter", "half", "year")


class SchoolYearDeadline(models.Model):
    """Deadlines of the school's duties, dated per academic year like the grading policy
    (issue 14, duty 6): marks entered no later than the intermediate attestation date
    (P 4.4); year-end printing by 25 June (grades 1-8, 10) and 30 June (grades 9, 11, P 7.5);
    the summary sheet within 7 days of the year's end (S admin 4); external diagnostics within
    5 days and entries within 1 day after a recorded outage (JOUR-9); a compromise notice
    handled within 1 working day, its account blocked within 1 hour (P 3.15, S 4.3).

    The attestation deadline belongs to a period and is its intermediate attestation date
    (``school.period.attestation_date``, else the period's last day); after it the teachers'
    marks of the period are refused (``school.period._check_marks_before_attestation``).

    Every deadline has a state: open, met (on time), met late, overdue. The deadlines appear
    as rows of the entry-deadline report (``school.entry.deadline``), in the list of school
    deadlines, and in the teachers' daily digest from the week before on (overdue ones until
    they are met).
    """

    _name = "school.year.deadline"
    _description = "School Deadline"
    _order = "deadline, id"
    _check_company_auto = True

    year_id = fields.Many2one("school.academic.year", required=True, index=True, check_company=True)
    kind = fields.Selection(DEADLINE_KINDS, required=True)
    period_id = fields.Many2one(
        "school.period",
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('year_id', '=', year_id)]",
        help="The period whose marks the attestation deadline closes.",
    )
    event_date = fields.Date(help="The diagnostics, the outage's end or the notice.")
    deadline = fields.Date(
        compute="_compute_deadline", store=True, readonly=False, required=True, precompute=True
    )
    note = fields.Char()
    responsible_id = fields.Many2one("res.users", domain=[("share", "=", False)])
    done_at = fields.Datetime(string="Done on", readonly=True)
    done_by_id = fields.Many2one("res.users", string="Done by", readonly=True)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    state = fields.Selection(DEADLINE_STATES, compute="_compute_state")
    company_id = fields.Many2one(related="year_id.company_id", store=True, index=True)

    @api.depends("kind", "event_date", "year_id", "period_id.attestation_date", "period_id.date_end")
    def _compute_deadline(self):
        Calendar = self.env["school.calendar.day"]
        for record in self:
            if record.kind == "attestation" and record.period_id:
                period = record.period_id.sudo()
                record.deadline = period.attestation_date or period.date_end
            elif record.kind in EVENT_DELAYS and record.event_date:
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

    @api.depends("done_at", "deadline")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for record in self:
            record.state = record._get_state(today)

    def _get_state(self, today):
        self.ensure_one()
        if not self.deadline:
            # a new deadline in its form, before its kind or dates are chosen
            return "open"
        if self.done_at:
            done_day = fields.Date.context_today(self, self.done_at)
            return "met" if done_day <= self.deadline else "late"
        return "overdue" if self.deadline < today else "open"

    def _describe(self, today):
        """One line of the teacher's digest: the deadline, its period, date and state."""
        self.ensure_one()
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        states = dict(self._fields["state"]._description_selection(self.env))
        label = kinds[self.kind]
        if self.period_id:
            label = f"{label} ({self.period_id.sudo().name})"
        return f"{label}: {format_date(self.env, self.deadline)}, {states[self._get_state(today)].lower()}"

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for record in self:
            record.is_overdue = record._get_state(today) == "overdue"

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on overdue deadlines."))
        domain = [("done_at", "=", False), ("deadline", "<", fields.Date.context_today(self))]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.constrains("kind", "event_date", "deadline", "period_id", "year_id")
    def _check_event(self):
        for record in self:
            if record.kind in EVENT_DELAYS and not record.event_date:
                raise ValidationError(_("Give the date of the event the deadline counts from."))
            if record.period_id and (
                record.kind != "attestation" or record.period_id.year_id != record.year_id
            ):
                raise ValidationError(
                    _("Only an attestation deadline names a period, and one of its own academic year.")
                )

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
        """Create the year's dated deadlines that do not exist yet: the attestation of each
        quarter, half and the year (P 4.4), the printing (P 7.5) and the summary sheet
        (S admin 4)."""
        school_access.check_groups(self.env, school_access.GROUP_DEPUTY, school_access.GROUP_ADMIN)
        year = self.env["school.academic.year"].browse(school_rpc_args.record_id(self.env, year_id))
        year.check_access("read")
        self.check_access("create")
        existing = self.search([("year_id", "=", year.id)])
        attested = existing.filtered(lambda d: d.kind == "attestation").period_id
        periods = year.period_ids.filtered(lambda p: p.period_type in ATTESTED_TYPES).sorted(
            lambda p: (p.date_end, ATTESTED_TYPES.index(p.period_type))
        )
        vals_list = [
            {"year_id": year.id, "kind": "attestation", "period_id": period.id}
            for period in periods
            if period not in attested
        ]
        kinds = set(existing.mapped("kind"))
        if not periods and "attestation" not in kinds:
            vals_list.append({"year_id": year.id, "kind": "attestation"})
        vals_list += [
            {"year_id": year.id, "kind": kind}
            for kind in ("print_basic", "print_final", "summary_sheet")
            if kind not in kinds
        ]
        return self.create(vals_list)
