from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_date

from . import school_access
from .school_personal_read_mixin import KEPT_CONTACT_FIELDS, column, own_class_ids
from .school_snils import snils_error

# the earliest date of birth a student may have (issue 11 item 10); the contingent import too
EARLIEST_BIRTHDATE = date(1900, 1, 1)

# set only by the account tools, as superuser (issue 11 item 6)
ACCOUNT_FIELDS = {"partner_id", "user_id"}
# the class of today, computed from the class history (enrollments): changed by movement
# orders only (SETUP-8), never written directly (a student "moved" without an enrollment would
# be another class teacher's to read and keep, and not on its class's lesson lists)
MOVEMENT_FIELDS = {"class_id", "grade"}
# contact fields of the inherited partner that the class teacher keeps current (P 4.3)
CONTACT_FIELDS = {
    "phone",
    "mobile",
    "email",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "image_1920",
}


class SchoolStudent(models.Model):
    """A student: a person (res.partner, inherited) with class membership over time (SETUP-5).

    Personal data may be entered only once the consent of the legal representative is
    recorded (P 1.11, SEC-5).
    """

    _name = "school.student"
    _description = "Student"
    _inherits = {"res.partner": "partner_id"}
    _inherit = ["school.personal.read.mixin", "mail.thread", "school.text.limit.mixin"]
    _order = "class_id, last_name, first_name, middle_name, id"
    _check_company_auto = True
    # SEC-5, P 3.5, P 4.3: kept by the class teacher; the PE medical group also read by the
    # PE teachers of the class, who mark a student of the special group on theory (P 6.3)
    _school_kept_fields = KEPT_CONTACT_FIELDS | {"birthdate", "snils", "pe_group"}

    partner_id = fields.Many2one(
        "res.partner", string="Related Contact", required=True, ondelete="restrict", index=True
    )
    last_name = fields.Char(required=True, tracking=True)
    first_name = fields.Char(required=True, tracking=True)
    middle_name = fields.Char(string="Patronymic", tracking=True)
    birthdate = fields.Date(string="Date of Birth", groups="school_ejournal.group_school_personal_data")
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    personal_file = fields.Char(string="Personal File No.", tracking=True)
    snils = fields.Char(string="SNILS", groups="school_ejournal.group_school_personal_data")
    pe_group = fields.Selection(
        [
            ("main", "Main"),
            ("preparatory", "Preparatory"),
            ("special", "Special (marked on theory)"),
        ],
        string="PE Medical Group",
        default="main",
        help="A student of the special group is marked on theory: there is no 'exempt' entry.",
    )
    class_id = fields.Many2one(
        "school.class",
        compute="_compute_class_id",
        store=True,
        index=True,
        check_company=True,
    )
    grade = fields.Integer(related="class_id.grade", store=True, string="Parallel")
    enrollment_ids = fields.One2many("school.enrollment", "student_id", string="Class History")
    movement_ids = fields.One2many("school.movement", "student_id", string="Movements")
    guardian_link_ids = fields.One2many("school.guardian.link", "student_id", string="Guardians")
    subgroup_member_ids = fields.One2many("school.subgroup.member", "student_id", string="Subgroup History")
    # today's subgroups; lessons of the past ask for the membership on their date (JOUR-12)
    subgroup_ids = fields.Many2many(
        "school.subgroup", string="Subgroups", compute="_compute_subgroup_ids", search="_search_subgroup_ids"
    )
    user_id = fields.Many2one("res.users", string="Portal User", index=True, copy=False)
    consent_date = fields.Date(
        string="Consent to Personal Data",
        tracking=True,
        help="Date of the legal representative's consent to personal-data processing.",
    )
    consent_document = fields.Char(tracking=True)
    state = fields.Selection(
        [("studying", "Studying"), ("left", "Left"), ("graduated", "Graduated")],
        string="Status",
        default="studying",
        required=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        """A letter reaches its addressees, not every follower of the card (SEC-5, P 3.5).

        A family's letter from the e-diary reaches the class teacher only (see
        ``_post_message_to_class_teacher``). A staff member's message that names some of the
        family among its recipients (the mother, in the composer) reaches those and the
        staff following the card, not the other guardian or the child following it; a
        message naming none of the family reaches every follower, as Odoo does.
        """
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        addressees = set(message.sudo().partner_ids.ids)
        if self.env.context.get("school_notify_addressees_only"):
            return [data for data in recipients if data["id"] in addressees]
        message_sudo = message.sudo()
        if (
            self.env.su
            or not self.env.user._is_internal()
            or message_sudo.message_type != "comment"
            or message_sudo.is_internal
            or message_sudo.subtype_id.internal
        ):
            return recipients
        family = {data["id"] for data in recipients if data.get("share")}
        if not family & addressees:
            return recipients
        return [data for data in recipients if not data.get("share") or data["id"] in addressees]

    def _school_keeper_condition(self, alias, fname):
        """The class teacher of the student's class; for the PE medical group also the
        teachers of a PE subject in that class, by load or by a lesson given (P 6.3)."""
        env = self.env
        class_id = column(env, "school.student", alias, "class_id")
        condition = SQL("%s IN (%s)", class_id, own_class_ids(env))
        if fname == "pe_group":
            # the classes of a PE subject in the user's teaching load, or of a PE lesson given
            pe_classes = [
                SQL(
                    """SELECT r.class_id FROM %(table)s AS r
                         JOIN school_subject AS s ON s.id = %(subject)s
                        WHERE %(teacher)s = %(uid)s AND %(pe)s""",
                    table=SQL.identifier(env[model]._table),
                    subject=column(env, model, "r", "subject_id"),
                    teacher=column(env, model, "r", "teacher_id"),
                    uid=env.uid,
                    pe=column(env, "school.subject", "s", "physical_education"),
                )
                for model in ("school.teaching.assignment", "school.lesson")
            ]
            condition = SQL(
                "(%s OR %s IN (%s) OR %s IN (%s))",
                condition,
                class_id,
                pe_classes[0],
                class_id,
                pe_classes[1],
            )
        return condition

    @api.depends("enrollment_ids.class_id", "enrollment_ids.date_end", "enrollment_ids.date_start")
    def _compute_class_id(self):
        for student in self:
            open_enrollments = student.enrollment_ids.filtered(lambda e: not e.date_end)
            current = (
                open_enrollments.sorted("date_start")[-1:] or student.enrollment_ids.sorted("date_start")[-1:]
            )
            student.class_id = current.class_id if current and not current.date_end else False

    @api.model
    def _full_name(self, last_name, first_name, middle_name):
        return " ".join(p.strip() for p in (last_name, first_name, middle_name) if p and p.strip())

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get(f) for vals in vals_list for f in ACCOUNT_FIELDS):
            self._raise_account_fields()
        if not self.env.su and any(vals.get(f) for vals in vals_list for f in MOVEMENT_FIELDS):
            self._raise_movement_fields()
        for vals in vals_list:
            vals["name"] = self._full_name(
                vals.get("last_name"), vals.get("first_name"), vals.get("middle_name")
            )
            vals.setdefault("is_company", False)
        return super().create(vals_list)

    @api.model
    def _school_may_archive(self):
        """Only the e-journal administrator archives or restores a student (ROLE-1): the class
        teacher keeps the data current (ROLE-4) but a student leaves by a movement order (the
        class teacher's "Archive" hid a student from every list with no order, no trace)."""
        return school_access.in_groups(self.env, school_access.GROUP_ADMIN)

    def write(self, vals):
        if "active" in vals and not self._school_may_archive():
            raise AccessError(
                _(
                    "Only the e-journal administrator archives or restores a student; a student "
                    "who leaves the school is recorded by a movement order."
                )
            )
        # The contact and the portal account of a student are set only by the account tools,
        # as superuser after their own checks: a contact pointed at another person would
        # carry the writes below to that person, an account would read this child's marks.
        if not self.env.su and ACCOUNT_FIELDS & set(vals):
            self._raise_account_fields()
        if not self.env.su and MOVEMENT_FIELDS & set(vals):
            self._raise_movement_fields()
        if not self.env.su and "state" in vals and not self._school_may_archive():
            raise AccessError(
                _(
                    "Only the e-journal administrator records a student's departure or graduation, "
                    "by a movement order."
                )
            )
        # The class teacher keeps own students' data current (ROLE-4, P 4.3) without the right
        # to edit every contact: once the student may be written, the contact fields it
        # inherits go to its own partner as superuser, after the partner is checked to be a
        # student of the school (see res.partner._school_check_contact_write). Other fields
        # of the contact are written with the user's own rights.
        contact_vals = {
            fname: value
            for fname, value in vals.items()
            if fname in CONTACT_FIELDS and fname in self._fields and self._fields[fname].inherited
        }
        vals = {fname: value for fname, value in vals.items() if fname not in contact_vals}
        res = super().write(vals)
        if contact_vals:
            self.check_access("write")
            self.check_field_access_rights("write", list(contact_vals))
            self.partner_id._school_contact_write(contact_vals)
        if {"last_name", "first_name", "middle_name"} & set(vals):
            for student in self:
                student.partner_id._school_contact_write(
                    {"name": self._full_name(student.last_name, student.first_name, student.middle_name)}
                )
        return res

    def _raise_movement_fields(self):
        raise UserError(
            _(
                "A student's class follows the class history: it changes only by a movement order "
                "(arrival, transfer, departure) of the e-journal administrator."
            )
        )

    def _raise_account_fields(self):
        raise AccessError(
            _(
                "The contact and the e-diary account of a student are set only by the account "
                "tools of the e-journal administrator."
            )
        )

    @api.constrains("birthdate", "consent_date")
    def _check_dates(self):
        """No student is born or consents in the future, nor born before 1900 (issue 11 item
        10)."""
        today = fields.Date.context_today(self)
        for student in self.sudo():
            if student.birthdate and not EARLIEST_BIRTHDATE <= student.birthdate < today:
                raise ValidationError(
                    _(
                        "%(name)s: the date of birth %(date)s is not possible.",
                        name=student.name,
                        date=format_date(self.env, student.birthdate),
                    )
                )
            if student.consent_date and student.consent_date > today:
                raise ValidationError(
                    _(
                        "%s: the consent to personal-data processing cannot be dated in the future.",
                        student.name,
                    )
                )

    @api.constrains("birthdate", "consent_date", "snils")
    def _check_consent(self):
        """Personal data needs a recorded consent first (SETUP-5, P 1.11)."""
        for student in self.sudo():
            if (student.birthdate or student.snils) and not student.consent_date:
                raise ValidationError(
                    _(
                        "Record the consent to personal-data processing for %s before entering "
                        "personal data.",
                        student.name,
                    )
                )

    @api.constrains("snils")
    def _check_snils(self):
        """A SNILS is 11 digits with their checksum (GOS-1): on creation, import and change."""
        for student in self.sudo():
            error = student.snils and snils_error(self.env, student.snils)
            if error:
                raise ValidationError(_("%(name)s: %(error)s", name=student.name, error=error))

    def _get_guardian_partners(self, date=None):
        """Guardians whose link is in force on ``date`` (today by default)."""
        date = date or fields.Date.context_today(self)
        return self.guardian_link_ids.filtered(lambda link: link._is_in_force(date)).guardian_id

    def _get_subject_teachers(self):
        """Teachers of the student's class, whom the guardians may write to (COMM-1): its
        assignments (of the student's subgroups only) and the class teacher. Read as the
        system: callers check their access to the student first."""
        self.ensure_one()
        student = self.sudo()
        school_class = student.class_id
        if not school_class:
            return self.env["res.users"]
        assignments = school_class.assignment_ids.filtered(
            lambda a: not a.subgroup_id or student in a.subgroup_id.student_ids
        )
        return (assignments.teacher_id | school_class.class_teacher_id).filtered("active")

    @api.depends("subgroup_member_ids.date_from", "subgroup_member_ids.date_to")
    def _compute_subgroup_ids(self):
        today = fields.Date.context_today(self)
        for student in self:
            student.subgroup_ids = (
                student.sudo().subgroup_member_ids._valid_on(today).subgroup_id.with_env(self.env)
            )

    def _search_subgroup_ids(self, operator, value):
        Member = self.env["school.subgroup.member"]
        return [("subgroup_member_ids", "any", Member._valid_today_domain("subgroup_id", operator, value))]

    def _subgroups_between(self, date_from, date_to):
        """Subgroups the student belonged to at some day between two dates (JOUR-12)."""
        self.ensure_one()
        return (
            self.sudo()
            .subgroup_member_ids.filtered(
                lambda m: m.date_from <= date_to and (not m.date_to or m.date_to >= date_from)
            )
            .subgroup_id
        )

    def _in_subgroup_on(self, subgroup, date, members=None):
        """Whether the student belonged to ``subgroup`` on ``date`` (JOUR-12); ``members``: the
        student's subgroup memberships already read (by default all of them)."""
        self.ensure_one()
        members = self.sudo().subgroup_member_ids if members is None else members
        return bool(members.filtered(lambda m: m.subgroup_id == subgroup)._valid_on(date))

    def _in_class_on(self, school_class, date, enrollments=None):
        """Whether the student belonged to ``school_class`` on ``date`` (JOUR-3); ``enrollments``:
        the student's class memberships already read (by default all of them)."""
        self.ensure_one()
        enrollments = self.enrollment_ids if enrollments is None else enrollments
        return school_class in enrollments._valid_on(date).class_id

    # ------------------------------------------------------------------
    # Staff reading students' personal data is logged (SEC-5, P 3.5).
    # Every read path of the ORM ends in :meth:`read` (the web client's ``web_read`` and
    # ``web_search_read`` call it), :meth:`search_read`, :meth:`export_data` or a grouping: one card read
    # leaves a row naming the student, a bulk read one row with the number of records. The
    # fields themselves stay behind the personal-data group and the consent rules of
    # ``school.student``; the superuser and portal users (own data in the e-diary) are not logged.
    # ------------------------------------------------------------------
    def _school_record_personal_read(self, read, operation):
        Log = self.env["school.personal.data.log"]
        if len(self) == 1 and operation == "read":
            Log._record(self, read)
        else:
            Log._record_bulk(self, read, operation)

    @api.model
    def _school_log_grouped_read(self, domain, read):
        """Grouping students by a personal field (a pivot or graph by date of birth) reads it
        in bulk: one row with the number of students grouped."""
        count = self.search_count(domain or [])
        self.env["school.personal.data.log"]._record_bulk(self.browse(), read, count=count)
