"""Holds the Search API client and its stand-in to publiq's published ``search-openapi.json``.

The same approach as :mod:`tests.support.v4_spec`: ``SearchSpecTransport`` wraps the real
transport the ``SearchClient`` uses, validates every request it sends against the spec's
request side and every answer the stand-in gives against the response side (the event bodies
against UiTdatabank's JSON schemas in ``models/``, which the spec refers to as ``../models/``).
The spec's ``Error`` schema points at GitHub; it is rewritten to the local copy, so no test
needs the network.
"""

from __future__ import annotations

from functools import cache

import httpx
from openapi_core import OpenAPI

from tests.support.v4_spec import REFERENCE, _Request, _Response, local_spec

SEARCH_SPEC_FILE = REFERENCE / "search-api" / "search-openapi.json"


@cache
def search_spec(server_url: str) -> OpenAPI:
    """The spec with its GitHub reference made local and ``server_url`` as its server."""
    return local_spec(SEARCH_SPEC_FILE, "../v4-guides/Error.json", server_url)


def asked(pairs: list[list[str]]) -> str:
    """One query the stand-in recorded, readable: ``name=value&...`` (not URL-encoded)."""
    return "&".join(f"{name}={value}" for name, value in pairs)


def check_recorded_requests(recorded: list[list[list[str]]]) -> int:
    """Validate the queries the stand-in answered (``/_sandbox/search/requests``) against the
    spec's request side, as the bot sent them over the end-to-end stack; how many."""
    server = "https://search.uitdatabank.be"
    openapi = search_spec(server)
    for pairs in recorded:
        request = httpx.Request(
            "GET",
            f"{server}/events",
            params=[(name, value) for name, value in pairs],
            headers={"x-client-id": "recorded"},
        )
        openapi.validate_request(_Request(request))
    return len(recorded)


class SearchSpecTransport(httpx.AsyncBaseTransport):
    """Sends through a real transport and validates both sides of each exchange.

    ``server_url`` is the Search API's base (the stand-in's ``/search`` included).
    ``checked`` lists the validated exchanges, so a test can tell validation really ran.
    """

    def __init__(self, server_url: str, *, check_requests: bool = True) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self._server_url = server_url.rstrip("/")
        self._check_requests = check_requests
        self.checked: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        openapi = search_spec(self._server_url)
        if self._check_requests:
            openapi.validate_request(_Request(request))
        response = await self._inner.handle_async_request(request)
        await response.aread()
        openapi.validate_response(_Request(request), _Response(response))
        self.checked.append(f"{request.method} {request.url.path} {response.status_code}")
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()
