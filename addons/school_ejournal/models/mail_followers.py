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

    @api.model
    def _school_readable_domain(self):
        return school_access.readable_documents_domain(
            self.env, "res_model", "res_id", school_access.chatter_models(self.env)
        )

    def _school_log_email_read(self, rows):
        """Log the e-mails of ``rows`` (values read of followers) as read of their contacts."""
        if rows and "email" in rows[0]:
            self.browse([row["id"] for row in rows]).partner_id._school_log_personal_read({"email"})

    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields=fields, load=load)
        self._school_log_email_read(result)
        return result

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs):
        result = super().search_read(
            domain=domain, fields=fields, offset=offset, limit=limit, order=order, **read_kwargs
        )
        self._school_log_email_read(result)
        return result

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
