"""The round-robin proxy before real upstream servers, and the emulator delivering through it."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from starlette.applications import Starlette

from bot.sandbox.proxy import RoundRobinProxy
from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.telegram import EmulatorClient, TelegramEmulator, TgUser
from bot.sandbox.telegram.webhook import SECRET_HEADER
from tests.support.echo import echo_app

TOKEN = "123456:TEST-TOKEN"


@pytest.fixture
def seen() -> list[dict[str, object]]:
    return []


@pytest.fixture
def upstreams(seen: list[dict[str, object]]) -> Iterator[list[BackgroundServer]]:
    with serving(echo_app("a", seen)) as a, serving(echo_app("b", seen)) as b:
        yield [a, b]


async def test_requests_alternate_between_upstreams_unchanged(
    upstreams: list[BackgroundServer], seen: list[dict[str, object]]
) -> None:
    proxy = RoundRobinProxy([server.url for server in upstreams])
    with serving(proxy) as front:
        async with httpx.AsyncClient(base_url=front.url) as http:
            answers = [
                await http.post(
                    f"/telegram/{n}?x=1&y=%20",
                    content=json.dumps({"n": n}),
                    headers={SECRET_HEADER: "geheim", "content-type": "application/json"},
                )
                for n in range(4)
            ]
            refused = await http.delete("/status/403")
    assert [a.headers["x-upstream"] for a in answers] == ["a", "b", "a", "b"]
    assert [a.json()["upstream"] for a in answers] == ["a", "b", "a", "b"]
    assert answers[3].json() == {
        "upstream": "b",
        "method": "POST",
        "path": "/telegram/3",
        "query": "x=1&y=%20",
        "secret": "geheim",
        "body": '{"n": 3}',
    }
    assert (refused.status_code, refused.json()["method"]) == (403, "DELETE")
    assert proxy.counts == [3, 2]
    assert len(seen) == 5


async def test_an_upstream_that_is_down_gives_502_on_its_turn(
    upstreams: list[BackgroundServer],
) -> None:
    with serving(Starlette()) as gone:
        down = gone.url
    proxy = RoundRobinProxy([upstreams[0].url, down])
    with serving(proxy) as front:
        async with httpx.AsyncClient(base_url=front.url) as http:
            statuses = [(await http.get("/healthz")).status_code for _ in range(4)]
    assert statuses == [200, 502, 200, 502]


async def test_the_emulator_delivers_through_the_proxy_to_both_instances() -> None:
    seen: list[dict[str, object]] = []
    emulator = TelegramEmulator(local_webhooks=True)
    with (
        serving(echo_app("a", seen)) as a,
        serving(echo_app("b", seen)) as b,
        serving(RoundRobinProxy([a.url, b.url])) as front,
        serving(emulator.app) as telegram,
    ):
        async with (
            EmulatorClient(telegram.url) as client,
            httpx.AsyncClient(base_url=f"{telegram.url}/bot{TOKEN}") as api,
        ):
            ann = TgUser(id=3001, first_name="Ann")
            for n in range(4):
                await client.send_text(ann, f"bericht {n}")
            url = f"{front.url}/telegram"
            answer = await api.post("/setWebhook", json={"url": url, "secret_token": "abc"})
            assert answer.json()["ok"]
            await client.wait_until_delivered(timeout=5)
    assert [entry["upstream"] for entry in seen] == ["a", "b", "a", "b"]
    texts = [json.loads(str(entry["body"]))["message"]["text"] for entry in seen]
    assert texts == [f"bericht {n}" for n in range(4)]  # one chat: still in order
    assert {entry["secret"] for entry in seen} == {"abc"}
