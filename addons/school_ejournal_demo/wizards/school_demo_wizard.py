from odoo import fields, models

from odoo.addons.school_ejournal.models import school_access


class SchoolDemoWizard(models.TransientModel):
    """Builds a demo school from the back office (ROLE-1); scripts/demo.sh calls the generator."""

    _name = "school.demo.wizard"
    _description = "Demo School Generator"

    classes_per_parallel = fields.Integer(default=2, required=True)
    students_per_class = fields.Integer(default=23, required=True)
    seed = fields.Integer(default=2026, required=True)

    def action_generate(self):
        school_access.check_groups(self.env, school_access.GROUP_ADMIN)
        self.ensure_one()
        self.env["school.demo.generator"].generate(
            classes_per_parallel=self.classes_per_parallel,
            students_per_class=self.students_per_class,
            seed=self.seed,
        )
        return self.env["ir.actions.act_window"]._for_xml_id("school_ejournal.school_class_action")
