from odoo import api, models

from . import school_access


class MailFollowers(models.Model):
    """Followers of the school's documents, for those who may read the documents (SEC-5, ROLE-5).

    Odoo lets every internal user read every follower: the followers of a child's card are
    the child's guardians (COMM-1), named with their e-mail. The rule
    ``mail_followers_rule_school`` keeps the followers of a school document to the users who
    may read the document itself; the followers of Odoo's other documents keep Odoo's access.
    """

    _name = "mail.followers"
    _inherit = ["school.document.access.mixin", "mail.followers"]

    @api.model
    def _school_readable_domain(self):
        return school_access.readable_documents_domain(
            self.env, "res_model", "res_id", school_access.chatter_models(self.env)
        )
