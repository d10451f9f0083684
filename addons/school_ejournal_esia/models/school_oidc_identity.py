import hashlib
import secrets
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

LOGIN_TOKEN_SECONDS = 120


class SchoolOidcIdentity(models.Model):
    """The link of an e-journal account to a person's account at an OpenID Connect provider.

    Created at the first sign-in, when the SNILS returned by the provider matches exactly one
    student, guardian or staff member of the contingent (issue 17); later sign-ins find the
    account by the provider's subject id (``sub``). A link revoked by the administrator
    (ROLE-1) keeps its record: the subject cannot sign in nor be linked again until the
    revoked link is deleted.
    """

    _name = "school.oidc.identity"
    _description = "Gosuslugi Account Link"
    _order = "linked_at desc, id desc"
    _rec_name = "subject"

    user_id = fields.Many2one(
        "res.users", string="Account", required=True, readonly=True, index=True, ondelete="cascade"
    )
    provider_id = fields.Many2one("auth.oauth.provider", required=True, readonly=True, ondelete="cascade")
    subject = fields.Char(string="Subject ID", required=True, readonly=True)
    linked_at = fields.Datetime(string="Linked On", required=True, readonly=True, default=fields.Datetime.now)
    last_login = fields.Datetime(string="Last Sign-in", readonly=True)
    active = fields.Boolean(default=True, readonly=True)
    revoked_at = fields.Datetime(string="Revoked On", readonly=True)
    revoked_by_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one(related="user_id.company_id", store=True, index=True, string="School")
    login_token_hash = fields.Char(readonly=True, copy=False, groups="base.group_system")
    login_token_expiry = fields.Datetime(readonly=True, copy=False, groups="base.group_system")

    _sql_constraints = [
        (
            "provider_subject_uniq",
            "unique(provider_id, subject)",
            "This account of the provider is already linked.",
        ),
    ]

    def action_revoke(self):
        """Revoke the link (ej_admin): the person signs in with the provider no more."""
        if not self.env.user.has_group("school_ejournal.group_school_admin"):
            raise AccessError(_("Only the e-journal administrator may revoke a Gosuslugi link."))
        # the links are read-only for everyone: revoking is the one change, checked here
        self.check_access("read")
        self.sudo().write(
            {
                "active": False,
                "revoked_at": fields.Datetime.now(),
                "revoked_by_id": self.env.uid,
                "login_token_hash": False,
                "login_token_expiry": False,
            }
        )
        return True

    # ------------------------------------------------------------------
    # One-time login token: the bridge between the callback and session.authenticate()
    # ------------------------------------------------------------------
    @api.model
    def _hash_token(self, token):
        return hashlib.sha256(token.encode()).hexdigest()

    def _issue_login_token(self):
        self.ensure_one()
        token = secrets.token_urlsafe(32)
        self.sudo().write(
            {
                "login_token_hash": self._hash_token(token),
                "login_token_expiry": fields.Datetime.now() + timedelta(seconds=LOGIN_TOKEN_SECONDS),
                "last_login": fields.Datetime.now(),
            }
        )
        return token

    @api.model
    def _consume_login_token(self, user, token):
        """The identity of ``user`` holding the unexpired ``token``, which is used up; else empty."""
        if not token:
            return self.browse()
        identity = self.sudo().search(
            [
                ("user_id", "=", user.id),
                ("login_token_hash", "=", self._hash_token(token)),
                ("login_token_expiry", ">=", fields.Datetime.now()),
            ],
            limit=1,
        )
        if identity:
            identity.write({"login_token_hash": False, "login_token_expiry": False})
        return identity
