"""The v4 sandbox and the v4 client, held to publiq's published OpenAPI spec over HTTP.

The real ``V4Client`` talks to the real sandbox through ``SpecCheckingTransport``: each
request it sends and each answer the sandbox gives is validated against the spec, so a drift
of either side from publiq's API fails here.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from openapi_core.validation.response.exceptions import InvalidData

from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.uitpas.app import create_app
from bot.sandbox.uitpas.data import NORMAL
from bot.sandbox.uitpas_v4 import V4_PREFIX
from bot.sandbox.uitpas_v4 import api as sandbox_api
from bot.uitpas.models import AnswerCode
from bot.uitpas.v4.client import V4Client
from tests.support.v4_spec import SpecCheckingTransport
from tests.unit.uitpas.test_uitpas_v4_client import REDIRECT, FixedTokens, auth_for, log_in


@pytest.fixture
def sandbox() -> Iterator[BackgroundServer]:
    with serving(create_app()) as server:
        yield server


@pytest.fixture
async def checked(
    sandbox: BackgroundServer,
) -> AsyncIterator[tuple[V4Client, SpecCheckingTransport]]:
    base = f"{sandbox.url}{V4_PREFIX}"
    transport = SpecCheckingTransport(base)
    client = V4Client(
        base, auth_for(sandbox), FixedTokens(auth_for(sandbox), None), transport=transport
    )
    yield client, transport
    await client.aclose()


async def test_passes_success_is_spec_valid(
    checked: tuple[V4Client, SpecCheckingTransport],
) -> None:
    client, transport = checked
    answer = await client.points(NORMAL)
    assert answer.code is AnswerCode.ACTION_SUCCEEDED
    assert any(
        line.startswith("GET ") and line.endswith("/passes 200") for line in transport.checked
    )


async def test_passes_unknown_card_is_spec_valid(
    checked: tuple[V4Client, SpecCheckingTransport],
) -> None:
    client, transport = checked
    await client.points("0930000000107")
    assert any("/passes 4" in line for line in transport.checked)


async def test_a_broken_sandbox_answer_fails_validation(
    checked: tuple[V4Client, SpecCheckingTransport], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check has teeth: a pass without its required ``cardSystem`` is caught."""
    real = sandbox_api._pass

    def broken(*args: object) -> dict[str, object]:
        answer = real(*args)  # type: ignore[arg-type]
        del answer["cardSystem"]
        return answer

    monkeypatch.setattr(sandbox_api, "_pass", broken)
    client, _ = checked
    with pytest.raises(InvalidData):
        await client.points(NORMAL)


async def test_passholders_me_is_spec_valid(sandbox: BackgroundServer) -> None:
    base = f"{sandbox.url}{V4_PREFIX}"
    transport = SpecCheckingTransport(base)
    auth = auth_for(sandbox)
    code, verifier = await log_in(sandbox, auth, NORMAL)
    tokens = await auth.exchange_code(code, verifier, REDIRECT)
    client = V4Client(base, auth, FixedTokens(auth, tokens), transport=transport)
    try:
        me = await client.me(tokens.access_token)
    finally:
        await client.aclose()
    assert me.uitpas_number == NORMAL
    assert any(line.endswith("/passholders/me 200") for line in transport.checked)
