import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools import SQL, format_date

from .school_control_report import cells_sql, roster_marks_sql

_logger = logging.getLogger(__name__)

# Students with 0 or 1 mark are reported once their period ends within these days.
PERIOD_END_DAYS = 14
# Lessons older than this are no longer nudged about (the deputy's reports still show them).
LOOKBACK_DAYS = 30
# Hours the lessons given may differ from the hours the plan schedules to date.
PLAN_DRIFT_HOURS = 2
# School deadlines of the year are announced this many days ahead.
DEADLINE_NOTICE_DAYS = 7
# Teachers handled per run of the cron; the cron runs again for the rest.
BATCH_SIZE = 200
# At most this many dates or names are listed in one line of the digest.
LIST_LIMIT = 12


def nudge_issue(teacher_id, category, count, details, class_id=False, subject_id=False):
    """(teacher id, values of a line of the digest): what each query of issues yields."""
    return teacher_id, {
        "category": category,
        "class_id": class_id,
        "subject_id": subject_id,
        "count": count,
        "details": details,
    }


class SchoolTeacherNudge(models.Model):
    """A teacher's daily digest of what needs attention in the journal: daily data-quality
    nudges (CTRL-1, JOUR-9, FINAL-1).

    Once a day each teacher gets one digest, as a to-do activity in Odoo and as one e-mail:
    students with no or one mark when the period ends within two weeks, lessons without a
    topic or homework, overdue entries (JOUR-9), the plan drifting from the timetable, and
    the school deadlines of the coming week, the class teacher's duties not yet recorded, the
    open inspection findings and the disputed marks awaiting an answer (issue 14, duties 6,
    8, 9).
    A digest is kept for every teacher handled on a day, so that a second run of the cron
    the same day sends nothing twice.
    """

    _name = "school.teacher.nudge"
    _description = "Teacher's Daily Digest"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _rec_name = "teacher_id"

    teacher_id = fields.Many2one("res.users", required=True, index=True, ondelete="cascade")
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    line_ids = fields.One2many("school.teacher.nudge.line", "nudge_id", string="What Needs Attention")
    line_count = fields.Integer(compute="_compute_line_count", string="Items")
    state = fields.Selection(
        [("nothing", "Nothing to Report"), ("sent", "Sent")], default="nothing", required=True, readonly=True
    )
    company_id = fields.Many2one("res.company", string="School", index=True)

    _sql_constraints = [
        ("teacher_date_uniq", "unique(teacher_id, date)", "The teacher already has a digest for this day."),
    ]

    @api.depends("line_ids")
    def _compute_line_count(self):
        for nudge in self:
            nudge.line_count = len(nudge.line_ids)

    def _compute_display_name(self):
        for nudge in self:
            nudge.display_name = _(
                "%(teacher)s, %(date)s",
                teacher=nudge.teacher_id.name,
                date=format_date(self.env, nudge.date),
            )

    @api.autovacuum
    def _gc_empty_nudges(self):
        """Digests with nothing to report only mark a teacher as handled for their day."""
        self.search(
            [("state", "=", "nothing"), ("date", "<", fields.Date.context_today(self) - timedelta(days=7))]
        ).unlink()

    # ------------------------------------------------------------------
    # What needs attention: a few set-based queries for a batch of teachers
    # ------------------------------------------------------------------

    @api.model
    def _get_nudge_issues(self, teachers, today):
        """{teacher_id: [line values]} for the teachers, as of ``today``.

        The texts of the lines (labels, dates, descriptions) are written in each teacher's
        language, whatever the language of the cron's user (issue 16): the teachers are
        handled one language at a time.
        """
        self.env.flush_all()
        issues = {}
        for lang in sorted(set(teachers.mapped("lang")), key=str):
            speakers = teachers.filtered(lambda teacher, lang=lang: teacher.lang == lang)
            nudges = self.with_context(lang=lang) if lang else self
            for method in (
                nudges._get_few_marks_issues,
                nudges._get_lesson_issues,
                nudges._get_overdue_issues,
                nudges._get_plan_issues,
                nudges._get_deadline_issues,
                nudges._get_class_duty_issues,
                nudges._get_inspection_issues,
                nudges._get_dispute_issues,
            ):
                for teacher_id, vals in method(speakers, today):
                    issues.setdefault(teacher_id, []).append(vals)
        return issues

    @api.model
    def _get_few_marks_issues(self, teachers, today):
        """Students with no or one mark whose period ends within two weeks (FINAL-1)."""
        cells = SQL(
            """SELECT cl.* FROM (%s) cl JOIN school_period p ON p.id = cl.period_id
                WHERE cl.graded AND NOT p.is_closed AND cl.teacher_id IN %s
                  AND cl.date_start <= %s AND cl.date_end BETWEEN %s AND %s""",
            cells_sql(),
            tuple(teachers.ids),
            today,
            today,
            today + timedelta(days=PERIOD_END_DAYS),
        )
        self.env.cr.execute(
            SQL(
                """WITH cells AS (%s), roster AS (%s)
               SELECT cl.teacher_id, cl.class_id, cl.subject_id, cl.date_end,
                      array_agg(rp.name || ' (' || r.mark_count || ')' ORDER BY rp.name) AS students
                 FROM roster r
                 JOIN cells cl ON cl.assignment_id = r.assignment_id AND cl.period_id = r.period_id
                 JOIN school_student st ON st.id = r.student_id
                 JOIN res_partner rp ON rp.id = st.partner_id
                WHERE r.mark_count <= 1
             GROUP BY cl.teacher_id, cl.class_id, cl.subject_id, cl.date_end
             ORDER BY cl.teacher_id, cl.date_end""",
                cells,
                roster_marks_sql(SQL("SELECT * FROM cells")),
            )
        )
        for teacher_id, class_id, subject_id, date_end, students in self.env.cr.fetchall():
            details = self._describe_few_marks(date_end, students)
            yield nudge_issue(teacher_id, "few_marks", len(students), details, class_id, subject_id)

    @api.model
    def _get_lesson_issues(self, teachers, today):
        """Lessons held without a topic, or from grade 2 without homework (JOUR-1, JOUR-9)."""
        self.env.cr.execute(
            SQL(
                """SELECT l.teacher_id, l.class_id, l.subject_id,
                      array_agg(l.date ORDER BY l.date) FILTER (WHERE COALESCE(btrim(l.topic), '') = ''),
                      array_agg(l.date ORDER BY l.date)
                          FILTER (WHERE c.grade > 1 AND COALESCE(btrim(l.homework), '') = '')
                 FROM school_lesson l
                 JOIN school_class c ON c.id = l.class_id
                 JOIN school_period p ON p.id = l.period_id AND NOT p.is_closed
                WHERE l.state != 'cancelled' AND l.teacher_id IN %s AND l.date < %s AND l.date >= %s
             GROUP BY l.teacher_id, l.class_id, l.subject_id
             ORDER BY l.teacher_id, l.class_id, l.subject_id""",
                tuple(teachers.ids),
                today,
                today - timedelta(days=LOOKBACK_DAYS),
            )
        )
        for teacher_id, class_id, subject_id, no_topic, no_homework in self.env.cr.fetchall():
            for category, dates in (("no_topic", no_topic), ("no_homework", no_homework)):
                if dates:
                    details = self._describe_dates(dates)
                    yield nudge_issue(teacher_id, category, len(dates), details, class_id, subject_id)

    @api.model
    def _get_overdue_issues(self, teachers, today):
        """Entries whose deadline passed without them (JOUR-9, ``school.entry.deadline``),
        topics and homework aside (listed above)."""
        since = today - timedelta(days=LOOKBACK_DAYS)
        Deadline = self.env["school.entry.deadline"].sudo()
        kinds = dict(Deadline._fields["kind"]._description_selection(self.env))
        groups = Deadline._read_group(
            [
                ("teacher_id", "in", teachers.ids),
                ("status", "=", "missing"),
                ("kind", "not in", ("topic", "homework")),
                ("date", ">=", since),
                ("date", "<", today),
            ],
            ["teacher_id", "class_id", "subject_id", "kind"],
            ["date:array_agg"],
        )
        for teacher, school_class, subject, kind, dates in groups:
            details = f"{kinds.get(kind, kind)}: {self._describe_dates(sorted(dates))}"
            yield nudge_issue(teacher.id, "overdue", len(dates), details, school_class.id, subject.id)

    @api.model
    def _get_plan_issues(self, teachers, today):
        """Lessons given drifting from the hours the plan schedules to date, or no plan at all
        (a row of the plan coverage per class and subject)."""
        return self._get_record_issues(
            teachers,
            "school.plan.coverage.report",
            [
                *self.env["school.academic.year"]._in_force_domain(today, "year_id"),
                "|",
                ("has_plan", "=", False),
                "|",
                ("drift_hours", ">=", PLAN_DRIFT_HOURS),
                ("drift_hours", "<=", -PLAN_DRIFT_HOURS),
            ],
            "plan_drift",
            self._describe_plan,
            count=lambda row: abs(round(row.drift_hours)) if row.has_plan else 0,
            fnames=["has_plan", "drift_hours", "planned_to_date", "given_hours"],
        )

    @api.model
    def _get_deadline_issues(self, teachers, today):
        deadlines = (
            self.env["school.year.deadline"]
            .sudo()
            .search(
                [("done_at", "=", False), ("deadline", "<=", today + timedelta(days=DEADLINE_NOTICE_DAYS))]
            )
        )
        if not deadlines:
            return
        classes = self.env["school.class"].sudo().search([("class_teacher_id", "in", teachers.ids)])
        for deadline in deadlines:
            if deadline.kind == "attestation" and deadline.deadline < today:
                continue  # past the attestation the teachers' marks are closed: nothing to do
            if deadline.responsible_id:
                targets = deadline.responsible_id & teachers
            elif deadline.kind == "attestation":
                targets = teachers.filtered(lambda t, c=deadline.company_id: c in t.company_ids)
            elif deadline.kind in ("print_basic", "print_final"):
                grades = (9, 11) if deadline.kind == "print_final" else (1, 2, 3, 4, 5, 6, 7, 8, 10)
                targets = classes.filtered(
                    lambda c, d=deadline: c.year_id == d.year_id and c.grade in grades
                ).class_teacher_id
            else:
                continue
            details = deadline._describe(today) if targets else ""
            for teacher in targets:
                yield nudge_issue(teacher.id, "school_duty", 1, details)

    @api.model
    def _get_class_duty_issues(self, teachers, today):
        Duty = self.env["school.class.teacher.duty"]
        labels = dict(Duty._fields["kind"]._description_selection(self.env))
        in_force = self.env["school.academic.year"]._in_force_domain(today, "year_id")
        own = [("class_teacher_id", "in", teachers.ids)]
        classes = self.env["school.class"].sudo().search(own + in_force)
        due_by_class = Duty._get_due_by_class(classes, today)
        for school_class in classes:
            due = due_by_class[school_class.id]
            if due:
                details = "; ".join(labels[k] for k in due)
                yield nudge_issue(
                    school_class.class_teacher_id.id, "school_duty", len(due), details, school_class.id
                )

    @api.model
    def _get_inspection_issues(self, teachers, today):
        """Open inspection findings, with the date they are to be fixed by."""
        return self._get_open_record_issues(
            teachers, "school.inspection", [("state", "!=", "closed")], "fix_deadline"
        )

    @api.model
    def _get_dispute_issues(self, teachers, today):
        """Disputed marks awaiting the teacher's answer, with their answer deadline."""
        return self._get_open_record_issues(
            teachers, "school.mark.dispute", [("state", "=", "open")], "answer_deadline"
        )

    @api.model
    def _get_open_record_issues(self, teachers, model, domain, deadline_field):
        """A school duty for each open record of ``model``, named with its deadline."""
        return self._get_record_issues(
            teachers,
            model,
            domain,
            "school_duty",
            lambda record: f"{record.display_name}: {format_date(self.env, record[deadline_field])}",
            fnames=[deadline_field],
        )

    @api.model
    def _get_record_issues(self, teachers, model, domain, category, describe, count=None, fnames=()):
        """A line of ``category`` for each record of ``model`` of the teachers matching
        ``domain`` (a record of a class and subject with a teacher, read as superuser):
        ``count(record)`` items (one by default), described by ``describe(record)``, which
        read the fields ``fnames`` of the record."""
        records = (
            self.env[model]
            .sudo()
            .search_fetch(
                [("teacher_id", "in", teachers.ids), *domain],
                ["teacher_id", "class_id", "subject_id", *fnames],
            )
        )
        for record in records:
            yield nudge_issue(
                record.teacher_id.id,
                category,
                count(record) if count else 1,
                describe(record),
                record.class_id.id,
                record.subject_id.id,
            )

    # ------------------------------------------------------------------
    # Wording, in the language of the context (the teacher's, see _get_nudge_issues)
    # ------------------------------------------------------------------

    @api.model
    def _describe_dates(self, dates):
        text = ", ".join(d.strftime("%d.%m") for d in dates[:LIST_LIMIT])
        return text + (", …" if len(dates) > LIST_LIMIT else "")

    @api.model
    def _describe_few_marks(self, date_end, students):
        names = ", ".join(students[:LIST_LIMIT]) + (", …" if len(students) > LIST_LIMIT else "")
        return _(
            "The period ends on %(date)s: %(students)s", date=format_date(self.env, date_end), students=names
        )

    @api.model
    def _describe_plan(self, row):
        if not row.has_plan:
            return _("No calendar-thematic plan for this class")
        if row.drift_hours < 0:
            return _(
                "%(hours)s hours behind the plan: %(given)s given, %(planned)s due by the plan",
                hours=abs(round(row.drift_hours)),
                given=round(row.given_hours),
                planned=round(row.planned_to_date),
            )
        return _(
            "%(hours)s hours ahead of the plan: %(given)s given, %(planned)s due by the plan",
            hours=round(row.drift_hours),
            given=round(row.given_hours),
            planned=round(row.planned_to_date),
        )

    # ------------------------------------------------------------------
    # Delivery
    # ------------------------------------------------------------------

    @api.model
    def _get_teachers(self):
        return self.env["res.users"]._school_teachers()

    @api.model
    def _cron_send_teacher_nudges(self, batch_size=BATCH_SIZE):
        """Daily: one digest per teacher who has something to attend to (in batches)."""
        today = fields.Date.context_today(self)
        handled = self.sudo().search([("date", "=", today)]).teacher_id
        todo = self._get_teachers() - handled
        batch = todo[:batch_size]
        nudges = self.browse()
        if batch:
            issues = self._get_nudge_issues(batch, today)
            nudges = (
                self.sudo()
                .with_context(mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True)
                .create(
                    [
                        {
                            "teacher_id": teacher.id,
                            "date": today,
                            "company_id": teacher.company_id.id,
                            "line_ids": [fields.Command.create(vals) for vals in issues.get(teacher.id, [])],
                        }
                        for teacher in batch
                    ]
                )
            )
            nudges._send()
        remaining = len(todo) - len(batch)
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=remaining)
        _logger.info("Teacher digests: %s teachers handled, %s left", len(batch), remaining)
        return nudges

    def _send(self):
        """One to-do activity and one e-mail per digest that has something to report."""
        Activity = self.env["mail.activity"].sudo()
        # the digest of today replaces the ones of the days before, even when it is empty
        Activity.search(
            [
                ("res_model", "=", self._name),
                ("user_id", "in", self.teacher_id.ids),
                ("res_id", "not in", self.ids),
            ]
        ).unlink()
        to_send = self.filtered("line_ids")
        if not to_send:
            return
        activity_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        model_id = self.env["ir.model"]._get_id(self._name)
        Activity.with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": nudge.id,
                    "activity_type_id": activity_type.id if activity_type else False,
                    "user_id": nudge.teacher_id.id,
                    "date_deadline": nudge.date,
                    "summary": nudge.with_context(lang=nudge.teacher_id.lang or self.env.lang)._get_summary(
                        nudge
                    ),
                }
                for nudge in to_send
            ]
        )
        template = self.env.ref("school_ejournal.mail_template_teacher_nudge", raise_if_not_found=False)
        with_email = to_send.filtered(lambda n: n.teacher_id.email)
        if template and with_email:
            template.sudo().send_mail_batch(with_email.ids)
        to_send.write({"state": "sent"})

    @api.model
    def _get_summary(self, nudge):
        return _("E-journal: %s items need your attention", len(nudge.line_ids))
