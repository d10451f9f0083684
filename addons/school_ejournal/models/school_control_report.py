from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import create_index

from . import school_access, school_rpc_args
from .school_report_columns import report_count, report_hours, report_share


def cells_sql(where=None):
    """Teaching assignments x the periods their class is assessed by (quarters or halves).

    One cell per (assignment, period): the unit the deputy director controls (CTRL-1).
    ``where``: a condition on ``c`` (class) and ``p`` (period) that narrows the cells (issue 15).
    """
    return SQL(
        "%s%s",
        _CELLS,
        SQL(" WHERE %s", where) if where else SQL(),
    )


_CELLS = SQL(
    """
    SELECT a.id AS assignment_id, a.teacher_id, a.class_id, a.subject_id, a.subgroup_id,
           c.year_id, c.grade, c.company_id, c.class_teacher_id,
           p.id AS period_id, p.date_start, p.date_end,
           (c.grade > 1 AND COALESCE(s.is_graded, TRUE)) AS graded
      FROM school_teaching_assignment a
      JOIN school_class c ON c.id = a.class_id AND c.active
      JOIN school_subject s ON s.id = a.subject_id
      JOIN school_period p ON p.year_id = c.year_id AND p.period_type = c.period_scheme"""
)


def roster_marks_sql(cells):
    """(assignment_id, period_id, student_id, mark_count) for each student of each cell.

    The students are those of the class (or members of the assignment's subgroup) on the last
    day of the period, as for the period marks; marks count as for the weighted average: those with
    a weight, in the subject, within the period's dates, wherever the student was given them.
    """
    return SQL(
        """
    SELECT cl.assignment_id, cl.period_id, e.student_id, COUNT(m.id) AS mark_count
      FROM (%(cells)s) cl
      JOIN school_enrollment e
        ON e.class_id = cl.class_id AND e.date_start <= cl.date_end
       AND (e.date_end IS NULL OR e.date_end >= cl.date_end)
 LEFT JOIN school_mark m
        ON m.student_id = e.student_id AND m.subject_id = cl.subject_id
       AND m.date BETWEEN cl.date_start AND cl.date_end AND m.weight > 0
     WHERE cl.subgroup_id IS NULL
        OR EXISTS (SELECT 1 FROM school_subgroup_member g
                    WHERE g.subgroup_id = cl.subgroup_id AND g.student_id = e.student_id
                      AND g.date_from <= cl.date_end
                      AND (g.date_to IS NULL OR g.date_to >= cl.date_end))
  GROUP BY cl.assignment_id, cl.period_id, e.student_id""",
        cells=cells,
    )


class SchoolControlReport(models.Model):
    """Control of the journals by the administration (CTRL-1, P 4.5, 7.2; S deputy 8).

    One row per teaching assignment and assessment period (quarter or half): students with
    no mark and with one mark, lessons held, their topics and homework, control works held,
    the plan's hours due against the hours given, late and missing entries (JOUR-9), and the
    period marks set, late, or differing from the proposed mark (objectivity). A set-based
    SQL view: every figure is one grouped query, whatever the size of the school.
    """

    _name = "school.control.report"
    _description = "Journal Control"
    _inherit = ["school.report.view.mixin", "school.assignment.report.mixin"]
    _auto = False
    _order = "period_id, class_id, subject_id"
    _rec_name = "class_id"

    _depends = {
        "school.subject": ["is_graded"],
        "school.subgroup.member": ["subgroup_id", "student_id", "date_from", "date_to"],
        "school.period": ["year_id", "period_type", "date_start", "date_end"],
        "school.enrollment": ["class_id", "student_id", "date_start", "date_end"],
        "school.mark": ["student_id", "subject_id", "date", "weight", "lesson_id", "work_type_id"],
        "school.attendance": ["lesson_id"],
        "school.period.mark": ["student_id", "subject_id", "period_id", "value", "proposed_value", "is_late"],
        "school.lesson": [
            "class_id",
            "subject_id",
            "subgroup_id",
            "teacher_id",
            "state",
            "date",
            "topic",
            "homework",
            "work_type_ids",
            "topic_entered_at",
            "homework_entered_at",
            "period_id",
        ],
        "school.plan": ["year_id", "subject_id", "class_id", "grade"],
        "school.plan.topic": ["plan_id", "hours", "planned_date"],
    }

    period_id = fields.Many2one("school.period", readonly=True)
    date_end = fields.Date(string="Period Ends", readonly=True)
    student_count = report_count("Student × Subject")
    no_mark_count = report_count("Students without Marks")
    one_mark_count = report_count("Students with One Mark")
    no_mark_share = report_share("% without Marks")
    one_mark_share = report_share("% with One Mark")
    mark_count = report_count("Marks")
    lesson_count = report_count("Lessons Held")
    no_topic_count = report_count("Lessons without Topic")
    no_homework_count = report_count("Lessons without Homework")
    control_work_count = report_count("Control Works")
    planned_hours = report_hours("Hours Due by Plan")
    given_hours = report_hours("Hours Given")
    given_planned_hours = report_hours(
        "Hours Given under a Plan",
        help="Hours given in the subjects that have a calendar-thematic plan: "
        "the plan coverage compares these.",
    )
    plan_coverage = report_share("% of Plan Given")
    late_entry_count = report_count("Late Entries")
    missing_entry_count = report_count("Missing Entries")
    period_mark_count = report_count("Period Marks Set")
    period_mark_missing_count = report_count("Period Marks Missing")
    late_period_mark_count = report_count("Period Marks Set Late")
    differs_count = report_count("Period Marks Differing from Proposed")

    @api.model
    def _entry_deadline_sql(self, period_ids=None):
        """(lesson_id, status) of the late and missing entries of JOUR-9, taken from
        ``school.entry.deadline`` (its query, so that the order in which the views are created
        does not matter)."""
        return SQL(
            "SELECT d.lesson_id, d.status FROM (%s) d%s",
            self.env["school.entry.deadline"]._query(),
            # the periods' lessons only: the condition reaches the lesson scans (issue 15)
            SQL(" WHERE d.period_id IN %s", tuple(period_ids)) if period_ids else SQL(),
        )

    def _query(self, period_ids=None, class_id=None):
        """The view's query; narrowed to ``period_ids`` (and ``class_id``) for the dashboard,
        so that PostgreSQL computes the cells of those periods only (issue 15).

        ``pupils``, ``lessons`` and ``planned`` are MATERIALIZED: PostgreSQL estimates one
        cell and would otherwise recompute each aggregate once per cell (issue 15).
        """
        where = []
        if period_ids:
            where.append(SQL("p.id IN %s", tuple(period_ids)))
        if class_id:
            where.append(SQL("c.id = %s", class_id))
        work_types = self.env["school.lesson"]._fields["work_type_ids"]
        return SQL(
            """
WITH cells AS (%(cells)s
), roster AS (%(roster)s
), pupils AS MATERIALIZED (
    SELECT r.assignment_id, r.period_id,
           COUNT(*) AS student_count,
           COUNT(*) FILTER (WHERE cl.graded AND r.mark_count = 0) AS no_mark_count,
           COUNT(*) FILTER (WHERE cl.graded AND r.mark_count = 1) AS one_mark_count,
           SUM(r.mark_count) AS mark_count,
           COUNT(pm.id) FILTER (WHERE pm.value > 0) AS period_mark_count,
           COUNT(*) FILTER (WHERE cl.graded AND COALESCE(pm.value, 0) = 0) AS period_mark_missing_count,
           COUNT(pm.id) FILTER (WHERE pm.value > 0 AND pm.is_late) AS late_period_mark_count,
           COUNT(pm.id) FILTER (WHERE pm.value > 0 AND pm.proposed_value > 0
                                  AND pm.value != pm.proposed_value) AS differs_count
      FROM roster r
      JOIN cells cl ON cl.assignment_id = r.assignment_id AND cl.period_id = r.period_id
 LEFT JOIN school_period_mark pm
        ON pm.student_id = r.student_id AND pm.subject_id = cl.subject_id AND pm.period_id = cl.period_id
  GROUP BY r.assignment_id, r.period_id
), deadline AS (
    SELECT d.lesson_id,
           COUNT(*) FILTER (WHERE d.status = 'late') AS late_count,
           COUNT(*) FILTER (WHERE d.status = 'missing') AS missing_count
      FROM (%(deadline)s) d
  GROUP BY d.lesson_id
), lessons AS MATERIALIZED (
    SELECT cl.assignment_id, cl.period_id,
           COUNT(l.id) AS lesson_count,
           COUNT(l.id) FILTER (WHERE l.date < CURRENT_DATE AND COALESCE(btrim(l.topic), '') = '')
               AS no_topic_count,
           COUNT(l.id) FILTER (WHERE l.date < CURRENT_DATE AND cl.grade > 1
                                 AND COALESCE(btrim(l.homework), '') = '') AS no_homework_count,
           COUNT(l.id) FILTER (WHERE EXISTS (
               SELECT 1 FROM %(rel)s rel JOIN school_work_type wt ON wt.id = rel.%(type_col)s
                WHERE rel.%(lesson_col)s = l.id AND wt.category = 'control')) AS control_work_count,
           SUM(dl.late_count) AS late_entry_count,
           SUM(dl.missing_count) AS missing_entry_count
      FROM cells cl
      JOIN school_lesson l
        ON l.class_id = cl.class_id AND l.subject_id = cl.subject_id AND l.state != 'cancelled'
       AND l.date BETWEEN cl.date_start AND LEAST(cl.date_end, CURRENT_DATE)
       AND (cl.subgroup_id IS NULL OR l.subgroup_id = cl.subgroup_id)
 LEFT JOIN deadline dl ON dl.lesson_id = l.id
  GROUP BY cl.assignment_id, cl.period_id
), plans AS (
    -- the class's own plan, else its parallel's (school.plan._find_for)
    SELECT DISTINCT ON (cl.assignment_id, cl.period_id) cl.assignment_id, cl.period_id, pl.id AS plan_id
      FROM cells cl
      JOIN school_plan pl
        ON pl.year_id = cl.year_id AND pl.subject_id = cl.subject_id AND pl.grade = cl.grade
       AND (pl.class_id = cl.class_id OR pl.class_id IS NULL)
  ORDER BY cl.assignment_id, cl.period_id, pl.class_id NULLS LAST, pl.id
), planned AS MATERIALIZED (
    SELECT pp.assignment_id, pp.period_id, SUM(t.hours) AS planned_hours
      FROM plans pp
      JOIN cells cl ON cl.assignment_id = pp.assignment_id AND cl.period_id = pp.period_id
      JOIN school_plan_topic t
        ON t.plan_id = pp.plan_id
       AND t.planned_date BETWEEN cl.date_start AND LEAST(cl.date_end, CURRENT_DATE)
  GROUP BY pp.assignment_id, pp.period_id
)
SELECT ROW_NUMBER() OVER (ORDER BY cl.period_id, cl.class_id, cl.subject_id, cl.assignment_id) AS id,
       cl.assignment_id, cl.teacher_id, cl.class_id, cl.class_teacher_id, cl.subject_id, cl.subgroup_id,
       cl.year_id, cl.period_id, cl.date_end, cl.grade, cl.company_id,
       COALESCE(pu.student_count, 0) AS student_count,
       COALESCE(pu.no_mark_count, 0) AS no_mark_count,
       COALESCE(pu.one_mark_count, 0) AS one_mark_count,
       CASE WHEN cl.graded AND pu.student_count > 0
            THEN 100.0 * pu.no_mark_count / pu.student_count ELSE 0 END AS no_mark_share,
       CASE WHEN cl.graded AND pu.student_count > 0
            THEN 100.0 * pu.one_mark_count / pu.student_count ELSE 0 END AS one_mark_share,
       COALESCE(pu.mark_count, 0) AS mark_count,
       COALESCE(le.lesson_count, 0) AS lesson_count,
       COALESCE(le.no_topic_count, 0) AS no_topic_count,
       COALESCE(le.no_homework_count, 0) AS no_homework_count,
       COALESCE(le.control_work_count, 0) AS control_work_count,
       COALESCE(pd.planned_hours, 0) AS planned_hours,
       COALESCE(le.lesson_count, 0) AS given_hours,
       CASE WHEN pd.planned_hours > 0 THEN COALESCE(le.lesson_count, 0) ELSE 0 END AS given_planned_hours,
       CASE WHEN pd.planned_hours > 0
            THEN 100.0 * COALESCE(le.lesson_count, 0) / pd.planned_hours END AS plan_coverage,
       COALESCE(le.late_entry_count, 0) AS late_entry_count,
       COALESCE(le.missing_entry_count, 0) AS missing_entry_count,
       COALESCE(pu.period_mark_count, 0) AS period_mark_count,
       COALESCE(pu.period_mark_missing_count, 0) AS period_mark_missing_count,
       COALESCE(pu.late_period_mark_count, 0) AS late_period_mark_count,
       COALESCE(pu.differs_count, 0) AS differs_count
  FROM cells cl
LEFT JOIN pupils pu ON pu.assignment_id = cl.assignment_id AND pu.period_id = cl.period_id
LEFT JOIN lessons le ON le.assignment_id = cl.assignment_id AND le.period_id = cl.period_id
LEFT JOIN planned pd ON pd.assignment_id = cl.assignment_id AND pd.period_id = cl.period_id
            """,
            cells=cells_sql(SQL(" AND ").join(where) if where else None),
            roster=roster_marks_sql(SQL("SELECT * FROM cells")),
            deadline=self._entry_deadline_sql(period_ids),
            rel=SQL.identifier(work_types.relation),
            lesson_col=SQL.identifier(work_types.column1),
            type_col=SQL.identifier(work_types.column2),
        )

    def init(self):
        # the cells' lessons are read by class, subject and dates: without it PostgreSQL reads
        # every lesson of the class and filters (issue 15)
        create_index(
            self.env.cr,
            "school_lesson_class_subject_date_index",
            "school_lesson",
            ["class_id", "subject_id", "date"],
        )
        return super().init()

    # ------------------------------------------------------------------
    # The control dashboard (OWL client action school_ejournal.control_dashboard)
    # ------------------------------------------------------------------

    @api.model
    def _teacher_user_ids(self):
        """Ids of the active internal users of the teachers' groups of the current schools."""
        # not OdooBot
        schools = [("id", "!=", SUPERUSER_ID), ("company_ids", "in", self.env.companies.ids)]
        return self.env["res.users"]._school_teachers(schools).ids

    def _dashboard_sums(self, domain, measures, period_ids=None, class_id=None):
        """(totals, {class id: sums}, rows without a control work, distinct teachers) of the
        rows of ``domain``: the view is evaluated once, grouped by class and teacher, with the
        caller's record rules (issue 15; it was evaluated four times)."""
        query = self._search(domain)
        query.order = None
        table = self._table
        if period_ids:
            # the view's query narrowed to the periods shown, in place of the whole view
            query._tables[table] = SQL("(%s)", self._query(period_ids, class_id))
        query.groupby = SQL("%s, %s", SQL.identifier(table, "class_id"), SQL.identifier(table, "teacher_id"))
        self.env.cr.execute(
            query.select(
                SQL.identifier(table, "class_id"),
                SQL.identifier(table, "teacher_id"),
                SQL(
                    "COUNT(*) FILTER (WHERE %s = 0 AND %s > 0)",
                    SQL.identifier(table, "control_work_count"),
                    SQL.identifier(table, "lesson_count"),
                ),
                *(
                    SQL("SUM(%s)::float8", SQL.identifier(table, name))
                    if self._fields[name].type == "float"
                    else SQL("SUM(%s)", SQL.identifier(table, name))
                    for name in measures
                ),
            )
        )
        totals = [0] * len(measures)
        by_class, teachers, no_control = {}, set(), 0
        for class_id, teacher_id, without_control, *values in self.env.cr.fetchall():
            no_control += without_control
            teachers.add(teacher_id)
            sums = by_class.setdefault(class_id, [0] * len(measures))
            for n, value in enumerate(values):
                sums[n] += value or 0
                totals[n] += value or 0
        return totals, by_class, no_control, teachers

    @api.model
    def get_dashboard_data(self, period_id=False, class_id=False):
        """Figures of the dashboard: the school's totals and one line per class, for a period
        (default: the quarters and halves in force today), in a few grouped queries."""
        school_access.check_staff(self.env)
        period_id, class_id = (
            school_rpc_args.record_id(self.env, value, optional=True) for value in (period_id, class_id)
        )
        # the views' estimates are far off (one cell for hundreds): PostgreSQL's JIT would
        # compile them for seconds to save milliseconds (issue 15); for this request only
        self.env.cr.execute("SET LOCAL jit = off")
        # the students x cells of a large school are sorted in memory, not on disk (issue 15)
        self.env.cr.execute("SET LOCAL work_mem = '32MB'")
        today = fields.Date.context_today(self)
        Period = self.env["school.period"]
        periods = Period.search(
            [
                *self.env["school.academic.year"]._in_force_domain(today, "year_id"),
                ("period_type", "in", ("quarter", "half")),
            ],
            order="date_start, period_type, id",
        )
        if period_id:
            domain = [("period_id", "=", period_id)]
        else:
            domain = [("date_end", ">=", today), ("period_id.date_start", "<=", today)]
        if class_id:
            domain.append(("class_id", "=", class_id))
        measures = [
            "student_count",
            "no_mark_count",
            "one_mark_count",
            "lesson_count",
            "no_topic_count",
            "no_homework_count",
            "control_work_count",
            "planned_hours",
            "given_hours",
            "given_planned_hours",
            "late_entry_count",
            "missing_entry_count",
            "period_mark_count",
            "differs_count",
        ]

        def figures(values):
            data = dict(zip(measures, (v or 0 for v in values)))
            students = data["student_count"]
            data["no_mark_share"] = round(100.0 * data["no_mark_count"] / students, 1) if students else 0.0
            data["one_mark_share"] = round(100.0 * data["one_mark_count"] / students, 1) if students else 0.0
            planned = data["planned_hours"]
            data["plan_coverage"] = (
                round(100.0 * data["given_planned_hours"] / planned, 1) if planned else False
            )
            set_marks = data["period_mark_count"]
            data["differs_share"] = round(100.0 * data["differs_count"] / set_marks, 1) if set_marks else 0.0
            return data

        shown = (
            [period_id]
            if period_id
            else Period.sudo().search([("date_start", "<=", today), ("date_end", ">=", today)]).ids
        )
        totals, by_class, no_control, teachers = self._dashboard_sums(
            domain, measures, shown or [0], class_id
        )
        week_ago = today - timedelta(days=7)
        # teachers only: internal users of the teachers' groups, not OdooBot nor the
        # superuser who create records for crons and imports (issue 13)
        teacher_ids = self._teacher_user_ids()
        activity_domain = [("day", ">=", week_ago), ("teacher_id", "in", teacher_ids)]
        if class_id:
            activity_domain.append(("class_id", "=", class_id))
        Activity = self.env["school.teacher.activity.report"]
        # one evaluation of the activity view, of the last week only, with the caller's record
        # rules: its entries per teacher (issue 15)
        query = Activity._search(activity_domain)
        query.order = None
        query._tables[Activity._table] = SQL("(%s)", Activity._query(since=week_ago))
        query.groupby = SQL.identifier(Activity._table, "teacher_id")
        self.env.cr.execute(
            query.select(
                SQL.identifier(Activity._table, "teacher_id"),
                SQL("SUM(%s)", SQL.identifier(Activity._table, "entry_count")),
            )
        )
        per_teacher = self.env.cr.fetchall()
        entries = sum(count or 0 for __, count in per_teacher)
        active_teachers = len(per_teacher)
        # teachers only in the count of the dashboard's teachers (issue 13)
        teachers = len(teachers & set(teacher_ids))
        Portal = self.env["school.portal.activity.report"]
        portal_domain = [("class_id", "=", class_id)] if class_id else []
        [(families, families_active, students_active, guardians, guardians_active)] = Portal._read_group(
            portal_domain,
            [],
            [
                "student_count:sum",
                "family_active_count:sum",
                "student_active_count:sum",
                "guardian_login_count:sum",
                "guardian_active_count:sum",
            ],
        )
        result = {
            "periods": [{"id": p.id, "name": p.display_name} for p in periods],
            "period_id": period_id or False,
            "class_id": class_id or False,
            "totals": dict(
                figures(totals),
                subjects_without_control=no_control,
                teacher_count=teachers,
                active_teacher_count=active_teachers,
                teacher_entries=entries or 0,
                family_count=families or 0,
                family_active_share=round(100.0 * (families_active or 0) / families, 1) if families else 0.0,
                student_active_count=students_active or 0,
                guardian_login_count=guardians or 0,
                guardian_active_count=guardians_active or 0,
            ),
            "classes": [
                dict(figures(by_class[school_class.id]), id=school_class.id, name=school_class.name)
                for school_class in self.env["school.class"].browse([c for c in by_class if c]).sorted()
            ],
            # the last integrity verification of the school (issue 12)
            "integrity": self.env["school.chain.verification"]._dashboard_state(self.env.company),
        }
        self.env.cr.execute("RESET jit")
        self.env.cr.execute("RESET work_mem")
        return result
