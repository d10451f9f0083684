"""The e-diary of parents and students under /my (PORT-1, PORT-2, PORT-5, COMM-1, COMM-2).

Every route resolves the student from the URL among the students the logged-in user may
see, with the user's own rights (``_diary_check_access``), before anything else; ids in
URLs are never trusted and another child's id gives a 404. The pages' data comes from
``school.diary``, which reads with the user's rights, so the record rules (guardian links
in force) decide what is shown.
"""

from datetime import MAXYEAR, MINYEAR, timedelta

from werkzeug.exceptions import BadRequest, Forbidden, NotFound

from odoo import _, fields, http
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.portal.controllers.portal import CustomerPortal

# the longest message a guardian or student sends from the diary (issue 11 item 10); the
# forms' maxlength says the same
MESSAGE_MAX_LENGTH = 4000


class SchoolDiaryPortal(CustomerPortal):
    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    def _get_diary_students(self):
        """The students whose diary the user may open, searched once per request with the
        user's rights (the switcher of children and the check of the URL's student share
        it: issue 15)."""
        students = getattr(request, "_school_diary_students", None)
        if students is None or students.env.uid != request.env.uid:
            students = request.env["school.diary"]._get_portal_students()
            request._school_diary_students = students
        return students

    def _diary_check_access(self, student_id):
        """The student of the URL, found among those the user may see; 404 otherwise."""
        student = self._get_diary_students().filtered(lambda s: s.id == student_id)
        if not student:
            raise NotFound()
        return student

    def details_form_validate(self, data, partner_creation=False):
        """A student sending the form of his details is told who keeps them, on the page, and
        nothing is saved (SEC-4, P 3.12, P 4.3)."""
        error, error_message = super().details_form_validate(data, partner_creation=partner_creation)
        if not partner_creation and request.env.user.partner_id._school_is_student_card():
            error["student_card"] = "error"
            error_message.append(
                _(
                    "Your details are kept by your class teacher in the school's records: ask "
                    "him or her to correct them."
                )
            )
        return error, error_message

    def on_account_update(self, values, partner):
        """A student's contact is his card in the school's contingent (SETUP-5): Odoo's
        /my/account would rewrite his name and address as superuser; a student writes nothing
        of the school's (SEC-4, P 3.12), the class teacher keeps it current (P 4.3)."""
        if partner._school_is_student_card():
            raise Forbidden()
        return super().on_account_update(values, partner)

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "school_diary_count" in counters:
            values["school_diary_count"] = len(self._get_diary_students())
        return values

    # ------------------------------------------------------------------
    # Values of the pages
    # ------------------------------------------------------------------
    def _prepare_diary_layout_values(self, student, tab):
        """The frame of a student's page. ``student`` was found by :meth:`_diary_check_access`:
        the names shown are read for the user's students in one query (issue 15)."""
        values = self._prepare_portal_layout_values()
        diary = request.env["school.diary"]
        students = self._get_diary_students()
        names = diary._get_portal_names(students)
        name, __, class_name, class_teacher_name = names.get(student.id, ("", "", "", ""))
        values.update(
            {
                "page_name": "school_diary",
                "diary_tab": tab,
                "student": student,
                "student_name": name,
                "student_class_name": class_name,
                "diary_students": students,
                "diary_children": [
                    {"id": s.id, "first_name": names[s.id][1], "class_name": names[s.id][2]}
                    for s in students
                    if s.id in names
                ],
                "is_guardian": diary._is_guardian_of_portal_student(student),
                "class_teacher_name": class_teacher_name,
            }
        )
        return values

    def _parse_date(self, value):
        """The day of a URL, or None: a day the week around it cannot be counted from (the
        first or last years of the calendar) is no day of the diary either."""
        try:
            day = fields.Date.to_date(value) if value else None
        except ValueError:
            return None
        return day if day and MINYEAR < day.year < MAXYEAR else None

    def _get_selected_period(self, student, period_id):
        diary = request.env["school.diary"]
        periods = diary._get_periods(student)
        period = periods.filtered(lambda p: str(p.id) == str(period_id)) if period_id else periods.browse()
        return periods, period or diary._get_default_period(student, periods)

    def _prepare_diary_week_values(self, student, date=None):
        diary = request.env["school.diary"]
        today = fields.Date.context_today(student)
        day = self._parse_date(date) or today
        week_start = diary._get_week_start(day)
        week_end = week_start + timedelta(days=6)
        values = self._prepare_diary_layout_values(student, "week")
        # the dates of the page, each formatted once (issue 15)
        format_day = diary._date_formatter()
        # the week and the homework around today (two weeks back and ahead) are one read of
        # the lessons when they overlap, as they do for the current week; only the week's
        # days are read and prepared in full (issue 15)
        homework_from, homework_to = today - timedelta(days=14), today + timedelta(days=14)
        if week_start <= homework_to + timedelta(days=7) and week_end >= homework_from - timedelta(days=7):
            all_days = diary._get_lessons_data(
                student,
                min(week_start, homework_from),
                max(week_end, homework_to),
                with_timetable=True,
                checked=True,
                detail=(week_start, week_end),
                format_day=format_day,
            )
            days = [d for d in all_days if week_start <= d["date"] <= week_end]
        else:
            days = diary._get_lessons_data(
                student, week_start, week_end, with_timetable=True, checked=True, format_day=format_day
            )
            all_days = None
        events = diary._get_events(student, week_start, week_end, checked=True)
        for day_values in days:
            day_values["events"] = events.filtered(
                lambda e, d=day_values["date"]: fields.Datetime.context_timestamp(e, e.date_start).date()
                <= d
                <= fields.Datetime.context_timestamp(e, e.date_end or e.date_start).date()
            )
        # Saturday and Sunday only when something happens then
        days = [d for d in days if d["date"].weekday() < 5 or d["entries"] or d["events"]]
        acknowledgement = request.env["school.acknowledgement"]
        if values["is_guardian"]:
            acknowledgement = acknowledgement.search(
                [
                    ("guardian_id", "=", request.env.user.partner_id.id),
                    ("student_id", "=", student.id),
                    ("kind", "=", "week"),
                    ("week_start", "=", week_start),
                ],
                limit=1,
            )
        # homework by the day it is due, and what is due on the next school day (issue 13)
        homework, tomorrow = diary._get_homework_by_due_date(student, today, days=all_days)
        values.update(
            {
                "homework_due": homework,
                "homework_tomorrow": [item for item in homework if item["due"] == tomorrow],
                "tomorrow": tomorrow,
                "week_start": week_start,
                "week_end": week_end,
                "prev_week": week_start - timedelta(days=7),
                "next_week": week_start + timedelta(days=7),
                "days": days,
                "events": events,
                "acknowledgement": acknowledgement,
                "format_day": format_day,
            }
        )
        return values

    def _prepare_diary_marks_values(self, student, period_id=None):
        diary = request.env["school.diary"]
        periods, period = self._get_selected_period(student, period_id)
        values = self._prepare_diary_layout_values(student, "marks")
        # the dates of the page (the marks' titles), each formatted once (issue 15)
        format_day = diary._date_formatter()
        period_marks = diary._get_period_marks_data(student, checked=True)
        acknowledged = {}
        if values["is_guardian"] and period_marks["periods"]:
            acknowledged = {
                ack.period_id.id: ack
                for ack in request.env["school.acknowledgement"].search(
                    [
                        ("guardian_id", "=", request.env.user.partner_id.id),
                        ("student_id", "=", student.id),
                        ("kind", "=", "period_mark"),
                        ("period_id", "in", period_marks["periods"].ids),
                    ]
                )
            }
        values.update(
            {
                "periods": periods,
                "period": period,
                "subjects": (
                    diary._get_subjects_data(student, period, checked=True, format_day=format_day)
                    if period
                    else []
                ),
                "period_marks": period_marks,
                "period_acknowledgements": acknowledged,
            }
        )
        return values

    def _prepare_diary_attendance_values(self, student, period_id=None):
        periods, period = self._get_selected_period(student, period_id)
        values = self._prepare_diary_layout_values(student, "attendance")
        attendance = {}
        if period:
            attendance = request.env["school.diary"]._get_attendance_data(
                student, period.date_start, period.date_end
            )
        values.update({"periods": periods, "period": period, "attendance": attendance})
        return values

    def _prepare_diary_events_values(self, student):
        today = fields.Date.context_today(student)
        values = self._prepare_diary_layout_values(student, "events")
        values["events"] = request.env["school.diary"]._get_events(
            student, today - timedelta(days=7), today + timedelta(days=90)
        )
        return values

    def _prepare_diary_message_values(self, student, **kwargs):
        values = self._prepare_diary_layout_values(student, "message")
        messages = request.env["mail.message"].search(
            [
                ("model", "=", "school.student"),
                ("res_id", "=", student.id),
                ("message_type", "=", "comment"),
                ("subtype_id.internal", "=", False),
            ],
            order="id desc",
            limit=30,
        )
        channel = request.env["discuss.channel"]
        channel_id = student.class_id.discuss_channel_id.id
        if channel_id:
            channel = channel.search([("id", "=", channel_id), ("is_member", "=", True)], limit=1)
        values.update(
            {
                # sudo: authors' names and bodies of messages the user may read (searched above)
                "messages": messages.sudo(),
                "class_channel": channel,
                "message_sent": kwargs.get("sent"),
                "message_error": kwargs.get("error"),
            }
        )
        return values

    # ------------------------------------------------------------------
    # Routes
    # ------------------------------------------------------------------
    @http.route("/my/diary", type="http", auth="user", website=True, readonly=True)
    def portal_my_diary(self, **kw):
        students = self._get_diary_students()
        if len(students) == 1:
            return request.redirect(f"/my/diary/{students.id}")
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "school_diary", "diary_students": students, "student": students.browse()})
        return request.render("school_ejournal.portal_my_diary_children", values)

    @http.route("/my/diary/<int:student_id>", type="http", auth="user", website=True, readonly=True)
    def portal_my_diary_week(self, student_id, date=None, **kw):
        student = self._diary_check_access(student_id)
        values = self._prepare_diary_week_values(student, date)
        return request.render("school_ejournal.portal_my_diary_week", values)

    @http.route("/my/diary/<int:student_id>/marks", type="http", auth="user", website=True, readonly=True)
    def portal_my_diary_marks(self, student_id, period_id=None, **kw):
        student = self._diary_check_access(student_id)
        values = self._prepare_diary_marks_values(student, period_id)
        return request.render("school_ejournal.portal_my_diary_marks", values)

    @http.route(
        "/my/diary/<int:student_id>/attendance", type="http", auth="user", website=True, readonly=True
    )
    def portal_my_diary_attendance(self, student_id, period_id=None, **kw):
        student = self._diary_check_access(student_id)
        values = self._prepare_diary_attendance_values(student, period_id)
        return request.render("school_ejournal.portal_my_diary_attendance", values)

    @http.route("/my/diary/<int:student_id>/events", type="http", auth="user", website=True, readonly=True)
    def portal_my_diary_events(self, student_id, **kw):
        student = self._diary_check_access(student_id)
        values = self._prepare_diary_events_values(student)
        return request.render("school_ejournal.portal_my_diary_events", values)

    @http.route(
        "/my/diary/<int:student_id>/acknowledge", type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_my_diary_acknowledge(self, student_id, kind=None, week_start=None, period_id=None, **kw):
        """A guardian's "acknowledged" of a week or of the period marks, with its time."""
        student = self._diary_check_access(student_id)
        if not request.env["school.diary"]._is_guardian_of(student):
            raise Forbidden()
        Acknowledgement = request.env["school.acknowledgement"]
        if kind == "week":
            day = self._parse_date(week_start)
            if not day:
                raise BadRequest()
            week_start = request.env["school.diary"]._get_week_start(day)
            Acknowledgement._acknowledge(student, "week", week_start=week_start)
            return request.redirect(f"/my/diary/{student.id}?date={week_start}")
        if kind == "period_mark":
            period = (
                request.env["school.diary"]
                ._get_period_marks_data(student)["periods"]
                .filtered(lambda p: str(p.id) == str(period_id))
            )
            if not period:
                raise NotFound()
            Acknowledgement._acknowledge(student, "period_mark", period=period)
            return request.redirect(f"/my/diary/{student.id}/marks")
        raise BadRequest()

    @http.route(
        "/my/diary/<int:student_id>/homework/<int:lesson_id>/<int:attachment_id>",
        type="http",
        auth="user",
        readonly=True,
    )
    def portal_my_diary_homework_file(self, student_id, lesson_id, attachment_id, **kw):
        """A homework file of a lesson in the student's diary, downloaded with the user's
        right to that lesson checked now (PORT-1, SEC-3): a guardian whose link has ended, a
        student who has left the class, another lesson's or another file's id get a 404."""
        student = self._diary_check_access(student_id)
        file_sudo = request.env["school.diary"]._get_homework_file(
            student, lesson_id, attachment_id, checked=True
        )
        if not file_sudo:
            raise NotFound()
        return request.env["ir.binary"]._get_stream_from(file_sudo).get_response(as_attachment=True)

    @http.route(
        "/my/diary/<int:student_id>/message", type="http", auth="user", website=True, methods=["GET", "POST"]
    )
    def portal_my_diary_message(self, student_id, body=None, **kw):
        """Write to the class teacher: the message goes to the student's chatter (COMM-1)."""
        student = self._diary_check_access(student_id)
        if request.httprequest.method == "POST":
            body = (body or "").strip()
            if not body:
                return request.redirect(f"/my/diary/{student.id}/message?error=empty")
            if len(body) > MESSAGE_MAX_LENGTH:
                return request.redirect(f"/my/diary/{student.id}/message?error=long")
            self._post_message_to_class_teacher(student, body)
            return request.redirect(f"/my/diary/{student.id}/message?sent=1")
        values = self._prepare_diary_message_values(student, **kw)
        return request.render("school_ejournal.portal_my_diary_message", values)

    def _post_message_to_class_teacher(self, student, body):
        partner = request.env.user.partner_id
        # sudo: the user may read the student (checked by the caller) but not post on it.
        student_sudo = student.sudo()
        teacher_partner = student_sudo.class_id.class_teacher_id.partner_id
        student_sudo.message_subscribe(partner_ids=(teacher_partner | partner).ids)
        # the letter reaches the class teacher only, not the child's other followers (the
        # other guardian, the child): a letter to the school stays between them (SEC-5, P 3.5)
        return student_sudo.with_context(school_notify_addressees_only=True).message_post(
            body=plaintext2html(body),
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=teacher_partner.ids,
            subject=_("Message from %s", partner.name),
        )

    @http.route("/my/diary/<int:student_id>/summary", type="json", auth="user", readonly=True)
    def portal_my_diary_summary(self, student_id, period_id=None, **kw):
        """Averages and proposed marks by subject, for the diary's widgets and mobile use."""
        student = self._diary_check_access(student_id)
        periods, period = self._get_selected_period(student, period_id)
        subjects = request.env["school.diary"]._get_subjects_data(student, period) if period else []
        return {
            "student": {"id": student.id, "name": student.name, "class": student.class_id.name or ""},
            "period": {"id": period.id, "name": period.name} if period else False,
            "periods": [{"id": p.id, "name": p.name} for p in periods],
            "subjects": [
                {
                    "subject": s["subject"],
                    "marks": [m["value"] for m in s["marks"]],
                    "average": s["average"],
                    "proposed": s["proposed"],
                    "next": s["next"],
                    "to_next": s["to_next"],
                }
                for s in subjects
            ],
        }
