from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date


class SchoolSubgroupMember(models.Model):
    """A student's membership of a subgroup from one date to another (JOUR-12, P 4.4).

    Students move between subgroups only at a period boundary: a membership starts on the
    first day of the academic year or of a quarter or half, and ends on the day before one
    (issue 11, item 12). Only leaving the class ends it on any day (SETUP-8). Past lessons
    keep their members: whoever asks who belonged to a lesson asks for its date.
    """

    _name = "school.subgroup.member"
    _inherit = ["school.dated.validity.mixin"]
    _description = "Subgroup Membership"
    _validity_fields = ("date_from", "date_to")
    _lesson_group_field = "subgroup_id"
    _order = "subgroup_id, date_from, id"
    _check_company_auto = True

    subgroup_id = fields.Many2one(
        "school.subgroup", required=True, index=True, ondelete="cascade", check_company=True
    )
    student_id = fields.Many2one(
        "school.student", required=True, index=True, ondelete="cascade", check_company=True
    )
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", help="Empty while the student is still a member.")
    class_id = fields.Many2one(related="subgroup_id.class_id", store=True, index=True)
    company_id = fields.Many2one(related="subgroup_id.company_id", store=True, index=True)

    def _compute_display_name(self):
        for member in self:
            member.display_name = f"{member.subgroup_id.display_name}: {member.student_id.name}"

    def write(self, vals):
        if {"subgroup_id", "student_id"} & set(vals):
            raise UserError(
                _("A membership stays the one of its student and subgroup: end it and add a new one.")
            )
        # a membership ended or moved locks the subgroup's lessons it leaves (race audit,
        # JOUR-12: ``school.lesson._lock_lessons_from``)
        self._lock_lessons(vals)
        return super().write(vals)

    def unlink(self):
        self._lock_lessons()
        return super().unlink()

    def _date_order_error(self):
        return _("A subgroup membership cannot end before it starts.")

    @api.model
    def _period_starts(self, years):
        """{year id: the first days of the year and of its quarters and halves}."""
        starts = {year.id: {year.date_start} for year in years}
        periods = (
            self.env["school.period"]
            .sudo()
            .search_fetch(
                [("year_id", "in", years.ids), ("period_type", "in", ("quarter", "half"))],
                ["year_id", "date_start"],
            )
        )
        for period in periods:
            starts[period.year_id.id].add(period.date_start)
        return starts

    @api.constrains("date_from", "date_to")
    def _check_period_boundaries(self):
        """Moves only at a period boundary (P 4.4); leaving the class ends it on any day.
        Checked after ``_check_date_order`` (constraints run by name)."""
        members = self.sudo()
        years = members.subgroup_id.class_id.year_id
        starts = self._period_starts(years)
        leaving = self.env.context.get("school_subgroup_leave_class")
        for member in members:
            year = member.subgroup_id.class_id.year_id
            allowed = starts.get(year.id, set())
            if member.date_from not in allowed:
                raise UserError(
                    _(
                        "Students move between subgroups only at the start of a period: "
                        "%(date)s is not the first day of a quarter, half or of the academic year.",
                        date=format_date(self.env, member.date_from),
                    )
                )
            if (
                member.date_to
                and not leaving
                and member.date_to != year.date_end
                and member.date_to + timedelta(days=1) not in allowed
            ):
                raise UserError(
                    _(
                        "Students move between subgroups only at the end of a period: a "
                        "membership ends on the day before a period starts, not on %(date)s.",
                        date=format_date(self.env, member.date_to),
                    )
                )
            others = member.subgroup_id.member_ids.filtered(
                lambda m, member=member: m != member and m.student_id == member.student_id
            )
            for other in others:
                if other.date_from <= (member.date_to or year.date_end) and member.date_from <= (
                    other.date_to or year.date_end
                ):
                    raise ValidationError(
                        _(
                            "%(student)s is already a member of %(group)s on these dates.",
                            student=member.student_id.name,
                            group=member.subgroup_id.name,
                        )
                    )
            enrolled = member.student_id.enrollment_ids.filtered(
                lambda e, member=member: e.class_id == member.subgroup_id.class_id
                and e.date_start <= (member.date_to or year.date_end)
                and (not e.date_end or e.date_end >= member.date_from)
            )
            if not enrolled:
                raise ValidationError(
                    _(
                        "The subgroup %(group)s of class %(cls)s cannot include students of "
                        "another class: %(names)s.",
                        group=member.subgroup_id.name,
                        cls=member.subgroup_id.class_id.name,
                        names=member.student_id.name,
                    )
                )

    @api.model
    def _end_for_leaving(self, students, school_class, last_day):
        """A student leaving ``school_class`` leaves its subgroups after ``last_day`` (SETUP-8)."""
        members = self.sudo().search(
            [
                ("student_id", "in", students.ids),
                ("class_id", "=", school_class.id),
                "|",
                ("date_to", "=", False),
                ("date_to", ">", last_day),
            ]
        )
        members = members.with_context(school_subgroup_leave_class=True)
        members.filtered(lambda m: m.date_from > last_day).unlink()
        (members.exists()).write({"date_to": last_day})
