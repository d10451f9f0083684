from odoo import models


class SchoolAcademicYearDeadlines(models.Model):
    """The year's dated deadlines are generated from the year's form (issue 14, duty 6)."""

    _inherit = "school.academic.year"

    def action_generate_deadlines(self):
        self.ensure_one()
        self.env["school.year.deadline"].action_generate_year(self.id)
        action = self.env["ir.actions.act_window"]._for_xml_id("school_ejournal.school_year_deadline_action")
        action["domain"] = [("year_id", "=", self.id)]
        return action
