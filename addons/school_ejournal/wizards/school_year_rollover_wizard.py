from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

from ..models import school_access


class SchoolYearRolloverWizard(models.TransientModel):
    """Year rollover (SETUP-8, S admin 18): a new academic year, every class one grade up.

    Grade 11 graduates; grade 9 students marked as leaving graduate, the others go on to
    grade 10. Subgroups, teaching assignments and curriculum are carried over where the
    administrator confirms.
    """

    _name = "school.year.rollover.wizard"
    _description = "Academic Year Rollover"

    year_id = fields.Many2one(
        "school.academic.year",
        string="From Year",
        required=True,
        default=lambda self: self.env["school.academic.year"]._get_current(),
    )
    # precompute: required columns, so the values must be known when the row is inserted
    new_name = fields.Char(
        string="New Year", compute="_compute_new", store=True, readonly=False, required=True, precompute=True
    )
    new_date_start = fields.Date(
        compute="_compute_new", store=True, readonly=False, required=True, precompute=True
    )
    new_date_end = fields.Date(
        compute="_compute_new", store=True, readonly=False, required=True, precompute=True
    )
    order_number = fields.Char(string="Order No.", required=True)
    grade9_leaver_ids = fields.Many2many(
        "school.student",
        string="Grade 9 Leavers",
        domain="[('grade', '=', 9), ('class_id.year_id', '=', year_id)]",
        help="Grade 9 students who finish basic school and leave; the others go on to grade 10.",
    )
    carry_subgroups = fields.Boolean(string="Carry Over Subgroups", default=True)
    carry_assignments = fields.Boolean(string="Carry Over Teacher Load", default=True)
    carry_curriculum = fields.Boolean(string="Carry Over Curriculum", default=False)

    @api.depends("year_id")
    def _compute_new(self):
        for wizard in self:
            year = wizard.year_id
            if not year:
                continue
            start = year.date_start + relativedelta(years=1)
            wizard.new_date_start = start
            wizard.new_date_end = year.date_end + relativedelta(years=1)
            wizard.new_name = f"{start.year}/{start.year + 1}"

    def action_rollover(self):
        school_access.check_groups(self.env, school_access.GROUP_ADMIN)
        self.ensure_one()
        if not self.env.user.has_group("school_ejournal.group_school_admin"):
            raise UserError(_("Only the e-journal administrator rolls the year over."))
        Year = self.env["school.academic.year"]
        if Year.search_count([("name", "=", self.new_name), ("company_id", "=", self.year_id.company_id.id)]):
            raise UserError(_("The academic year %s already exists.", self.new_name))
        new_year = Year.create(
            {
                "name": self.new_name,
                "date_start": self.new_date_start,
                "date_end": self.new_date_end,
                "company_id": self.year_id.company_id.id,
            }
        )
        new_year.action_generate_periods()
        old_classes = self.env["school.class"].search([("year_id", "=", self.year_id.id)])
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
        end_old = self.year_id.date_end
        Enrollment = self.env["school.enrollment"]
        moves, enrollments = [], []
        for old in old_classes:
            current = Enrollment.search([("class_id", "=", old.id), ("date_end", "=", False)])
            current.write({"date_end": end_old})
            for enrollment in current:
                student = enrollment.student_id
                graduates = old.grade == 11 or (old.grade == 9 and student in self.grade9_leaver_ids)
                if graduates:
                    student.state = "graduated"
                    moves.append(
                        {
                            "student_id": student.id,
                            "movement_type": "graduation",
                            "date": end_old,
                            "from_class_id": old.id,
                            "order_number": self.order_number,
                        }
                    )
                else:
                    enrollments.append(
                        {
                            "student_id": student.id,
                            "class_id": class_map[old].id,
                            "date_start": self.new_date_start,
                        }
                    )
        Enrollment.create(enrollments)
        self.env["school.movement"].create(moves)
        for old, new in class_map.items():
            if self.carry_subgroups:
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
            if self.carry_assignments:
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
            if self.carry_curriculum:
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
        return {
            "type": "ir.actions.act_window",
            "res_model": "school.class",
            "view_mode": "list,form",
            "domain": [("year_id", "=", new_year.id)],
            "name": _("Classes of %s", new_year.name),
        }
