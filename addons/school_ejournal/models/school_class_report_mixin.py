from odoo import fields, models


class SchoolClassReportMixin(models.AbstractModel):
    """The class columns of the SQL-view reports by class (issue 16, duplicates): the class,
    its year, parallel, school and class teacher, as the reports' views select them."""

    _name = "school.class.report.mixin"
    _description = "Report by Class"
    # merged into the _depends of each report
    _depends = {"school.class": ["class_teacher_id", "year_id", "grade", "company_id"]}

    class_id = fields.Many2one("school.class", readonly=True)
    year_id = fields.Many2one("school.academic.year", string="Academic Year", readonly=True)
    grade = fields.Integer(string="Parallel", readonly=True, aggregator=None)
    company_id = fields.Many2one("res.company", string="School", readonly=True)
    class_teacher_id = fields.Many2one("res.users", readonly=True)
