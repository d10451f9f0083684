from odoo import fields, models
from odoo.tools import SQL

from .school_report_columns import report_count, report_share

# A student or guardian who visited the e-diary within these days counts as active (CTRL-1).
ACTIVE_DAYS = 7


class SchoolPortalActivityReport(models.Model):
    """Students' and guardians' use of the e-diary (CTRL-1, CTRL-3; P 4.1, 4.3).

    One row per student in a class today: the student's portal login and last visit, and the
    guardians (links in force) with a portal login and how many of them visited within the
    last 7 days. A visit is the latest of a login (``res.users.log``) and of the activity of
    a session (``res.device.log``). Counts are 0/1 per row, shares 0/100 (averaged), so that
    grouping by class gives exact figures.
    """

    _name = "school.portal.activity.report"
    _description = "E-Diary Activity"
    _inherit = ["school.report.view.mixin", "school.class.report.mixin"]
    _auto = False
    _order = "class_id, student_id"
    _rec_name = "student_id"

    _depends = {
        "school.enrollment": ["student_id", "class_id", "date_start", "date_end"],
        "school.student": ["user_id", "active"],
        "school.guardian.link": ["student_id", "guardian_id", "active", "date_start", "date_end"],
        "res.users": ["share", "active", "partner_id"],
    }

    student_id = fields.Many2one("school.student", readonly=True)
    student_count = report_count("Students")
    student_user_id = fields.Many2one("res.users", string="Student's Login", readonly=True)
    student_last_visit = fields.Datetime(string="Student's Last Visit", readonly=True)
    student_login_count = report_count("Students with a Login")
    student_active_count = report_count("Students Active (7 days)")
    student_active_share = report_share("% Students Active")
    guardian_login_count = report_count("Guardians with a Login")
    guardian_active_count = report_count("Guardians Active (7 days)")
    guardian_last_visit = fields.Datetime(string="Guardians' Last Visit", readonly=True)
    family_active_count = report_count(
        "Families Active (7 days)",
        help="The student or at least one guardian visited the e-diary within 7 days.",
    )
    family_active_share = report_share("% Families Active")

    def _query(self):
        return SQL(
            """
WITH visit AS (
    SELECT u.id AS user_id, u.partner_id,
           GREATEST(
               (SELECT MAX(lg.create_date) FROM res_users_log lg WHERE lg.create_uid = u.id),
               (SELECT MAX(d.last_activity) FROM res_device_log d WHERE d.user_id = u.id)
           ) AS last_visit
      FROM res_users u
     WHERE u.share AND u.active
), now_utc AS (
    SELECT (now() AT TIME ZONE 'UTC') - make_interval(days => %(days)s) AS since
), pupil AS (
    SELECT e.student_id, e.class_id
      FROM school_enrollment e
     WHERE e.date_start <= CURRENT_DATE AND (e.date_end IS NULL OR e.date_end >= CURRENT_DATE)
), family AS (
    SELECT gl.student_id,
           COUNT(DISTINCT v.user_id) AS login_count,
           COUNT(DISTINCT v.user_id) FILTER (WHERE v.last_visit >= n.since) AS active_count,
           MAX(v.last_visit) AS last_visit
      FROM school_guardian_link gl
      JOIN visit v ON v.partner_id = gl.guardian_id
     CROSS JOIN now_utc n
     WHERE gl.active AND gl.date_start <= CURRENT_DATE
       AND (gl.date_end IS NULL OR gl.date_end >= CURRENT_DATE)
  GROUP BY gl.student_id
)
SELECT pu.student_id AS id, pu.student_id, pu.class_id, c.class_teacher_id, c.year_id, c.grade,
       c.company_id, 1 AS student_count,
       s.user_id AS student_user_id,
       sv.last_visit AS student_last_visit,
       (sv.user_id IS NOT NULL)::int AS student_login_count,
       COALESCE(sv.last_visit >= n.since, FALSE)::int AS student_active_count,
       CASE WHEN sv.last_visit >= n.since THEN 100.0 ELSE 0.0 END AS student_active_share,
       COALESCE(fa.login_count, 0) AS guardian_login_count,
       COALESCE(fa.active_count, 0) AS guardian_active_count,
       fa.last_visit AS guardian_last_visit,
       (COALESCE(sv.last_visit >= n.since, FALSE) OR COALESCE(fa.active_count, 0) > 0)::int
           AS family_active_count,
       CASE WHEN COALESCE(sv.last_visit >= n.since, FALSE) OR COALESCE(fa.active_count, 0) > 0
            THEN 100.0 ELSE 0.0 END AS family_active_share
  FROM pupil pu
  JOIN school_student s ON s.id = pu.student_id AND s.active
  JOIN school_class c ON c.id = pu.class_id
 CROSS JOIN now_utc n
LEFT JOIN visit sv ON sv.user_id = s.user_id
LEFT JOIN family fa ON fa.student_id = pu.student_id
            """,
            days=ACTIVE_DAYS,
        )
