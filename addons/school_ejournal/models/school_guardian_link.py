from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

RELATIONS = [
    ("mother", "Mother"),
    ("father", "Father"),
    ("grandmother", "Grandmother"),
    ("grandfather", "Grandfather"),
    ("guardian", "Custodian"),
    ("trustee", "Trustee"),
    ("other", "Other"),
]


class SchoolGuardianLink(models.Model):
    """Link between a student and a guardian (SETUP-5, ROLE-8, PORT-4).

    One guardian may have several children, one child several guardians. The link decides
    what the guardian sees in the e-diary; a link whose end date has passed gives no access.
    """

    _name = "school.guardian.link"
    _description = "Guardian Link"
    _inherit = ["mail.thread"]
    _order = "student_id, sequence, id"
    _check_company_auto = True
    _rec_name = "guardian_id"

    sequence = fields.Integer(default=10)
    student_id = fields.Many2one(
        "school.student",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    guardian_id = fields.Many2one(
        "res.partner",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
    )
    relation = fields.Selection(RELATIONS, required=True, default="mother", tracking=True)
    is_legal_representative = fields.Boolean(string="Legal Representative", default=True, tracking=True)
    consent_date = fields.Date(string="Consent to Personal Data", tracking=True)
    consent_document = fields.Char(tracking=True)
    electronic_access_refused = fields.Boolean(
        string="Refused Electronic Access",
        tracking=True,
        help="The guardian gets a printed digest at least weekly instead.",
    )
    notify_marks = fields.Boolean(string="New Marks by E-mail", default=True)
    notify_weekly = fields.Boolean(string="Weekly Digest by E-mail", default=True)
    notify_alerts = fields.Boolean(string="Alerts (failing, absences)", default=True)
    notify_sms = fields.Boolean(string="SMS", default=False)
    date_start = fields.Date(string="From", default=fields.Date.context_today, required=True)
    date_end = fields.Date(string="Until", tracking=True)
    company_id = fields.Many2one(related="student_id.company_id", store=True, index=True)
    guardian_phone = fields.Char(related="guardian_id.phone", readonly=False, string="Phone")
    guardian_email = fields.Char(related="guardian_id.email", readonly=False, string="E-mail")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "student_guardian_uniq",
            "unique(student_id, guardian_id)",
            "This guardian is already linked to the student.",
        ),
    ]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for link in self:
            if link.date_end and link.date_end < link.date_start:
                raise ValidationError(_("The guardian link must end after it starts."))

    @api.constrains("guardian_id", "student_id")
    def _check_not_self(self):
        for link in self:
            if link.guardian_id == link.student_id.partner_id:
                raise ValidationError(_("A student cannot be his or her own guardian."))

    def write(self, vals):
        # The class teacher keeps parents' phone and e-mail current (ROLE-4, P 4.3) without the
        # right to edit every contact; the contacts of staff accounts keep their protection.
        contact_fields = {"guardian_phone": "phone", "guardian_email": "email"}
        contact_vals = {contact_fields[f]: vals[f] for f in contact_fields if f in vals}
        res = super().write({f: v for f, v in vals.items() if f not in contact_fields})
        if contact_vals:
            self.check_field_access_rights("write", [f for f in contact_fields if f in vals])
            for guardian in self.guardian_id:
                users = guardian.sudo().with_context(active_test=False).user_ids
                (guardian if users.filtered(lambda u: not u.share) else guardian.sudo()).write(contact_vals)
        return res

    def _compute_display_name(self):
        relations = dict(self._fields["relation"]._description_selection(self.env))
        for link in self:
            link.display_name = f"{link.guardian_id.name} ({relations.get(link.relation, '')})"

    def _is_in_force(self, date):
        self.ensure_one()
        return self.active and self.date_start <= date and (not self.date_end or self.date_end >= date)
