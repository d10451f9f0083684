from odoo import Command, _, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

from ..models import school_access


class SchoolCredentialWizard(models.TransientModel):
    """Issue logins and temporary passwords in bulk and print the notices (SEC-1, REP-11).

    The administrator issues them for anyone (ROLE-1); a class teacher re-issues them for
    the own class only (ROLE-4). Passwords go to the printed notice and nowhere else: they
    are not stored in clear.
    """

    _name = "school.credential.wizard"
    _description = "Issue Credentials"

    target = fields.Selection(
        [
            ("students", "Students"),
            ("guardians", "Guardians"),
            ("both", "Students and guardians"),
            ("users", "Selected accounts"),
        ],
        default="both",
        required=True,
    )
    class_ids = fields.Many2many("school.class", string="Classes")
    user_ids = fields.Many2many("res.users", string="Accounts")
    reissue = fields.Boolean(
        string="Re-issue Existing Accounts",
        default=False,
        help="Give a new temporary password to people who already have an account.",
    )

    def _check_rights(self):
        user = self.env.user
        # the caller's own right to read the classes (their school), before their students
        # are read as superuser: another school's class issues nothing (SEC-1, SEC-3)
        school_access.check_readable(self.class_ids)
        if user.has_group("school_ejournal.group_school_admin"):
            return
        if not user.has_group("school_ejournal.group_school_class_teacher"):
            raise AccessError(_("Only the e-journal administrator and class teachers issue credentials."))
        if self.target == "users":
            raise AccessError(_("A class teacher re-issues credentials of the own class only."))
        foreign = self.class_ids.filtered(lambda c: c.class_teacher_id != user)
        if foreign or not self.class_ids:
            raise AccessError(_("A class teacher re-issues credentials of the own class only."))

    def _students(self):
        return (
            self.env["school.student"]
            .sudo()
            .search([("class_id", "in", self.class_ids.ids), ("state", "=", "studying")])
        )

    def _ensure_user(self, partner, group_xmlid, last_name, first_name, middle_name="", user=None):
        """The portal account of ``partner`` (or ``user``), created if missing.

        Staff accounts are left alone (empty result): only the administrator re-issues them,
        as selected accounts, so no class teacher can obtain a staff password through a
        guardian or student record.
        """
        Users = self.env["res.users"].sudo().with_context(no_reset_password=True)
        user = (
            user.sudo()
            if user
            else Users.with_context(active_test=False).search([("partner_id", "=", partner.id)], limit=1)
        )
        if user and not user.share:
            return Users, False
        created = False
        if not user:
            user = Users.create(
                {
                    "partner_id": partner.id,
                    "login": partner.email or Users._school_make_login(last_name, first_name, middle_name),
                    "groups_id": [Command.set([self.env.ref(group_xmlid).id])],
                    "lang": "ru_RU" if self.env["res.lang"]._lang_get("ru_RU") else self.env.lang,
                }
            )
            created = True
        else:
            if not user.active:
                user.active = True
            group = self.env.ref(group_xmlid)
            if group not in user.groups_id:
                user.groups_id = [Command.link(group.id)]
        return user, created

    def _collect(self):
        """(user, role label, class name, newly created) for everyone the wizard covers."""
        result = []
        if self.target == "users":
            role = _("Staff")  # outside the comprehension: _() finds its language in this frame
            # blocked accounts too: new credentials end a compromise (SEC-2)
            return [(u.sudo(), role, "", False) for u in self.with_context(active_test=False).user_ids]
        students = self._students()
        if self.target in ("students", "both"):
            for student in students:
                user, created = self._ensure_user(
                    student.partner_id,
                    "school_ejournal.group_school_student",
                    student.last_name,
                    student.first_name,
                    student.middle_name,
                    user=student.user_id,
                )
                if not user:
                    continue
                if student.user_id != user:
                    student.sudo().user_id = user
                result.append((user, _("Student"), student.class_id.name, created))
        if self.target in ("guardians", "both"):
            seen = set()
            for link in students.guardian_link_ids.filtered(
                lambda lnk: lnk._is_in_force(fields.Date.context_today(self))
                and not lnk.electronic_access_refused
            ):
                if link.guardian_id.id in seen:
                    continue
                seen.add(link.guardian_id.id)
                parts = (link.guardian_id.name or "").split()
                user, created = self._ensure_user(
                    link.guardian_id,
                    "school_ejournal.group_school_parent",
                    parts[0] if parts else "",
                    parts[1] if len(parts) > 1 else "",
                    parts[2] if len(parts) > 2 else "",
                )
                if not user:
                    continue
                if not created and not self._may_reissue_guardian(link.guardian_id):
                    continue
                result.append(
                    (user, _("Parent (legal representative)"), link.student_id.class_id.name, created)
                )
        return result

    def _may_reissue_guardian(self, guardian):
        """A class teacher re-issues a parent's existing account only when every child of that
        parent is in a class the teacher leads: a guardian link made in the own class must not
        open another family's account (ROLE-4, SEC-1)."""
        user = self.env.user
        if user.has_group("school_ejournal.group_school_admin"):
            return True
        today = fields.Date.context_today(self)
        children = (
            guardian.sudo().school_guardian_link_ids.filtered(lambda lnk: lnk._is_in_force(today)).student_id
        )
        return all(child.class_id.class_teacher_id == user for child in children)

    def action_issue(self):
        """Create missing accounts, set temporary passwords, return the printable notices."""
        school_access.check_groups(self.env, school_access.GROUP_ADMIN, school_access.GROUP_CLASS_TEACHER)
        self.ensure_one()
        self._check_rights()
        if self.target == "users":
            # never an Odoo administrator's password (issue 11 item 4)
            self.with_context(active_test=False).user_ids._school_check_manageable(own=True)
        people = [p for p in self._collect() if p[3] or self.reissue]
        if not people:
            raise UserError(_("Nobody to issue credentials to."))
        users = self.env["res.users"].sudo().browse([p[0].id for p in people])
        passwords = users._school_set_temporary_password()
        Log = self.env["school.account.log"]
        created = self.env["res.users"].browse([p[0].id for p in people if p[3]])
        if created:
            Log._log("create", created)
        Log._log("password", users)
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        company = self.env.company
        notices = [
            {
                "name": user.name,
                "login": user.login,
                "password": passwords[user],
                "role": role,
                "class_name": class_name,
                "url": base_url,
                "school": company.name,
                "date": format_date(self.env, fields.Date.context_today(self)),
            }
            for user, role, class_name, _created in people
        ]
        return self.env.ref("school_ejournal.action_report_credentials_notice").report_action(
            None, data={"notices": notices}
        )
