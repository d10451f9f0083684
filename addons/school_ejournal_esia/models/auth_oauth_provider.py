"""OpenID Connect on top of ``auth.oauth.provider`` (issue 17: sign-in through Gosuslugi).

Odoo's ``auth_oauth`` speaks the implicit flow only: the access token comes back in the
URL fragment and nothing proves who issued it. A provider of the flow ``code_pkce`` uses
the authorization-code flow of OpenID Connect Core 1.0 instead: PKCE (RFC 7636, S256),
``state`` and ``nonce``, the code exchanged server-side at the token endpoint, and the ID
token verified here: RS256 signature against the provider's JWKS, ``iss``, ``aud``,
``exp``/``iat`` and ``nonce``.

ESIA (Gosuslugi) wants the client's requests signed with the school's certificate
(GOST). Nothing here knows how: ``oidc_signer_command`` names an external command of the
school's choice (CryptoPro ``cryptcp``, ``openssl`` with the GOST engine, a wrapper around a
signing service...). Contract: the bytes to sign on stdin, the detached signature in base64
on stdout, exit code 0; anything else refuses the sign-in. Likewise ESIA's ID tokens,
signed with GOST keys, are checked by ``oidc_token_verifier_command`` (the token on stdin,
exit code 0 = valid). See readme/CONFIGURE.md.
"""

import base64
import binascii
import hashlib
import json
import logging
import secrets
import shlex
import subprocess
import time

import requests
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.backends import default_backend
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)

JWKS_CACHE_SECONDS = 3600
HTTP_TIMEOUT = 15
SIGNER_TIMEOUT = 30


def _run_command(command, payload, what):
    """Run the configured ``command`` with ``payload`` on stdin, within ``SIGNER_TIMEOUT``."""
    try:
        return subprocess.run(
            shlex.split(command),
            input=payload,
            capture_output=True,
            timeout=SIGNER_TIMEOUT,
            check=False,
        )
    except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
        raise OidcError(f"{what} failed to run: {exc}") from exc


class OidcError(Exception):
    """A sign-in refused by the protocol checks; ``reason`` goes to the login log."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def b64url_decode(value):
    if isinstance(value, str):
        value = value.encode("ascii")
    return base64.urlsafe_b64decode(value + b"=" * (-len(value) % 4))


def b64url_encode(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class AuthOAuthProvider(models.Model):
    _inherit = "auth.oauth.provider"

    # process-wide cache of the providers' key sets: {jwks_uri: (fetched_at, jwks)}
    _school_jwks_cache = {}

    oidc_flow = fields.Selection(
        [
            ("implicit", "Implicit (standard Odoo OAuth)"),
            ("code_pkce", "OpenID Connect: authorization code with PKCE"),
        ],
        string="Flow",
        default="implicit",
        required=True,
    )
    oidc_token_endpoint = fields.Char(string="Token URL")
    oidc_jwks_uri = fields.Char(string="JWKS URL", help="The provider's public keys that sign ID tokens.")
    oidc_issuer = fields.Char(string="Issuer", help="The exact value of the 'iss' claim of the ID tokens.")
    oidc_client_secret = fields.Char(
        string="Client Secret",
        groups="base.group_system",
        help="Static secret of the client; leave empty when the requests are signed by a command.",
    )
    oidc_signer_command = fields.Char(
        string="Request Signer Command",
        groups="base.group_system",
        help="External command that signs the client's requests (ESIA): it reads the bytes to "
        "sign on standard input and prints the detached signature in base64.",
    )
    oidc_token_verifier_command = fields.Char(
        string="ID Token Verifier Command",
        groups="base.group_system",
        help="External command that checks the signature of ID tokens not signed with RS256 "
        "(ESIA: GOST R 34.10-2012): it reads the ID token on standard input and exits with 0 "
        "when the signature is valid.",
    )
    oidc_client_certificate_hash = fields.Char(
        string="Client Certificate Hash",
        help="Sent as client_certificate_hash when set (ESIA).",
    )
    oidc_snils_claim = fields.Char(
        string="SNILS Claim",
        default="snils",
        help="Name of the claim of the ID token or of the user info that carries the SNILS.",
    )
    oidc_clock_skew = fields.Integer(string="Clock Skew (seconds)", default=60)

    @api.constrains(
        "oidc_flow", "oidc_token_endpoint", "oidc_jwks_uri", "oidc_issuer", "enabled", "oidc_clock_skew"
    )
    def _check_oidc_settings(self):
        for provider in self:
            if provider.oidc_flow == "code_pkce" and provider.enabled:
                if not (provider.oidc_token_endpoint and provider.oidc_jwks_uri and provider.oidc_issuer):
                    raise ValidationError(
                        _(
                            "The provider %s needs a token URL, a JWKS URL and an issuer before it is "
                            "allowed.",
                            provider.name,
                        )
                    )
            if provider.oidc_clock_skew < 0 or provider.oidc_clock_skew > 600:
                raise ValidationError(_("The clock skew must be between 0 and 600 seconds."))

    # ------------------------------------------------------------------
    # The authorization request
    # ------------------------------------------------------------------
    @api.model
    def _school_oidc_new_transaction(self):
        """Fresh state, nonce and PKCE verifier of one sign-in attempt."""
        verifier = secrets.token_urlsafe(48)
        challenge = b64url_encode(hashlib.sha256(verifier.encode("ascii")).digest())
        return {
            "state": secrets.token_urlsafe(24),
            "nonce": secrets.token_urlsafe(24),
            "code_verifier": verifier,
            "code_challenge": challenge,
        }

    def _school_oidc_timestamp(self):
        return time.strftime("%Y.%m.%d %H:%M:%S +0000", time.gmtime())

    def _school_oidc_client_secret(self, parts):
        """The client secret of a request: the signature of ``parts`` or the static secret.

        ``parts`` are concatenated without separator and signed by the signer command (ESIA:
        client_id, scope, timestamp, state, redirect_uri, and the code at the token endpoint).
        """
        self.ensure_one()
        provider = self.sudo()
        if provider.oidc_signer_command:
            return self._school_oidc_sign("".join(parts).encode())
        return provider.oidc_client_secret or None

    def _school_oidc_sign(self, payload):
        """Run the signer command: stdin = ``payload``, stdout = base64 signature (URL-safe returned)."""
        completed = _run_command(self.sudo().oidc_signer_command, payload, "signer command")
        if completed.returncode != 0:
            raise OidcError(
                f"signer command exited with {completed.returncode}: "
                f"{completed.stderr.decode(errors='replace')[:200]}"
            )
        text = b"".join(completed.stdout.split())
        try:
            signature = base64.b64decode(
                text.replace(b"-", b"+").replace(b"_", b"/") + b"=" * (-len(text) % 4)
            )
        except (binascii.Error, ValueError) as exc:
            raise OidcError("signer command printed no base64 signature") from exc
        if not signature:
            raise OidcError("signer command printed an empty signature")
        return b64url_encode(signature)

    def _school_oidc_authorize_url(self, redirect_uri, transaction):
        self.ensure_one()
        params = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": redirect_uri,
            "scope": self.scope,
            "state": transaction["state"],
            "nonce": transaction["nonce"],
            "code_challenge": transaction["code_challenge"],
            "code_challenge_method": "S256",
        }
        if self.sudo().oidc_signer_command:
            timestamp = self._school_oidc_timestamp()
            params["timestamp"] = timestamp
            params["client_secret"] = self._school_oidc_client_secret(
                [self.client_id, self.scope, timestamp, transaction["state"], redirect_uri]
            )
        if self.oidc_client_certificate_hash:
            params["client_certificate_hash"] = self.oidc_client_certificate_hash
        request = requests.Request("GET", self.auth_endpoint, params=params).prepare()
        return request.url

    # ------------------------------------------------------------------
    # The token request and the ID token
    # ------------------------------------------------------------------
    def _school_oidc_exchange_code(self, code, redirect_uri, transaction):
        """POST the code and the PKCE verifier to the token endpoint; return the token response."""
        self.ensure_one()
        data = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": self.client_id,
            "code_verifier": transaction["code_verifier"],
        }
        if self.sudo().oidc_signer_command:
            timestamp = self._school_oidc_timestamp()
            data.update(
                timestamp=timestamp, state=transaction["state"], scope=self.scope, token_type="Bearer"
            )
            data["client_secret"] = self._school_oidc_client_secret(
                [self.client_id, self.scope, timestamp, transaction["state"], redirect_uri, code]
            )
        else:
            secret = self._school_oidc_client_secret([])
            if secret:
                data["client_secret"] = secret
        if self.oidc_client_certificate_hash:
            data["client_certificate_hash"] = self.oidc_client_certificate_hash
        try:
            response = requests.post(
                self.oidc_token_endpoint,
                data=data,
                headers={"Accept": "application/json"},
                timeout=HTTP_TIMEOUT,
            )
        except requests.RequestException as exc:
            raise OidcError(f"token endpoint unreachable: {exc}") from exc
        try:
            payload = response.json()
        except ValueError as exc:
            raise OidcError(f"token endpoint answered {response.status_code} without JSON") from exc
        if not response.ok or "error" in payload:
            raise OidcError(f"token endpoint refused the code: {payload.get('error', response.status_code)}")
        if not payload.get("id_token"):
            raise OidcError("token response without id_token")
        return payload

    def _school_oidc_jwks(self, refresh=False):
        self.ensure_one()
        uri = self.oidc_jwks_uri
        cached = self._school_jwks_cache.get(uri)
        if cached and not refresh and time.time() - cached[0] < JWKS_CACHE_SECONDS:
            return cached[1]
        try:
            response = requests.get(uri, timeout=HTTP_TIMEOUT)
            response.raise_for_status()
            jwks = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise OidcError(f"JWKS unavailable: {exc}") from exc
        if not isinstance(jwks, dict) or not isinstance(jwks.get("keys"), list):
            raise OidcError("JWKS without keys")
        self._school_jwks_cache[uri] = (time.time(), jwks)
        return jwks

    def _school_oidc_find_key(self, header):
        kid = header.get("kid")
        for refresh in (False, True):
            keys = [
                key
                for key in self._school_oidc_jwks(refresh=refresh)["keys"]
                if key.get("kty") == "RSA" and key.get("use", "sig") == "sig"
            ]
            if kid:
                keys = [key for key in keys if key.get("kid") == kid]
            if len(keys) == 1:
                return keys[0]
            if len(keys) > 1:
                raise OidcError("ID token names no key among several")
        raise OidcError(f"no key {kid!r} in the JWKS")

    def _school_oidc_verify_id_token(self, id_token, nonce, now=None):
        """Claims of ``id_token`` once its signature and claims are checked, else OidcError."""
        self.ensure_one()
        try:
            header_b64, payload_b64, signature_b64 = id_token.split(".")
            header = json.loads(b64url_decode(header_b64))
            claims = json.loads(b64url_decode(payload_b64))
            signature = b64url_decode(signature_b64)
        except (ValueError, binascii.Error, AttributeError) as exc:
            raise OidcError("malformed ID token") from exc
        if not isinstance(header, dict) or not isinstance(claims, dict):
            raise OidcError("malformed ID token")
        alg = header.get("alg")
        if alg == "RS256":
            self._school_oidc_verify_rs256(header, f"{header_b64}.{payload_b64}", signature)
        elif (
            alg
            and alg.lower() not in ("none", "hs256", "hs384", "hs512")
            and self.sudo().oidc_token_verifier_command
        ):
            self._school_oidc_verify_by_command(id_token)
        else:
            raise OidcError(f"ID token algorithm {alg!r} refused")

        now = now if now is not None else time.time()
        skew = self.oidc_clock_skew
        if claims.get("iss") != self.oidc_issuer:
            raise OidcError(f"ID token issuer {claims.get('iss')!r} unexpected")
        audience = claims.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.client_id not in audiences:
            raise OidcError("ID token issued to another client")
        if len(audiences) > 1 and claims.get("azp") != self.client_id:
            raise OidcError("ID token authorized party is another client")
        exp, iat = claims.get("exp"), claims.get("iat")
        if not isinstance(exp, (int, float)) or exp + skew < now:
            raise OidcError("ID token expired")
        if not isinstance(iat, (int, float)) or iat - skew > now:
            raise OidcError("ID token issued in the future")
        if not nonce or not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
            raise OidcError("ID token nonce mismatch")
        if not claims.get("sub"):
            raise OidcError("ID token without subject")
        return claims

    def _school_oidc_verify_rs256(self, header, signed, signature):
        jwk = self._school_oidc_find_key(header)
        try:
            public_key = rsa.RSAPublicNumbers(
                int.from_bytes(b64url_decode(jwk["e"]), "big"),
                int.from_bytes(b64url_decode(jwk["n"]), "big"),
            ).public_key(default_backend())
            public_key.verify(signature, signed.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature as exc:
            raise OidcError("ID token signature invalid") from exc
        except (KeyError, ValueError, binascii.Error) as exc:
            raise OidcError("unusable key in the JWKS") from exc

    def _school_oidc_verify_by_command(self, id_token):
        """Signature of another algorithm (ESIA: GOST R 34.10-2012) checked by the verifier command.

        Contract: the whole ID token (compact JWS) on stdin; exit code 0 = signature valid.
        """
        completed = _run_command(
            self.sudo().oidc_token_verifier_command, id_token.encode("ascii"), "token verifier command"
        )
        if completed.returncode != 0:
            raise OidcError("ID token signature invalid")

    def _school_oidc_userinfo(self, access_token, subject):
        """Claims of the user info endpoint (``{sub}`` in the URL is replaced, as ESIA wants)."""
        self.ensure_one()
        if not (self.validation_endpoint and access_token):
            return {}
        url = self.validation_endpoint.replace("{sub}", requests.utils.quote(str(subject), safe=""))
        try:
            response = requests.get(
                url, headers={"Authorization": f"Bearer {access_token}"}, timeout=HTTP_TIMEOUT
            )
            response.raise_for_status()
            info = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise OidcError(f"user info unavailable: {exc}") from exc
        if not isinstance(info, dict):
            raise OidcError("user info is not an object")
        if info.get("sub") and str(info["sub"]) != str(subject):
            raise OidcError("user info of another subject")
        return info

    def _school_oidc_authenticate(self, code, redirect_uri, transaction):
        """The whole back channel of a sign-in: verified claims (ID token + user info)."""
        self.ensure_one()
        tokens = self._school_oidc_exchange_code(code, redirect_uri, transaction)
        claims = self._school_oidc_verify_id_token(tokens["id_token"], transaction["nonce"])
        info = self._school_oidc_userinfo(tokens.get("access_token"), claims["sub"])
        return dict(info, **claims)
