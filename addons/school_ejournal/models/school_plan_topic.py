from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date


class SchoolPlanTopic(models.Model):
    """One topic of a calendar-thematic plan with its hours and work type (PLAN-1)."""

    _name = "school.plan.topic"
    _description = "Plan Topic"
    _inherit = ["school.text.limit.mixin"]
    _order = "plan_id, sequence, id"
    # issue 11 item 10: a topic as long as a lesson's topic
    _text_limits = {"name": 1000, "section": 500}

    plan_id = fields.Many2one("school.plan", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    section = fields.Char(help="Section or unit of the programme.")
    name = fields.Char(string="Topic", required=True)
    hours = fields.Float(default=1.0, digits=(4, 1))
    work_type_id = fields.Many2one("school.work.type")
    planned_date = fields.Date()
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)

    @api.constrains("planned_date", "plan_id")
    def _check_planned_date(self):
        """A topic is planned within its plan's academic year (issue 11 item 10)."""
        for topic in self:
            year = topic.plan_id.year_id
            if topic.planned_date and year and not year.date_start <= topic.planned_date <= year.date_end:
                raise ValidationError(
                    _(
                        "The topic %(topic)s is planned on %(date)s, outside the academic year %(year)s.",
                        topic=topic.name,
                        date=format_date(self.env, topic.planned_date),
                        year=year.name,
                    )
                )

    @api.constrains("hours")
    def _check_hours(self):
        for topic in self:
            if topic.hours <= 0:
                raise ValidationError(_("The topic %s needs a positive number of hours.", topic.name))
