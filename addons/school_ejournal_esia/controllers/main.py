"""Sign-in through an OpenID Connect provider: authorization code + PKCE (issue 17).

``/auth_oidc/authorize/<provider>`` starts an attempt: fresh state, nonce and PKCE verifier
kept in the Odoo session, then the browser goes to the provider. ``/auth_oidc/callback``
takes the attempt out of the session (a state is good for one callback only), exchanges
the code, verifies the ID token, finds the linked account or links one by SNILS, and opens
the session with a one-time token. Every outcome is written to ``school.oidc.login.log``.
"""

import logging
import time

import werkzeug.urls

from odoo import http
from odoo.exceptions import AccessDenied
from odoo.http import request

from odoo.addons.auth_oauth.controllers.main import OAuthLogin
from odoo.addons.web.controllers.utils import _get_login_redirect_url, ensure_db

from ..models.auth_oauth_provider import OidcError
from ..models.res_users import SchoolOidcRefused

_logger = logging.getLogger(__name__)

SESSION_KEY = "school_oidc"
ATTEMPT_SECONDS = 600
MAX_PENDING = 5


def _local_redirect(value):
    """``value`` if it is a path of this site, else None (no open redirect)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return None


class SchoolOidcLogin(OAuthLogin):
    def list_providers(self):
        providers = super().list_providers()
        for provider in providers:
            # read as superuser for the login page: the secrets have nothing to do there
            provider.pop("oidc_client_secret", None)
            provider.pop("oidc_signer_command", None)
            provider.pop("oidc_token_verifier_command", None)
            if provider.get("oidc_flow") == "code_pkce":
                query = {}
                redirect = _local_redirect(request.params.get("redirect"))
                if redirect:
                    query["redirect"] = redirect
                provider["auth_link"] = f"/auth_oidc/authorize/{provider['id']}" + (
                    "?" + werkzeug.urls.url_encode(query) if query else ""
                )
        return providers

    @http.route()
    def web_login(self, *args, **kw):
        response = super().web_login(*args, **kw)
        code = request.params.get("oidc_error")
        if code and getattr(response, "is_qweb", False):
            response.qcontext["error"] = request.env["res.users"]._school_oidc_error_message(code)
        return response


class SchoolOidcController(http.Controller):
    def _redirect_uri(self):
        return request.httprequest.url_root + "auth_oidc/callback"

    def _refuse(self, code, reason, provider=None, subject="", user=None):
        _logger.warning("Gosuslugi sign-in refused (%s): %s, subject %r", code, reason, subject)
        request.env["school.oidc.login.log"].sudo()._record(
            "refused",
            reason=reason,
            provider=provider,
            subject=subject,
            user=user,
            remote_addr=request.httprequest.remote_addr,
        )
        response = request.redirect("/web/login?" + werkzeug.urls.url_encode({"oidc_error": code}), 303)
        response.autocorrect_location_header = False
        return response

    @http.route(
        "/auth_oidc/authorize/<int:provider_id>", type="http", auth="none", methods=["GET"], readonly=False
    )
    def authorize(self, provider_id, redirect=None, **kw):
        ensure_db()
        provider = request.env["auth.oauth.provider"].sudo().browse(provider_id).exists()
        if not provider or not provider.enabled or provider.oidc_flow != "code_pkce":
            return request.not_found()
        try:
            transaction = provider._school_oidc_new_transaction()
            url = provider._school_oidc_authorize_url(self._redirect_uri(), transaction)
        except OidcError as exc:
            return self._refuse("failed", exc.reason, provider=provider)
        pending = dict(request.session.get(SESSION_KEY) or {})
        now = time.time()
        pending = {
            state: attempt
            for state, attempt in sorted(pending.items(), key=lambda item: item[1]["created"])[
                -(MAX_PENDING - 1) :
            ]
            if now - attempt["created"] < ATTEMPT_SECONDS
        }
        pending[transaction["state"]] = {
            "provider": provider.id,
            "nonce": transaction["nonce"],
            "code_verifier": transaction["code_verifier"],
            "redirect": _local_redirect(redirect),
            "created": now,
        }
        request.session[SESSION_KEY] = pending
        return request.redirect(url, code=303, local=False)

    @http.route("/auth_oidc/callback", type="http", auth="none", methods=["GET"], readonly=False)
    def callback(self, state=None, code=None, error=None, **kw):
        ensure_db()
        pending = dict(request.session.get(SESSION_KEY) or {})
        attempt = pending.pop(state, None) if state else None
        request.session[SESSION_KEY] = pending
        if not attempt or time.time() - attempt["created"] > ATTEMPT_SECONDS:
            return self._refuse("state", "unknown, used or expired state")
        provider = request.env["auth.oauth.provider"].sudo().browse(attempt["provider"]).exists()
        if not provider or not provider.enabled:
            return self._refuse("failed", "provider disabled")
        if error or not code:
            return self._refuse("failed", f"provider answered {error or 'without code'}", provider=provider)
        transaction = dict(attempt, state=state)
        try:
            claims = provider._school_oidc_authenticate(code, self._redirect_uri(), transaction)
        except OidcError as exc:
            return self._refuse("failed", exc.reason, provider=provider)
        Users = request.env["res.users"].sudo()
        try:
            identity, outcome = Users._school_oidc_signin(provider, claims)
        except SchoolOidcRefused as exc:
            return self._refuse(exc.code, exc.reason, provider=provider, subject=str(claims.get("sub")))
        user = identity.user_id
        token = identity._issue_login_token()
        request.env["school.oidc.login.log"].sudo()._record(
            outcome,
            provider=provider,
            subject=identity.subject,
            user=user,
            remote_addr=request.httprequest.remote_addr,
        )
        # the token must be visible to authenticate()'s own cursor
        request.env.cr.commit()
        credential = {"type": "school_oidc", "login": user.login, "token": token}
        try:
            auth_info = request.session.authenticate(request.db, credential)
        except AccessDenied:
            return self._refuse("failed", "the session could not be opened", provider=provider, user=user)
        # no password was used: a temporary one does not hold this session (SEC-1)
        request.session["school_oidc"] = True
        url = attempt.get("redirect") or ("/odoo" if user._is_internal() else "/my")
        response = request.redirect(_get_login_redirect_url(auth_info["uid"], url), 303)
        response.autocorrect_location_header = False
        return response
