"""Holds the v4 client and the v4 sandbox to publiq's published OpenAPI spec.

``SpecCheckingTransport`` wraps the real HTTP transport the ``V4Client`` uses: every request
it sends is validated against the spec's request side, and every answer the sandbox gives
against the response side. So a drift of either stand-in from the spec fails the test that
exercised it, instead of the bot being tested against a world publiq does not serve.

The spec points its ``Error`` schema at a GitHub URL; tests must not need the network, so
that reference is rewritten to the local copy in ``v4-guides/Error.json``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference"
SPEC_FILE = REFERENCE / "uitpas-v4-openapi.json"
ERROR_URL = (
    "https://raw.githubusercontent.com/cultuurnet/apidocs/main/projects/errors/models/Error.json"
)
# The spec's operations the token endpoint is not among (it is UiTiD's, outside the spec).
OUT_OF_SPEC_PATHS = ("/token", "/oauth/token")


@cache
def spec(server_url: str) -> OpenAPI:
    """The spec with its one external reference made local and ``server_url`` as its server."""
    document: dict[str, Any] = json.loads(
        SPEC_FILE.read_text().replace(ERROR_URL, "v4-guides/Error.json")
    )
    document["servers"] = [{"url": server_url}]
    # publiq's errors are RFC 9457 problems; openapi-core reads only plain JSON by itself.
    config = Config(extra_media_type_deserializers={"application/problem+json": json.loads})
    return OpenAPI.from_dict(document, base_uri=SPEC_FILE.as_uri(), config=config)


class _Request:
    """An httpx request as openapi-core's Request protocol sees it."""

    def __init__(self, request: httpx.Request) -> None:
        self._request = request
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qs(request.url.query.decode())),
            header=Headers(dict(request.headers)),
            cookie=ImmutableMultiDict(),
        )

    @property
    def host_url(self) -> str:
        return f"{self._request.url.scheme}://{self._request.url.netloc.decode()}"

    @property
    def path(self) -> str:
        return self._request.url.path

    @property
    def method(self) -> str:
        return self._request.method.lower()

    @property
    def body(self) -> bytes | None:
        return self._request.content or None

    @property
    def content_type(self) -> str:
        return self._request.headers.get("content-type", "")


class _Response:
    """An httpx response as openapi-core's Response protocol sees it."""

    def __init__(self, response: httpx.Response) -> None:
        self._response = response

    @property
    def status_code(self) -> int:
        return self._response.status_code

    @property
    def content_type(self) -> str:
        return self._response.headers.get("content-type", "").split(";")[0]

    @property
    def headers(self) -> httpx.Headers:
        return self._response.headers

    @property
    def data(self) -> bytes:
        return self._response.content


class SpecCheckingTransport(httpx.AsyncBaseTransport):
    """Sends through a real transport and validates both sides of each exchange.

    ``server_url`` is the v4 base URL (the sandbox's ``V4_PREFIX`` included), so the spec's
    paths line up with the sandbox's. Exchanges outside ``server_url`` (UiTiD) pass unchecked.
    ``checked`` counts the validated exchanges, so a test can tell validation really ran.
    """

    def __init__(self, server_url: str) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self._server_url = server_url.rstrip("/")
        self.checked: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        in_spec = str(request.url).startswith(self._server_url) and not request.url.path.endswith(
            OUT_OF_SPEC_PATHS
        )
        openapi = spec(self._server_url)
        if in_spec:
            openapi.validate_request(_Request(request))
        response = await self._inner.handle_async_request(request)
        if in_spec:
            await response.aread()
            openapi.validate_response(_Request(request), _Response(response))
            self.checked.append(f"{request.method} {request.url.path} {response.status_code}")
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()
