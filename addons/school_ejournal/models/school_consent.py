from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class SchoolConsent(models.Model):
    """Consent to the processing of personal data as a document of its own (152-FZ; issue 14,
    duty 11): of a guardian (for the child named) or of a staff member, with its date, scope
    and the reference of the signed document.

    Withdrawal is recorded with its own document and stops, for a guardian, the e-mail and
    SMS notifications and, when the consent covered the electronic diary, the electronic
    access of that guardian; for a staff member, the e-mail notifications of the account.
    What withdrawal stopped is written on the consent.
    """

    _name = "school.consent"
    _description = "Consent to Personal Data Processing"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one("res.partner", string="Person", required=True, index=True, tracking=True)
    holder_type = fields.Selection(
        [("guardian", "Guardian"), ("staff", "Staff Member")],
        string="Given by",
        required=True,
        default="guardian",
    )
    student_id = fields.Many2one("school.student", string="For the Student", index=True, check_company=True)
    user_id = fields.Many2one("res.users", string="Account", domain=[("share", "=", False)])
    date = fields.Date(string="Signed on", required=True, default=fields.Date.context_today, tracking=True)
    document_ref = fields.Char(
        string="Document", required=True, tracking=True, help="Number or reference of the signed consent."
    )
    scope_journal = fields.Boolean(string="Processing in the E-Journal", default=True)
    scope_electronic = fields.Boolean(string="Electronic Diary Access", default=True)
    scope_notifications = fields.Boolean(string="E-mail and SMS Notifications", default=True)
    scope_note = fields.Char(string="Other Scope")
    state = fields.Selection(
        [("active", "In Force"), ("withdrawn", "Withdrawn")],
        default="active",
        required=True,
        readonly=True,
        tracking=True,
    )
    withdrawn_date = fields.Date(string="Withdrawn on", tracking=True)
    withdrawal_document = fields.Char(tracking=True)
    withdrawal_effect = fields.Text(string="Withdrawal Stopped", readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    def _compute_display_name(self):
        for consent in self:
            consent.display_name = _(
                "Consent of %(person)s, %(document)s",
                person=consent.partner_id.name or "",
                document=consent.document_ref or "",
            )

    @api.constrains(
        "holder_type",
        "student_id",
        "user_id",
        "date",
        "document_ref",
        "scope_journal",
        "scope_electronic",
        "scope_notifications",
        "scope_note",
    )
    def _check_consent(self):
        today = fields.Date.context_today(self)
        for consent in self:
            if not (consent.document_ref or "").strip():
                raise ValidationError(_("Give the reference of the signed consent."))
            if consent.date > today:
                raise ValidationError(_("A consent is recorded once signed, not in advance."))
            if consent.holder_type == "guardian" and not consent.student_id:
                raise ValidationError(_("A guardian's consent names the student it is given for."))
            if (
                consent.holder_type == "guardian"
                and consent.partner_id not in consent.student_id.sudo().guardian_link_ids.guardian_id
            ):
                raise ValidationError(
                    _(
                        "%(person)s is not a guardian of %(student)s.",
                        person=consent.partner_id.name,
                        student=consent.student_id.name,
                    )
                )
            if not (
                consent.scope_journal
                or consent.scope_electronic
                or consent.scope_notifications
                or consent.scope_note
            ):
                raise ValidationError(_("Give the scope of the consent."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not self.env.su:
                vals.update(state="active", withdrawal_effect=False)
        consents = super().create(vals_list)
        for consent in consents.filtered(lambda c: c.holder_type == "guardian"):
            links = consent._get_links().filtered(lambda link: not link.consent_date)
            links.write({"consent_date": consent.date, "consent_document": consent.document_ref})
        return consents

    def write(self, vals):
        if not self.env.su and {"state", "withdrawal_effect"} & set(vals):
            raise UserError(_("A consent is withdrawn with its button."))
        if not self.env.su and self.filtered(lambda c: c.state == "withdrawn"):
            raise UserError(_("A withdrawn consent is kept as it is."))
        return super().write(vals)

    def _get_links(self):
        self.ensure_one()
        return self.env["school.guardian.link"].search(
            [("student_id", "=", self.student_id.id), ("guardian_id", "=", self.partner_id.id)]
        )

    def action_withdraw(self):
        """Record the withdrawal (its date and document given on the form) and stop what the
        consent allowed."""
        self.check_access("write")
        for consent in self:
            if consent.state != "active":
                raise UserError(_("The consent was already withdrawn."))
            if not consent.withdrawn_date or not (consent.withdrawal_document or "").strip():
                raise UserError(_("Give the date and the document of the withdrawal."))
            effects = []
            if consent.holder_type == "guardian":
                links = consent._get_links()
                links.write(
                    {
                        "notify_marks": False,
                        "notify_weekly": False,
                        "notify_alerts": False,
                        "notify_sms": False,
                    }
                )
                effects.append(
                    _("E-mail and SMS notifications to the guardian about %s.", consent.student_id.name)
                )
                if consent.scope_electronic:
                    links.write({"electronic_access_refused": True})
                    effects.append(
                        _("The guardian's electronic access to the diary of %s.", consent.student_id.name)
                    )
            elif consent.user_id:
                consent.user_id.sudo().notification_type = "inbox"
                effects.append(_("E-mail notifications of the account %s.", consent.user_id.login))
            consent.sudo().write({"state": "withdrawn", "withdrawal_effect": "\n".join(effects)})
