from odoo import api, models

PERSONAL_FIELDS = {"birthdate", "snils", "phone", "email", "street", "mobile"}


class SchoolStudent(models.Model):
    """Staff opening a student's card with personal data is logged (SEC-5)."""

    _inherit = "school.student"

    def web_read(self, specification):
        result = super().web_read(specification)
        read = PERSONAL_FIELDS & set(specification)
        if read and not self.env.su and not self.env.user.share and len(self) == 1:
            self.env["school.personal.data.log"]._record(self, read)
        return result

    @api.model
    def _school_personal_fields(self):
        return PERSONAL_FIELDS
