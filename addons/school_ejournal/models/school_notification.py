"""Notifications of the e-diary (PORT-3): new marks, the weekly digest, alerts.

Crons queue one ``school.notification`` per recipient and send the released ones by e-mail
(and by SMS when Odoo's ``sms`` module is installed and the guardian asked for it). With
the school setting "class teacher releases notifications", what goes to guardians waits
in draft until the class teacher of the class releases it.
"""

from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools.misc import format_date

from . import school_access
from .school_diary import MISSED_CODES

NOTIFICATION_KINDS = [
    ("marks", "New marks"),
    ("weekly", "Weekly digest"),
    ("alert_failing", "Alert: failing forecast"),
    ("alert_absence", "Alert: missed lessons"),
]
# New marks older than this are not e-mailed any more (e.g. marks imported in bulk).
MARKS_LOOKBACK_DAYS = 14


class SchoolNotification(models.Model):
    _name = "school.notification"
    _description = "E-Diary Notification"
    _order = "create_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Subject", required=True, readonly=True)
    kind = fields.Selection(NOTIFICATION_KINDS, required=True, index=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Recipient", required=True, index=True, ondelete="cascade", readonly=True
    )
    recipient_type = fields.Selection(
        [("guardian", "Guardian"), ("class_teacher", "Class Teacher")],
        required=True,
        default="guardian",
        readonly=True,
    )
    student_ids = fields.Many2many(
        "school.student",
        "school_notification_student_rel",
        "notification_id",
        "student_id",
        string="Students",
        readonly=True,
    )
    class_id = fields.Many2one(
        "school.class",
        index=True,
        ondelete="cascade",
        readonly=True,
        help="Its class teacher releases the notification when the school moderates them.",
    )
    mark_ids = fields.Many2many(
        "school.mark",
        "school_notification_mark_rel",
        "notification_id",
        "mark_id",
        string="Marks",
        readonly=True,
    )
    subject_ids = fields.Many2many(
        "school.subject",
        "school_notification_subject_rel",
        "notification_id",
        "subject_id",
        string="Subjects",
        readonly=True,
    )
    period_id = fields.Many2one("school.period", readonly=True, ondelete="cascade")
    week_start = fields.Date(string="Week of", readonly=True, index=True)
    body_html = fields.Html(string="Content", readonly=True, sanitize_style=True)
    body_text = fields.Text(string="Short Text", readonly=True, help="Sent by SMS.")
    send_sms = fields.Boolean(string="Also by SMS", readonly=True)
    state = fields.Selection(
        [
            ("draft", "Waiting for Release"),
            ("released", "Released"),
            ("sent", "Sent"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        index=True,
        readonly=True,
    )
    released_by_id = fields.Many2one("res.users", string="Released by", readonly=True)
    released_at = fields.Datetime(string="Released on", readonly=True)
    sent_at = fields.Datetime(string="Sent on", readonly=True)
    mail_id = fields.Many2one("mail.mail", string="E-mail", readonly=True, ondelete="set null")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True, default=lambda self: self.env.company
    )

    # ------------------------------------------------------------------
    # Actions of the class teacher
    # ------------------------------------------------------------------
    def _check_release_rights(self):
        if school_access.in_groups(self.env, school_access.GROUP_DEPUTY, school_access.GROUP_ADMIN):
            return
        foreign = self.filtered(lambda n: n.class_id.class_teacher_id != self.env.user)
        if foreign:
            raise AccessError(
                _("Only the class teacher of %s releases its notifications.", foreign[0].class_id.name or "-")
            )

    def action_release(self):
        """The class teacher lets the queued notifications of the own class go out."""
        school_access.check_staff(self.env)
        self.check_access("read")
        self._check_release_rights()
        drafts = self.filtered(lambda n: n.state == "draft")
        if not drafts:
            raise UserError(_("Only notifications waiting for release can be released."))
        # Staff only read notifications: the state changes here, once the rights are checked.
        drafts_sudo = drafts.sudo()
        drafts_sudo.write(
            {"state": "released", "released_by_id": self.env.uid, "released_at": fields.Datetime.now()}
        )
        drafts_sudo._send()
        return True

    def action_cancel(self):
        school_access.check_staff(self.env)
        self.check_access("read")
        self._check_release_rights()
        self.filtered(lambda n: n.state in ("draft", "released")).sudo().write({"state": "cancelled"})
        return True

    # ------------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------------
    @api.model
    def _cron_notify_marks(self):
        """One e-mail per guardian listing the new marks of all the children since the last run."""
        since = self.env.cr.now() - timedelta(days=MARKS_LOOKBACK_DAYS)
        marks = self.env["school.mark"].search(
            [("guardians_notified", "=", False), ("create_date", ">=", since)], order="student_id, date, id"
        )
        self._queue_marks(marks)
        marks._set_guardians_notified()
        self._send_released()

    @api.model
    def _cron_weekly_digest(self, date=None):
        """The weekly digest of each child to the guardians who asked for it (PORT-3)."""
        day = date or fields.Date.context_today(self)
        self._queue_weekly(self.env["school.diary"]._get_week_start(day))
        self._send_released()

    @api.model
    def _cron_alerts(self, date=None):
        """Alerts on failing forecasts and on lessons missed in the week (PORT-3)."""
        day = date or fields.Date.context_today(self)
        self._queue_failing_alerts(day)
        self._queue_absence_alerts(day)
        self._send_released()

    # ------------------------------------------------------------------
    # Queueing
    # ------------------------------------------------------------------
    @api.model
    def _get_recipient_links(self, students, preference):
        """Guardian links in force today whose guardian opted in to ``preference``.

        Guardians who refused electronic access get the printed digest instead (PORT-4).
        """
        today = fields.Date.context_today(self)
        links = self.env["school.guardian.link"].sudo().search([("student_id", "in", students.ids)])
        sms = "sms.sms" in self.env
        return links.filtered(
            lambda link: link._is_in_force(today)
            and link[preference]
            and not link.electronic_access_refused
            and (link.guardian_id.email or (sms and link.notify_sms))
        )

    @api.model
    def _in_lang_of(self, partner, company):
        """This model in the recipient's language; the school's for contacts without one."""
        lang = partner.lang or company.partner_id.lang or self.env.lang
        return self.with_context(lang=lang)

    @api.model
    def _initial_state(self, company, recipient_type="guardian"):
        moderated = recipient_type == "guardian" and company.school_notification_moderation
        return "draft" if moderated else "released"

    @api.model
    def _group_by_recipient(self, links, records_by_student):
        """{(guardian, class or nothing, company): records} for one notification each.

        Under moderation, one notification per guardian and class, so that each class teacher
        releases what concerns the own class only.
        """
        groups = defaultdict(list)
        sms = {}
        for link in links:
            company = link.student_id.company_id
            moderated = company.school_notification_moderation
            for school_class, records in records_by_student(link.student_id):
                key = (link.guardian_id, school_class if moderated else self.env["school.class"], company)
                groups[key].append(records)
                sms[link.guardian_id] = sms.get(link.guardian_id) or link.notify_sms
        return groups, sms

    @api.model
    def _queue_marks(self, marks):
        if not marks:
            return self
        marks = marks.sudo()
        links = self._get_recipient_links(marks.student_id, "notify_marks")
        marks_by_student = defaultdict(lambda: self.env["school.mark"])
        for mark in marks:
            marks_by_student[mark.student_id] |= mark

        def by_class(student):
            student_marks = marks_by_student[student]
            return [
                (c, student_marks.filtered(lambda m, c=c: m.class_id == c)) for c in student_marks.class_id
            ]

        groups, sms = self._group_by_recipient(links, by_class)
        vals_list = []
        for (partner, school_class, company), mark_sets in groups.items():
            group_marks = self.env["school.mark"].union(*mark_sets)
            vals_list.append(
                self._in_lang_of(partner, company)._prepare_marks_values(
                    partner, school_class, company, group_marks, sms.get(partner)
                )
            )
        return self.create(vals_list)

    @api.model
    def _prepare_marks_values(self, partner, school_class, company, marks, send_sms):
        students = marks.student_id.sorted("name")
        marks = marks.with_context(lang=self.env.lang)
        children = [
            {
                "student": student,
                "marks": [
                    {
                        "date": format_date(self.env, mark.date),
                        "subject": mark.subject_id.name,
                        "value": mark.value,
                        "work_type": mark.work_type_id.name,
                        "weight": mark.weight,
                        "comment": mark.comment or "",
                    }
                    for mark in marks.filtered(lambda m, s=student: m.student_id == s).sorted(
                        lambda m: (m.date, m.id)
                    )
                ],
            }
            for student in students
        ]
        body = self.env["ir.qweb"]._render(
            "school_ejournal.school_notification_body_marks", {"children": children}
        )
        text = "; ".join(
            f"{child['student'].first_name}: "
            + ", ".join(f"{m['subject']} {m['value']}" for m in child["marks"])
            for child in children
        )
        return {
            "name": _("New marks in the e-diary: %s", ", ".join(students.mapped("name"))),
            "kind": "marks",
            "partner_id": partner.id,
            "student_ids": [Command.set(students.ids)],
            "class_id": school_class.id or (students.class_id.id if len(students.class_id) == 1 else False),
            "mark_ids": [Command.set(marks.ids)],
            "body_html": body,
            "body_text": _("New marks: %s", text),
            "send_sms": bool(send_sms),
            "state": self._initial_state(company),
            "company_id": company.id,
        }

    @api.model
    def _queue_weekly(self, week_start):
        students = (
            self.env["school.student"].sudo().search([("state", "=", "studying"), ("class_id", "!=", False)])
        )
        links = self._get_recipient_links(students, "notify_weekly")
        done = {
            (n.partner_id, n.class_id)
            for n in self.sudo().search([("kind", "=", "weekly"), ("week_start", "=", week_start)])
        }
        groups, sms = self._group_by_recipient(links, lambda student: [(student.class_id, student)])
        vals_list = []
        for (partner, school_class, company), student_sets in groups.items():
            if (partner, school_class) in done:
                continue
            vals_list.append(
                self._in_lang_of(partner, company)._prepare_weekly_values(
                    partner,
                    school_class,
                    company,
                    self.env["school.student"].union(*student_sets),
                    week_start,
                    sms.get(partner),
                )
            )
        return self.create(vals_list)

    @api.model
    def _prepare_weekly_values(self, partner, school_class, company, students, week_start, send_sms):
        week_end = week_start + timedelta(days=6)
        diary = self.env["school.diary"]
        digests = [
            diary._get_digest_data(student, week_start, week_end) for student in students.sorted("name")
        ]
        body = self.env["ir.qweb"]._render(
            "school_ejournal.school_notification_body_weekly",
            {"digests": digests, "format_date": lambda d: format_date(self.env, d)},
        )
        lines = []
        for digest in digests:
            averages = ", ".join(
                f"{s['subject']} {s['average']:.2f}" for s in digest["subjects"] if s["average"]
            )
            attendance = _(
                "missed %(missed)s, late %(late)s",
                missed=digest["attendance"]["missed"],
                late=digest["attendance"]["late"],
            )
            lines.append(f"{digest['student'].first_name}: {averages} {attendance}")
        text = "; ".join(lines)
        return {
            "name": _("E-diary: the week of %s", format_date(self.env, week_start)),
            "kind": "weekly",
            "partner_id": partner.id,
            "student_ids": [Command.set(students.ids)],
            "class_id": school_class.id or (students.class_id.id if len(students.class_id) == 1 else False),
            "week_start": week_start,
            "body_html": body,
            "body_text": text,
            "send_sms": bool(send_sms),
            "state": self._initial_state(company),
            "company_id": company.id,
        }

    @api.model
    def _get_failing(self, day):
        """{(student, period): subjects} whose proposed period mark is failing on ``day``."""
        PeriodMark = self.env["school.period.mark"].sudo()
        in_force = self.env["school.academic.year"]._in_force_domain(day, "year_id")
        classes = self.env["school.class"].sudo().search([*in_force, ("grade", ">", 1)])
        failing = defaultdict(lambda: self.env["school.subject"])
        for school_class in classes:
            period = self.env["school.period"].sudo()._get_period_for(school_class, day)
            if not period:
                continue
            subjects = (
                self.env["school.mark"]
                .sudo()
                ._read_group(
                    [
                        ("class_id", "=", school_class.id),
                        ("date", ">=", period.date_start),
                        ("date", "<=", day),
                    ],
                    ["subject_id"],
                )
            )
            for (subject,) in subjects:
                forecasts = PeriodMark.get_class_forecasts(school_class.id, subject.id, period.id)
                for student_id, forecast in forecasts.items():
                    if forecast["proposed"] and forecast["proposed"] <= 2:
                        failing[(self.env["school.student"].browse(student_id), period)] |= subject
        return failing

    @api.model
    def _queue_failing_alerts(self, day):
        failing = self._get_failing(day)
        if not failing:
            return self
        students = self.env["school.student"].union(*(s for s, _p in failing))
        alerted = defaultdict(lambda: self.env["school.subject"])
        for notification in self.sudo().search(
            [("kind", "=", "alert_failing"), ("student_ids", "in", students.ids)]
        ):
            alerted[(notification.student_ids[:1], notification.period_id)] |= notification.subject_ids
        links = self._get_recipient_links(students, "notify_alerts")
        vals_list = []
        for (student, period), subjects in failing.items():
            subjects -= alerted[(student, period)]
            if not subjects:
                continue
            vals_list += self._alert_values(student, links, "_prepare_failing_values", period, subjects)
        return self.create(vals_list)

    @api.model
    def _alert_values(self, student, links, prepare, *args):
        """The values of one alert about ``student`` for each of its recipients, each in the
        recipient's language: ``prepare`` names the method that builds them from (partner,
        recipient type, student, *args, send_sms)."""
        return [
            getattr(self._in_lang_of(partner, student.company_id), prepare)(
                partner, recipient_type, student, *args, send_sms=send_sms
            )
            for partner, recipient_type, send_sms in self._get_alert_recipients(student, links)
        ]

    @api.model
    def _get_alert_recipients(self, student, links):
        """(partner, recipient type, by SMS too) of an alert: the class teacher, the guardians
        opted in, by SMS those who asked for it on a link to the student."""
        recipients = []
        teacher_partner = student.sudo().class_id.class_teacher_id.partner_id
        if teacher_partner:
            recipients.append((teacher_partner, "class_teacher", False))
        own_links = [link for link in links if link.student_id == student]
        recipients += [
            (
                link.guardian_id,
                "guardian",
                any(other.notify_sms for other in own_links if other.guardian_id == link.guardian_id),
            )
            for link in own_links
        ]
        return recipients

    @api.model
    def _prepare_alert_values(self, kind, name, message, partner, recipient_type, student, send_sms, **vals):
        """The values of an alert of ``kind`` about ``student`` to ``partner``: its body is the
        alert template rendered with ``message``; ``vals`` adds the kind's own values."""
        body = self.env["ir.qweb"]._render(
            "school_ejournal.school_notification_body_alert", {"student": student, "message": message}
        )
        return dict(
            {
                "name": name,
                "kind": kind,
                "partner_id": partner.id,
                "recipient_type": recipient_type,
                "student_ids": [Command.set(student.ids)],
                "class_id": student.class_id.id,
                "body_html": body,
                "body_text": message,
                "send_sms": bool(send_sms),
                "state": self._initial_state(student.company_id, recipient_type),
                "company_id": student.company_id.id,
            },
            **vals,
        )

    @api.model
    def _prepare_failing_values(self, partner, recipient_type, student, period, subjects, send_sms=False):
        subject_names = ", ".join(subjects.with_context(lang=self.env.lang).mapped("name"))
        message = _(
            "%(student)s (%(cls)s) may get a failing period mark for %(period)s in: %(subjects)s.",
            student=student.name,
            cls=student.class_id.name,
            period=period.name,
            subjects=subject_names,
        )
        return self._prepare_alert_values(
            "alert_failing",
            _("Alert: failing forecast of %s", student.name),
            message,
            partner,
            recipient_type,
            student,
            send_sms,
            subject_ids=[Command.set(subjects.ids)],
            period_id=period.id,
            body_text=_(
                "%(student)s: failing forecast in %(subjects)s", student=student.name, subjects=subject_names
            ),
        )

    @api.model
    def _get_missed(self, day):
        """{student: lessons missed} of the week of ``day`` beyond the school's threshold."""
        week_start = self.env["school.diary"]._get_week_start(day)
        counts = (
            self.env["school.attendance"]
            .sudo()
            ._read_group(
                [
                    ("date", ">=", week_start),
                    ("date", "<=", week_start + timedelta(days=6)),
                    ("code", "in", MISSED_CODES),
                ],
                ["student_id"],
                ["__count"],
            )
        )
        return {
            student: count
            for student, count in counts
            if count > student.company_id.school_absence_alert_threshold
        }

    @api.model
    def _queue_absence_alerts(self, day):
        week_start = self.env["school.diary"]._get_week_start(day)
        missed = self._get_missed(day)
        if not missed:
            return self
        students = self.env["school.student"].union(*missed)
        done = (
            self.sudo()
            .search(
                [
                    ("kind", "=", "alert_absence"),
                    ("week_start", "=", week_start),
                    ("student_ids", "in", students.ids),
                ]
            )
            .student_ids
        )
        links = self._get_recipient_links(students, "notify_alerts")
        vals_list = []
        for student, count in missed.items():
            if student in done:
                continue
            vals_list += self._alert_values(student, links, "_prepare_absence_values", week_start, count)
        return self.create(vals_list)

    @api.model
    def _prepare_absence_values(self, partner, recipient_type, student, week_start, count, send_sms=False):
        message = _(
            "%(student)s (%(cls)s) missed %(count)s lessons in the week of %(week)s.",
            student=student.name,
            cls=student.class_id.name,
            count=count,
            week=format_date(self.env, week_start),
        )
        return self._prepare_alert_values(
            "alert_absence",
            _("Alert: missed lessons of %s", student.name),
            message,
            partner,
            recipient_type,
            student,
            send_sms,
            week_start=week_start,
        )

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------
    @api.model
    def _send_released(self):
        self.sudo().search([("state", "=", "released")])._send()

    def _send(self):
        """E-mail (and SMS where the ``sms`` module is installed) of released notifications."""
        template = self.env.ref("school_ejournal.mail_template_school_notification")
        sms_installed = "sms.sms" in self.env
        now = fields.Datetime.now()
        for notification in self.filtered(lambda n: n.state == "released"):
            partner = notification.partner_id
            mail_id = False
            if partner.email:
                mail_id = template.send_mail(notification.id, force_send=False)
            number = partner.mobile or partner.phone
            if notification.send_sms and sms_installed and number:
                self.env["sms.sms"].sudo().create(
                    {
                        "number": number,
                        "body": notification.body_text or notification.name,
                        "partner_id": partner.id,
                    }
                )
            notification.write({"state": "sent", "sent_at": now, "mail_id": mail_id})
