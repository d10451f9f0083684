from odoo import _, api, fields, models


class SchoolNumberedDocumentMixin(models.AbstractModel):
    """Documents of the school numbered by the system (issue 16 item 6): the correction
    requests (JOUR-6), the credentials compromise notices (SEC-2) and the disputed marks
    (ROLE-7, ROLE-8). A document is "New" until it is saved, then named by its number, the
    record's id, in each model's wording (``_document_name``); those who file a document may
    not write its name, so the system gives it. Each has a chatter."""

    _name = "school.numbered.document.mixin"
    _inherit = ["mail.thread"]
    _description = "Numbered School Document"

    name = fields.Char(readonly=True, default=lambda self: _("New"), copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        for document in documents.sudo():
            document.name = document._document_name()
        return documents

    def _document_name(self):
        """The name of one saved document: its kind and its number (the record's id)."""
        raise NotImplementedError
