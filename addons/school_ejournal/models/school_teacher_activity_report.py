from odoo import fields, models
from odoo.tools import SQL

from .school_report_columns import report_count


class SchoolTeacherActivityReport(models.Model):
    """Teachers' activity in the journal, per day (CTRL-1, CTRL-3; P 4.1, 4.5).

    Entries per teacher, day, class and subject: marks and attendance from the change log
    (JOUR-7), topics and homework from the lessons' entry stamps.
    """

    _name = "school.teacher.activity.report"
    _inherit = ["school.report.view.mixin"]
    _description = "Teacher Activity"
    _auto = False
    _order = "day desc, teacher_id"
    _rec_name = "teacher_id"

    _depends = {
        "school.journal.log": ["user_id", "logged_at", "class_id", "subject_id", "company_id", "model"],
        "school.lesson": [
            "teacher_id",
            "topic_entered_at",
            "homework_entered_at",
            "class_id",
            "subject_id",
            "company_id",
        ],
        "school.class": ["year_id"],
    }

    teacher_id = fields.Many2one("res.users", readonly=True)
    day = fields.Date(readonly=True)
    class_id = fields.Many2one("school.class", readonly=True)
    subject_id = fields.Many2one("school.subject", readonly=True)
    year_id = fields.Many2one("school.academic.year", string="Academic Year", readonly=True)
    company_id = fields.Many2one("res.company", string="School", readonly=True)
    kind = fields.Selection(
        [("mark", "Marks"), ("attendance", "Attendance"), ("topic", "Topics"), ("homework", "Homework")],
        string="Entry",
        readonly=True,
    )
    entry_count = report_count("Entries")

    def _query(self, since=None):
        """The view's query; with ``since`` (a date), only the entries from that day on: the
        control dashboard's last week, without computing the whole year's view (issue 15)."""
        return SQL(
            """
WITH entries AS (
    SELECT lg.user_id AS teacher_id, lg.logged_at::date AS day, lg.class_id, lg.subject_id,
           lg.company_id, CASE WHEN lg.model = 'school.mark' THEN 'mark' ELSE 'attendance' END AS kind
      FROM school_journal_log lg
     WHERE lg.model IN ('school.mark', 'school.attendance')%(log_since)s
    UNION ALL
    SELECT l.teacher_id, l.topic_entered_at::date, l.class_id, l.subject_id, l.company_id, 'topic'
      FROM school_lesson l
     WHERE l.topic_entered_at IS NOT NULL%(topic_since)s
    UNION ALL
    SELECT l.teacher_id, l.homework_entered_at::date, l.class_id, l.subject_id, l.company_id, 'homework'
      FROM school_lesson l
     WHERE l.homework_entered_at IS NOT NULL%(homework_since)s
)
SELECT ROW_NUMBER() OVER (ORDER BY e.day, e.teacher_id, e.class_id, e.subject_id, e.kind) AS id,
       e.teacher_id, e.day, e.class_id, e.subject_id, c.year_id, e.company_id, e.kind,
       COUNT(*) AS entry_count
  FROM entries e
LEFT JOIN school_class c ON c.id = e.class_id
GROUP BY e.teacher_id, e.day, e.class_id, e.subject_id, c.year_id, e.company_id, e.kind
            """,
            log_since=SQL(" AND lg.logged_at >= %s", since) if since else SQL(),
            topic_since=SQL(" AND l.topic_entered_at >= %s", since) if since else SQL(),
            homework_since=SQL(" AND l.homework_entered_at >= %s", since) if since else SQL(),
        )
