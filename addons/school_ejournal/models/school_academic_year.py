from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from . import school_access


class SchoolAcademicYear(models.Model):
    """Academic year with its reporting periods (SETUP-1)."""

    _name = "school.academic.year"
    _inherit = ["school.text.limit.mixin"]
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
        domain = self._in_force_domain(fields.Date.context_today(self))
        return domain if (operator == "=") == value else ["!", *domain]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for year in self:
            if year.date_end <= year.date_start:
                raise ValidationError(_("The academic year %s must end after it starts.", year.name))
            # a year typed wrong in one of the dates (2062 for 2026) is refused
            if year.date_end > year.date_start + relativedelta(years=1):
                raise ValidationError(
                    _(
                        "The academic year %(year)s cannot last from %(start)s to %(end)s: it lasts "
                        "one year at most.",
                        year=year.name,
                        start=format_date(self.env, year.date_start),
                        end=format_date(self.env, year.date_end),
                    )
                )
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

    @api.constrains("date_start", "date_end")
    def _check_contents_inside(self):
        """Shortening a year leaves none of its periods (SETUP-1) nor of its classes' timetable
        slots (SETUP-7) outside it: they check the year on their own changes only."""
        Slot = self.env["school.timetable.slot"].sudo()
        for year in self.sudo():
            periods = year.period_ids.filtered(
                lambda p, y=year: p.date_start < y.date_start or p.date_end > y.date_end
            )
            slots = Slot.search(
                [
                    ("class_id.year_id", "=", year.id),
                    "|",
                    ("date_from", "<", year.date_start),
                    ("date_to", ">", year.date_end),
                ],
                limit=1,
            )
            if periods or slots:
                raise ValidationError(
                    _(
                        "The academic year %(year)s cannot run from %(start)s to %(end)s: %(what)s "
                        "would be left outside it. Change their dates first.",
                        year=year.name,
                        start=format_date(self.env, year.date_start),
                        end=format_date(self.env, year.date_end),
                        what=periods[:1].name or slots.display_name,
                    )
                )

    @api.model
    def _get_current(self, company=None, date=None):
        """The academic year in force on ``date`` (today by default) for the school."""
        date = date or fields.Date.context_today(self)
        company = company or self.env.company
        return self.search([("company_id", "=", company.id), *self._in_force_domain(date)], limit=1)

    @api.model
    def _in_force_domain(self, day, path=None):
        """The search domain of the academic years in force on ``day``; with ``path`` (a
        many2one to the year, e.g. ``"year_id"``), of the records whose year is."""
        prefix = f"{path}." if path else ""
        return [(f"{prefix}date_start", "<=", day), (f"{prefix}date_end", ">=", day)]

    def action_generate_periods(self):
        """Create the usual quarters, halves and the year period of a Russian school year."""
        school_access.check_groups(self.env, school_access.GROUP_ADMIN)
        for year in self:
            year.period_ids.unlink()
            self.env["school.period"].create(year._prepare_default_periods())
        return True

    def action_generate_deadlines(self):
        """Create the year's dated deadlines and show them (issue 14, duty 6)."""
        self.ensure_one()
        self.env["school.year.deadline"].action_generate_year(self.id)
        action = self.env["ir.actions.act_window"]._for_xml_id("school_ejournal.school_year_deadline_action")
        action["domain"] = [("year_id", "=", self.id)]
        return action

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

    def _rollover(
        self,
        name,
        date_start,
        date_end,
        order_number,
        grade9_leavers=None,
        carry_subgroups=True,
        carry_assignments=True,
        carry_curriculum=False,
        carry_calendar=False,
    ):
        """Year rollover (SETUP-8, S admin 18): a new academic year, every class one grade up.

        Grade 11 graduates; grade 9 students in ``grade9_leavers`` graduate, the others go on
        to grade 10. Subgroups, teaching assignments and curriculum are carried over as asked,
        and so are the school calendar's holidays and vacations (issue 14, duty 7; see
        ``school.calendar.day._copy_to_year``).
        Returns the new year. The wizard ``school.year.rollover.wizard`` only collects the input.
        """
        school_access.check_groups(self.env, school_access.GROUP_ADMIN)
        self.ensure_one()
        grade9_leavers = grade9_leavers if grade9_leavers is not None else self.env["school.student"]
        Year = self.env["school.academic.year"]
        if Year.search_count([("name", "=", name), ("company_id", "=", self.company_id.id)]):
            raise UserError(_("The academic year %s already exists.", name))
        new_year = Year.create(
            {
                "name": name,
                "date_start": date_start,
                "date_end": date_end,
                "company_id": self.company_id.id,
            }
        )
        new_year.action_generate_periods()
        if carry_calendar:
            self.env["school.calendar.day"].search([("year_id", "=", self.id)])._copy_to_year(new_year)
        old_classes = self.env["school.class"].search([("year_id", "=", self.id)])
        class_map = {}
        new_vals = [
            {
                "grade": c.grade + 1,
                "letter": c.letter,
                "year_id": new_year.id,
                "class_teacher_id": c.class_teacher_id.id,
                "room_id": c.room_id.id,
                "bell_schedule_id": c.bell_schedule_id.id,
                "company_id": c.company_id.id,
            }
            for c in old_classes
            if c.grade < 11
        ]
        for old, new in zip(
            old_classes.filtered(lambda c: c.grade < 11),
            self.env["school.class"].create(new_vals),
            strict=True,
        ):
            class_map[old] = new
        end_old = self.date_end
        Enrollment = self.env["school.enrollment"]
        moves, enrollments = [], []
        for old in old_classes:
            current = Enrollment.search([("class_id", "=", old.id), ("date_end", "=", False)])
            current.write({"date_end": end_old})
            for enrollment in current:
                student = enrollment.student_id
                graduates = old.grade == 11 or (old.grade == 9 and student in grade9_leavers)
                if graduates:
                    student.state = "graduated"
                    moves.append(
                        {
                            "student_id": student.id,
                            "movement_type": "graduation",
                            "date": end_old,
                            "from_class_id": old.id,
                            "order_number": order_number,
                        }
                    )
                else:
                    enrollments.append(
                        {
                            "student_id": student.id,
                            "class_id": class_map[old].id,
                            "date_start": date_start,
                        }
                    )
        Enrollment.create(enrollments)
        self.env["school.movement"].create(moves)
        for old, new in class_map.items():
            if carry_subgroups:
                for group in old.subgroup_ids:
                    self.env["school.subgroup"].create(
                        {
                            "name": group.name,
                            "class_id": new.id,
                            "subject_id": group.subject_id.id,
                            "teacher_id": group.teacher_id.id,
                            "student_ids": [Command.set((group.student_ids & new.student_ids).ids)],
                        }
                    )
            if carry_assignments:
                self.env["school.teaching.assignment"].create(
                    [
                        {
                            "teacher_id": a.teacher_id.id,
                            "subject_id": a.subject_id.id,
                            "class_id": new.id,
                            "hours_per_week": a.hours_per_week,
                            "subgroup_id": new.subgroup_ids.filtered(
                                lambda g, a=a: g.name == a.subgroup_id.name and g.subject_id == a.subject_id
                            )[:1].id
                            if a.subgroup_id
                            else False,
                        }
                        for a in old.assignment_ids
                    ]
                )
            if carry_curriculum:
                self.env["school.curriculum.line"].create(
                    [
                        {
                            "class_id": new.id,
                            "subject_id": line.subject_id.id,
                            "hours_per_week": line.hours_per_week,
                            "split_in_subgroups": line.split_in_subgroups,
                        }
                        for line in old.curriculum_line_ids
                        if line.subject_id.grade_from <= new.grade <= line.subject_id.grade_to
                    ]
                )
        return new_year
