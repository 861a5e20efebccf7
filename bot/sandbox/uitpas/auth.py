"""Consumer requests, server side: OAuth 1.0a signature checks and consumer permissions.

The signature is verified by oauthlib's :class:`SignatureOnlyEndpoint` over the request exactly
as it arrived (raw path, raw query string, raw form body), within a timestamp window and with
each nonce accepted once. Refusals, in the shape of the API's other errors:

- HTTP 401 ``INVALID_SIGNATURE``: unknown consumer key or wrong secret (deliberately the same
  answer for both, as oauthlib arranges, so that keys cannot be probed);
- HTTP 401 ``INVALID_NONCE``: a nonce seen before within the window (a replayed request);
- HTTP 401 ``INVALID_OAUTH_REQUEST``: no or malformed ``oauth_*`` parameters, a signature
  method other than HMAC-SHA1, or a timestamp outside the window;
- HTTP 400 ``ACCESS_DENIED`` with ``requiredPermission``: a valid consumer without the
  permission the endpoint needs. These codes are the sandbox's choice; the legacy API
  documents only ``ACCESS_DENIED``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from oauthlib.common import Request as OAuthRequest
from oauthlib.oauth1 import RequestValidator, SignatureOnlyEndpoint
from starlette.requests import Request

from bot.sandbox.uitpas.answers import Answer, error

TIMESTAMP_WINDOW = 300  # seconds either side of the server's clock


class Permission(StrEnum):
    CHECKIN = "punt sparen met QR code"
    POINTS = "pashouder punten ophalen"
    PROMOTIONS = "PERMISSION_POINTSPROMOTION - ACTION_READ"


@dataclass(frozen=True, slots=True)
class Consumer:
    key: str
    secret: str
    name: str
    permissions: frozenset[Permission]

    def __repr__(self) -> str:
        return f"Consumer(key={self.key!r}, name={self.name!r})"


DEMO_CONSUMERS = (
    Consumer("demo-key", "demo-secret", "UiTPAS Bot (demo)", frozenset(Permission)),
    Consumer(
        "limited-key",
        "limited-secret",
        "Zonder spaarrecht",
        frozenset({Permission.POINTS, Permission.PROMOTIONS}),
    ),
)


class _NonceRegister:
    """Nonces seen within the timestamp window, per consumer; older ones are forgotten."""

    def __init__(self, window: int) -> None:
        self._window = window
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, str, str], float] = {}

    def first_use(self, client_key: str, timestamp: str, nonce: str) -> bool:
        now = time.time()
        with self._lock:
            self._seen = {k: t for k, t in self._seen.items() if now - t <= 2 * self._window}
            key = (client_key, timestamp, nonce)
            if key in self._seen:
                return False
            self._seen[key] = now
            return True


class _Validator(RequestValidator):
    """oauthlib's questions about consumers, answered from an in-memory table."""

    enforce_ssl = False  # the sandbox serves plain HTTP on loopback
    allowed_signature_methods = ("HMAC-SHA1",)
    timestamp_lifetime = TIMESTAMP_WINDOW
    dummy_client = "sandbox-dummy-consumer"

    def __init__(self, consumers: Mapping[str, Consumer], nonces: _NonceRegister) -> None:
        super().__init__()
        self._consumers = consumers
        self._nonces = nonces

    def check_client_key(self, client_key: str) -> bool:
        return 0 < len(client_key) <= 200 and client_key.isascii() and client_key.isprintable()

    def check_nonce(self, nonce: str) -> bool:
        return 0 < len(nonce) <= 200 and nonce.isascii() and nonce.isprintable()

    def validate_client_key(self, client_key: str, request: OAuthRequest) -> bool:
        return client_key in self._consumers

    def get_client_secret(self, client_key: str, request: OAuthRequest) -> str:
        consumer = self._consumers.get(client_key)
        return consumer.secret if consumer else "sandbox-dummy-secret"

    def validate_timestamp_and_nonce(
        self,
        client_key: str,
        timestamp: str,
        nonce: str,
        request: OAuthRequest,
        request_token: str | None = None,
        access_token: str | None = None,
    ) -> bool:
        first = self._nonces.first_use(client_key, timestamp, nonce)
        request.sandbox_replayed_nonce = not first
        return first


class ConsumerGate:
    """Decides whether a request is a valid consumer request with a given permission."""

    def __init__(self, consumers: tuple[Consumer, ...] = DEMO_CONSUMERS) -> None:
        self._consumers = {c.key: c for c in consumers}
        self._endpoint = SignatureOnlyEndpoint(
            _Validator(self._consumers, _NonceRegister(TIMESTAMP_WINDOW))
        )

    async def refusal(self, request: Request, permission: Permission) -> Answer | None:
        """None when the request may proceed, else the answer that refuses it."""
        body = (await request.body()).decode("utf-8", "replace")
        headers = {
            name: request.headers[name]
            for name in ("Authorization", "Content-Type")
            if name in request.headers
        }
        valid, oauth_request = self._endpoint.validate_request(
            _signed_uri(request), request.method, body or None, headers
        )
        if not valid:
            return _oauth_refusal(oauth_request)
        consumer = self._consumers[oauth_request.client_key]
        if permission not in consumer.permissions:
            return error(
                "ACCESS_DENIED",
                f"Consumer {consumer.key} heeft het recht '{permission}' niet.",
                requiredPermission=str(permission),
            )
        return None


def _signed_uri(request: Request) -> str:
    """The URL as the client signed it: raw path and query, host as sent."""
    scope = request.scope
    raw_path = scope.get("raw_path") or scope["path"].encode("utf-8")
    uri = f"{request.url.scheme}://{request.headers.get('host', request.url.netloc)}"
    uri += raw_path.decode("latin-1")
    if scope.get("query_string"):
        uri += "?" + scope["query_string"].decode("latin-1")
    return uri


def _oauth_refusal(oauth_request: OAuthRequest | None) -> Answer:
    if oauth_request is not None and "signature" in oauth_request.validator_log:
        return error("INVALID_SIGNATURE", "Onbekende consumer of ongeldige handtekening.", 401)
    if oauth_request is not None and getattr(oauth_request, "sandbox_replayed_nonce", False):
        return error("INVALID_NONCE", "Deze nonce werd al gebruikt.", 401)
    return error(
        "INVALID_OAUTH_REQUEST",
        "Geen geldig OAuth consumer request (parameters, methode of tijdstip).",
        401,
    )
