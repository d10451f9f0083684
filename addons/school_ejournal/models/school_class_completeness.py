from odoo import fields, models
from odoo.tools import SQL

from .school_report_columns import report_count, report_share


class SchoolClassCompleteness(models.Model):
    """The class teacher's weekly check of the own class's journal (CTRL-2; S class teacher 17).

    One row per class, week, subject and teacher of the lessons held so far: topics and
    homework written, marks and absences entered, substitutions. A class teacher sees the own
    class, the administration every class (record rules).
    """

    _name = "school.class.completeness"
    _description = "Weekly Journal Completeness"
    _inherit = ["school.report.view.mixin", "school.class.report.mixin"]
    _auto = False
    _order = "week_start desc, class_id, subject_id"
    _rec_name = "class_id"

    _depends = {
        "school.lesson": [
            "class_id",
            "subject_id",
            "teacher_id",
            "period_id",
            "date",
            "is_substitution",
            "state",
            "topic",
            "homework",
        ],
        "school.subject": ["is_graded"],
        "school.mark": ["lesson_id"],
        "school.attendance": ["lesson_id"],
    }

    subject_id = fields.Many2one("school.subject", readonly=True)
    teacher_id = fields.Many2one("res.users", readonly=True)
    period_id = fields.Many2one("school.period", readonly=True)
    week_start = fields.Date(string="Week of", readonly=True)
    lesson_count = report_count("Lessons")
    complete_count = report_count("Complete Lessons", help="With a topic and, from grade 2, homework.")
    complete_share = report_share("% Complete")
    no_topic_count = report_count("Without Topic")
    no_homework_count = report_count("Without Homework")
    no_mark_lesson_count = report_count("Lessons without Marks")
    mark_count = report_count("Marks")
    absence_count = report_count("Absences and Lates")
    substitution_count = report_count("Substitutions")

    def _query(self):
        return SQL(
            """
WITH lesson AS (
    SELECT l.id, l.class_id, l.subject_id, l.teacher_id, l.period_id, l.date, l.is_substitution,
           c.class_teacher_id, c.year_id, c.grade, c.company_id,
           date_trunc('week', l.date)::date AS week_start,
           COALESCE(btrim(l.topic), '') != '' AS has_topic,
           (c.grade < 2 OR COALESCE(btrim(l.homework), '') != '') AS has_homework,
           (c.grade > 1 AND COALESCE(s.is_graded, TRUE)) AS graded
      FROM school_lesson l
      JOIN school_class c ON c.id = l.class_id
 LEFT JOIN school_subject s ON s.id = l.subject_id
     WHERE l.state != 'cancelled' AND l.date <= CURRENT_DATE
), marks AS (
    SELECT m.lesson_id, COUNT(*) AS n FROM school_mark m GROUP BY m.lesson_id
), absences AS (
    SELECT a.lesson_id, COUNT(*) AS n FROM school_attendance a GROUP BY a.lesson_id
)
SELECT ROW_NUMBER() OVER (ORDER BY l.week_start, l.class_id, l.subject_id, l.teacher_id) AS id,
       l.class_id, l.class_teacher_id, l.subject_id, l.teacher_id, MIN(l.period_id) AS period_id,
       l.year_id, l.grade, l.company_id, l.week_start,
       COUNT(*) AS lesson_count,
       COUNT(*) FILTER (WHERE l.has_topic AND l.has_homework) AS complete_count,
       100.0 * COUNT(*) FILTER (WHERE l.has_topic AND l.has_homework) / COUNT(*) AS complete_share,
       COUNT(*) FILTER (WHERE NOT l.has_topic) AS no_topic_count,
       COUNT(*) FILTER (WHERE NOT l.has_homework) AS no_homework_count,
       COUNT(*) FILTER (WHERE l.graded AND mk.n IS NULL) AS no_mark_lesson_count,
       COALESCE(SUM(mk.n), 0) AS mark_count,
       COALESCE(SUM(ab.n), 0) AS absence_count,
       COUNT(*) FILTER (WHERE l.is_substitution) AS substitution_count
  FROM lesson l
LEFT JOIN marks mk ON mk.lesson_id = l.id
LEFT JOIN absences ab ON ab.lesson_id = l.id
GROUP BY l.class_id, l.class_teacher_id, l.subject_id, l.teacher_id, l.year_id, l.grade,
         l.company_id, l.week_start
            """
        )
