import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessDenied
from odoo.tools import SQL

from odoo.addons.school_ejournal.models.res_users import TECHNICAL_GROUPS

from .res_partner import normalize_snils

_logger = logging.getLogger(__name__)


class SchoolOidcRefused(Exception):
    """Sign-in refused: ``reason`` for the log, ``code`` selects the message shown."""

    def __init__(self, reason, code="failed"):
        super().__init__(reason)
        self.reason = reason
        self.code = code


class ResUsers(models.Model):
    _inherit = "res.users"

    school_oidc_identity_ids = fields.One2many(
        "school.oidc.identity", "user_id", string="Gosuslugi Links", context={"active_test": False}
    )

    # ------------------------------------------------------------------
    # Matching (issue 17: account linking by SNILS)
    # ------------------------------------------------------------------
    @api.model
    def _school_users_by_snils(self, snils):
        """Active accounts of the contingent whose SNILS is ``snils`` (11 digits)."""
        digits = normalize_snils(snils)
        if not digits:
            return self.browse()
        self.env["school.student"].flush_model(["snils", "user_id"])
        self.env["res.partner"].flush_model(["school_snils"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT user_id FROM school_student
                 WHERE user_id IS NOT NULL AND active
                   AND regexp_replace(coalesce(snils, ''), '[^0-9]', '', 'g') = %(digits)s
                UNION
                SELECT u.id FROM res_users u JOIN res_partner p ON p.id = u.partner_id
                 WHERE regexp_replace(coalesce(p.school_snils, ''), '[^0-9]', '', 'g') = %(digits)s
                """,
                digits=digits,
            )
        )
        return (
            self.sudo()
            .browse([row[0] for row in rows])
            .filtered(lambda u: u.active and u._school_oidc_linkable())
        )

    def _school_oidc_linkable(self):
        """Whether a Gosuslugi account may be linked to this account: a school account, never
        Odoo's superuser or an administrator of Odoo itself (SEC-1, as for the temporary
        passwords: issue 11 item 4), whoever recorded the SNILS."""
        self.ensure_one()
        return not (self._is_superuser() or any(self.has_group(xmlid) for xmlid in TECHNICAL_GROUPS))

    @api.model
    def _school_oidc_signin(self, provider, claims):
        """The account the verified ``claims`` sign in to, and its link; SchoolOidcRefused if none.

        Known subject -> its linked account. Unknown subject -> exactly one account of the
        contingent with the returned SNILS, then linked. Never an account created.
        """
        Identity = self.env["school.oidc.identity"].sudo().with_context(active_test=False)
        subject = str(claims["sub"])
        identity = Identity.search([("provider_id", "=", provider.id), ("subject", "=", subject)], limit=1)
        if identity:
            if not identity.active:
                raise SchoolOidcRefused("link revoked by the administrator", "revoked")
            if not identity.user_id.active:
                raise SchoolOidcRefused("linked account archived", "nomatch")
            return identity, "success"
        snils = claims.get(provider.oidc_snils_claim or "snils")
        if not normalize_snils(snils if isinstance(snils, str) else str(snils or "")):
            raise SchoolOidcRefused("no SNILS returned by the provider", "nomatch")
        users = self._school_users_by_snils(str(snils))
        if not users:
            raise SchoolOidcRefused("no account of the contingent with this SNILS", "nomatch")
        if len(users) > 1:
            raise SchoolOidcRefused(f"SNILS matches {len(users)} accounts", "ambiguous")
        identity = Identity.create({"user_id": users.id, "provider_id": provider.id, "subject": subject})
        _logger.info(
            "Gosuslugi: account %s linked to subject %s of provider %s", users.login, subject, provider.name
        )
        return identity, "linked"

    @api.model
    def _school_oidc_error_message(self, code):
        """The message of the login page for a refused sign-in through a provider."""
        messages = {
            "nomatch": _(
                "No student, guardian or staff member of the school matches this Gosuslugi "
                "account. Ask the school to record your SNILS in the e-journal."
            ),
            "ambiguous": _(
                "Several accounts of the e-journal carry this SNILS. Ask the school's "
                "e-journal administrator to correct the data."
            ),
            "revoked": _(
                "The school has revoked the link of this Gosuslugi account. Ask the school's "
                "e-journal administrator."
            ),
            "state": _("The sign-in request has expired or was already used. Please start again."),
        }
        return messages.get(code) or _("The sign-in through Gosuslugi failed. Please try again.")

    # ------------------------------------------------------------------
    # Credentials: the one-time token issued by the callback
    # ------------------------------------------------------------------
    def _check_credentials(self, credential, env):
        try:
            return super()._check_credentials(credential, env)
        except AccessDenied:
            if credential.get("type") != "school_oidc" or not (env or {}).get("interactive", True):
                raise
            identity = self.env["school.oidc.identity"]._consume_login_token(
                self.env.user, credential.get("token")
            )
            if not identity or not self.env.user.active:
                raise
            return {"uid": self.env.user.id, "auth_method": "school_oidc", "mfa": "default"}
