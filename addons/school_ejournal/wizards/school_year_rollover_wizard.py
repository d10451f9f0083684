from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
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
    carry_calendar = fields.Boolean(
        string="Carry Over School Calendar",
        default=True,
        help="Copy the holidays and vacations to the same dates of the new year; transferred "
        "working days are entered anew.",
    )

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
        new_year = self.year_id._rollover(
            self.new_name,
            self.new_date_start,
            self.new_date_end,
            self.order_number,
            grade9_leavers=self.grade9_leaver_ids,
            carry_subgroups=self.carry_subgroups,
            carry_assignments=self.carry_assignments,
            carry_curriculum=self.carry_curriculum,
            carry_calendar=self.carry_calendar,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "school.class",
            "view_mode": "list,form",
            "domain": [("year_id", "=", new_year.id)],
            "name": _("Classes of %s", new_year.name),
        }
