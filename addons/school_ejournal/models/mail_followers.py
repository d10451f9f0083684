from odoo import api, fields, models
from odoo.osv import expression


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
        school_models = self._school_followed_models()
        domains = [[("res_model", "not in", school_models)]]
        # the record rules are evaluated as superuser: the documents are searched with the
        # rights of the user the rule is applied for
        env = self.with_user(self.env.uid).with_context(active_test=False).env
        for name in school_models:
            if env[name].has_access("read"):
                # the documents the user reads, with the user's own record rules, as a subquery
                domains.append([("res_model", "=", name), ("res_id", "in", env[name]._search([]))])
        domain = expression.OR(domains)
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model
    def _school_followed_models(self):
        """The school's models with a chatter (``school.*`` inheriting ``mail.thread``)."""
        return sorted(
            name
            for name, model in self.env.registry.items()
            if name.startswith("school.")
            and not model._abstract
            and not model._transient
            and "message_follower_ids" in model._fields
        )
