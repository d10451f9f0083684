from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from . import school_rpc_args
from .school_workflow import workflow_state

# a mark is disputed within this many days of its entry (ROLE-7)
DISPUTE_DAYS = 3
REASON_MAX = 2000


class SchoolMarkDispute(models.Model):
    """A student's or parent's report of a wrong mark (ROLE-7, ROLE-8).

    Filed from the e-diary within ``DISPUTE_DAYS`` days of the mark's entry, only by the student
    or a guardian in force. The subject teacher answers within the school's answer deadline
    (working days), or files a correction request for the deputy director; the deputy sees
    open and overdue disputes.
    """

    _name = "school.mark.dispute"
    _description = "Disputed Mark"
    _inherit = ["school.numbered.document.mixin", "mail.activity.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    mark_id = fields.Many2one("school.mark", required=True, readonly=True, index=True, ondelete="cascade")
    mark_value = fields.Integer(related="mark_id.value", string="Mark Value")
    student_id = fields.Many2one(related="mark_id.student_id", store=True, index=True)
    lesson_id = fields.Many2one(related="mark_id.lesson_id", store=True)
    class_id = fields.Many2one(related="mark_id.class_id", store=True, index=True)
    subject_id = fields.Many2one(related="mark_id.subject_id", store=True)
    mark_date = fields.Date(related="mark_id.date", string="Lesson Date")
    teacher_id = fields.Many2one("res.users", compute="_compute_teacher_id", store=True, index=True)
    company_id = fields.Many2one(related="mark_id.company_id", store=True, index=True)
    reason = fields.Text(required=True, readonly=True)
    filed_by_id = fields.Many2one("res.users", string="Filed by", readonly=True)
    filed_at = fields.Datetime(string="Filed on", readonly=True)
    answer_deadline = fields.Date(string="Answer Due", readonly=True, index=True)
    state = workflow_state(
        [
            ("open", "Awaiting Answer"),
            ("answered", "Answered"),
            ("correction", "Correction Requested"),
        ],
        "open",
    )
    answer = fields.Text(tracking=True)
    proposed_value = fields.Integer(string="Corrected Mark")
    answered_by_id = fields.Many2one("res.users", string="Answered by", readonly=True)
    answered_at = fields.Datetime(string="Answered on", readonly=True)
    correction_request_id = fields.Many2one("school.correction.request", readonly=True, check_company=True)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")

    @api.depends("mark_id.lesson_id.teacher_id")
    def _compute_teacher_id(self):
        for dispute in self:
            dispute.teacher_id = dispute.mark_id.sudo().lesson_id.teacher_id

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for dispute in self:
            dispute.is_overdue = dispute.state == "open" and dispute.answer_deadline < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on overdue disputes."))
        today = fields.Date.context_today(self)
        domain = [("state", "=", "open"), ("answer_deadline", "<", today)]
        return domain if (operator == "=") == value else ["!", *domain]

    # ------------------------------------------------------------------
    # Filing, from the e-diary
    # ------------------------------------------------------------------
    @api.model
    def _get_disputable_marks(self, student):
        """The student's marks still open to dispute today, read with the caller's rights."""
        today = fields.Date.context_today(self)
        since = fields.Datetime.to_datetime(today - timedelta(days=DISPUTE_DAYS))
        return self.env["school.mark"].search(
            [("student_id", "=", student.id), ("create_date", ">=", since)], order="date desc, id desc"
        )

    @api.model
    def file_dispute(self, mark_id, reason):
        """File a dispute of a mark as its student or a guardian of the student (ROLE-7, 8).

        The caller must read the mark with his own rights and be the student himself or a
        guardian in force; the mark must have been entered no more than three days ago.
        """
        mark = self.env["school.mark"].browse(school_rpc_args.record_id(self.env, mark_id)).exists()
        if not mark:
            raise UserError(_("The mark does not exist."))
        # the caller's own rights on the exact mark, before anything runs as the system
        mark.check_access("read")
        user = self.env.user
        student = mark.student_id
        if not (student.user_id == user or self.env["school.diary"]._is_guardian_of(student, user)):
            raise AccessError(_("Only the student or a guardian of the student may dispute a mark."))
        reason = school_rpc_args.text(self.env, reason).strip()
        if not reason:
            raise UserError(_("Describe what is wrong with the mark."))
        if len(reason) > REASON_MAX:
            raise UserError(_("The description is too long: at most %s characters.", REASON_MAX))
        today = fields.Date.context_today(self)
        entered = fields.Date.context_today(self, mark.create_date)
        if (today - entered).days > DISPUTE_DAYS:
            raise UserError(
                _(
                    "A mark is disputed within %(days)s days of its entry: the mark entered on "
                    "%(date)s can no longer be disputed. Contact the class teacher.",
                    days=DISPUTE_DAYS,
                    date=format_date(self.env, entered),
                )
            )
        if self.sudo().search_count([("mark_id", "=", mark.id), ("state", "=", "open")]):
            raise UserError(_("This mark is already disputed and awaits the teacher's answer."))
        company = mark.sudo().company_id
        deadline = self.env["school.calendar.day"]._add_working_days(
            company, today, max(company.school_dispute_answer_days, 1)
        )
        dispute = self.sudo().create(
            {
                "mark_id": mark.id,
                "reason": reason,
                "filed_by_id": user.id,
                "filed_at": fields.Datetime.now(),
                "answer_deadline": deadline,
            }
        )
        teacher = dispute.teacher_id
        if teacher:
            dispute.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=deadline,
                user_id=teacher.id,
                summary=_("Answer the disputed mark"),
                note=reason,
            )
        return dispute.with_env(self.env)

    def _document_name(self):
        return _("Dispute No. %s", self.id)

    # ------------------------------------------------------------------
    # The teacher's answer
    # ------------------------------------------------------------------
    def write(self, vals):
        if not self.env.su:
            self.check_access("write")
            if set(vals) - {"answer", "proposed_value"}:
                raise UserError(_("A dispute is answered with its buttons, not rewritten."))
            self._check_teacher()
            if any(d.state != "open" for d in self):
                raise UserError(_("The dispute was already answered."))
        return super().write(vals)

    def _check_teacher(self):
        """Only the teacher of the disputed mark's lesson answers (ROLE-5)."""
        for dispute in self:
            if dispute.sudo().teacher_id != self.env.user:
                raise AccessError(_("Only the teacher of the lesson answers a disputed mark."))

    def _check_open(self):
        if any(d.state != "open" for d in self):
            raise UserError(_("The dispute was already answered."))

    def action_answer(self):
        """The mark stands: the teacher's answer goes to the student and the guardians."""
        self.check_access("write")
        self._check_teacher()
        self._check_open()
        for dispute in self:
            if not (dispute.answer or "").strip():
                raise UserError(_("Write the answer to the student and the guardians."))
        self._close("answered")

    def action_request_correction(self):
        """The mark was wrong: the teacher files a correction request for the deputy director,
        with his own rights (JOUR-6)."""
        self.check_access("write")
        self._check_teacher()
        self._check_open()
        for dispute in self:
            mark = dispute.mark_id
            if not dispute.proposed_value:
                raise UserError(_("Give the corrected mark."))
            request = self.env["school.correction.request"].create(
                {
                    "lesson_id": mark.lesson_id.id,
                    "student_id": mark.student_id.id,
                    "kind": "mark",
                    "mark_id": mark.id,
                    "operation": "set",
                    "new_value": dispute.proposed_value,
                    "reason": _(
                        "%(name)s: %(reason)s",
                        name=dispute.name,
                        reason=(dispute.answer or dispute.reason).strip(),
                    ),
                }
            )
            dispute.sudo().correction_request_id = request
        self._close("correction")

    def _close(self, state):
        for dispute in self.sudo():
            dispute.write(
                {"state": state, "answered_by_id": self.env.uid, "answered_at": fields.Datetime.now()}
            )
            dispute.activity_ids.action_feedback(feedback=dispute.answer or "")
            # the student or guardian who filed it is told of the answer
            if dispute.filed_by_id:
                if state == "answered":
                    body = _("The teacher answered: %s", dispute.answer or "")
                else:
                    body = _("The teacher asked the deputy director to correct the mark.")
                dispute.message_notify(
                    partner_ids=dispute.filed_by_id.partner_id.ids,
                    subject=_("Answer to %s", dispute.name),
                    body=body,
                )

    @api.constrains("proposed_value")
    def _check_proposed_value(self):
        for dispute in self:
            if dispute.proposed_value and not 1 <= dispute.proposed_value <= 5:
                raise ValidationError(_("The corrected mark must be from 1 to 5."))
