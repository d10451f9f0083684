from odoo import api, models

from . import school_access


class MailFollowers(models.Model):
    """Followers of the school's documents, for those who may read the documents (SEC-5, ROLE-5).

    Odoo lets every internal user read every follower: the followers of a child's card are
    the child's guardians (COMM-1), named with their e-mail. The rule
    ``mail_followers_rule_school`` keeps the followers of a school document to the users who
    may read the document itself; the followers of Odoo's other documents keep Odoo's access.

    A follower's e-mail is its contact's: staff reading it, by the ORM or in the chatter's
    list of followers (``/mail/thread/data``), read a guardian's or a student's e-mail, which
    the personal data log records as a read of the contacts (SEC-5, P 3.5).
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

    def _school_rows_read(self, rows):
        """Log the e-mails of ``rows`` (values read of followers) as read of their contacts."""
        if rows and "email" in rows[0]:
            self.browse([row["id"] for row in rows]).partner_id._school_log_personal_read({"email"})

    def _to_store(self, store, fields=None):
        """The chatter's followers and recipients carry their contacts' e-mails: logged once
        for each contact of the response (the thread's data lists both)."""
        super()._to_store(store, fields=fields)
        if fields is not None and "email" not in fields and "partner" not in fields:
            return
        logged = store.__dict__.setdefault("_school_personal_logged", set())
        partners = self.partner_id.filtered(lambda partner: partner.id not in logged)
        logged.update(partners.ids)
        partners._school_log_personal_read({"email"})
