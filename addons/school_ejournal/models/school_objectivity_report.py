from odoo import fields, models
from odoo.tools import SQL

from .school_period import PERIOD_TYPES
from .school_report_columns import report_count, report_share


class SchoolObjectivityReport(models.Model):
    """Objectivity of period marks against the averages (CTRL-1; P 4.5, 7.2).

    One row per period mark set: the mark, the proposed one and the difference. Shares are
    kept per row as 0 or 100 and averaged, so that any grouping (by teacher, class,
    subject, period) gives the exact share of marks set above or below the proposal.
    """

    _name = "school.objectivity.report"
    _inherit = ["school.report.view.mixin"]
    _description = "Objectivity of Period Marks"
    _auto = False
    _order = "period_id, class_id, subject_id"
    _rec_name = "period_mark_id"

    _depends = {
        "school.period.mark": [
            "set_by_id",
            "student_id",
            "class_id",
            "subject_id",
            "period_id",
            "period_type",
            "year_id",
            "company_id",
            "value",
            "proposed_value",
            "average",
        ],
    }

    period_mark_id = fields.Many2one("school.period.mark", readonly=True)
    teacher_id = fields.Many2one("res.users", string="Set by", readonly=True)
    student_id = fields.Many2one("school.student", readonly=True)
    class_id = fields.Many2one("school.class", readonly=True)
    subject_id = fields.Many2one("school.subject", readonly=True)
    period_id = fields.Many2one("school.period", readonly=True)
    period_type = fields.Selection(PERIOD_TYPES, readonly=True)
    year_id = fields.Many2one("school.academic.year", string="Academic Year", readonly=True)
    company_id = fields.Many2one("res.company", string="School", readonly=True)
    value = fields.Integer(string="Mark", readonly=True, aggregator="avg")
    proposed_value = fields.Integer(string="Proposed", readonly=True, aggregator="avg")
    average = fields.Float(string="Weighted Average", digits=(4, 2), readonly=True, aggregator="avg")
    difference = fields.Integer(string="Mark less Proposed", readonly=True, aggregator="avg")
    mark_count = report_count("Period Marks")
    differs_count = report_count("Differing")
    higher_count = report_count("Above Proposed")
    lower_count = report_count("Below Proposed")
    differs_share = report_share("% Differing")
    higher_share = report_share("% Above Proposed")
    lower_share = report_share("% Below Proposed")

    def _query(self):
        return SQL(
            """
SELECT pm.id, pm.id AS period_mark_id, pm.set_by_id AS teacher_id, pm.student_id, pm.class_id,
       pm.subject_id, pm.period_id, pm.period_type, pm.year_id, pm.company_id,
       pm.value, pm.proposed_value, pm.average,
       pm.value - pm.proposed_value AS difference,
       1 AS mark_count,
       (pm.value != pm.proposed_value)::int AS differs_count,
       (pm.value > pm.proposed_value)::int AS higher_count,
       (pm.value < pm.proposed_value)::int AS lower_count,
       CASE WHEN pm.value != pm.proposed_value THEN 100.0 ELSE 0.0 END AS differs_share,
       CASE WHEN pm.value > pm.proposed_value THEN 100.0 ELSE 0.0 END AS higher_share,
       CASE WHEN pm.value < pm.proposed_value THEN 100.0 ELSE 0.0 END AS lower_share
  FROM school_period_mark pm
 WHERE pm.value > 0 AND pm.proposed_value > 0
            """
        )
