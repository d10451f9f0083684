from odoo import api, models

from .school_student_access import PERSONAL_FIELDS


class ResPartner(models.Model):
    """Staff reading the contact data of the school's guardians and students in bulk is logged
    (SEC-5, P 3.5): one row per call with the number of the school's people read."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _school_log_personal_read(self, field_names, operation="read"):
        read = PERSONAL_FIELDS & set(field_names or ())
        if not read or not self or self.env.su or self.env.user.share:
            return
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

    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields=fields, load=load)
        if result and PERSONAL_FIELDS & result[0].keys():
            names = PERSONAL_FIELDS & result[0].keys()
            self.browse([row["id"] for row in result])._school_log_personal_read(names)
        return result

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs):
        result = super().search_read(
            domain=domain, fields=fields, offset=offset, limit=limit, order=order, **read_kwargs
        )
        if result and PERSONAL_FIELDS & result[0].keys():
            names = PERSONAL_FIELDS & result[0].keys()
            self.browse([row["id"] for row in result])._school_log_personal_read(names)
        return result

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        self._school_log_personal_read({path.split("/")[0] for path in fields_to_export}, "export")
        return result
