from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from . import school_access
from .school_workflow import workflow_state

# what a follow-up may be changed in by the teachers and the deputy
FOLLOWUP_FIELDS = {"plan", "retake_date", "result", "result_value"}


class SchoolFollowup(models.Model):
    """Follow-up of an unsatisfactory period mark (P 4.4; issue 14, duty 5).

    A "2" or "not attested" set for a period opens a follow-up: the plan of the work to make
    it up, the retake date and its result. Visible to the class teacher, the deputy, the
    subject teacher and the student's guardians; planned and closed by the subject teacher
    or the deputy.
    """

    _name = "school.followup"
    _description = "Follow-up of an Unsatisfactory Mark"
    _inherit = ["mail.thread"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    period_mark_id = fields.Many2one(
        "school.period.mark", required=True, readonly=True, index=True, ondelete="cascade"
    )
    student_id = fields.Many2one(related="period_mark_id.student_id", store=True, index=True)
    subject_id = fields.Many2one(related="period_mark_id.subject_id", store=True)
    class_id = fields.Many2one(related="period_mark_id.class_id", store=True, index=True)
    period_id = fields.Many2one(related="period_mark_id.period_id", store=True)
    teacher_id = fields.Many2one("res.users", string="Subject Teacher", readonly=True, index=True)
    reason = fields.Selection(
        [("mark_2", "Unsatisfactory mark"), ("not_attested", "Not attested")], required=True, readonly=True
    )
    plan = fields.Text(string="Plan of Work", tracking=True)
    retake_date = fields.Date(tracking=True)
    result = fields.Selection(
        [("pending", "Pending"), ("passed", "Made up"), ("failed", "Not made up")],
        default="pending",
        required=True,
        tracking=True,
    )
    result_value = fields.Integer(string="Mark after the Retake", tracking=True)
    state = workflow_state(
        [("open", "Open"), ("done", "Closed"), ("cancelled", "Cancelled")],
        "open",
    )
    company_id = fields.Many2one(related="period_mark_id.company_id", store=True, index=True)

    def _compute_display_name(self):
        for followup in self:
            followup.display_name = _(
                "%(student)s, %(subject)s, %(period)s",
                student=followup.student_id.name or "",
                subject=followup.subject_id.name or "",
                period=followup.period_id.name or "",
            )

    @api.constrains("retake_date", "result", "result_value")
    def _check_result(self):
        for followup in self:
            if followup.retake_date and followup.retake_date <= followup.period_id.date_end:
                raise ValidationError(_("The retake is after the end of the period."))
            if followup.result == "passed" and not 3 <= followup.result_value <= 5:
                raise ValidationError(_("Give the mark of the retake, 3 to 5."))
            if followup.result != "pending" and not followup.retake_date:
                raise ValidationError(_("Give the retake date before its result."))

    def write(self, vals):
        if not self.env.su:
            self.check_access("write")
            if set(vals) - FOLLOWUP_FIELDS:
                raise UserError(_("A follow-up is opened and closed by the journal itself."))
            # the class teacher reads the follow-ups of the own class; the retake's plan and
            # result (a mark) are the subject teacher's or the deputy's (ROLE-4, P 4.4)
            if not school_access.in_groups(self.env, school_access.GROUP_DEPUTY) and any(
                f.teacher_id != self.env.user
                and school_access.taught_students(self.env, f.class_id, f.subject_id) is None
                for f in self.sudo()
            ):
                raise AccessError(
                    _("Only the subject teacher or the deputy director plans and closes a follow-up.")
                )
            if any(f.state != "open" for f in self):
                raise UserError(_("The follow-up is closed."))
        res = super().write(vals)
        if vals.get("result") in ("passed", "failed"):
            self.sudo().write({"state": "done"})
        return res

    @api.model
    def _sync_period_marks(self, period_marks):
        """Open follow-ups of the unsatisfactory period marks, cancel those of marks that are
        no longer unsatisfactory (runs as the system, after the marks were set)."""
        period_marks = period_marks.sudo()
        existing = self.sudo().search([("period_mark_id", "in", period_marks.ids), ("state", "=", "open")])
        by_mark = {f.period_mark_id.id: f for f in existing}
        vals_list = []
        for pmark in period_marks:
            reason = (
                "not_attested"
                if not pmark.is_attested
                else ("mark_2" if pmark.value and pmark.value <= 2 else False)
            )
            followup = by_mark.get(pmark.id)
            if reason and not followup:
                vals_list.append(
                    {"period_mark_id": pmark.id, "reason": reason, "teacher_id": pmark.set_by_id.id}
                )
            elif not reason and followup and followup.result == "pending":
                followup.write({"state": "cancelled"})
        followups = self.sudo().create(vals_list)
        today = fields.Date.context_today(self)
        for followup in followups:
            guardians = followup.student_id.guardian_link_ids.filtered(
                lambda link: link._is_in_force(today)
            ).guardian_id
            followup.message_subscribe(
                partner_ids=(guardians | followup.class_id.class_teacher_id.partner_id).ids
            )
            followup.message_post(
                body=_("The period mark needs a follow-up: the teacher plans the work and the retake."),
                message_type="notification",
                subtype_xmlid="mail.mt_comment",
            )
        return followups
