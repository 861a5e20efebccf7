"""A small UiTiD (Keycloak) authorization server that behaves like the real one where it matters.

Under ``/realms/uitid/protocol/openid-connect``:

- ``GET auth``: the login page; a passholder picks a demo card (that is the "password"). The
  form posts back to ``POST auth`` (an automated test may post it directly), which redirects to
  ``redirect_uri`` with ``code`` and ``state``. ``code_challenge`` with method ``S256`` is
  required (public and confidential clients alike, as publiq asks).
- ``POST token``: ``client_credentials``; ``authorization_code`` (the code is single use, lives
  60 s, must come with the same ``redirect_uri`` and a ``code_verifier`` whose S256 matches);
  ``refresh_token`` (rotated: the old one stops working when the new one is issued). Clients
  authenticate with HTTP Basic or ``client_id``/``client_secret`` in the form.
- ``POST revoke``: ends a refresh token's login (RFC 7009: always 200).

Errors are RFC 6749 JSON (``{"error": "invalid_grant", ...}``). Control (no auth), under
``/_sandbox/uitid``: ``POST expire`` with ``{"tokens": "access" | "refresh" | "all"}`` expires
tokens now; ``GET`` shows how many are alive; ``POST redirects`` with ``{"redirectUris": [...]}``
registers the only login redirect URLs accepted (``null``: any, the default), as a client
registered at publiq has. Tokens are opaque random strings.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import html
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

REALM_PATH = "/realms/uitid/protocol/openid-connect"
CODE_LIFETIME = 60.0
ACCESS_LIFETIME = 300.0
REFRESH_LIFETIME = 30 * 24 * 3600.0


@dataclass(frozen=True, slots=True)
class DemoClient:
    client_id: str
    secret: str


DEMO_CLIENTS = (DemoClient("demo-client", "demo-client-secret"),)


@dataclass(frozen=True, slots=True)
class AccessToken:
    client_id: str
    number: str | None  # the passholder for a user token; None for a client token
    expires_at: float


@dataclass(frozen=True, slots=True)
class _Code:
    client_id: str
    redirect_uri: str
    challenge: str
    number: str
    expires_at: float


@dataclass(frozen=True, slots=True)
class _Refresh:
    client_id: str
    number: str
    expires_at: float


class UitidServer:
    """All grants in memory, under one lock (uvicorn may run handlers concurrently)."""

    def __init__(self, clients: tuple[DemoClient, ...] = DEMO_CLIENTS) -> None:
        self.clients = {c.client_id: c for c in clients}
        self._lock = threading.Lock()
        self._codes: dict[str, _Code] = {}
        self._access: dict[str, AccessToken] = {}
        self._refresh: dict[str, _Refresh] = {}
        self.token_requests = 0
        # The login redirect URLs registered for the clients; None: any http(s) address (the
        # demo's and the tests' bots listen on ports chosen at start).
        self.redirect_uris: frozenset[str] | None = None

    def reset(self) -> None:
        with self._lock:
            self._codes.clear()
            self._access.clear()
            self._refresh.clear()
            self.token_requests = 0
            self.redirect_uris = None

    def access(self, token: str) -> AccessToken | None:
        with self._lock:
            found = self._access.get(token)
        return found if found is not None and time.monotonic() < found.expires_at else None

    def expire(self, which: str) -> None:
        with self._lock:
            if which in ("access", "all"):
                self._access.clear()
            if which in ("refresh", "all"):
                self._refresh = {
                    t: _Refresh(r.client_id, r.number, 0.0) for t, r in self._refresh.items()
                }

    def describe(self) -> dict[str, int]:
        now = time.monotonic()
        with self._lock:
            return {
                "access": sum(1 for a in self._access.values() if a.expires_at > now),
                "refresh": sum(1 for r in self._refresh.values() if r.expires_at > now),
                "tokenRequests": self.token_requests,
            }

    def issue_code(self, client_id: str, redirect_uri: str, challenge: str, number: str) -> str:
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._codes[code] = _Code(
                client_id, redirect_uri, challenge, number, time.monotonic() + CODE_LIFETIME
            )
        return code

    def _tokens(self, client_id: str, number: str | None) -> dict[str, Any]:
        access = secrets.token_urlsafe(32)
        now = time.monotonic()
        self._access[access] = AccessToken(client_id, number, now + ACCESS_LIFETIME)
        answer: dict[str, Any] = {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": int(ACCESS_LIFETIME),
        }
        if number is not None:
            refresh = secrets.token_urlsafe(32)
            self._refresh[refresh] = _Refresh(client_id, number, now + REFRESH_LIFETIME)
            answer |= {
                "refresh_token": refresh,
                "refresh_expires_in": int(REFRESH_LIFETIME),
                "scope": "openid email offline_access",
            }
        return answer

    def grant(self, client_id: str, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        grant_type = form.get("grant_type", "")
        now = time.monotonic()
        with self._lock:
            self.token_requests += 1
            if grant_type == "client_credentials":
                return 200, self._tokens(client_id, None)
            if grant_type == "authorization_code":
                code = self._codes.pop(form.get("code", ""), None)  # single use, even on failure
                if code is None or code.expires_at < now:
                    return _oauth_error("invalid_grant", "Code not valid")
                if code.client_id != client_id or code.redirect_uri != form.get("redirect_uri"):
                    return _oauth_error("invalid_grant", "Incorrect redirect_uri or client")
                if _s256(form.get("code_verifier", "")) != code.challenge:
                    return _oauth_error("invalid_grant", "PKCE verification failed")
                return 200, self._tokens(client_id, code.number)
            if grant_type == "refresh_token":
                refresh = self._refresh.pop(form.get("refresh_token", ""), None)  # rotation
                if refresh is None or refresh.expires_at < now or refresh.client_id != client_id:
                    return _oauth_error("invalid_grant", "Token is not active")
                return 200, self._tokens(client_id, refresh.number)
        return _oauth_error("unsupported_grant_type", grant_type or "missing grant_type")

    def revoke(self, client_id: str, token: str) -> None:
        with self._lock:
            found = self._refresh.get(token)
            if found is not None and found.client_id == client_id:
                del self._refresh[token]
                # Keycloak ends the session: its access tokens stop working too.
                self._access = {
                    t: a
                    for t, a in self._access.items()
                    if not (a.number == found.number and a.client_id == client_id)
                }


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _oauth_error(error: str, description: str, status: int = 400) -> tuple[int, dict[str, Any]]:
    return status, {"error": error, "error_description": description}


async def _form(request: Request) -> dict[str, str]:
    """A url-encoded body (without python-multipart, which the bot does not need)."""
    return dict(parse_qsl((await request.body()).decode("utf-8", "replace")))


def _client(server: UitidServer, request: Request, form: dict[str, str]) -> DemoClient | None:
    client_id, secret = form.get("client_id"), form.get("client_secret")
    header = request.headers.get("authorization", "")
    if header.lower().startswith("basic "):
        try:
            client_id, _, secret = base64.b64decode(header[6:]).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
    found = server.clients.get(client_id or "")
    if found is None or not secrets.compare_digest(found.secret, secret or ""):
        return None
    return found


def routes(server: UitidServer, passholders: Any) -> list[BaseRoute]:
    """The authorization server's routes; ``passholders()`` lists (number, name) to log in as."""

    async def authorize(request: Request) -> Response:
        params = dict(request.query_params)
        if request.method == "POST":
            params |= await _form(request)
        client = server.clients.get(params.get("client_id", ""))
        redirect_uri = params.get("redirect_uri", "")
        if client is None or not redirect_uri.startswith(("http://", "https://")):
            # Never redirect to an unverified place: show the error here.
            return HTMLResponse("<h1>Ongeldige aanvraag</h1><p>Onbekende client.</p>", 400)
        registered = server.redirect_uris
        if registered is not None and redirect_uri not in registered:
            # Keycloak's own page (and status) for a redirect URL the client did not register.
            return HTMLResponse("<h1>Invalid parameter: redirect_uri</h1>", 400)
        state = params.get("state", "")

        def back(**fields: str) -> Response:
            joiner = "&" if "?" in redirect_uri else "?"
            return RedirectResponse(f"{redirect_uri}{joiner}{urlencode(fields)}", 302)

        if params.get("response_type") != "code":
            return back(error="unsupported_response_type", state=state)
        challenge = params.get("code_challenge", "")
        if params.get("code_challenge_method") != "S256" or len(challenge) < 43:
            return back(
                error="invalid_request", error_description="PKCE S256 required", state=state
            )
        if request.method == "GET":
            return HTMLResponse(_login_page(params, passholders()))
        if "cancel" in params:
            return back(error="access_denied", state=state)
        number = params.get("passholder", "")
        if number not in dict(passholders()):
            return HTMLResponse(_login_page(params, passholders(), "Kies een pashouder."), 400)
        code = server.issue_code(client.client_id, redirect_uri, challenge, number)
        return back(code=code, state=state)

    async def token(request: Request) -> Response:
        form = await _form(request)
        client = _client(server, request, form)
        if client is None:
            status, body = _oauth_error("invalid_client", "Invalid client credentials", 401)
        else:
            status, body = server.grant(client.client_id, form)
        return JSONResponse(body, status, headers={"Cache-Control": "no-store"})

    async def revoke(request: Request) -> Response:
        form = await _form(request)
        client = _client(server, request, form)
        if client is None:
            status, body = _oauth_error("invalid_client", "Invalid client credentials", 401)
            return JSONResponse(body, status)
        server.revoke(client.client_id, form.get("token", ""))
        return Response(status_code=200)

    return [
        Route(f"{REALM_PATH}/auth", authorize, methods=["GET", "POST"]),
        Route(f"{REALM_PATH}/token", token, methods=["POST"]),
        Route(f"{REALM_PATH}/revoke", revoke, methods=["POST"]),
    ]


def control_routes(server: UitidServer) -> list[BaseRoute]:
    async def expire(request: Request) -> Response:
        try:
            fields = await request.json()
        except ValueError:
            fields = None
        which = fields.get("tokens") if isinstance(fields, dict) else None
        if which not in ("access", "refresh", "all"):
            return JSONResponse({"error": "tokens must be access, refresh or all"}, 400)
        server.expire(which)
        return JSONResponse(server.describe())

    async def describe(request: Request) -> Response:
        return JSONResponse(server.describe())

    async def redirects(request: Request) -> Response:
        try:
            fields = await request.json()
        except ValueError:
            fields = None
        uris = fields.get("redirectUris", ()) if isinstance(fields, dict) else ()
        if uris is not None and (
            not isinstance(uris, list) or not all(isinstance(u, str) for u in uris)
        ):
            return JSONResponse({"error": "redirectUris must be a list of URLs or null"}, 400)
        server.redirect_uris = None if uris is None else frozenset(uris)
        return JSONResponse({"redirectUris": None if uris is None else sorted(uris)})

    return [
        Route("/_sandbox/uitid/expire", expire, methods=["POST"]),
        Route("/_sandbox/uitid/redirects", redirects, methods=["POST"]),
        Route("/_sandbox/uitid", describe),
    ]


def _login_page(params: dict[str, str], people: list[tuple[str, str]], problem: str = "") -> str:
    hidden = "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
        for k, v in params.items()
        if k not in ("passholder", "cancel")
    )
    options = "".join(
        f'<label><input type="radio" name="passholder" value="{html.escape(number)}"> '
        f"{html.escape(name)} ({html.escape(number[:4])} …)</label><br>"
        for number, name in people
    )
    warning = f"<p><b>{html.escape(problem)}</b></p>" if problem else ""
    return (
        "<!doctype html><html lang=nl><meta charset=utf-8><title>UiTiD (sandbox)</title>"
        "<h1>Aanmelden met UiTiD</h1><p>Sandbox: kies een demo-pashouder.</p>"
        f'{warning}<form method="post">{hidden}{options}'
        '<button type="submit">Aanmelden</button> '
        '<button type="submit" name="cancel" value="1">Annuleren</button></form></html>'
    )
