from datetime import timedelta

from odoo import _, api, fields, models


class SchoolSubgroup(models.Model):
    """Subgroup of a class for one subject, made at the start of the year (SETUP-4, JOUR-12).

    Students move between subgroups only at a period's end (P 4.4).
    """

    _name = "school.subgroup"
    _inherit = ["school.class.subject.mixin"]
    _description = "Subgroup"
    _order = "class_id, subject_id, name"
    _check_company_auto = True

    name = fields.Char(required=True, default=lambda self: _("Group 1"))
    teacher_id = fields.Many2one("res.users", domain=[("share", "=", False)], index=True)
    member_ids = fields.One2many("school.subgroup.member", "subgroup_id", string="Members")
    # the members of today (of the year's first or last day outside the year); past lessons
    # ask for the members on their date (school.lesson._get_students_map)
    student_ids = fields.Many2many(
        "school.student",
        string="Students",
        compute="_compute_student_ids",
        inverse="_inverse_student_ids",
        search="_search_student_ids",
    )
    student_count = fields.Integer(compute="_compute_student_count")

    def _reference_day(self):
        """Today, brought inside the subgroup's academic year."""
        self.ensure_one()
        year = self.class_id.year_id
        today = fields.Date.context_today(self)
        if not year:
            return today
        return min(max(today, year.date_start), year.date_end)

    @api.depends("member_ids.student_id", "member_ids.date_from", "member_ids.date_to", "class_id.year_id")
    def _compute_student_ids(self):
        for subgroup in self:
            subgroup.student_ids = subgroup.member_ids._valid_on(subgroup._reference_day()).student_id

    def _search_student_ids(self, operator, value):
        Member = self.env["school.subgroup.member"]
        return [("member_ids", "any", Member._valid_today_domain("student_id", operator, value))]

    def _inverse_student_ids(self):
        """Set the members from a given day on (P 4.4, issue 11, item 12).

        The day is the context's ``subgroup_move_date``, else today; it must be the first day
        of a period. A subgroup without any lesson yet is still being formed: its members
        are then set from the start of the academic year, and nothing is kept of the draft.
        """
        Member = self.env["school.subgroup.member"]
        for subgroup in self:
            year = subgroup.class_id.year_id
            wanted = subgroup.student_ids
            has_lessons = bool(
                self.env["school.lesson"].sudo().search_count([("subgroup_id", "=", subgroup.id)], limit=1)
            )
            day = fields.Date.to_date(self.env.context.get("subgroup_move_date"))
            if not day:
                day = fields.Date.context_today(self) if has_lessons else year.date_start
            members = subgroup.member_ids
            if not has_lessons and day == year.date_start:
                members.filtered(lambda m: m.student_id not in wanted).unlink()
                current = subgroup.member_ids._valid_on(day)
            else:
                current = members._valid_on(day)
                leaving = current.filtered(lambda m: m.student_id not in wanted)
                leaving.filtered(lambda m: m.date_from >= day).unlink()
                leaving.exists().write({"date_to": day - timedelta(days=1)})
                current = current.exists() - leaving
            new = wanted - current.student_id
            if new:
                Member.create(
                    [
                        {"subgroup_id": subgroup.id, "student_id": student.id, "date_from": day}
                        for student in new
                    ]
                )
        self.invalidate_recordset(["student_ids"])

    @api.depends("student_ids")
    def _compute_student_count(self):
        for subgroup in self:
            subgroup.student_count = len(subgroup.student_ids)

    def _compute_display_name(self):
        for subgroup in self:
            subgroup.display_name = f"{subgroup.class_id.name} {subgroup.subject_id.name}: {subgroup.name}"
