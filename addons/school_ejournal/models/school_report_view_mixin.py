from odoo import models, tools
from odoo.tools import SQL


class SchoolReportViewMixin(models.AbstractModel):
    """A report whose rows an SQL view gives (issue 16, duplicates): the class completeness,
    the objectivity, plan coverage, e-diary activity and teacher activity reports and the
    journal control. A report sets ``_auto = False`` and writes ``_query()``, the ``SQL`` of
    its rows; the view is made from it here, when the module is installed or updated."""

    _name = "school.report.view.mixin"
    _description = "Report from an SQL View"

    def init(self):
        if self._abstract:
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
