"""Holds the v4 client and the v4 sandbox to publiq's published OpenAPI spec.

``SpecCheckingTransport`` wraps the real HTTP transport the ``V4Client`` uses: every request
it sends is validated against the spec's request side, and every answer the sandbox gives
against the response side. So a drift of either stand-in from the spec fails the test that
exercised it, instead of the bot being tested against a world publiq does not serve.

The schemas cannot say which problem types an operation may answer: the spec lists them in
each response's description ("Possible error types: ..."). So a problem answer is also checked
against that list (:func:`listed_problem_types`), and a type the spec does not name for that
operation and status fails as a drift too.

The spec points its ``Error`` schema at a GitHub URL; tests must not need the network, so
that reference is rewritten to the local copy in ``v4-guides/Error.json``.
"""

from __future__ import annotations

import json
import re
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


def local_spec(spec_file: Path, error_ref: str, server_url: str) -> OpenAPI:
    """A publiq spec with its GitHub ``Error`` reference pointed at ``error_ref`` (relative to
    ``spec_file``) and ``server_url`` as its server; the Search API's spec is read so too."""
    document: dict[str, Any] = json.loads(spec_file.read_text().replace(ERROR_URL, error_ref))
    document["servers"] = [{"url": server_url}]
    # publiq's errors are RFC 9457 problems; openapi-core reads only plain JSON by itself.
    config = Config(extra_media_type_deserializers={"application/problem+json": json.loads})
    return OpenAPI.from_dict(document, base_uri=spec_file.as_uri(), config=config)


@cache
def spec(server_url: str) -> OpenAPI:
    """The spec with its one external reference made local and ``server_url`` as its server."""
    return local_spec(SPEC_FILE, "v4-guides/Error.json", server_url)


class UnlistedProblemType(AssertionError):
    """A problem answer whose ``type`` the spec does not list for that operation and status."""


_PROBLEM_URI = re.compile(r"https://api\.publiq\.be/probs/[a-z0-9/-]+")


@cache
def _document() -> dict[str, Any]:
    return json.loads(SPEC_FILE.read_text())


def _operation(method: str, path: str) -> tuple[str, dict[str, Any]] | None:
    """The spec's (path template, operation) for a request path; a literal path wins."""
    paths: dict[str, Any] = _document()["paths"]
    matches = []
    for template, item in paths.items():
        pattern = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path) and method in item:
            matches.append((template.count("{"), template, item[method]))
    if not matches:
        return None
    _, template, operation = min(matches, key=lambda m: m[0])
    return template, operation


def listed_problem_types(method: str, path: str, status: int) -> frozenset[str]:
    """The problem type URIs the spec names for this operation's ``status`` answer."""
    found = _operation(method, path)
    if found is None:
        return frozenset()
    response = found[1].get("responses", {}).get(str(status))
    if response is None:
        return frozenset()
    if "$ref" in response:
        name = response["$ref"].rsplit("/", 1)[-1]
        response = _document()["components"]["responses"][name]
    return frozenset(_PROBLEM_URI.findall(response.get("description", "")))


def check_problem_type(method: str, path: str, status: int, body: bytes) -> None:
    """Raise :class:`UnlistedProblemType` when a problem's type is not the spec's for it."""
    problem_type = json.loads(body).get("type")
    listed = listed_problem_types(method, path, status)
    if problem_type == "about:blank" and not listed:
        return  # the spec lists no type for this answer: RFC 9457's about:blank fits it
    if problem_type not in listed:
        raise UnlistedProblemType(
            f"{method.upper()} {path} {status}: {problem_type!r} is not among {sorted(listed)}"
        )


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

    def __init__(
        self, server_url: str, *, check_requests: bool = True, check_problem_types: bool = True
    ) -> None:
        """``check_requests=False``: only the answers are checked, for a test that sends a
        request the spec forbids on purpose (to see the sandbox refuse it as the spec says).
        ``check_problem_types=False``: for a test that makes the sandbox answer a problem type
        publiq does not list, to see how the client copes with one it has never heard of."""
        self._inner = httpx.AsyncHTTPTransport()
        self._server_url = server_url.rstrip("/")
        self._check_requests = check_requests
        self._check_problem_types = check_problem_types
        self.checked: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        in_spec = str(request.url).startswith(self._server_url) and not request.url.path.endswith(
            OUT_OF_SPEC_PATHS
        )
        openapi = spec(self._server_url)
        if in_spec and self._check_requests:
            openapi.validate_request(_Request(request))
        response = await self._inner.handle_async_request(request)
        if in_spec:
            await response.aread()
            openapi.validate_response(_Request(request), _Response(response))
            problem = _Response(response).content_type == "application/problem+json"
            if problem and self._check_problem_types:
                spec_path = request.url.path[len(httpx.URL(self._server_url).path) :]
                check_problem_type(
                    request.method.lower(), spec_path, response.status_code, response.content
                )
            self.checked.append(f"{request.method} {request.url.path} {response.status_code}")
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()
