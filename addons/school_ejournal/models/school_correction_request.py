from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from . import school_access, school_rpc_args
from .school_attendance import ATTENDANCE_CODES
from .school_log_snapshot import format_snapshot
from .school_workflow import workflow_state


class SchoolCorrectionRequest(models.Model):
    """A teacher's request to change the journal after the edit window or a period close.

    The deputy director approves or rejects it; approval applies the change through the
    change log with the request's reason and tells the guardians (JOUR-6, JOUR-8).
    """

    _name = "school.correction.request"
    _description = "Journal Correction Request"
    _inherit = ["school.numbered.document.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    lesson_id = fields.Many2one("school.lesson", required=True, index=True)
    student_id = fields.Many2one("school.student", index=True, check_company=True)
    kind = fields.Selection(
        [("mark", "Mark"), ("attendance", "Attendance"), ("lesson", "Lesson Record")],
        required=True,
        default="mark",
    )
    mark_id = fields.Many2one(
        "school.mark",
        string="Mark to Change",
        check_company=True,
        domain="[('lesson_id', '=', lesson_id), ('student_id', '=', student_id)]",
        help="Leave empty to add a new mark.",
    )
    operation = fields.Selection(
        [("set", "Enter or change"), ("delete", "Delete")], required=True, default="set"
    )
    new_value = fields.Integer(string="New Mark")
    work_type_id = fields.Many2one("school.work.type", check_company=True)
    attendance_code = fields.Selection(ATTENDANCE_CODES, string="Attendance")
    # a lesson's content (ROLE-1..3 change it only through a decided request, issue 11, item 5)
    new_topic = fields.Char()
    new_homework = fields.Text()
    new_date = fields.Date()
    reason = fields.Text(required=True, tracking=True)
    state = workflow_state(
        [("submitted", "Submitted"), ("approved", "Approved"), ("rejected", "Rejected")],
        "submitted",
        # left editable in the form, as it has always been
        readonly=False,
    )
    requested_by_id = fields.Many2one(
        "res.users", string="Requested by", default=lambda self: self.env.user, readonly=True
    )
    decided_by_id = fields.Many2one("res.users", string="Decided by", readonly=True)
    decided_at = fields.Datetime(string="Decided on", readonly=True)
    decision_note = fields.Char(string="Decision Reason", tracking=True)
    company_id = fields.Many2one(related="lesson_id.company_id", store=True, index=True)
    # the form offers the decision to the deputy director and the director (JOUR-6)
    school_can_decide = fields.Boolean(compute="_compute_school_can_decide", string="May Decide")

    @api.constrains(
        "kind",
        "operation",
        "new_value",
        "work_type_id",
        "mark_id",
        "attendance_code",
        "lesson_id",
        "student_id",
        "new_topic",
        "new_homework",
        "new_date",
    )
    def _check_request(self):
        for request in self:
            if request.kind != "lesson" and not request.student_id:
                raise ValidationError(_("Choose the student of the entry to correct."))
            if request.kind == "lesson" and not (
                request.new_topic or request.new_homework or request.new_date
            ):
                raise ValidationError(_("Give the new topic, homework or date of the lesson."))
            if (
                request.kind == "mark"
                and request.operation == "set"
                and not (request.new_value and (request.work_type_id or request.mark_id))
            ):
                raise ValidationError(_("Give the new mark and its work type."))
            if request.kind == "mark" and request.operation == "delete" and not request.mark_id:
                raise ValidationError(_("Choose the mark to delete."))
            if request.kind == "attendance" and request.operation == "set" and not request.attendance_code:
                raise ValidationError(_("Choose the attendance entry."))
            mark = request.mark_id
            if mark and (mark.lesson_id != request.lesson_id or mark.student_id != request.student_id):
                raise ValidationError(_("The mark to change belongs to another lesson or student."))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # a request starts submitted: only the deputy's decision approves or rejects it
            for vals in vals_list:
                vals.update(
                    state="submitted",
                    decided_by_id=False,
                    decided_at=False,
                    decision_note=False,
                    requested_by_id=self.env.uid,
                )
        requests = super().create(vals_list)
        if not self.env.su:
            requests._check_own_lessons()
        return requests

    @api.depends_context("uid")
    def _compute_school_can_decide(self):
        can_decide = school_access.in_groups(
            self.env, school_access.GROUP_DEPUTY, school_access.GROUP_DIRECTOR
        )
        for request in self:
            request.school_can_decide = can_decide

    def _document_name(self):
        return _("Correction No. %s", self.id)

    def write(self, vals):
        if not self.env.su:
            # the rights first: who may not write requests at all is refused as such
            self.check_access("write")
        if not self.env.su and set(vals) - {"decision_note"}:
            # the deputy decides on what the teacher asked, without rewriting the request
            # (issue 11, item 5): only the decision note is the deputy's to write
            raise UserError(_("A filed correction request is not rewritten: decide on it as it is."))
        return super().write(vals)

    def _check_own_lessons(self):
        """A teacher files requests only for the lessons he gave, his own or taken over as a
        substitute; the class teacher also for the attendance of the own class (P 4.3,
        issue 11, item 8)."""
        user = self.env.user
        for request in self.sudo():
            lesson = request.lesson_id
            if lesson.teacher_id == user:
                continue
            if request.kind == "attendance" and lesson.class_id.class_teacher_id == user:
                continue
            raise AccessError(
                _(
                    "You may file a correction request only for a lesson you gave: the lesson "
                    "%s was given by another teacher.",
                    lesson.display_name,
                )
            )

    def _check_can_decide(self):
        """The deputy director decides on the teachers' requests (P 3.9, P 4.5); the director,
        who controls the deputy's work and answers for the journal (P 1.6, P 4.2, S director
        10), decides on those of a deputy director, as in a school with one deputy. Nobody
        decides on own requests: a correction after the edit window or the close of a period
        is another person's decision (JOUR-6, JOUR-8, P 4.1)."""
        env = self.env
        is_deputy = school_access.in_groups(env, school_access.GROUP_DEPUTY)
        is_director = school_access.in_groups(env, school_access.GROUP_DIRECTOR)
        if not (is_deputy or is_director):
            raise AccessError(
                _(
                    "Only the deputy director decides on correction requests; the director "
                    "decides on those of a deputy director."
                )
            )
        if not env.su:
            # the requests of the user's own school only, whatever ids are sent
            self.check_access("read")
        if any(r.state != "submitted" for r in self):
            raise UserError(_("The request was already decided."))
        if env.su:
            return
        for request in self.sudo():
            requester = request.requested_by_id
            if requester == env.user:
                raise AccessError(request._school_own_request_message())
            if not is_deputy and not requester._has_group(school_access.GROUP_DEPUTY):
                raise AccessError(
                    _(
                        "The deputy director decides on the requests of teachers; the director "
                        "decides on those of a deputy director."
                    )
                )

    def _school_deciders(self):
        """The users who may decide on this request: the school's deputy directors and, for a
        deputy's request, its directors, the requester excepted."""
        self.ensure_one()
        requester = self.requested_by_id
        groups = [school_access.GROUP_DEPUTY]
        if requester._has_group(school_access.GROUP_DEPUTY):
            groups.append(school_access.GROUP_DIRECTOR)
        users = self.env["res.users"].sudo()
        for xmlid in groups:
            users |= self.env.ref(xmlid).sudo().users
        return users.filtered(lambda u: u.active and self.company_id in u.company_ids) - requester

    def _school_own_request_message(self):
        if self._school_deciders():
            return _(
                "You filed this correction request: another deputy director or, for a deputy "
                "director's request, the director decides on it."
            )
        return _(
            "You filed this correction request and nobody else in the school may decide on it: "
            "the requests of a deputy director are decided by another deputy director or by "
            "the director. Ask the e-journal administrator to give the director's role in the "
            "e-journal to the director's account."
        )

    def action_approve(self):
        """Apply the change through the change log, with the request's reason (JOUR-7)."""
        self._check_can_decide()
        for request in self:
            ctx = {
                "journal_log_reason": _("%(name)s: %(reason)s", name=request.name, reason=request.reason),
                "journal_log_user_id": self.env.uid,
            }
            request.sudo().with_context(**ctx)._apply()
            request.sudo().write(
                {"state": "approved", "decided_by_id": self.env.uid, "decided_at": fields.Datetime.now()}
            )
            request._notify_guardians()

    def action_reject(self, reason=None):
        """Refuse the requests; a refusal names its reason (``reason`` or the decision note)."""
        self._check_can_decide()
        # a reason sent over JSON-RPC is a text or nothing (issue 11 item 10)
        reason = school_rpc_args.text(self.env, reason)
        for request in self:
            note = (reason or request.decision_note or "").strip()
            if not note:
                raise UserError(_("Give the reason of the refusal in the decision note."))
            request.sudo().write(
                {
                    "state": "rejected",
                    "decided_by_id": self.env.uid,
                    "decided_at": fields.Datetime.now(),
                    "decision_note": note,
                }
            )

    def _apply(self):
        self.ensure_one()
        if self.kind == "lesson":
            self._apply_lesson()
        elif self.kind == "mark":
            if self.operation == "delete":
                self.mark_id.unlink()
            elif self.mark_id:
                vals = {"value": self.new_value}
                if self.work_type_id:
                    vals["work_type_id"] = self.work_type_id.id
                self.mark_id.write(vals)
            else:
                self.env["school.mark"].create(
                    {
                        "lesson_id": self.lesson_id.id,
                        "student_id": self.student_id.id,
                        "value": self.new_value,
                        "work_type_id": self.work_type_id.id,
                        "author_id": self.requested_by_id.id,
                    }
                )
        else:
            entry = self.env["school.attendance"].search(
                [("lesson_id", "=", self.lesson_id.id), ("student_id", "=", self.student_id.id)]
            )
            if self.operation == "delete":
                entry.unlink()
            elif entry:
                entry.write({"code": self.attendance_code})
            else:
                self.env["school.attendance"].create(
                    {
                        "lesson_id": self.lesson_id.id,
                        "student_id": self.student_id.id,
                        "code": self.attendance_code,
                    }
                )

    def _apply_lesson(self):
        """Change the lesson's topic, homework or date, each change in the change log with the
        request's reason (JOUR-7, issue 11, item 5). Runs as the system, after the deputy's
        decision."""
        lesson = self.lesson_id
        vals = {}
        if self.new_topic:
            vals["topic"] = self.new_topic
        if self.new_homework:
            vals["homework"] = self.new_homework
        old = {name: lesson[name] or "" for name in vals}
        # the date move logs itself (school.lesson.write)
        if self.new_date and self.new_date != lesson.date:
            vals["date"] = self.new_date
        lesson.write(vals)
        lesson._check_in_period()
        # a change of an entered topic or homework logs itself (school.lesson.write), its first
        # entry here
        changed = [(name, value) for name, value in old.items() if not value]
        if changed:
            self.env["school.journal.log"]._append(
                [
                    {
                        "model": "school.lesson",
                        "res_id": lesson.id,
                        "lesson_id": lesson.id,
                        "action": "write",
                        "old_value": format_snapshot(changed),
                        "new_value": format_snapshot((name, lesson[name] or "") for name, __ in changed),
                    }
                ]
            )

    def _notify_guardians(self):
        """Tell the guardians of the corrected entry."""
        for request in self.filtered("student_id"):
            partners = request.student_id.sudo()._get_guardian_partners()
            if partners:
                request.sudo().message_post(
                    body=_(
                        "The journal entry of %(student)s for the lesson %(lesson)s was corrected: "
                        "%(reason)s",
                        student=request.student_id.name,
                        lesson=request.lesson_id.display_name,
                        reason=request.reason,
                    ),
                    partner_ids=partners.ids,
                    subtype_xmlid="mail.mt_comment",
                )
