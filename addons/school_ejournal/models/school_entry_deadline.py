from odoo import fields, models, tools
from odoo.tools import SQL

from .school_year_deadline import DEADLINE_KINDS

ENTRY_KINDS = [
    ("topic", "Topic"),
    ("homework", "Homework"),
    ("marks", "Marks"),
    ("control", "Control work results"),
    ("attendance", "Attendance"),
    ("individual_homework", "Individual homework"),
    *DEADLINE_KINDS,
]
ENTRY_STATUSES = [
    ("late", "Late"),
    ("missing", "Missing"),
    ("open", "Not due yet"),
    ("met", "Met"),
    ("overdue", "Overdue"),
]
# Lessons' own deadlines are reckoned in the school's time zone; a Russian school without one
# set on its company is assumed to be in Moscow.
DEFAULT_TZ = "Europe/Moscow"
# End of the last lesson of the day when the class has no bell schedule (JOUR-9).
DEFAULT_DAY_END_HOURS = 15.0


class SchoolEntryDeadline(models.Model):
    """Late and missing journal entries against the deadlines of JOUR-9 (R 2.1-2.2, P 4.4).

    One row per lesson and kind of entry that missed its deadline:

    * topic: written on the day of the lesson;
    * homework (grades 2-11): within ``school_homework_hours`` after the end of the class's
      last lesson of that day (bell schedule, else 15:00);
    * marks (grades 2-11): within ``school_primary_mark_days`` (grades 1-4) or
      ``school_basic_mark_days`` (grades 5-11) after the lesson, by the marks' entry time;
    * control work results: by the end of the next day, for lessons with a control work;
    * attendance exceptions: on the day of the lesson.

    A "missing" row appears once the deadline has passed without the entry; a "late" one
    when the entry came after the deadline. The view is one set-based query over the
    lessons; teachers see their own rows, the administration all (record rules).

    The school's dated deadlines of the year (``school.year.deadline``, issue 14, duty 6:
    attestation P 4.4, printing P 7.5, summary sheet S admin 4, diagnostics and outages
    JOUR-9, compromise notices P 3.15, S 4.3) are rows too, with no lesson, dated on their
    deadline, and with every state: open, met, late (met after the deadline) or overdue;
    their teacher is the one responsible, if any.
    """

    _name = "school.entry.deadline"
    _description = "Journal Entry Deadline"
    _auto = False
    _order = "date desc, class_id, lesson_id, kind"
    _rec_name = "lesson_id"

    lesson_id = fields.Many2one("school.lesson", readonly=True)
    class_id = fields.Many2one("school.class", readonly=True)
    subgroup_id = fields.Many2one("school.subgroup", readonly=True)
    subject_id = fields.Many2one("school.subject", readonly=True)
    teacher_id = fields.Many2one("res.users", readonly=True)
    grade = fields.Integer(string="Parallel", readonly=True, aggregator=None)
    date = fields.Date(readonly=True, help="The lesson's date, or a school deadline's.")
    kind = fields.Selection(ENTRY_KINDS, string="Entry", readonly=True)
    status = fields.Selection(ENTRY_STATUSES, readonly=True)
    entered_at = fields.Datetime(readonly=True)
    deadline = fields.Datetime(readonly=True)
    delay_hours = fields.Float(string="Delay (hours)", digits=(16, 1), readonly=True, aggregator="avg")
    year_id = fields.Many2one("school.academic.year", string="Academic Year", readonly=True)
    period_id = fields.Many2one("school.period", readonly=True)
    company_id = fields.Many2one("res.company", string="School", readonly=True)

    def _query(self):
        work_types = self.env["school.lesson"]._fields["work_type_ids"]
        return SQL(
            """
WITH stamp AS NOT MATERIALIZED (
    -- every lesson with its deadlines; NOT MATERIALIZED lets filters of the caller (teacher,
    -- class, company, dates) reach the lesson scan of each branch below
    SELECT l.id, l.class_id, l.subgroup_id, l.subject_id, l.teacher_id, l.date, l.grade,
           l.year_id, l.period_id, l.company_id, l.topic_entered_at, l.homework_entered_at,
           COALESCE(btrim(l.topic), '') != '' AS has_topic,
           COALESCE(btrim(l.homework), '') != '' AS has_homework,
           COALESCE(s.is_graded, TRUE) AND l.grade >= 2 AS has_marks,
           COALESCE(NULLIF(p.tz, ''), %(tz)s) AS tz,
           COALESCE(co.school_homework_hours, 2) AS homework_hours,
           CASE WHEN l.grade <= 4 THEN COALESCE(co.school_primary_mark_days, 3)
                ELSE COALESCE(co.school_basic_mark_days, 7) END AS mark_days,
           (now() AT TIME ZONE 'UTC') AS now_utc
      FROM school_lesson l
      JOIN res_company co ON co.id = l.company_id
      JOIN res_partner p ON p.id = co.partner_id
 LEFT JOIN school_subject s ON s.id = l.subject_id
     WHERE l.state != 'cancelled'
), entry AS (
    SELECT st.*, 1 AS kind_no, 'topic' AS kind,
           CASE WHEN st.has_topic THEN st.topic_entered_at END AS entered_at,
           ((st.date + 1)::timestamp AT TIME ZONE st.tz) AT TIME ZONE 'UTC' AS deadline
      FROM stamp st
     WHERE NOT st.has_topic OR st.topic_entered_at IS NOT NULL
    UNION ALL
    -- homework: hours after the end of the class's last lesson of the day (bell schedule)
    SELECT st.*, 2, 'homework',
           CASE WHEN st.has_homework THEN st.homework_entered_at END,
           ((st.date + make_interval(secs => (de.end_hours + st.homework_hours) * 3600))
               AT TIME ZONE st.tz) AT TIME ZONE 'UTC'
      FROM stamp st
      CROSS JOIN LATERAL (%(day_end)s) de
     WHERE st.grade >= 2 AND (NOT st.has_homework OR st.homework_entered_at IS NOT NULL)
    UNION ALL
    -- individual homework (S 1.10, issue 14): within the same hours, by its last entry time
    SELECT st.*, 6, 'individual_homework', ih.last_at,
           ((st.date + make_interval(secs => (de.end_hours + st.homework_hours) * 3600))
               AT TIME ZONE st.tz) AT TIME ZONE 'UTC'
      FROM stamp st
      JOIN LATERAL (
            SELECT MAX(h.create_date) AS last_at FROM school_homework_individual h WHERE h.lesson_id = st.id
      ) ih ON ih.last_at IS NOT NULL
      CROSS JOIN LATERAL (%(day_end)s) de
     WHERE st.grade >= 2
    UNION ALL
    -- marks: by the last mark's entry time
    SELECT st.*, 3, 'marks', mk.last_at,
           ((st.date + st.mark_days + 1)::timestamp AT TIME ZONE st.tz) AT TIME ZONE 'UTC'
      FROM stamp st
      JOIN LATERAL (
            SELECT MAX(m.create_date) AS last_at FROM school_mark m WHERE m.lesson_id = st.id
      ) mk ON mk.last_at IS NOT NULL
     WHERE st.has_marks
    UNION ALL
    -- control works: results by the end of the next day
    SELECT st.*, 4, 'control', mk.control_at,
           ((st.date + 2)::timestamp AT TIME ZONE st.tz) AT TIME ZONE 'UTC'
      FROM stamp st
      CROSS JOIN LATERAL (
            SELECT MIN(m.create_date) AS control_at
              FROM school_mark m
              JOIN school_work_type wt ON wt.id = m.work_type_id
             WHERE m.lesson_id = st.id AND wt.category = 'control'
      ) mk
     WHERE st.has_marks
       AND EXISTS (
            SELECT 1
              FROM %(rel)s rel
              JOIN school_work_type wt ON wt.id = rel.%(type_col)s
             WHERE rel.%(lesson_col)s = st.id AND wt.category = 'control'
       )
    UNION ALL
    -- absences and lates: on the day
    SELECT st.*, 5, 'attendance', ab.last_at,
           ((st.date + 1)::timestamp AT TIME ZONE st.tz) AT TIME ZONE 'UTC'
      FROM stamp st
      JOIN LATERAL (
            SELECT MAX(a.create_date) AS last_at FROM school_attendance a WHERE a.lesson_id = st.id
      ) ab ON ab.last_at IS NOT NULL
)
SELECT e.id * 10 + e.kind_no AS id,
       e.id AS lesson_id, e.class_id, e.subgroup_id, e.subject_id, e.teacher_id, e.grade,
       e.date, e.year_id, e.period_id, e.company_id,
       e.kind,
       CASE WHEN e.entered_at IS NULL THEN 'missing' ELSE 'late' END AS status,
       e.entered_at,
       e.deadline,
       EXTRACT(EPOCH FROM (COALESCE(e.entered_at, e.now_utc) - e.deadline)) / 3600.0 AS delay_hours
  FROM entry e
 WHERE (e.entered_at IS NULL AND e.now_utc > e.deadline) OR e.entered_at > e.deadline
            """,
            day_end=self._day_end_query(),
            tz=DEFAULT_TZ,
            rel=SQL.identifier(work_types.relation),
            lesson_col=SQL.identifier(work_types.column1),
            type_col=SQL.identifier(work_types.column2),
        )

    def _day_end_query(self):
        """``end_hours`` of the lesson ``st``'s day: the end of its class's last lesson that
        day by the bell schedule, else ``DEFAULT_DAY_END_HOURS`` (the homework deadlines)."""
        return SQL(
            """
            SELECT MAX(COALESCE(b.time_end, %s)) AS end_hours
              FROM school_lesson dl
              JOIN school_class c ON c.id = dl.class_id
         LEFT JOIN school_bell b ON b.schedule_id = c.bell_schedule_id AND b.number = dl.lesson_number
             WHERE dl.class_id = st.class_id AND dl.date = st.date AND dl.state != 'cancelled'
            """,
            DEFAULT_DAY_END_HOURS,
        )

    def _year_deadline_query(self):
        """Rows of the school's dated deadlines (``school.year.deadline``, issue 14, duty 6),
        in every state; ids ending in 7 never meet a lesson row's (1 to 6)."""
        return SQL(
            """
WITH yd AS (
    SELECT d.*,
           ((d.deadline + 1)::timestamp AT TIME ZONE COALESCE(NULLIF(p.tz, ''), %(tz)s)) AT TIME ZONE 'UTC'
               AS deadline_at,
           (now() AT TIME ZONE 'UTC') AS now_utc
      FROM school_year_deadline d
      JOIN res_company co ON co.id = d.company_id
      JOIN res_partner p ON p.id = co.partner_id
)
SELECT yd.id * 10 + 7 AS id,
       NULL::integer AS lesson_id, NULL::integer AS class_id, NULL::integer AS subgroup_id,
       NULL::integer AS subject_id, yd.responsible_id AS teacher_id, NULL::integer AS grade,
       yd.deadline AS date, yd.year_id, yd.period_id, yd.company_id,
       yd.kind::text AS kind,
       CASE WHEN yd.done_at IS NOT NULL THEN CASE WHEN yd.done_at > yd.deadline_at THEN 'late' ELSE 'met' END
            WHEN yd.now_utc > yd.deadline_at THEN 'overdue'
            ELSE 'open' END AS status,
       yd.done_at AS entered_at,
       yd.deadline_at AS deadline,
       CASE WHEN COALESCE(yd.done_at, yd.now_utc) > yd.deadline_at
            THEN EXTRACT(EPOCH FROM (COALESCE(yd.done_at, yd.now_utc) - yd.deadline_at)) / 3600.0
       END AS delay_hours
  FROM yd
            """,
            tz=DEFAULT_TZ,
        )

    def init(self):
        """The view: the lessons' late and missing entries (``_query``, which the control
        report reuses) and the school's dated deadlines (``_year_deadline_query``)."""
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s UNION ALL %s)",
                SQL.identifier(self._table),
                SQL("SELECT * FROM (%s) lesson_rows", self._query()),
                SQL("SELECT * FROM (%s) year_rows", self._year_deadline_query()),
            )
        )
