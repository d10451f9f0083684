from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, ormcache

from . import school_access, school_rpc_args

# Odoo's own technical groups: held by Odoo's administrators, never granted by the school
TECHNICAL_GROUPS = ("base.group_erp_manager", "base.group_system", "base.group_no_one")
# the fields of a user's contact that are no part of a student's card: his preferences
CARD_FREE_FIELDS = ("lang", "tz")
# the key, in the cursor's cache, of a transaction that changed the pairs the teachers teach
PAIRS_CHANGED = "school_ejournal.pairs_changed"


def _touches_groups(vals):
    """Whether a write on res.users changes groups, in any of the forms the ORM accepts."""
    return any(key == "groups_id" or key.startswith(("in_group_", "sel_groups_")) for key in vals)


class ResUsers(models.Model):
    """Accounts of the e-journal: temporary passwords and compromise (SEC-1, SEC-2)."""

    _inherit = "res.users"

    school_temp_password = fields.Boolean(
        string="Temporary Password",
        copy=False,
        help="Issued by the administrator; the user must change it at first login.",
    )
    school_credentials_issued_at = fields.Datetime(string="Credentials Issued", copy=False, readonly=True)
    school_compromised_since = fields.Datetime(
        string="Compromised Since",
        copy=False,
        readonly=True,
        help="Notice time of a credentials compromise: logged operations from then on are invalid.",
    )

    # the (class, subject) pairs the user teaches and gives lessons of, read by the record rules
    # of marks, attendance and period marks (issue 15): kept across requests by
    # ``_school_pairs_of``, whose cache the teaching assignments and lessons clear when they change
    school_taught_pairs = fields.Json(compute="_compute_school_pairs", compute_sudo=True)
    school_given_pairs = fields.Json(compute="_compute_school_pairs", compute_sudo=True)

    def _compute_school_pairs(self):
        # a transaction that changed them reads them afresh (``_school_pairs_changed``)
        read = self._school_pairs_read if self.env.cr.cache.get(PAIRS_CHANGED) else self._school_pairs_of
        for user in self:
            taught, given = read(user.id or 0)
            user.school_taught_pairs = [list(pair) for pair in taught]
            user.school_given_pairs = [list(pair) for pair in given]

    @api.model
    @ormcache("uid")
    def _school_pairs_of(self, uid):
        """``_school_pairs_read``, kept in the registry's cache across requests (issue 15)."""
        return self._school_pairs_read(uid)

    @api.model
    def _school_pairs_read(self, uid):
        """((class id, subject id) of the teaching assignments, those of the lessons) of the user
        ``uid``: both in one query."""
        self.env["school.teaching.assignment"].flush_model(["class_id", "subject_id", "teacher_id"])
        self.env["school.lesson"].flush_model(["class_id", "subject_id", "teacher_id"])
        self.env.cr.execute(
            SQL(
                """SELECT TRUE, class_id, subject_id
                     FROM school_teaching_assignment WHERE teacher_id = %(uid)s
                    UNION
                   SELECT FALSE, class_id, subject_id FROM school_lesson WHERE teacher_id = %(uid)s""",
                uid=uid,
            )
        )
        rows = self.env.cr.fetchall()
        return (
            tuple((class_id, subject_id) for taught, class_id, subject_id in rows if taught),
            tuple((class_id, subject_id) for taught, class_id, subject_id in rows if not taught),
        )

    @api.model
    def _school_pairs_changed(self):
        """The teaching assignments or the lessons' teachers, classes or subjects changed: the
        pairs are read again, in this transaction and in every worker (issue 15).

        The registry's cache of the pairs is cleared now, and again once this transaction
        commits (in this process; Odoo's signaling clears it in the other workers): another
        request may have filled it meanwhile from what was committed before. Until its end this
        transaction reads the pairs afresh, never from the cache nor into it: a change undone
        by a savepoint's rollback must leave no pair there.
        """
        self.invalidate_model(["school_taught_pairs", "school_given_pairs"])
        cr = self.env.cr
        registry = self.env.registry
        registry.clear_cache()
        # the cursor's cache itself: a closing cursor drops its attribute before its rollback
        cache = cr.cache
        if not cache.get(PAIRS_CHANGED):
            cache[PAIRS_CHANGED] = True

            def done():
                cache.pop(PAIRS_CHANGED, None)

            def committed():
                registry.clear_cache()
                done()

            cr.postcommit.add(committed)
            cr.postrollback.add(done)

    @api.model
    def _school_teachers(self, domain=()):
        """The internal users of the teachers' group matching ``domain``, by id (as superuser:
        for the crons and the control dashboard)."""
        teachers = [("groups_id", "in", self.env.ref("school_ejournal.group_school_teacher").ids)]
        return self.sudo().search([*teachers, ("share", "=", False), *domain], order="id")

    def _change_password(self, new_passwd):
        res = super()._change_password(new_passwd)
        self.sudo().write({"school_temp_password": False})
        return res

    @api.model
    def _school_issue_password(self):
        """A readable temporary password: no look-alike characters."""
        import secrets

        alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        return "".join(secrets.choice(alphabet) for _i in range(10))

    def _school_set_temporary_password(self, reinstate=True):
        """Give each user a new temporary password; return {user: password} (never stored in clear).

        With ``reinstate``, new credentials end a compromise (SEC-2): the account is active
        again and its operations from now on are valid; the ones of the compromised period
        stay flagged in the change log.
        """
        passwords = {}
        now = fields.Datetime.now()
        for user in self:
            password = self._school_issue_password()
            vals = {"password": password, "school_temp_password": True, "school_credentials_issued_at": now}
            if reinstate and user.school_compromised_since:
                vals.update(active=True, school_compromised_since=False)
            user.sudo().write(vals)
            passwords[user] = password
        return passwords

    def action_school_reset_password(self):
        """Button: issue a new temporary password and print the credentials notice."""
        school_access.check_groups(self.env, school_access.GROUP_ADMIN, school_access.GROUP_CLASS_TEACHER)
        wizard = self.env["school.credential.wizard"].create(
            {"target": "users", "reissue": True, "user_ids": [fields.Command.set(self.ids)]}
        )
        return wizard.action_issue()

    # ------------------------------------------------------------------
    # Account tools of the e-journal administrator (ROLE-1, issue 11 item 4): the
    # administrator holds no Odoo access-rights or settings group; these checked methods are
    # the only way it changes accounts, each change is logged in school.account.log.
    # ------------------------------------------------------------------
    @api.model
    def _school_role_groups(self):
        """The school's roles: the groups of the School e-Journal category."""
        category = self.env.ref("school_ejournal.module_category_school_ejournal")
        return self.env["res.groups"].sudo().search([("category_id", "=", category.id)])

    def _school_check_manageable(self, own=False):
        """The e-journal administrator manages school accounts of its schools: never an Odoo
        administrator, never its own roles or account (unless ``own``)."""
        school_access.check_groups(self.env, school_access.GROUP_ADMIN)
        if self.env.su:
            return
        for user in self.sudo().with_context(active_test=False):
            if user == self.env.user and not own:
                raise AccessError(_("Nobody changes his own roles or account."))
            if user._is_superuser() or any(user.has_group(xmlid) for xmlid in TECHNICAL_GROUPS):
                raise AccessError(
                    _("%s is an administrator of Odoo itself: only Odoo's superuser manages it.", user.name)
                )
            if not (user.company_ids & self.env.user.company_ids):
                raise AccessError(_("%s is not an account of your school.", user.name))

    def school_set_roles(self, group_ids):
        """Give the users exactly these school roles (groups of the School e-Journal category);
        their other groups stay. Staff roles and portal roles are not mixed."""
        self._school_check_manageable()
        roles = self._school_role_groups()
        groups = (
            self.env["res.groups"].sudo().browse(school_rpc_args.record_ids(self.env, group_ids)).exists()
        )
        if not groups or groups - roles:
            raise UserError(_("Choose one or more roles of the School e-Journal, and nothing else."))
        portal = groups.filtered(lambda g: g.implied_ids & self.env.ref("base.group_portal"))
        if portal and portal != groups:
            raise UserError(_("A parent or student account cannot hold a staff role."))
        for user in self.sudo().with_context(active_test=False):
            if bool(portal) != bool(user.share):
                raise UserError(
                    _(
                        "%s: staff roles go to staff accounts, e-diary roles to parent and student accounts.",
                        user.name,
                    )
                )
            old = user.groups_id & roles
            # sudo: the roles were checked above, the account tools write them
            user.write(
                {
                    "groups_id": [Command.unlink(g.id) for g in old - groups]
                    + [Command.link(g.id) for g in groups]
                }
            )
        self.env["school.account.log"]._log("roles", self, ", ".join(groups.sorted("id").mapped("full_name")))
        return True

    def action_school_change_roles(self):
        """Button: the account wizard with the users' current school roles."""
        self._school_check_manageable()
        return {
            "type": "ir.actions.act_window",
            "name": _("Change roles"),
            "res_model": "school.account.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_mode": "roles",
                "default_user_ids": self.ids,
                "default_role_ids": (self.sudo().groups_id & self._school_role_groups()).ids,
            },
        }

    def action_school_deactivate(self):
        """Block the accounts (a member of staff who left, a parent whose link ended)."""
        self._school_check_manageable()
        # sudo: checked above
        self.sudo().write({"active": False})
        self.env["school.account.log"]._log("deactivate", self)
        return True

    def _deactivate_portal_user(self, **post):
        """Odoo's "delete my account" of the portal archives the user's contact as superuser:
        a student's is his card in the contingent, a guardian's the contact of the child's
        legal representative, both kept by the school (SETUP-5, SEC-4). The e-diary's accounts
        are issued and closed by the e-journal administrator (SEC-1)."""
        partners = self.partner_id
        Student = self.env["school.student"].sudo().with_context(active_test=False)
        Link = self.env["school.guardian.link"].sudo().with_context(active_test=False)
        if Student.search_count([("partner_id", "in", partners.ids)], limit=1) or Link.search_count(
            [("guardian_id", "in", partners.ids)], limit=1
        ):
            raise UserError(
                _(
                    "Your e-diary account was issued by the school: ask the e-journal "
                    "administrator to close it."
                )
            )
        return super()._deactivate_portal_user(**post)

    def action_school_activate(self):
        self._school_check_manageable()
        self.sudo().with_context(active_test=False).write({"active": True})
        self.env["school.account.log"]._log("activate", self)
        return True

    @api.model
    def school_create_account(self, name, login, group_ids, email=False):
        """Create a staff or parent account with school roles only; return its id (callable
        over RPC). The password is issued afterwards with the credentials tool (SEC-1)."""
        school_access.check_groups(self.env, school_access.GROUP_ADMIN)
        name, login = (school_rpc_args.text(self.env, value).strip() for value in (name, login))
        email = school_rpc_args.text(self.env, email).strip()
        if not name or not login:
            raise UserError(_("An account needs a name and a login."))
        Users = self.sudo().with_context(active_test=False, no_reset_password=True)
        if Users.search_count([("login", "=", login)]):
            raise UserError(_("The login %s is already taken.", login))
        roles = self._school_role_groups()
        groups = (
            self.env["res.groups"].sudo().browse(school_rpc_args.record_ids(self.env, group_ids)).exists()
        )
        if not groups or groups - roles:
            raise UserError(_("Choose one or more roles of the School e-Journal, and nothing else."))
        user = Users.create(
            {
                "name": name,
                "login": login,
                "email": email or False,
                "company_id": self.env.company.id,
                "company_ids": [Command.set(self.env.company.ids)],
                "groups_id": [Command.set(groups.ids)],
            }
        )
        self.env["school.account.log"]._log(
            "create", user, ", ".join(groups.sorted("id").mapped("full_name"))
        )
        return user.id

    def write(self, vals):
        """Nobody grants himself a group; outside Odoo's own administrators, groups change
        only through the school's account tools (ROLE-1, issue 11 item 4)."""
        if not self.env.su and _touches_groups(vals) and not self.env.user.has_group("base.group_system"):
            if self.env.user in self:
                raise AccessError(_("Nobody changes his own roles or account."))
            if not self.env.user.has_group("base.group_erp_manager"):
                raise AccessError(_("Roles are given with the account tools of the e-journal."))
        self._school_check_own_card(vals)
        return super().write(vals)

    def _school_check_own_card(self, vals):
        """Odoo lets a user write his own name, e-mail or photo, as superuser, on his contact: a
        student's contact is his card in the school's contingent (SETUP-5), which he never
        writes (SEC-4, P 3.12); the class teacher keeps it current (P 4.3). A parent's
        contact is his own: he keeps it current, as on the portal's account page."""
        if self.env.su or self.ids != [self.env.uid] or self.env.user._has_group("base.group_user"):
            return
        on_partner = [
            key
            for key in vals
            if key == "partner_id"
            or (key in self._fields and self._fields[key].inherited and key not in CARD_FREE_FIELDS)
        ]
        if on_partner and self.env.user.partner_id._school_is_student_card():
            raise AccessError(
                _(
                    "Your card in the school's contingent is kept by your class teacher: "
                    "ask him to correct it."
                )
            )

    @api.model
    def _school_translit(self, text):
        table = {
            "а": "a",
            "б": "b",
            "в": "v",
            "г": "g",
            "д": "d",
            "е": "e",
            "ё": "e",
            "ж": "zh",
            "з": "z",
            "и": "i",
            "й": "i",
            "к": "k",
            "л": "l",
            "м": "m",
            "н": "n",
            "о": "o",
            "п": "p",
            "р": "r",
            "с": "s",
            "т": "t",
            "у": "u",
            "ф": "f",
            "х": "kh",
            "ц": "ts",
            "ч": "ch",
            "ш": "sh",
            "щ": "shch",
            "ъ": "",
            "ы": "y",
            "ь": "",
            "э": "e",
            "ю": "iu",
            "я": "ia",
        }
        return "".join(table.get(ch, ch) for ch in (text or "").lower() if ch.isalnum() or ch in table)

    @api.model
    def _school_make_login(self, last_name, first_name, middle_name=""):
        """ivanov.ps style login, unique in the database."""
        base = self._school_translit(last_name) or "user"
        initials = self._school_translit((first_name or "")[:1]) + self._school_translit(
            (middle_name or "")[:1]
        )
        login = f"{base}.{initials}" if initials else base
        candidate, n = login, 1
        while self.with_context(active_test=False).sudo().search_count([("login", "=", candidate)]):
            n += 1
            candidate = f"{login}{n}"
        return candidate
