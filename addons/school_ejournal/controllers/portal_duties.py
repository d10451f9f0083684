"""E-diary pages of the school's remaining duties (issue 14): disputing a mark (ROLE-7, 8),
individual homework (S 1.10), follow-ups (P 4.4), writing to a subject teacher (COMM-1).

As in ``portal.py``, the student of the URL is resolved among the students the user may see
(404 otherwise), and the mark among that student's marks, with the user's own rights.
"""

from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request
from odoo.tools import plaintext2html

from ..models.school_rpc_args import MAX_ID
from .portal import MESSAGE_MAX_LENGTH, SchoolDiaryPortal


class SchoolDiaryDutiesPortal(SchoolDiaryPortal):
    @http.route("/my/diary/<int:student_id>/disputes", type="http", auth="user", website=True)
    def portal_my_diary_disputes(self, student_id, error=None, filed=None, **kw):
        student = self._diary_check_access(student_id)
        Dispute = request.env["school.mark.dispute"]
        values = self._prepare_diary_layout_values(student, "marks")
        marks = Dispute._get_disputable_marks(student)
        disputes = Dispute.search([("student_id", "=", student.id)], limit=50)
        values.update(
            {
                # sudo: names of the subjects and work types of marks the user reads (searched above)
                "disputable_marks": marks.sudo(),
                "disputed_mark_ids": set(disputes.filtered(lambda d: d.state == "open").mark_id.ids),
                "disputes": disputes.sudo(),
                # the refusal kept in the session by the POST below: a link cannot put its
                # own wording on the school's page
                "dispute_error": error and request.session.pop("school_dispute_error", None),
                "dispute_filed": filed,
            }
        )
        return request.render("school_ejournal.portal_my_diary_disputes", values)

    @http.route(
        "/my/diary/<int:student_id>/dispute/<int:mark_id>",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_diary_dispute(self, student_id, mark_id, reason=None, **kw):
        """File a dispute of one of the student's marks; another child's mark gives a 404."""
        student = self._diary_check_access(student_id)
        # an id beyond PostgreSQL's integer names no mark (and would fail the query)
        mark = request.env["school.mark"]
        if mark_id <= MAX_ID:
            mark = mark.search([("id", "=", mark_id), ("student_id", "=", student.id)], limit=1)
        if not mark:
            raise NotFound()
        url = f"/my/diary/{student.id}/disputes"
        try:
            request.env["school.mark.dispute"].file_dispute(mark.id, reason)
        except (UserError, AccessError) as error:
            request.session["school_dispute_error"] = str(error)
            return request.redirect(f"{url}?error=1")
        return request.redirect(f"{url}?filed=1")

    # ------------------------------------------------------------------
    # Individual homework in the week (S 1.10)
    # ------------------------------------------------------------------
    def _prepare_diary_week_values(self, student, date=None):
        values = super()._prepare_diary_week_values(student, date)
        # sudo: the homework given to this student, checked by the caller (the students of a
        # homework are the staff's field)
        homework = (
            request.env["school.homework.individual"]
            .sudo()
            .search(
                [
                    ("student_ids", "in", student.ids),
                    ("date", ">=", values["week_start"]),
                    ("date", "<=", values["week_end"]),
                ],
                order="id",  # grouped by lesson below: no join of the lessons to order them (issue 15)
            )
        )
        by_lesson = {}
        for item in homework:
            by_lesson.setdefault(item.lesson_id.id, []).append(item)
        values["individual_homework"] = by_lesson
        return values

    # ------------------------------------------------------------------
    # Follow-ups of unsatisfactory period marks (P 4.4)
    # ------------------------------------------------------------------
    def _prepare_diary_marks_values(self, student, period_id=None):
        values = super()._prepare_diary_marks_values(student, period_id)
        # read with the user's rights: the follow-ups of this student only
        followups = request.env["school.followup"].search(
            [("student_id", "=", student.id), ("state", "!=", "cancelled")], limit=20
        )
        # sudo: names of the subject and period of follow-ups the user reads (searched above)
        values["followups"] = followups.sudo()
        return values

    # ------------------------------------------------------------------
    # Writing to a subject teacher of the own child (COMM-1)
    # ------------------------------------------------------------------
    @http.route(
        "/my/diary/<int:student_id>/teachers", type="http", auth="user", website=True, methods=["GET", "POST"]
    )
    def portal_my_diary_teachers(self, student_id, teacher_id=None, body=None, **kw):
        """A guardian (or the student) writes to a teacher of the child's class: the message
        opens a private chat with the teacher in Discuss, where the teacher answers."""
        student = self._diary_check_access(student_id)
        teachers = student._get_subject_teachers()
        if request.httprequest.method == "POST":
            teacher = teachers.filtered(lambda t: str(t.id) == str(teacher_id))
            if not teacher:
                raise NotFound()
            body = (body or "").strip()
            if not body:
                return request.redirect(f"/my/diary/{student.id}/teachers?error=empty")
            if len(body) > MESSAGE_MAX_LENGTH:
                return request.redirect(f"/my/diary/{student.id}/teachers?error=long")
            channel = self._post_to_teacher(student, teacher, body)
            return request.redirect(f"/discuss/channel/{channel.id}")
        values = self._prepare_diary_layout_values(student, "message")
        # sudo: names of the teachers of the child's class (the child was checked above)
        values.update({"subject_teachers": teachers.sudo(), "teacher_error": kw.get("error")})
        return request.render("school_ejournal.portal_my_diary_teachers", values)

    def _post_to_teacher(self, student, teacher, body):
        partner = request.env.user.partner_id
        # sudo: a private chat of the user and the teacher (the teacher is one of the child's,
        # checked by the caller); the user stays the author
        channel = request.env["discuss.channel"].sudo().channel_get([teacher.partner_id.id], pin=True)
        channel.message_post(
            body=plaintext2html(_("About %(student)s: %(body)s", student=student.name, body=body)),
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return channel
