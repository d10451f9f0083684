from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from .school_personal_read_mixin import KEPT_CONTACT_FIELDS, column, own_class_ids


class ResPartner(models.Model):
    """Guardians are partners linked to students."""

    _name = "res.partner"
    _inherit = ["school.personal.read.mixin", "res.partner"]
    # the address and phones of students and guardians (SEC-5, P 3.5, P 4.3)
    _school_kept_fields = KEPT_CONTACT_FIELDS

    school_guardian_link_ids = fields.One2many(
        "school.guardian.link", "guardian_id", string="Children (links)"
    )
    school_student_ids = fields.One2many(
        "school.student", "partner_id", string="Student Records"
    )  # read by the record rules of parents and students on contacts
    school_child_count = fields.Integer(compute="_compute_school_child_count", string="Children")
    is_school_guardian = fields.Boolean(
        compute="_compute_school_child_count", search="_search_is_school_guardian", string="Guardian"
    )

    @api.depends("school_guardian_link_ids")
    def _compute_school_child_count(self):
        counts = dict(
            self.env["school.guardian.link"]._read_group(
                [("guardian_id", "in", self.ids)], ["guardian_id"], ["__count"]
            )
        )
        for partner in self:
            partner.school_child_count = counts.get(partner, 0)
            partner.is_school_guardian = bool(partner.school_child_count)

    def _search_is_school_guardian(self, operator, value):
        positive = (operator == "=") == bool(value)
        return [("school_guardian_link_ids", "!=" if positive else "=", False)]

    # ------------------------------------------------------------------
    # Contacts of students and guardians (ROLE-4, P 4.3; issue 11 items 6, 7)
    # ------------------------------------------------------------------
    def _school_contact_write(self, vals):
        """Write contact fields of students and guardians for a user who may keep them current.

        The class teacher has no right to write contacts: the contact of a student or a
        guardian of the own class is written as superuser, after checking that it is one and
        that every child it belongs to is a student the user may write (the class teacher's
        own class, the administrator's school). Contacts of staff accounts keep their
        protection: they are written with the user's own rights. No superuser write reaches
        any other contact.
        """
        if not self:
            return True
        if self.env.su:
            return self.write(vals)
        protected = self.filtered(
            lambda p: p.sudo().with_context(active_test=False).user_ids.filtered(lambda u: not u.share)
        )
        if protected:
            protected.write(vals)
        others = self - protected
        if others:
            others._school_check_contact_write()
            others.sudo().write(vals)
        return True

    def _school_check_contact_write(self):
        """Refuse unless each partner is a student's or a guardian's contact of the user's
        schools and every child it belongs to may be written by the user."""
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].sudo().with_context(active_test=False)
        Student = self.env["school.student"].sudo().with_context(active_test=False)
        Link = self.env["school.guardian.link"].sudo().with_context(active_test=False)
        for partner in self:
            refused = AccessError(
                _(
                    "%s is not the contact of a student or a guardian of your school: it cannot "
                    "be changed here.",
                    partner.sudo().display_name,
                )
            )
            if companies.search_count([("partner_id", "=", partner.id)], limit=1):
                raise refused
            as_student = Student.search([("partner_id", "=", partner.id)])
            links = Link.search([("guardian_id", "=", partner.id)])
            in_force = links.filtered(
                lambda link: link.active and (not link.date_end or link.date_end >= today)
            )
            children = as_student | in_force.student_id
            if not children or children.company_id - self.env.companies:
                raise refused
            # the user's own rights on every child: the class teacher's own class only
            children.with_env(self.env).check_access("write")

    def _school_is_student_card(self):
        """Whether this contact is a student's card in the school's contingent (SETUP-5),
        archived students included: a student never writes it (SEC-4, P 3.12)."""
        self.ensure_one()
        # sudo: whether a student's card is this contact, whoever may read the student
        return bool(
            self.env["school.student"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("partner_id", "=", self.id)], limit=1)
        )

    def _school_keeper_condition(self, alias, fname):
        """A student's or a guardian's address and phones are kept by the class teacher of
        the student's class (P 4.3); the contacts of staff and of whoever is neither a
        student nor a guardian are not families' data."""
        env = self.env
        partner = SQL.identifier(alias, "id")
        own_students = SQL(
            "SELECT s.id FROM school_student AS s WHERE %s IN (%s)",
            column(env, "school.student", "s", "class_id"),
            own_class_ids(env),
        )
        return SQL(
            """(%(partner)s IN (SELECT u.partner_id FROM res_users AS u WHERE u.share IS NOT TRUE)
                OR (%(partner)s NOT IN (SELECT s.partner_id FROM school_student AS s
                                         WHERE s.partner_id IS NOT NULL)
                    AND %(partner)s NOT IN (SELECT l.guardian_id FROM school_guardian_link AS l
                                             WHERE l.guardian_id IS NOT NULL))
                OR %(partner)s IN (SELECT s.partner_id FROM school_student AS s
                                    WHERE s.id IN (%(own)s))
                OR %(partner)s IN (SELECT %(guardian)s FROM school_guardian_link AS l
                                    WHERE %(student)s IN (%(own)s)))""",
            partner=partner,
            own=own_students,
            guardian=column(env, "school.guardian.link", "l", "guardian_id"),
            student=column(env, "school.guardian.link", "l", "student_id"),
        )

    def _compute_display_name(self):
        """A name shown with its address (``show_address``) or its e-mail (``show_email``)
        shows them only to who keeps them (SEC-5); decided by the user's own rights even when
        the name is read as superuser, as the web client reads the names of many2one values."""
        super()._compute_display_name()
        shown = [key for key in ("show_address", "show_email") if self.env.context.get(key)]
        if not shown:
            return
        as_user = self.with_env(self.env(su=False))
        hidden = as_user._school_hidden_by_field(["street", "email"])
        hidden_ids = set().union(*hidden.values()) if hidden else set()
        for partner in self.browse(sorted(hidden_ids)):
            partner.display_name = partner.with_context(show_address=False, show_email=False).display_name

    def _to_store(self, store, /, *, fields=None, main_user_by_partner=None):
        """The chatter, its followers and Discuss give the e-mail and country of a family's
        contact only to who keeps them (SEC-5, P 3.5); they read the contacts as superuser."""
        result = super()._to_store(store, fields=fields, main_user_by_partner=main_user_by_partner)
        values_by_id = store.data.get(self._name) or {}
        hidden = self.with_env(self.env(su=False))._school_hidden_by_field(["email", "country_id"])
        for fname, key in (("email", "email"), ("country_id", "country")):
            for partner_id in hidden.get(fname, ()):
                values = values_by_id.get((partner_id,))
                if values and key in values:
                    values[key] = False
        return result

    # ------------------------------------------------------------------
    # Visibility of students' and guardians' contacts to teachers (issue 11 item 7)
    # ------------------------------------------------------------------
    school_teacher_visible = fields.Boolean(
        compute="_compute_school_teacher_visible",
        search="_search_school_teacher_visible",
        string="Visible to the Teacher",
    )

    def _compute_school_teacher_visible(self):
        visible = set(self.sudo().search([("id", "in", self.ids), ("school_teacher_visible", "=", True)]).ids)
        for partner in self:
            partner.school_teacher_visible = partner.id in visible

    def _search_school_teacher_visible(self, operator, value):
        """Contacts a teacher may read: every contact that is not a student's or a guardian's
        (staff, the school), and those of the students of the classes the teacher teaches
        (class teacher, teaching assignment, lesson taken over, as the rule on students) and
        of their guardians whose link has not ended."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError("Unsupported search on the visibility of contacts.")
        # the classes taught: the user's own class, teaching load and lessons given, the last two
        # from the pairs read once per request for the rules of marks (issue 15); as ids, so
        # that PostgreSQL reads those classes' students and guardians through the indexes
        user = self.env["res.users"].sudo().browse(self.env.uid)
        class_ids = sorted(
            {pair[0] for pair in (*(user.school_taught_pairs or ()), *(user.school_given_pairs or ()))}
        )
        taught = SQL(
            "SELECT id FROM school_class WHERE class_teacher_id = %s OR id = ANY(%s)", self.env.uid, class_ids
        )
        seen = SQL(
            """(SELECT s.partner_id FROM school_student s
                 WHERE s.class_id IN (%(taught)s)
                UNION
                -- a student who left a taught class stays in that class's journal
                SELECT s.partner_id FROM school_student s
                  JOIN school_enrollment e ON e.student_id = s.id
                 WHERE e.class_id IN (%(taught)s)
                UNION
                SELECT l.guardian_id FROM school_guardian_link l
                  JOIN school_student s ON s.id = l.student_id
                 WHERE s.class_id IN (%(taught)s)
                   AND l.active AND (l.date_end IS NULL OR l.date_end >= %(today)s))""",
            taught=taught,
            today=fields.Date.context_today(self),
        )
        # visible: the staff's own contacts, the people seen, and whoever is neither a student
        # nor a guardian; as alternatives rather than one set of the hidden ones, which made
        # PostgreSQL read every student and guardian of the school at each read of a contact
        # or a student (issue 15: 15 of the grid's 20 ms on the large school)
        visible = [
            "|",
            "|",
            ("id", "in", SQL("(SELECT partner_id FROM res_users WHERE share IS NOT TRUE)")),
            ("id", "in", seen),
            "&",
            ("id", "not in", SQL("(SELECT partner_id FROM school_student WHERE partner_id IS NOT NULL)")),
            (
                "id",
                "not in",
                SQL("(SELECT guardian_id FROM school_guardian_link WHERE guardian_id IS NOT NULL)"),
            ),
        ]
        positive = (operator == "=") == value
        return visible if positive else ["!", *visible]

    # ------------------------------------------------------------------
    # Staff reading the contact data of the school's guardians and students in bulk is logged
    # (SEC-5, P 3.5): one row per call with the number of the school's people read.
    # ------------------------------------------------------------------
    def _school_record_personal_read(self, read, operation):
        if not self.env.user.has_group("school_ejournal.group_school_personal_data") and not (
            self.env.user.has_group("school_ejournal.group_school_teacher")
        ):
            return
        # sudo: counts which of the partners just read are the school's guardians or students
        links = self.env["school.guardian.link"].sudo()
        school_people = set(links.search([("guardian_id", "in", self.ids)]).guardian_id.ids)
        school_people |= set(
            self.env["school.student"].sudo().search([("partner_id", "in", self.ids)]).partner_id.ids
        )
        if school_people:
            self.env["school.personal.data.log"]._record_bulk(
                self.browse(sorted(school_people)), read, operation
            )
