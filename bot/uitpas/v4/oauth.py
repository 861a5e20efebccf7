"""OAuth 2 with publiq's UiTiD authorization server (Keycloak): the four calls the bot makes.

- client credentials: the bot's own token for ``/passes`` and ``/rewards``;
- authorization code with PKCE (S256): a passholder's login, ending in a refresh token;
- refresh: a fresh access token (and, with rotation, a new refresh token) for a check-in;
- revocation: ``/unlink`` ends the login at the server, not only in our database.

Nothing here logs a token or a code. Errors name the OAuth ``error`` only, never the body.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

import httpx

from bot.http_transport import ShardedTransport
from bot.uitpas.errors import UitpasUnavailable, UnavailableReason

log = logging.getLogger(__name__)

REALM_PATH = "/realms/uitid/protocol/openid-connect"
LOGIN_SCOPE = "openid email offline_access"
# Tokens are treated as expired this long before they are, so none expires in flight.
EXPIRY_MARGIN_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class TokenSet:
    access_token: str = field(repr=False)
    expires_at: float  # time.monotonic() seconds
    refresh_token: str | None = field(default=None, repr=False)

    def fresh(self, now: float | None = None) -> bool:
        return (now if now is not None else time.monotonic()) < self.expires_at


class OAuthRefused(Exception):
    """The authorization server refused a grant: ``invalid_grant`` (a code or refresh token that
    is expired, used or revoked), ``invalid_client`` (our credentials), ..."""

    def __init__(self, error: str, status: int) -> None:
        super().__init__(f"OAuth refused: {error} (HTTP {status})")
        self.error = error
        self.status = status

    @property
    def login_gone(self) -> bool:
        """The passholder's login is no longer usable: send them back to log in."""
        return self.error == "invalid_grant"


def pkce_pair() -> tuple[str, str]:
    """A PKCE code verifier (43+ chars of the unreserved alphabet) and its S256 challenge."""
    verifier = secrets.token_urlsafe(48)
    return verifier, pkce_challenge(verifier)


def pkce_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class UitidAuth:
    """The authorization server at ``auth_url`` (e.g. ``https://account-test.uitid.be``)."""

    def __init__(
        self,
        auth_url: str,
        client_id: str,
        client_secret: str,
        *,
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.auth_url = auth_url.rstrip("/")
        self.client_id = client_id
        self._client_auth = httpx.BasicAuth(client_id, client_secret)
        self._http = httpx.AsyncClient(timeout=timeout, transport=transport or ShardedTransport())

    def __repr__(self) -> str:
        return f"{type(self).__name__}(auth_url={self.auth_url!r}, client_id={self.client_id!r})"

    @property
    def token_url(self) -> str:
        return f"{self.auth_url}{REALM_PATH}/token"

    def authorization_url(self, *, state: str, code_challenge: str, redirect_uri: str) -> str:
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self.client_id,
                "redirect_uri": redirect_uri,
                "scope": LOGIN_SCOPE,
                "state": state,
                "code_challenge": code_challenge,
                "code_challenge_method": "S256",
            }
        )
        return f"{self.auth_url}{REALM_PATH}/auth?{query}"

    async def client_credentials(self) -> TokenSet:
        return await self._token({"grant_type": "client_credentials"}, "client token")

    async def exchange_code(self, code: str, code_verifier: str, redirect_uri: str) -> TokenSet:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "code_verifier": code_verifier,
            "redirect_uri": redirect_uri,
        }
        return await self._token(form, "code exchange")

    async def refresh(self, refresh_token: str) -> TokenSet:
        form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
        return await self._token(form, "refresh")

    async def revoke(self, refresh_token: str) -> None:
        """End the login at the server; raises ``UitpasUnavailable`` when it does not answer."""
        form = {"token": refresh_token, "token_type_hint": "refresh_token"}
        response = await self._post(f"{self.auth_url}{REALM_PATH}/revoke", form, "revoke")
        if response.status_code >= 400:
            log.warning("UiTiD revoke: HTTP %d", response.status_code)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _token(self, form: dict[str, str], operation: str) -> TokenSet:
        started = time.monotonic()
        response = await self._post(self.token_url, form, operation)
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.status_code >= 400 or not isinstance(body, dict):
            error = body.get("error") if isinstance(body, dict) else None
            if isinstance(error, str):
                log.info("UiTiD %s refused: %s", operation, error)
                raise OAuthRefused(error, response.status_code)
            detail = f"{operation}: HTTP {response.status_code}"
            log.warning("UiTiD %s", detail)
            raise UitpasUnavailable(UnavailableReason.UNREADABLE, detail, sent=True)
        access = body.get("access_token")
        if not isinstance(access, str) or not access:
            raise UitpasUnavailable(
                UnavailableReason.UNREADABLE, f"{operation}: no access_token", sent=True
            )
        try:
            lifetime = float(body.get("expires_in", 60))
        except (TypeError, ValueError):
            lifetime = 60.0
        refresh = body.get("refresh_token")
        return TokenSet(
            access_token=access,
            expires_at=started + max(lifetime - EXPIRY_MARGIN_SECONDS, 0.0),
            refresh_token=refresh if isinstance(refresh, str) and refresh else None,
        )

    async def _post(self, url: str, form: dict[str, str], operation: str) -> httpx.Response:
        try:
            return await self._http.post(
                url, data=form, auth=self._client_auth, headers={"Accept": "application/json"}
            )
        except httpx.TransportError as exc:
            reason = (
                UnavailableReason.TIMEOUT
                if isinstance(exc, httpx.TimeoutException)
                else UnavailableReason.CONNECTION
            )
            log.warning("UiTiD %s: %s", operation, type(exc).__name__)
            raise UitpasUnavailable(reason, f"UiTiD {operation}: {type(exc).__name__}") from exc
