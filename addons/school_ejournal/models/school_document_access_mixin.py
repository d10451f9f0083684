from odoo import api, fields, models
from odoo.osv import expression


class SchoolDocumentAccessMixin(models.AbstractModel):
    """The records of Odoo's mail models that tell about a school document (its followers,
    the notifications of its messages), readable by those who read the document (SEC-5).

    A model extended with this mixin names in :meth:`_school_readable_domain` the records the
    current user may read; its record rule is ``[('school_readable', '=', True)]``. The rules
    are evaluated as superuser: the domain searches the documents as the user himself
    (``school_access.readable_documents_domain``).
    """

    _name = "school.document.access.mixin"
    _description = "Readable with the School Document"

    school_readable = fields.Boolean(
        compute="_compute_school_readable",
        search="_search_school_readable",
        string="Document Readable (School)",
    )

    def _compute_school_readable(self):
        readable = self.search([("id", "in", self.ids), ("school_readable", "=", True)])
        for record in self:
            record.school_readable = record in readable

    def _search_school_readable(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError("Unsupported search on the readability of a school document.")
        domain = self._school_readable_domain()
        return domain if (operator == "=") == value else [expression.NOT_OPERATOR, *domain]

    @api.model
    def _school_readable_domain(self):
        """The domain of the records the current user reads."""
        return expression.TRUE_DOMAIN
