from odoo import fields, models
from odoo.osv import expression

from . import school_access


class MailFollowers(models.Model):
    """Followers of the school's documents, for those who may read the documents (SEC-5, ROLE-5).

    Odoo lets every internal user read every follower: the followers of a child's card are
    the child's guardians (COMM-1), named with their e-mail. The rule
    ``mail_followers_rule_school`` keeps the followers of a school document to the users who
    may read the document itself; the followers of Odoo's other documents keep Odoo's access.
    """

    _inherit = "mail.followers"

    school_readable = fields.Boolean(
        compute="_compute_school_readable",
        search="_search_school_readable",
        string="Document Readable (School)",
    )

    def _compute_school_readable(self):
        readable = self.search([("id", "in", self.ids), ("school_readable", "=", True)])
        for follower in self:
            follower.school_readable = follower in readable

    def _search_school_readable(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError("Unsupported search on the readability of followed documents.")
        domain = school_access.readable_documents_domain(
            self.env, "res_model", "res_id", school_access.chatter_models(self.env)
        )
        return domain if (operator == "=") == value else [expression.NOT_OPERATOR, *domain]
