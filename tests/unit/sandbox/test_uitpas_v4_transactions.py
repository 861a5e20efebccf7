"""The passholder's transaction history under v4, both sides held to publiq's spec over HTTP.

``GET /passholders/{passholderId}/transactions`` is where v4 names the event of a check-in
(its own answer has only points) and what settles a check-in whose answer never came. The
real ``V4Client`` talks to the real sandbox through ``SpecCheckingTransport``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.uitpas.app import create_app
from bot.sandbox.uitpas.data import NORMAL
from bot.sandbox.uitpas_v4 import V4_PREFIX
from bot.uitpas.models import AnswerCode
from bot.uitpas.v4.client import V4Client
from tests.support.v4_spec import SpecCheckingTransport
from tests.unit.uitpas.test_uitpas_v4_client import REDIRECT, FixedTokens, auth_for, log_in

JAZZ_CODE = "12345678"  # Jazz op de Grote Markt, CC De Werf, 1 point
THEATER_CODE = "https://test.uitpas.be/?qr=ndm24bawzzswzunwa2hotji8"  # 2 points


@pytest.fixture
def sandbox() -> Iterator[BackgroundServer]:
    with serving(create_app()) as server:
        yield server


@pytest.fixture
async def checked(
    sandbox: BackgroundServer,
) -> AsyncIterator[tuple[V4Client, SpecCheckingTransport]]:
    """A passholder's client, logged in as NORMAL, every exchange checked against the spec."""
    base = f"{sandbox.url}{V4_PREFIX}"
    transport = SpecCheckingTransport(base)
    auth = auth_for(sandbox)
    code, verifier = await log_in(sandbox, auth, NORMAL)
    tokens = await auth.exchange_code(code, verifier, REDIRECT)
    client = V4Client(base, auth, FixedTokens(auth, tokens), transport=transport)
    yield client, transport
    await client.aclose()


async def test_the_check_in_answer_names_the_event_from_the_history(
    checked: tuple[V4Client, SpecCheckingTransport],
) -> None:
    client, transport = checked
    answer = await client.checkin(NORMAL, JAZZ_CODE, telegram_user_id=1)
    assert (answer.code, answer.saved_points, answer.points) == ("ACTION_SUCCEEDED", 1, 26)
    assert answer.event is not None
    assert answer.event.title == "Jazz op de Grote Markt"
    assert answer.event.organiser is not None
    assert answer.event.organiser.name == "CC De Werf"
    assert any(line.endswith("/passholders/me/checkins 201") for line in transport.checked)
    assert any(line.endswith("/passholders/me/transactions 200") for line in transport.checked)


async def test_the_history_lists_check_ins_newest_first_and_pages(
    checked: tuple[V4Client, SpecCheckingTransport],
) -> None:
    client, _ = checked
    before = datetime.now(UTC).replace(microsecond=0)
    empty = await client.transactions(telegram_user_id=1)
    assert (empty.code, empty.transactions) == (AnswerCode.ACTION_SUCCEEDED, ())
    await client.checkin(NORMAL, JAZZ_CODE, telegram_user_id=1)
    await client.checkin(NORMAL, THEATER_CODE, telegram_user_id=1)
    history = await client.transactions(telegram_user_id=1)
    assert [(t.title, t.points) for t in history.transactions] == [
        ("Theater: De Kleine Prins", 2),
        ("Jazz op de Grote Markt", 1),
    ]
    assert all(t.created is not None and t.created >= before for t in history.transactions)
    assert history.saved_since(before, points=1) == history.transactions[1]
    assert history.saved_since(datetime.now(UTC) + timedelta(seconds=5)) is None
    first = await client.transactions(telegram_user_id=1, limit=1)
    assert [t.title for t in first.transactions] == ["Theater: De Kleine Prins"]


async def test_the_sandbox_answers_the_spec_also_for_refusals(sandbox: BackgroundServer) -> None:
    """No token, a client token, another passholder, a limit over 500: each answer is one
    the spec lists for this operation (checked by the transport's response validation)."""
    base = f"{sandbox.url}{V4_PREFIX}"
    transport = SpecCheckingTransport(base)
    auth = auth_for(sandbox)
    code, verifier = await log_in(sandbox, auth, NORMAL)
    user = (await auth.exchange_code(code, verifier, REDIRECT)).access_token
    client = (await auth.client_credentials()).access_token
    async with httpx.AsyncClient(base_url=base, transport=transport) as http:
        path = "/passholders/me/transactions"
        assert (await http.get(path)).status_code == 401
        bearer = {"Authorization": f"Bearer {client}"}
        assert (await http.get(path, headers=bearer)).status_code == 403
        bearer = {"Authorization": f"Bearer {user}"}
        other = "/passholders/00000000-0000-4000-8000-000000000000/transactions"
        assert (await http.get(other, headers=bearer)).status_code == 403
        too_many = await http.get(path, params={"limit": "501"}, headers=bearer)
        assert too_many.status_code == 400
        assert too_many.json()["type"].endswith("/url/query-limit-exceeded")
        sorted_up = await http.get(path, params={"sort[creationDate]": "asc"}, headers=bearer)
        assert sorted_up.status_code == 200
    await auth.aclose()
    assert len(transport.checked) == 5
