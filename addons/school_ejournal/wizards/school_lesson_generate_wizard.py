import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..models import school_access
from ..models.school_timetable_slot import GENERATION_CONTEXT
from .school_wizard_actions import reopen_action

_logger = logging.getLogger(__name__)


class SchoolLessonGenerateWizard(models.TransientModel):
    """Generate the journal's lessons from the timetable (SETUP-7, JOUR-1).

    The deputy director or the e-journal administrator picks a date range (by default the
    current week up to the end of the current quarter or half) and, optionally, classes.
    Lessons that already exist are kept, so running it twice creates nothing new.
    """

    _name = "school.lesson.generate.wizard"
    _description = "Generate Lessons"

    date_from = fields.Date(string="From", required=True, default=lambda self: self._default_date_from())
    date_to = fields.Date(string="Until", required=True, default=lambda self: self._default_date_to())
    class_ids = fields.Many2many(
        "school.class",
        string="Classes",
        check_company=True,
        domain="[('company_id', '=', company_id)]",
        help="Leave empty to generate the lessons of every class.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft", required=True)
    lesson_count = fields.Integer(string="Lessons Created", readonly=True)

    @api.model
    def _default_date_from(self):
        today = fields.Date.context_today(self)
        return today - timedelta(days=today.weekday())

    @api.model
    def _default_date_to(self):
        """End of the quarter or half in force today, else of the next one, else of the year."""
        today = fields.Date.context_today(self)
        year = self.env["school.academic.year"]._get_current(company=self.env.company, date=today)
        if not year:
            return today + timedelta(days=6 - today.weekday())
        periods = self.env["school.period"].search(
            [
                ("year_id", "=", year.id),
                ("period_type", "in", ("quarter", "half")),
                ("date_end", ">=", today),
            ],
            order="date_start",
        )
        current = periods.filtered(lambda p: p.date_start <= today)
        if current:
            return max(current.mapped("date_end"))
        if periods:
            first = periods[0]
            return max(periods.filtered(lambda p: p.date_start == first.date_start).mapped("date_end"))
        return year.date_end

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise ValidationError(_("The end date is before the start date."))
            # a year typed wrong (2062 for 2026) would walk decades of days
            if wizard.date_to > wizard.date_from + relativedelta(years=1):
                raise ValidationError(
                    _(
                        "Lessons are generated for one academic year at most: %(start)s to %(end)s is "
                        "longer.",
                        start=format_date(self.env, wizard.date_from),
                        end=format_date(self.env, wizard.date_to),
                    )
                )

    def _get_slot_domain(self):
        """Timetable slots in force during the wizard's range, of the chosen classes."""
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("date_from", "<=", self.date_to),
            ("date_to", ">=", self.date_from),
            ("class_id.active", "=", True),
        ]
        if self.class_ids:
            domain.append(("class_id", "in", self.class_ids.ids))
        return domain

    def action_generate(self):
        school_access.check_groups(self.env, school_access.GROUP_ADMIN, school_access.GROUP_DEPUTY)
        self.ensure_one()
        slots = self.env["school.timetable.slot"].search(self._get_slot_domain())
        if not slots:
            raise UserError(_("No timetable slot is in force in this range: fill in the timetable first."))
        lessons = slots.with_context(**GENERATION_CONTEXT)._generate_lessons(self.date_from, self.date_to)
        self.write({"state": "done", "lesson_count": len(lessons)})
        return reopen_action(self, _("Generate Lessons"))

    def action_view_lessons(self):
        school_access.check_staff(self.env)
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("school_ejournal.school_lesson_action")
        domain = [("date", ">=", self.date_from), ("date", "<=", self.date_to)]
        if self.class_ids:
            domain.append(("class_id", "in", self.class_ids.ids))
        action["domain"] = domain
        return action
