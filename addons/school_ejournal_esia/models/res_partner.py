from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from odoo.addons.school_ejournal.models.school_personal_read_mixin import KEPT_CONTACT_FIELDS
from odoo.addons.school_ejournal.models.school_snils import snils_digits, snils_error

# the 11 digits of a SNILS, or "" (the e-journal's one rule of a SNILS)
normalize_snils = snils_digits


class ResPartner(models.Model):
    """SNILS of guardians and staff, by which their Gosuslugi account is linked (issue 17).

    Students carry their SNILS on ``school.student``; this field serves the other people of
    the contingent. Personal data (SEC-5): only the personal-data group reads it.
    """

    _inherit = "res.partner"
    # SEC-5, P 3.5, P 4.3: a guardian's SNILS is kept as the student's, by the class teacher of
    # the child's class and the administration
    _school_kept_fields = KEPT_CONTACT_FIELDS | {"school_snils"}

    school_snils = fields.Char(
        string="SNILS (Gosuslugi)",
        groups="school_ejournal.group_school_personal_data",
        copy=False,
        help="Used to link the person's Gosuslugi account to the e-journal account.",
    )

    def _school_keeper_condition(self, alias, fname):
        """A staff member's SNILS is no contact shared among colleagues: among the staff who
        read SNILS (the personal-data group), the administration only reads it."""
        condition = super()._school_keeper_condition(alias, fname)
        if fname != "school_snils":
            return condition
        return SQL(
            "(%s AND %s NOT IN (SELECT u.partner_id FROM res_users AS u WHERE u.share IS NOT TRUE))",
            condition,
            SQL.identifier(alias, "id"),
        )

    @api.constrains("school_snils")
    def _check_school_snils(self):
        """11 digits with their checksum (GOS-1): on creation, import and change alike."""
        for partner in self.sudo():
            error = partner.school_snils and snils_error(self.env, partner.school_snils)
            if error:
                raise ValidationError(error)

    def write(self, vals):
        if "school_snils" in vals:
            self._school_check_snils_writer()
        return super().write(vals)

    def _school_check_snils_writer(self):
        """The SNILS links a Gosuslugi account to the partner's accounts (issue 17): it is
        recorded for the people of the writer's own schools only, never for an administrator
        of Odoo itself (SEC-1, SEC-3); Odoo's administrators record any."""
        if self.env.su or self.env.user.has_group("base.group_system"):
            return
        companies = self.env.user.company_ids
        for partner in self.sudo().with_context(active_test=False):
            users = partner.user_ids
            students = partner.school_student_ids | partner.school_guardian_link_ids.student_id
            if (
                any(not user._school_oidc_linkable() or not user.company_ids & companies for user in users)
                or students.company_id - companies
            ):
                raise AccessError(_("You may not record the SNILS of %s.", partner.name))
