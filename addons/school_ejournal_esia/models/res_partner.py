import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


def normalize_snils(value):
    """The 11 digits of a SNILS ("123-456-789 01" -> "12345678901"), or "" if it has not 11."""
    digits = re.sub(r"\D", "", value or "")
    return digits if len(digits) == 11 else ""


class ResPartner(models.Model):
    """SNILS of guardians and staff, by which their Gosuslugi account is linked (issue 17).

    Students carry their SNILS on ``school.student``; this field serves the other people of
    the contingent. Personal data (SEC-5): only the personal-data group reads it.
    """

    _inherit = "res.partner"

    school_snils = fields.Char(
        string="SNILS (Gosuslugi)",
        groups="school_ejournal.group_school_personal_data",
        copy=False,
        help="Used to link the person's Gosuslugi account to the e-journal account.",
    )

    @api.constrains("school_snils")
    def _check_school_snils(self):
        for partner in self.sudo():
            if partner.school_snils and not normalize_snils(partner.school_snils):
                raise ValidationError(_("A SNILS has 11 digits, for example 123-456-789 01."))
