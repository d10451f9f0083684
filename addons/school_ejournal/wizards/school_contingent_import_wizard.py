from odoo import _, fields, models
from odoo.tools import format_date

from ..models.school_snils import snils_error
from ..models.school_spreadsheet import class_key
from ..models.school_student import EARLIEST_BIRTHDATE

# accepted headers (Russian and English) -> field key
HEADERS = {
    "фамилия": "last_name",
    "last name": "last_name",
    "имя": "first_name",
    "first name": "first_name",
    "отчество": "middle_name",
    "patronymic": "middle_name",
    "дата рождения": "birthdate",
    "date of birth": "birthdate",
    "пол": "gender",
    "gender": "gender",
    "класс": "class",
    "class": "class",
    "номер личного дела": "personal_file",
    "personal file": "personal_file",
    "дата согласия": "consent_date",
    "consent date": "consent_date",
    "документ согласия": "consent_document",
    "consent document": "consent_document",
    "объём согласия": "consent_scope",
    "объем согласия": "consent_scope",
    "consent scope": "consent_scope",
    "снилс": "snils",
    "snils": "snils",
    "представитель": "guardian_name",
    "guardian": "guardian_name",
    "родство": "guardian_relation",
    "relation": "guardian_relation",
    "телефон представителя": "guardian_phone",
    "guardian phone": "guardian_phone",
    "email представителя": "guardian_email",
    "guardian e-mail": "guardian_email",
    "представитель 2": "guardian2_name",
    "guardian 2": "guardian2_name",
    "родство 2": "guardian2_relation",
    "relation 2": "guardian2_relation",
    "телефон представителя 2": "guardian2_phone",
    "guardian 2 phone": "guardian2_phone",
}
# the scope of a guardian's consent (school.consent's scope flags), as written in the file
CONSENT_SCOPES = {
    "журнал": "scope_journal",
    "электронный журнал": "scope_journal",
    "e-journal": "scope_journal",
    "journal": "scope_journal",
    "дневник": "scope_electronic",
    "электронный дневник": "scope_electronic",
    "diary": "scope_electronic",
    "e-diary": "scope_electronic",
    "уведомления": "scope_notifications",
    "notifications": "scope_notifications",
}
SCOPE_FIELDS = ("scope_journal", "scope_electronic", "scope_notifications")
RELATIONS = {
    "мать": "mother",
    "mother": "mother",
    "отец": "father",
    "father": "father",
    "бабушка": "grandmother",
    "grandmother": "grandmother",
    "дедушка": "grandfather",
    "grandfather": "grandfather",
    "опекун": "guardian",
    "guardian": "guardian",
    "попечитель": "trustee",
    "trustee": "trustee",
    "другое": "other",
    "other": "other",
}
GENDERS = {
    "м": "male",
    "муж": "male",
    "male": "male",
    "m": "male",
    "ж": "female",
    "жен": "female",
    "female": "female",
    "f": "female",
}


class SchoolContingentImportWizard(models.TransientModel):
    """Import students with their guardians from XLSX or CSV (SETUP-5, S admin 12, 17).

    Every row is checked first; one bad row rejects the whole file with the row number and
    the reason of every error, and nothing is saved. Duplicates (in the file or already in
    the school) are errors too. Consent must be recorded for personal data (P 1.11).

    Consent as a document (152-FZ; issue 14, duty 11): a row with the reference of the signed
    consent ("Документ согласия", with "Дата согласия" and optionally "Объём согласия":
    журнал, дневник, уведомления; all three when empty) records a ``school.consent`` of each
    guardian named in the row for the student, under the same all-or-nothing rule: a
    document without its date or without a guardian, a date in the future or an unknown
    scope is an error of the row.
    """

    _name = "school.contingent.import.wizard"
    _inherit = ["school.table.import.mixin"]
    _description = "Import Students"
    _import_headers = HEADERS
    _import_required = frozenset({"last_name", "first_name", "class"})

    year_id = fields.Many2one(
        "school.academic.year",
        string="Academic Year",
        required=True,
        default=lambda self: self.env["school.academic.year"]._get_current(),
    )
    date_start = fields.Date(string="Enrolled From", required=True, default=fields.Date.context_today)

    def _parse_scope(self, text):
        """The consent's scope flags from "журнал, дневник, уведомления" (all when empty),
        and the errors of unknown words."""
        if not text:
            return dict.fromkeys(SCOPE_FIELDS, True), []
        scope, errors = dict.fromkeys(SCOPE_FIELDS, False), []
        for word in text.replace(";", ",").split(","):
            word = word.strip().lower()
            if not word:
                continue
            if word in CONSENT_SCOPES:
                scope[CONSENT_SCOPES[word]] = True
            else:
                errors.append(
                    self.env._("consent scope '%s' is unknown (журнал, дневник, уведомления)", word)
                )
        return scope, errors

    def _validate_consent(self, rec, consent_date, guardians, today):
        """The guardians' consent of a row (152-FZ; issue 14, duty 11): the values of their
        ``school.consent`` (False without a consent document) and the row's errors."""
        document = self._text(rec.get("consent_document"))
        scope_text = self._text(rec.get("consent_scope"))
        scope, errors = self._parse_scope(scope_text)
        if consent_date and consent_date > today:
            errors.append(_("consent date %s is in the future", format_date(self.env, consent_date)))
        if scope_text and not document:
            errors.append(_("consent scope without the reference of the consent document"))
        if document and not consent_date:
            errors.append(_("consent document without the consent date"))
        if document and not guardians:
            errors.append(_("consent document without the guardian who signed it"))
        return document and dict(scope, date=consent_date, document_ref=document), errors

    def _row_checks(self):
        """The classes of the year by name and the students of the school (name, birthdate)."""
        return {
            # "5A" typed in the Latin layout is the class 5А (issue 11 item 10)
            "classes": {
                class_key(c.name): c
                for c in self.env["school.class"].search([("year_id", "=", self.year_id.id)])
            },
            "known": {
                (s.name.lower(), s.birthdate)
                for s in self.env["school.student"]
                .sudo()
                .search([("company_id", "=", self.year_id.company_id.id)])
            },
            "today": fields.Date.context_today(self),
        }

    def _known_error(self, name):
        return _("%s is already a student of the school", name)

    def _check_row(self, rec, checks, row_errors):
        """A student is known by the full name and the date of birth."""
        last, first, middle = (self._text(rec.get(k)) for k in ("last_name", "first_name", "middle_name"))
        if not last or not first:
            row_errors.append(_("last name and first name are required"))
        school_class = checks["classes"].get(class_key(self._text(rec.get("class"))))
        if not school_class:
            row_errors.append(
                _("class '%s' does not exist in the academic year", self._text(rec.get("class")))
            )
        birthdate = self._row_date(
            rec, "birthdate", row_errors, _("date of birth '%s' is not a date (DD.MM.YYYY)")
        )
        consent_date = self._row_date(
            rec, "consent_date", row_errors, _("consent date '%s' is not a date (DD.MM.YYYY)")
        )
        if birthdate and not EARLIEST_BIRTHDATE <= birthdate < checks["today"]:
            row_errors.append(
                _("date of birth %s is not possible for a student", format_date(self.env, birthdate))
            )
        if (birthdate or rec.get("snils")) and not consent_date:
            row_errors.append(_("personal data without a recorded consent"))
        snils = self._text(rec.get("snils"))
        if snils and (snils_problem := snils_error(self.env, snils)):
            row_errors.append(snils_problem)
        gender = self._text(rec.get("gender")).lower()
        if gender and gender not in GENDERS:
            row_errors.append(_("gender '%s' is unknown (М or Ж)", gender))
        guardians = []
        for prefix in ("guardian", "guardian2"):
            g_name = self._text(rec.get(f"{prefix}_name"))
            if not g_name:
                continue
            relation = self._text(rec.get(f"{prefix}_relation")).lower() or "other"
            if relation not in RELATIONS:
                row_errors.append(_("relation '%s' is unknown", relation))
            email = self._text(rec.get(f"{prefix}_email"))
            if email and "@" not in email:
                row_errors.append(_("e-mail '%s' is not an address", email))
            guardians.append(
                {
                    "name": g_name,
                    "relation": RELATIONS.get(relation, "other"),
                    "phone": self._text(rec.get(f"{prefix}_phone")),
                    "email": self._text(rec.get(f"{prefix}_email")) if prefix == "guardian" else "",
                }
            )
        consent, consent_errors = self._validate_consent(rec, consent_date, guardians, checks["today"])
        row_errors += consent_errors
        full_name = " ".join(p for p in (last, first, middle) if p)
        values = {
            "student": {
                "last_name": last,
                "first_name": first,
                "middle_name": middle or False,
                "birthdate": birthdate,
                "gender": GENDERS.get(gender) or False,
                "personal_file": self._text(rec.get("personal_file")) or False,
                "consent_date": consent_date,
                "consent_document": (consent or {}).get("document_ref") or False,
                "snils": self._text(rec.get("snils")) or False,
                "company_id": self.year_id.company_id.id,
            },
            "class": school_class,
            "guardians": guardians,
            "consent": consent,
        }
        return (full_name.lower(), birthdate or False), full_name, values

    def action_import(self):
        """Check every row, then import all of them at once, or nothing."""
        prepared = self._checked_rows(_("The file has no student rows."))
        students = self.env["school.student"].create([p["student"] for p in prepared])
        self.env["school.enrollment"].create(
            [
                {"student_id": s.id, "class_id": p["class"].id, "date_start": self.date_start}
                for s, p in zip(students, prepared, strict=True)
            ]
        )
        Partner = self.env["res.partner"]
        # the guardians already known by name and phone, found in one search (first by the
        # partners' order, as a search with limit=1 would); those created below join them
        with_phone = [g for p in prepared for g in p["guardians"] if g["phone"]]
        known = {}
        if with_phone:
            for partner in Partner.search(
                [
                    ("name", "in", list({g["name"] for g in with_phone})),
                    ("phone", "in", list({g["phone"] for g in with_phone})),
                ]
            ):
                known.setdefault((partner.name, partner.phone), partner)
        links, consents = [], []
        for student, p in zip(students, prepared, strict=True):
            for guardian in p["guardians"]:
                partner = known.get((guardian["name"], guardian["phone"]), Partner)
                if not partner:
                    partner = Partner.create(
                        {
                            "name": guardian["name"],
                            "phone": guardian["phone"] or False,
                            "email": guardian["email"] or False,
                            "company_id": self.year_id.company_id.id,
                        }
                    )
                    if guardian["phone"]:
                        known[guardian["name"], guardian["phone"]] = partner
                links.append(
                    {
                        "student_id": student.id,
                        "guardian_id": partner.id,
                        "relation": guardian["relation"],
                        "consent_date": p["student"]["consent_date"],
                        "consent_document": p["student"]["consent_document"],
                        "date_start": self.date_start,
                    }
                )
                if p["consent"]:
                    consents.append(
                        dict(
                            p["consent"],
                            partner_id=partner.id,
                            holder_type="guardian",
                            student_id=student.id,
                            company_id=self.year_id.company_id.id,
                        )
                    )
        self.env["school.guardian.link"].create(links)
        # the guardians' consents as documents (152-FZ), once the links exist
        self.env["school.consent"].create(consents)
        self.result = _(
            "%(students)s students, %(links)s guardian links and %(consents)s consents imported.",
            students=len(students),
            links=len(links),
            consents=len(consents),
        )
        return self._action_imported(students, _("Imported students"))
