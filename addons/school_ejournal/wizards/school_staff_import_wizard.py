from odoo import Command, _, fields, models
from odoo.exceptions import UserError

from ..models.school_spreadsheet import cell_date, cell_text, read_table, validate_table

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
    _description = "Import Staff"

    file = fields.Binary(required=True)
    filename = fields.Char()
    result = fields.Text(readonly=True)

    _text = staticmethod(cell_text)
    _date = staticmethod(cell_date)

    def _read_rows(self):
        """Rows of the file, within the limits of every import (at most 5,000 rows and 5 MB,
        an XLSX sheet streamed over a bounded number of columns; issue 11 item 10)."""
        return read_table(self, HEADERS, {"name", "login", "role"})

    def _validate(self, records):
        logins = {
            login.lower()
            for login in self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([])
            .mapped("login")
        }
        seen = {}
        errors, prepared = [], []
        for number, rec in records:
            row_errors = []
            name = self._text(rec.get("name"))
            login = self._text(rec.get("login")).lower()
            if not name or not login:
                row_errors.append(_("name and login are required"))
            role = self._text(rec.get("role")).lower()
            if role not in ROLES:
                row_errors.append(_("role '%s' is unknown", role))
            try:
                consent_date = self._date(rec.get("consent_date"))
            except ValueError as bad:
                consent_date = False
                row_errors.append(_("consent date '%s' is not a date (DD.MM.YYYY)", bad))
            document = self._text(rec.get("consent_document"))
            email, phone = self._text(rec.get("email")), self._text(rec.get("phone"))
            if email and "@" not in email:
                row_errors.append(_("e-mail '%s' is not an address", email))
            if (email or phone) and not (consent_date and document):
                row_errors.append(_("contacts without a recorded consent (date and document)"))
            if consent_date and consent_date > fields.Date.context_today(self):
                row_errors.append(_("the consent is dated in the future"))
            if login and login in logins:
                row_errors.append(_("login %s is already used", login))
            elif login and login in seen:
                row_errors.append(_("duplicate of row %s", seen[login]))
            seen[login] = number
            if row_errors:
                errors.extend((number, error) for error in row_errors)
                continue
            prepared.append(
                {
                    "name": name,
                    "login": login,
                    "email": email or False,
                    "phone": phone or False,
                    "role": ROLES[role],
                    "consent_date": consent_date,
                    "consent_document": document,
                }
            )
        return prepared, errors

    def action_import(self):
        """Check every row, then create all the accounts at once, or none."""
        self.ensure_one()
        if not self.env.user.has_group("school_ejournal.group_school_admin"):
            raise UserError(_("Only the e-journal administrator imports the staff."))
        prepared = validate_table(self, _("The file has no staff rows."))
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
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.users",
            "view_mode": "list,form",
            "domain": [("id", "in", users.ids)],
            "name": _("Imported staff"),
        }
