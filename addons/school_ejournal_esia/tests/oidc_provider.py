"""A standards-compliant OpenID Connect provider for the tests, built with Authlib's server
components and served by wsgiref on a free port of 127.0.0.1 (issue 17, "tested for real").

Endpoints: ``/authorize`` (authorization code, PKCE S256 mandatory, nonce, consent given
automatically for ``provider.current_user``), ``/token`` (code exchange, client_secret_post
or a request signed the ESIA way by the client's signer command), ``/jwks``, ``/userinfo``.
``provider.id_token_mode`` makes the ID token misbehave: ``forged`` (signed by a key that is
not in the JWKS, same kid), ``expired``, ``wrong_audience``.
"""

import base64
import hashlib
import hmac
import json
import threading
import time
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from authlib.common.security import generate_token
from authlib.jose import JsonWebKey
from authlib.oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import ClientMixin, OAuth2Error, OAuth2Payload, OAuth2Request, grants
from authlib.oauth2.rfc6749.errors import InvalidClientError
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from authlib.oidc.core.models import AuthorizationCodeMixin
from werkzeug.wrappers import Request, Response

KID = "test-signing-key"


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class _Client(ClientMixin):
    def __init__(self, client_id, client_secret, redirect_uri, signer_key=None):
        self.client_id = client_id
        self.client_secret = client_secret
        self.redirect_uri = redirect_uri
        self.signer_key = signer_key
        self.id_token_signed_response_alg = "RS256"

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return self.redirect_uri

    def get_allowed_scope(self, scope):
        return " ".join(s for s in (scope or "").split() if s in ("openid", "fullname", "snils", "profile"))

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri == self.redirect_uri

    def check_client_secret(self, client_secret):
        return bool(self.client_secret) and hmac.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        if self.signer_key:
            return method == "esia_signed"
        return method == "client_secret_post"

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


class _Code(AuthorizationCodeMixin):
    def __init__(self, **vals):
        self.__dict__.update(vals)
        self.auth_time = int(time.time())

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time

    def get_acr(self):
        return None

    def get_amr(self):
        return None


class _Payload(OAuth2Payload):
    def __init__(self, wreq):
        self._request = wreq

    @property
    def data(self):
        return self._request.values

    @property
    def datalist(self):
        return {key: self._request.values.getlist(key) for key in self._request.values}


class _Request(OAuth2Request):
    """Authlib's request over a werkzeug request (as its Flask integration does)."""

    def __init__(self, wreq):
        super().__init__(method=wreq.method, uri=wreq.url, headers=wreq.headers)
        self._request = wreq
        self.payload = _Payload(wreq)

    @property
    def args(self):
        return self._request.args

    @property
    def form(self):
        return self._request.form


class _Server(AuthorizationServer):
    def __init__(self, provider, scopes_supported=None):
        super().__init__(scopes_supported=scopes_supported)
        self.provider = provider

    def query_client(self, client_id):
        return self.provider.client if client_id == self.provider.client_id else None

    def save_token(self, token, request):
        self.provider.tokens[token["access_token"]] = request.user

    def create_oauth2_request(self, request):
        return _Request(request)

    def create_json_request(self, request):  # not used by the code flow
        raise NotImplementedError

    def handle_response(self, status, body, headers):
        if isinstance(body, dict):
            body = json.dumps(body)
        return Response(body, status=status, headers=headers)

    def send_signal(self, name, *args, **kwargs):
        pass


class _CodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_post", "esia_signed"]

    def save_authorization_code(self, code, request):
        data = request.payload.data
        self.server.provider.codes[code] = _Code(
            code=code,
            client_id=request.client.client_id,
            redirect_uri=request.payload.redirect_uri,
            scope=request.payload.scope,
            user=request.user,
            nonce=data.get("nonce"),
            code_challenge=data.get("code_challenge"),
            code_challenge_method=data.get("code_challenge_method"),
        )

    def query_authorization_code(self, code, client):
        item = self.server.provider.codes.get(code)
        if item and item.client_id == client.client_id:
            return item
        return None

    def delete_authorization_code(self, authorization_code):
        self.server.provider.codes.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code):
        return authorization_code.user


class _OpenIDCodeExtension(OpenIDCode):
    def __init__(self, provider, require_nonce=False):
        super().__init__(require_nonce=require_nonce)
        self.provider = provider

    def exists_nonce(self, nonce, request):
        return any(item.nonce == nonce for item in self.provider.codes.values())

    def get_jwt_config(self, grant, client):
        provider = self.provider
        key = provider.forged_key if provider.id_token_mode == "forged" else provider.signing_key
        return {
            "key": key.as_dict(is_private=True),
            "alg": "RS256",
            "iss": provider.issuer,
            "exp": -600 if provider.id_token_mode == "expired" else 300,
            "kid": provider.kid,
        }

    def get_audiences(self, request):
        if self.provider.id_token_mode == "wrong_audience":
            return ["another-client"]
        return super().get_audiences(request)

    def generate_user_info(self, user, scope):
        info = UserInfo(sub=user["sub"], name=user["name"])
        if "snils" in scope.split() and user.get("snils"):
            info["snils"] = user["snils"]
        return info


def _authenticate_signed(query_client, request):
    """ESIA-like client authentication: client_secret = signature of the request fields."""
    form = request.form
    client = query_client(form.get("client_id"))
    if not client or not client.signer_key:
        raise InvalidClientError()
    signed = "".join(
        form.get(name, "") for name in ("client_id", "scope", "timestamp", "state", "redirect_uri", "code")
    ).encode()
    expected = (
        base64.urlsafe_b64encode(hmac.new(client.signer_key, signed, hashlib.sha256).digest())
        .rstrip(b"=")
        .decode()
    )
    if not hmac.compare_digest(form.get("client_secret", ""), expected):
        raise InvalidClientError()
    return client


class OidcTestProvider:
    """The provider, started by :meth:`start`, stopped by :meth:`stop`."""

    def __init__(self, client_id="school-ejournal", client_secret="s3cret", signer_key=None, port=0):
        self.client_id = client_id
        self.client_secret = client_secret
        self.signer_key = signer_key
        # a new kid per instance: a client that cached the keys of an earlier run fetches them again
        self.kid = f"{KID}-{generate_token(8)}"
        self.signing_key = JsonWebKey.generate_key("RSA", 2048, is_private=True, options={"kid": self.kid})
        self.forged_key = JsonWebKey.generate_key("RSA", 2048, is_private=True, options={"kid": self.kid})
        self.users = {}
        self.current_user = None
        self.id_token_mode = "valid"
        self.codes = {}
        self.tokens = {}
        self.authorize_requests = []
        self.token_requests = []
        self.redirect_uri = None
        self._httpd = make_server(
            "127.0.0.1", 0, self._wsgi, server_class=WSGIServer, handler_class=_QuietHandler
        )
        self.base_url = f"http://127.0.0.1:{self._httpd.server_port}"
        self.issuer = self.base_url
        self._server = self._build_server()
        self._thread = None

    # ------------------------------------------------------------------
    def start(self):
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread:
            self._thread.join(5)

    def add_user(self, sub, snils=None, name="Test Person"):
        self.users[sub] = {"sub": sub, "snils": snils, "name": name}
        return self.users[sub]

    @property
    def client(self):
        return _Client(self.client_id, self.client_secret, self.redirect_uri, self.signer_key)

    # ------------------------------------------------------------------
    def _build_server(self):
        server = _Server(self, scopes_supported=["openid", "fullname", "snils", "profile"])
        server.register_token_generator(
            "default", BearerTokenGenerator(lambda *a, **kw: generate_token(42), None, lambda c, g: 600)
        )
        server.register_client_auth_method("esia_signed", _authenticate_signed)
        server.register_grant(
            _CodeGrant, [CodeChallenge(required=True), _OpenIDCodeExtension(self, require_nonce=True)]
        )
        return server

    # ------------------------------------------------------------------
    def _json(self, payload, status=200):
        return Response(json.dumps(payload), status=status, content_type="application/json")

    def _wsgi(self, environ, start_response):
        wreq = Request(environ)
        try:
            response = self._dispatch(wreq)
        except OAuth2Error as error:
            response = self._json(dict(error.get_body()), status=error.status_code)
        return response(environ, start_response)

    def _dispatch(self, wreq):
        path = wreq.path
        if path == "/jwks":
            return self._json({"keys": [self.signing_key.as_dict(is_private=False, use="sig", alg="RS256")]})
        if path == "/authorize":
            self.authorize_requests.append(dict(wreq.args))
            if wreq.args.get("code_challenge_method") != "S256" or not wreq.args.get("code_challenge"):
                return self._json(
                    {"error": "invalid_request", "error_description": "PKCE S256 required"}, 400
                )
            if self.current_user is None:
                return self._json({"error": "login_required"}, 400)
            grant = self._server.get_consent_grant(wreq, end_user=self.current_user)
            return self._server.create_authorization_response(wreq, grant_user=self.current_user, grant=grant)
        if path == "/token":
            self.token_requests.append(dict(wreq.form))
            return self._server.create_token_response(wreq)
        if path == "/userinfo":
            header = wreq.headers.get("Authorization", "")
            user = self.tokens.get(header[7:]) if header.startswith("Bearer ") else None
            if not user:
                return self._json({"error": "invalid_token"}, 401)
            return self._json({key: value for key, value in user.items() if value})
        return self._json({"error": "not_found"}, 404)
