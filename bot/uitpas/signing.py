"""OAuth 1.0a consumer requests: how every call to the legacy UiTPAS API proves who sends it.

UiTPAS calls these "consumer requests": two-legged OAuth 1.0a with HMAC-SHA1, signed with the
consumer key and secret only (no token, so the HMAC key is ``percent(secret) + "&"``). The
``oauth_*`` parameters travel in the ``Authorization`` header; query parameters and a
form-encoded body are part of the signature base string, so the body must be signed exactly as
it is sent. :class:`ConsumerAuth` is an :class:`httpx.Auth`, which lets httpx hand it the final
URL and body bytes rather than a copy that could drift from what goes over the wire.
"""

from __future__ import annotations

from collections.abc import Generator

import httpx
from oauthlib import oauth1

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


class ConsumerAuth(httpx.Auth):
    """Signs each request as a UiTPAS consumer request (HMAC-SHA1, signature in the header)."""

    requires_request_body = True

    def __init__(self, consumer_key: str, consumer_secret: str) -> None:
        self.consumer_key = consumer_key
        self._consumer_secret = consumer_secret

    def __repr__(self) -> str:
        # The secret never appears here: reprs end up in logs and tracebacks.
        return f"{type(self).__name__}(consumer_key={self.consumer_key!r})"

    def authorization(
        self,
        method: str,
        url: str,
        body: str | None = None,
        *,
        nonce: str | None = None,
        timestamp: str | None = None,
    ) -> str:
        """The ``Authorization`` header value for one request.

        ``body`` is the form-encoded body exactly as sent, or None when there is none.
        ``nonce`` and ``timestamp`` are fixed only by tests; oauthlib draws fresh ones otherwise.
        """
        client = oauth1.Client(
            self.consumer_key,
            client_secret=self._consumer_secret,
            signature_method=oauth1.SIGNATURE_HMAC_SHA1,
            signature_type=oauth1.SIGNATURE_TYPE_AUTH_HEADER,
            nonce=nonce,
            timestamp=timestamp,
        )
        headers = {"Content-Type": FORM_CONTENT_TYPE} if body is not None else {}
        _, signed_headers, _ = client.sign(url, method, body=body, headers=headers)
        return signed_headers["Authorization"]

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        content_type = request.headers.get("Content-Type", "")
        body = None
        if content_type.split(";")[0].strip().lower() == FORM_CONTENT_TYPE:
            body = request.content.decode("ascii")
        request.headers["Authorization"] = self.authorization(
            request.method, str(request.url), body
        )
        yield request
