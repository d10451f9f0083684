from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .school_attendance import ATTENDANCE_CODES


class SchoolCorrectionRequest(models.Model):
    """A teacher's request to change the journal after the edit window or a period close.

    The deputy director approves or rejects it; approval applies the change through the
    change log with the request's reason and tells the guardians (JOUR-6, JOUR-8, DESIGN.md
    "Trust").
    """

    _name = "school.correction.request"
    _description = "Journal Correction Request"
    _inherit = ["mail.thread"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(readonly=True, default=lambda self: _("New"), copy=False)
    lesson_id = fields.Many2one("school.lesson", required=True, index=True)
    student_id = fields.Many2one("school.student", required=True, index=True)
    kind = fields.Selection([("mark", "Mark"), ("attendance", "Attendance")], required=True, default="mark")
    mark_id = fields.Many2one(
        "school.mark",
        string="Mark to Change",
        domain="[('lesson_id', '=', lesson_id), ('student_id', '=', student_id)]",
        help="Leave empty to add a new mark.",
    )
    operation = fields.Selection(
        [("set", "Enter or change"), ("delete", "Delete")], required=True, default="set"
    )
    new_value = fields.Integer(string="New Mark")
    work_type_id = fields.Many2one("school.work.type")
    attendance_code = fields.Selection(ATTENDANCE_CODES, string="Attendance")
    reason = fields.Text(required=True, tracking=True)
    state = fields.Selection(
        [("submitted", "Submitted"), ("approved", "Approved"), ("rejected", "Rejected")],
        default="submitted",
        required=True,
        tracking=True,
        index=True,
    )
    requested_by_id = fields.Many2one(
        "res.users", string="Requested by", default=lambda self: self.env.user, readonly=True
    )
    decided_by_id = fields.Many2one("res.users", string="Decided by", readonly=True)
    decided_at = fields.Datetime(string="Decided on", readonly=True)
    decision_note = fields.Char(string="Decision Reason", tracking=True)
    company_id = fields.Many2one(related="lesson_id.company_id", store=True, index=True)

    @api.constrains(
        "kind",
        "operation",
        "new_value",
        "work_type_id",
        "mark_id",
        "attendance_code",
        "lesson_id",
        "student_id",
    )
    def _check_request(self):
        for request in self:
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
                vals.update(state="submitted", decided_by_id=False, decided_at=False)
        requests = super().create(vals_list)
        # the number is given by the system: teachers file requests but may not write them
        for request in requests.sudo():
            request.name = _("Correction No. %s", request.id)
        return requests

    def _check_can_decide(self):
        if not self.env.user.has_group("school_ejournal.group_school_deputy"):
            raise UserError(_("Only the deputy director decides on correction requests."))
        if any(r.state != "submitted" for r in self):
            raise UserError(_("The request was already decided."))

    def action_approve(self):
        """Apply the change through the change log, with the request's reason (JOUR-7)."""
        self._check_can_decide()
        for request in self:
            ctx = {
                "journal_log_reason": _("%(name)s: %(reason)s", name=request.name, reason=request.reason),
                "journal_log_user_id": self.env.uid,
            }
            request.sudo().with_context(**ctx)._apply()
            request.write(
                {"state": "approved", "decided_by_id": self.env.uid, "decided_at": fields.Datetime.now()}
            )
            request._notify_guardians()

    def action_reject(self):
        """Reject with the reason written in the decision note (issue 13)."""
        self._check_can_decide()
        if any(not (r.decision_note or "").strip() for r in self):
            raise UserError(_("Write the reason for the rejection in the decision note first."))
        self.write({"state": "rejected", "decided_by_id": self.env.uid, "decided_at": fields.Datetime.now()})

    def _apply(self):
        self.ensure_one()
        if self.kind == "mark":
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

    def _notify_guardians(self):
        """Tell the guardians of the corrected entry (DESIGN.md "Trust")."""
        for request in self:
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
