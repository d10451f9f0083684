from odoo import fields, models


class SchoolClassReportMixin(models.AbstractModel):
    """The class columns of the SQL-view reports by class (issue 16, duplicates): the class,
    its year, parallel and school, as the reports' views select them."""

    _name = "school.class.report.mixin"
    _description = "Report by Class"

    class_id = fields.Many2one("school.class", readonly=True)
    year_id = fields.Many2one("school.academic.year", string="Academic Year", readonly=True)
    grade = fields.Integer(string="Parallel", readonly=True, aggregator=None)
    company_id = fields.Many2one("res.company", string="School", readonly=True)
