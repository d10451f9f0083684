from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# fields of the link written to the guardian's contact
CONTACT_FIELDS = {"guardian_phone": "phone", "guardian_email": "email"}

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
    _inherit = ["mail.thread", "school.student.record.mixin", "school.dated.validity.mixin"]
    _order = "student_id, sequence, id"
    _check_company_auto = True
    _rec_name = "guardian_id"

    sequence = fields.Integer(default=10)
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
    guardian_phone = fields.Char(related="guardian_id.phone", readonly=False, string="Phone")
    guardian_email = fields.Char(related="guardian_id.email", readonly=False, string="E-mail")
    active = fields.Boolean(default=True)
    in_force = fields.Boolean(
        compute="_compute_in_force",
        search="_search_in_force",
        help="The link holds today: it has begun and has not ended.",
    )

    _sql_constraints = [
        (
            "student_guardian_uniq",
            "unique(student_id, guardian_id)",
            "This guardian is already linked to the student.",
        ),
    ]

    def _date_order_error(self):
        return _("The guardian link must end after it starts.")

    @api.constrains("guardian_id", "student_id")
    def _check_not_self(self):
        for link in self:
            if link.guardian_id == link.student_id.partner_id:
                raise ValidationError(_("A student cannot be his or her own guardian."))

    @api.model_create_multi
    def create(self, vals_list):
        # the guardian's phone and e-mail go to the contact through the same checks as a write
        contact_vals_list = [
            {CONTACT_FIELDS[f]: vals.pop(f) for f in list(vals) if f in CONTACT_FIELDS} for vals in vals_list
        ]
        links = super().create(vals_list)
        for link, contact_vals in zip(links, contact_vals_list, strict=True):
            if contact_vals:
                fnames = [f for f, c in CONTACT_FIELDS.items() if c in contact_vals]
                link.check_field_access_rights("write", fnames)
                link.guardian_id._school_contact_write(contact_vals)
        return links

    def write(self, vals):
        # The class teacher keeps parents' phone and e-mail current (ROLE-4, P 4.3) without the
        # right to edit every contact: res.partner._school_contact_write writes only contacts
        # of guardians of the user's own students; staff contacts keep their protection.
        contact_vals = {CONTACT_FIELDS[f]: vals[f] for f in CONTACT_FIELDS if f in vals}
        moved = {"guardian_id", "student_id"} & set(vals)
        before = [(link.guardian_id, link.student_id) for link in self.sudo()] if moved else []
        res = super().write({f: v for f, v in vals.items() if f not in CONTACT_FIELDS})
        if contact_vals:
            self.check_access("write")
            self.check_field_access_rights("write", [f for f in CONTACT_FIELDS if f in vals])
            self.guardian_id._school_contact_write(contact_vals)
        if moved or {"date_end", "active", "date_start"} & set(vals):
            self._school_end_following(before)
        return res

    # The guardian's phone and e-mail shown on the link (the guardians of a student's card)
    # are the guardian's contact: staff reading them are logged as reading the contact (SEC-5,
    # P 3.5), which the related fields read past the contact's own reads.
    def _school_rows_read(self, rows):
        read = {CONTACT_FIELDS[name] for name in CONTACT_FIELDS if rows and name in rows[0]}
        if read:
            self.browse([row["id"] for row in rows]).guardian_id._school_log_personal_read(read)

    # the web client's reads run read-write from the start: their log entry is a write
    @api.model
    def web_search_read(self, domain, specification, offset=0, limit=None, order=None, count_limit=None):  # pylint: disable=useless-parent-delegation
        return super().web_search_read(
            domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
        )

    def web_read(self, specification):  # pylint: disable=useless-parent-delegation
        return super().web_read(specification)

    web_search_read._readonly = web_read._readonly = False

    def unlink(self):
        ended = [(link.guardian_id, link.student_id) for link in self.sudo()]
        res = super().unlink()
        self._school_end_following(ended)
        return res

    # ------------------------------------------------------------------
    # Followers of an ended link (issue 11 item 13)
    # ------------------------------------------------------------------
    def _school_end_following(self, pairs=()):
        """Remove the guardians of ended links from what the link made them follow.

        A link ends when its end date has passed, when it is archived or deleted (``pairs``
        of guardian and student name links gone or changed). Its guardian stops following
        the student (a message to the class teacher subscribes him) and the link, and leaves
        the class chat, unless another link in force still justifies it; the class teacher
        of the student's class keeps following as such.
        """
        today = fields.Date.context_today(self)
        ended = (
            self.sudo()
            .with_context(active_test=False)
            .exists()
            .filtered(lambda link: not link._is_in_force(today))
        )
        for link in ended:
            link.message_unsubscribe(partner_ids=link.guardian_id.ids)
        pairs = list(pairs) + [(link.guardian_id, link.student_id) for link in ended]
        Link = self.env["school.guardian.link"].sudo()
        for guardian, student in pairs:
            student = student.sudo().exists()
            if not guardian or not student:
                continue
            in_force = Link.search([("guardian_id", "=", guardian.id), ("student_id", "=", student.id)])
            if any(link._is_in_force(today) for link in in_force):
                continue
            school_class = student.class_id
            if guardian != school_class.class_teacher_id.partner_id:
                student.message_unsubscribe(partner_ids=guardian.ids)
            channel = school_class.discuss_channel_id
            if channel and guardian not in school_class._get_channel_partners():
                staff = guardian.with_context(active_test=False).user_ids.filtered(lambda u: u._is_internal())
                if not staff:
                    channel.channel_member_ids.filtered(lambda m, g=guardian: m.partner_id == g).unlink()

    @api.model
    def _cron_end_following(self):
        """Daily: links whose end date passed in the last month stop their following; the
        students whose class membership ended leave the class chats (COMM-3, ROLE-7)."""
        today = fields.Date.context_today(self)
        self.sudo().with_context(active_test=False).search(
            [("date_end", "<", today), ("date_end", ">=", today - relativedelta(months=1))]
        )._school_end_following()
        self.env["school.enrollment"].sudo().search(
            [("date_end", "<", today), ("date_end", ">=", today - relativedelta(months=1))]
        ).class_id._school_leave_chat()

    def _compute_display_name(self):
        relations = dict(self._fields["relation"]._description_selection(self.env))
        for link in self:
            link.display_name = f"{link.guardian_id.name} ({relations.get(link.relation, '')})"

    def _is_in_force(self, date):
        self.ensure_one()
        return self.active and bool(self._valid_on(date))

    @api.depends("date_start", "date_end")
    def _compute_in_force(self):
        today = fields.Date.today()
        valid = self._valid_on(today)
        for link in self:
            link.in_force = link in valid

    def _search_in_force(self, operator, value):
        """The one home of "a guardian link in force today" of the record rules (issue 16 item
        6): not archived, begun and not ended on the server's date. The rules are evaluated
        without the active test: an archived link must be excluded here, as ``_is_in_force``
        does, or it would still show the child (ROLE-8)."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValueError(f"Unsupported search on in_force: {operator} {value!r}")
        today = fields.Date.today()
        domain = ["&", ("active", "=", True), *self._valid_on_domain(today)]
        return domain if (operator == "=") == value else ["!", *domain]
