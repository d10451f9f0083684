from odoo import Command, _, fields, models

HEADERS = {
    "фио": "name",
    "name": "name",
    "логин": "login",
    "login": "login",
    "email": "email",
    "e-mail": "email",
    "телефон": "phone",
    "phone": "phone",
    "роль": "role",
    "role": "role",
    "дата согласия": "consent_date",
    "consent date": "consent_date",
    "документ согласия": "consent_document",
    "consent document": "consent_document",
}
ROLES = {
    "учитель": "teacher",
    "teacher": "teacher",
    "классный руководитель": "class_teacher",
    "class teacher": "class_teacher",
    "психолог": "specialist",
    "социальный педагог": "specialist",
    "specialist": "specialist",
    "заместитель директора": "deputy",
    "завуч": "deputy",
    "deputy": "deputy",
    "директор": "director",
    "director": "director",
    "администратор": "admin",
    "администратор эж": "admin",
    "admin": "admin",
}


class SchoolStaffImportWizard(models.TransientModel):
    """Import staff accounts with their roles and consents from XLSX or CSV (issue 14,
    duty 11; like the contingent import, S admin 12).

    Every row is checked first; one bad row rejects the whole file with the row number and
    the reason of every error, and nothing is saved. A login already used, in the file or in
    the database, is an error; contacts (e-mail, phone) need a recorded consent (152-FZ).
    """

    _name = "school.staff.import.wizard"
    _inherit = ["school.table.import.mixin"]
    _description = "Import Staff"
    _import_headers = HEADERS
    _import_required = frozenset({"name", "login", "role"})

    def _row_checks(self):
        """The logins of the database, of every company, active or not."""
        return {
            "known": {
                login.lower()
                for login in self.env["res.users"]
                .sudo()
                .with_context(active_test=False)
                .search([])
                .mapped("login")
            },
            "today": fields.Date.context_today(self),
        }

    def _known_error(self, name):
        return _("login %s is already used", name)

    def _check_row(self, rec, checks, row_errors):
        """An account is known by its login."""
        name = self._text(rec.get("name"))
        login = self._text(rec.get("login")).lower()
        if not name or not login:
            row_errors.append(_("name and login are required"))
        role = self._text(rec.get("role")).lower()
        if role not in ROLES:
            row_errors.append(_("role '%s' is unknown", role))
        consent_date = self._row_date(
            rec, "consent_date", row_errors, _("consent date '%s' is not a date (DD.MM.YYYY)")
        )
        document = self._text(rec.get("consent_document"))
        email, phone = self._text(rec.get("email")), self._text(rec.get("phone"))
        if email and "@" not in email:
            row_errors.append(_("e-mail '%s' is not an address", email))
        if (email or phone) and not (consent_date and document):
            row_errors.append(_("contacts without a recorded consent (date and document)"))
        if consent_date and consent_date > checks["today"]:
            row_errors.append(_("the consent is dated in the future"))
        values = {
            "name": name,
            "login": login,
            "email": email or False,
            "phone": phone or False,
            "role": ROLES.get(role),
            "consent_date": consent_date,
            "consent_document": document,
        }
        return login, login, values

    def action_import(self):
        """Check every row, then create all the accounts at once, or none."""
        prepared = self._checked_rows(_("The file has no staff rows."))
        company = self.env.company
        Users = self.env["res.users"].sudo().with_context(no_reset_password=True)
        users = Users.browse()
        for row in prepared:
            group = self.env.ref(f"school_ejournal.group_school_{row['role']}")
            users |= Users.create(
                {
                    "name": row["name"],
                    "login": row["login"],
                    "email": row["email"],
                    "phone": row["phone"],
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                    "groups_id": [Command.set([self.env.ref("base.group_user").id, group.id])],
                }
            )
        self.env["school.consent"].sudo().create(
            [
                {
                    "partner_id": user.partner_id.id,
                    "holder_type": "staff",
                    "user_id": user.id,
                    "date": row["consent_date"],
                    "document_ref": row["consent_document"],
                    "scope_electronic": False,
                    "company_id": company.id,
                }
                for user, row in zip(users, prepared, strict=True)
                if row["consent_date"]
            ]
        )
        self.result = _("%s staff accounts imported.", len(users))
        return self._action_imported(users, _("Imported staff"))
