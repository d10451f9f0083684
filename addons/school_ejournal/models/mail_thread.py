from odoo import models

from . import school_access


class MailThread(models.AbstractModel):
    """Parents and students write to the school from the e-diary's own pages (COMM-1), never
    through the chatter's public methods (P 3.12, SEC-4, ROLE-7, ROLE-8).

    Odoo lets a follower of a document post on it: a guardian who wrote to the class teacher
    follows the child's card, and over JSON-RPC could post there in another author's name, as
    an internal note or to any contact. ``message_notify`` checks no right on the document at
    all. The diary's pages post as superuser after their own checks.
    """

    _inherit = "mail.thread"

    def message_post(self, **kwargs):
        self._school_check_portal_write(self._name)
        return super().message_post(**kwargs)

    def message_notify(self, **kwargs):
        self._school_check_portal_write(self._name if self else kwargs.get("model"))
        return super().message_notify(**kwargs)

    def _school_check_portal_write(self, model_name):
        """Refuse a portal user's message on a school document; the superuser passes."""
        if self.env.su or self.env.user._has_group("base.group_user"):
            return
        if model_name and model_name.startswith("school."):
            school_access.check_staff(self.env)
