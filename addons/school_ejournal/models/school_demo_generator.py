from odoo import models


class SchoolDemoGenerator(models.AbstractModel):
    """Builds a realistic Russian demo school (issue: foundation, demo school)."""

    _name = "school.demo.generator"
    _description = "Demo School Generator"
