from odoo import fields, models
from odoo.tools import SQL

from .school_report_columns import report_hours, report_share


class SchoolPlanCoverageReport(models.Model):
    """Coverage of the calendar-thematic plan for the year (PLAN-3, CTRL-1; P 2.3, 4.5).

    One row per teaching assignment: the plan's hours, the hours it schedules up to today,
    the hours given so far and the drift between the two ("plan drifting from the
    timetable"), which the teachers' daily digest reports.
    """

    _name = "school.plan.coverage.report"
    _description = "Plan Coverage"
    _inherit = ["school.report.view.mixin", "school.assignment.report.mixin"]
    _auto = False
    _order = "class_id, subject_id"
    _rec_name = "class_id"

    _depends = {
        "school.lesson": ["class_id", "subject_id", "subgroup_id", "state", "date"],
        "school.plan": ["year_id", "subject_id", "class_id", "grade", "total_hours"],
        "school.plan.topic": ["plan_id", "hours", "planned_date"],
        "school.curriculum.line": ["class_id", "subject_id", "hours_per_year"],
    }

    plan_id = fields.Many2one("school.plan", readonly=True)
    has_plan = fields.Boolean(string="Has a Plan", readonly=True)
    curriculum_hours = report_hours()
    plan_hours = report_hours()
    planned_to_date = report_hours("Hours Due by Plan")
    given_hours = report_hours("Hours Given")
    drift_hours = report_hours(
        "Drift (hours)",
        help="Hours given less hours the plan schedules up to today: below zero the class is behind.",
    )
    # one definition with the control dashboard (school.control.report.plan_coverage, issue 13):
    # the hours given over the hours the plan schedules up to today
    coverage = report_share(
        "% of Plan Given", help="Hours given over the hours the plan schedules up to today."
    )

    def _query(self):
        return SQL(
            """
WITH cells AS (
    SELECT a.id AS assignment_id, a.teacher_id, a.class_id, a.subject_id, a.subgroup_id,
           c.year_id, c.grade, c.company_id, c.class_teacher_id
      FROM school_teaching_assignment a
      JOIN school_class c ON c.id = a.class_id AND c.active
), plans AS (
    SELECT DISTINCT ON (cl.assignment_id) cl.assignment_id, pl.id AS plan_id, pl.total_hours
      FROM cells cl
      JOIN school_plan pl
        ON pl.year_id = cl.year_id AND pl.subject_id = cl.subject_id AND pl.grade = cl.grade
       AND (pl.class_id = cl.class_id OR pl.class_id IS NULL)
  ORDER BY cl.assignment_id, pl.class_id NULLS LAST, pl.id
), due AS (
    SELECT pp.assignment_id, SUM(t.hours) AS hours
      FROM plans pp
      JOIN school_plan_topic t ON t.plan_id = pp.plan_id AND t.planned_date <= CURRENT_DATE
  GROUP BY pp.assignment_id
), given AS (
    SELECT cl.assignment_id, COUNT(l.id) AS hours
      FROM cells cl
      JOIN school_lesson l
        ON l.class_id = cl.class_id AND l.subject_id = cl.subject_id AND l.state != 'cancelled'
       AND l.date <= CURRENT_DATE
       AND (cl.subgroup_id IS NULL OR l.subgroup_id = cl.subgroup_id)
  GROUP BY cl.assignment_id
)
SELECT cl.assignment_id AS id, cl.assignment_id, cl.teacher_id, cl.class_id, cl.subject_id,
       cl.subgroup_id, cl.year_id, cl.grade, cl.company_id, cl.class_teacher_id,
       pp.plan_id, pp.plan_id IS NOT NULL AS has_plan,
       COALESCE(cu.hours_per_year, 0) AS curriculum_hours,
       COALESCE(pp.total_hours, 0) AS plan_hours,
       COALESCE(du.hours, 0) AS planned_to_date,
       COALESCE(gi.hours, 0) AS given_hours,
       COALESCE(gi.hours, 0) - COALESCE(du.hours, 0) AS drift_hours,
       CASE WHEN du.hours > 0 THEN 100.0 * COALESCE(gi.hours, 0) / du.hours END AS coverage
  FROM cells cl
LEFT JOIN plans pp ON pp.assignment_id = cl.assignment_id
LEFT JOIN due du ON du.assignment_id = cl.assignment_id
LEFT JOIN given gi ON gi.assignment_id = cl.assignment_id
LEFT JOIN school_curriculum_line cu ON cu.class_id = cl.class_id AND cu.subject_id = cl.subject_id
            """
        )
