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

    def _read_format(self, fnames, load="_classic_read"):
        """A follower's e-mail (its contact's) only for who keeps the contact's data (SEC-5,
        P 3.5): the chatter reads the followers as superuser, for the user."""
        result = super()._read_format(fnames, load=load)
        if "email" not in fnames or not result:
            return result
        followers = self.browse([vals["id"] for vals in result]).sudo()
        partner_by_follower = {follower.id: follower.partner_id.id for follower in followers}
        partners = (
            self.env["res.partner"]
            .with_env(self.env(su=False))
            .browse(sorted({pid for pid in partner_by_follower.values() if pid}))
        )
        hidden = partners._school_hidden_by_field(["email"]).get("email") or set()
        for vals in result:
            if partner_by_follower.get(vals["id"]) in hidden:
                vals["email"] = False
        return result

    @api.model
    def _school_readable_domain(self):
        return school_access.readable_documents_domain(
            self.env, "res_model", "res_id", school_access.chatter_models(self.env)
        )
