"""The emulator delivering updates to a webhook over real HTTP, as Telegram does.

A tiny Starlette receiver on its own server thread stands in for the bot: it logs every request
(update, headers, when it started and finished) and answers as a test tells it to — a status,
after a delay — so the emulator's ordering, retries, duplicates and error reports can be seen
from the receiving side as well as from the emulator's event log.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import pytest_asyncio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.telegram import EmulatorClient, TelegramEmulator, TgUser
from bot.sandbox.telegram.webhook import SECRET_HEADER

TOKEN = "123456:TEST-TOKEN"
ANN = TgUser(id=2001, first_name="Ann")
BOB = TgUser(id=2002, first_name="Bob")
CAROL = TgUser(id=2003, first_name="Carol")
DAN = TgUser(id=2004, first_name="Dan")

pytestmark = pytest.mark.asyncio(loop_scope="module")


@dataclass
class Received:
    update: dict[str, Any]
    secret: str | None
    started: float
    finished: float | None = None

    @property
    def text(self) -> str:
        return str(self.update.get("message", {}).get("text", ""))

    @property
    def chat_id(self) -> int:
        return int(self.update["message"]["chat"]["id"])


@dataclass
class Receiver:
    """The webhook's far end: answers from ``plan`` (per message text, used up in order)."""

    log: list[Received] = field(default_factory=list)
    plan: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    default: tuple[int, float] = (200, 0.0)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # per text, every answer
    open_requests: int = 0
    most_open: int = 0

    def reset(self) -> None:
        self.log, self.plan, self.default, self.headers = [], {}, (200, 0.0), {}
        self.open_requests = self.most_open = 0

    async def handle(self, request: Request) -> Response:
        log = self.log  # a request outliving its test must not write into the next one's log
        update = json.loads(await request.body())
        entry = Received(update, request.headers.get(SECRET_HEADER), time.monotonic())
        log.append(entry)
        self.open_requests += 1
        self.most_open = max(self.most_open, self.open_requests)
        steps = self.plan.get(entry.text)
        status, delay = steps.pop(0) if steps else self.default
        try:
            await asyncio.sleep(delay)
        finally:
            self.open_requests -= 1
            entry.finished = time.monotonic()
        return Response(status_code=status, headers=self.headers.get(entry.text))

    def texts(self) -> list[str]:
        return [entry.text for entry in self.log]


@pytest.fixture(scope="module")
def receiver() -> Receiver:
    return Receiver()


@pytest.fixture(scope="module")
def hook(receiver: Receiver) -> Iterator[BackgroundServer]:
    app = Starlette(routes=[Route("/hook", receiver.handle, methods=["POST"])])
    with serving(app) as running:
        yield running


@pytest.fixture(scope="module")
def server() -> Iterator[BackgroundServer]:
    with serving(TelegramEmulator(local_webhooks=True).app) as running:
        yield running


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client(server: BackgroundServer) -> AsyncIterator[EmulatorClient]:
    async with EmulatorClient(server.url) as emulator_client:
        yield emulator_client


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def api(server: BackgroundServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=f"{server.url}/bot{TOKEN}") as http:
        yield http


@pytest_asyncio.fixture(autouse=True, loop_scope="module")
async def fresh(client: EmulatorClient, receiver: Receiver) -> None:
    await client.reset()
    receiver.reset()
    # Fast retries; a generous timeout, so a slow test machine is not mistaken for a late bot.
    await client.webhook_delivery(retry_initial_seconds=0.05, retry_max_seconds=0.2)


async def call(api: httpx.AsyncClient, method: str, **params: Any) -> dict[str, Any]:
    return (await api.post(f"/{method}", json=params)).json()


async def set_webhook(api: httpx.AsyncClient, hook: BackgroundServer, **params: Any) -> None:
    answer = await call(api, "setWebhook", url=f"{hook.url}/hook", **params)
    assert answer["ok"], answer


# --- order and parallelism ----------------------------------------------------------------------


async def test_each_chat_in_order_and_chats_in_parallel(
    api: httpx.AsyncClient, hook: BackgroundServer, client: EmulatorClient, receiver: Receiver
) -> None:
    receiver.default = (200, 0.15)
    for n in range(3):
        for user in (ANN, BOB):
            await client.send_text(user, f"{user.first_name} {n}")
    await set_webhook(api, hook)
    await client.wait_until_delivered(timeout=5)

    for user in (ANN, BOB):
        mine = [e for e in receiver.log if e.chat_id == user.id]
        assert [e.text for e in mine] == [f"{user.first_name} {n}" for n in range(3)]
        for before, after in itertools.pairwise(mine):
            assert before.finished is not None
            assert after.started >= before.finished
    ann, bob = receiver.log[0], receiver.log[1]
    assert {ann.chat_id, bob.chat_id} == {ANN.id, BOB.id}
    assert bob.started < (ann.finished or 0)  # the two chats overlapped
    assert receiver.most_open == 2


async def test_no_more_requests_in_flight_than_max_connections(
    api: httpx.AsyncClient, hook: BackgroundServer, client: EmulatorClient, receiver: Receiver
) -> None:
    receiver.default = (200, 0.1)
    for user in (ANN, BOB, CAROL, DAN):
        await client.send_text(user, "hoi")
    await set_webhook(api, hook, max_connections=2)
    await client.wait_until_delivered(timeout=5)
    assert len(receiver.log) == 4
    assert receiver.most_open == 2


async def test_updates_arriving_later_are_delivered_too(
    api: httpx.AsyncClient, hook: BackgroundServer, client: EmulatorClient, receiver: Receiver
) -> None:
    await set_webhook(api, hook)
    await client.send_text(ANN, "later")
    delivery = await client.wait_for_delivery()
    assert (delivery.ok, delivery.status_code, delivery.chat_id) == (True, 200, ANN.id)
    assert delivery.sent_at <= delivery.answered_at
    assert receiver.texts() == ["later"]
    assert receiver.log[0].update["update_id"] == delivery.update_id
    assert (await client.webhook_info())["pending_update_count"] == 0


# --- the secret ---------------------------------------------------------------------------------


async def test_the_secret_token_travels_in_its_header(
    api: httpx.AsyncClient, hook: BackgroundServer, client: EmulatorClient, receiver: Receiver
) -> None:
    await set_webhook(api, hook, secret_token="s3cr3t_-TOKEN")
    await client.send_text(ANN, "met geheim")
    await client.wait_for_delivery()
    await set_webhook(api, hook, secret_token="")
    await client.send_text(ANN, "zonder")
    await client.wait_for_delivery()
    assert [(e.text, e.secret) for e in receiver.log] == [
        ("met geheim", "s3cr3t_-TOKEN"),
        ("zonder", None),
    ]


async def test_a_secret_token_with_other_characters_is_refused(
    api: httpx.AsyncClient, hook: BackgroundServer
) -> None:
    answer = await call(api, "setWebhook", url=f"{hook.url}/hook", secret_token="no spaces!")
    assert answer == {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: secret token contains unallowed characters",
    }


# --- failures and retries -----------------------------------------------------------------------


async def test_a_500_is_retried_and_the_chat_waits_for_it(
    api: httpx.AsyncClient, hook: BackgroundServer, client: EmulatorClient, receiver: Receiver
) -> None:
    receiver.plan["first"] = [(500, 0.0)]
    await client.send_text(ANN, "first")
    await client.send_text(ANN, "second")
    start = client._last_push_seq
    await set_webhook(api, hook)
    await client.wait_until_delivered(timeout=5)

    assert receiver.texts() == ["first", "first", "second"]
    attempts = [(d.attempt, d.status_code, d.ok) for d in await client.deliveries(start)]
    assert attempts == [(1, 500, False), (2, 200, True), (1, 200, True)]
    info = await client.webhook_info()
    assert (
        info["last_error_message"] == "Wrong response from the webhook: 500 Internal Server Error"
    )
    assert abs(info["last_error_date"] - time.time()) < 5


async def test_retry_after_on_a_failed_answer_sets_the_next_attempt(
    api: httpx.AsyncClient, hook: BackgroundServer, client: EmulatorClient, receiver: Receiver
) -> None:
    """A 503 with ``Retry-After: 1`` is sent again after a second, not after the 0.05 s backoff
    (telegram-bot-api's ``on_update_error``), and it does not double the backoff after it; an
    unreadable or zero Retry-After is ignored."""
    receiver.plan["held"] = [(503, 0.0), (503, 0.0), (200, 0.0)]
    receiver.headers["held"] = {"Retry-After": "1"}
    receiver.plan["odd"] = [(503, 0.0), (503, 0.0), (200, 0.0)]
    receiver.headers["odd"] = {"Retry-After": "soon"}
    await client.send_text(ANN, "held")
    await client.send_text(BOB, "odd")
    await set_webhook(api, hook)
    await client.wait_until_delivered(timeout=10)

    held = [entry.started for entry in receiver.log if entry.text == "held"]
    odd = [entry.started for entry in receiver.log if entry.text == "odd"]
    assert len(held) == 3
    assert len(odd) == 3
    gaps = [later - earlier for earlier, later in itertools.pairwise(held)]
    assert all(0.95 <= gap < 1.8 for gap in gaps), gaps
    odd_gaps = [later - earlier for earlier, later in itertools.pairwise(odd)]
    assert all(gap < 0.9 for gap in odd_gaps), odd_gaps


async def test_a_late_answer_is_given_up_on_and_the_update_sent_again(
    api: httpx.AsyncClient, hook: BackgroundServer, client: EmulatorClient, receiver: Receiver
) -> None:
    await client.webhook_delivery(timeout_seconds=0.2)
    receiver.plan["slow"] = [(200, 0.5)]
    await client.send_text(ANN, "slow")
    start = client._last_push_seq
    await set_webhook(api, hook)
    await client.wait_until_delivered(timeout=5)

    outcomes = [(d.attempt, d.ok, d.error) for d in await client.deliveries(start)]
    assert outcomes == [(1, False, "Read timeout expired"), (2, True, None)]
    # The emulator stopped waiting, but the first request still ran on the bot's side: the
    # second one arrived while it was being handled.
    first, second = receiver.log
    assert first.update == second.update
    assert second.started < (first.finished or float("inf"))
    await asyncio.sleep(0.4)
    assert first.finished is not None


async def test_a_403_is_reported_and_pending_drops_once_the_bot_accepts(
    api: httpx.AsyncClient, hook: BackgroundServer, client: EmulatorClient, receiver: Receiver
) -> None:
    receiver.default = (403, 0.0)
    await client.send_text(ANN, "weg ermee")
    await set_webhook(api, hook)
    refused = await client.wait_for_delivery(ok=False)
    assert refused.status_code == 403
    info = await client.webhook_info()
    assert info["pending_update_count"] == 1
    assert info["last_error_message"] == "Wrong response from the webhook: 403 Forbidden"
    # getWebhookInfo over the Bot API says the same.
    assert (await call(api, "getWebhookInfo"))["result"] == info

    receiver.default = (200, 0.0)
    await client.wait_until_delivered(timeout=5)
    assert (await client.webhook_info())["pending_update_count"] == 0


async def test_an_unreachable_bot_is_connection_refused_and_polling_can_take_over(
    api: httpx.AsyncClient, client: EmulatorClient
) -> None:
    with serving(Starlette()) as gone:
        url = f"{gone.url}/hook"
    await client.send_text(ANN, "iemand thuis?")
    assert (await call(api, "setWebhook", url=url))["ok"]
    refused = await client.wait_for_delivery(ok=False)
    assert refused.error == "Connection refused"

    assert (await call(api, "deleteWebhook"))["ok"]
    polled = await call(api, "getUpdates")
    assert [u["message"]["text"] for u in polled["result"]] == ["iemand thuis?"]


# --- duplicates ---------------------------------------------------------------------------------


async def test_the_duplicate_switch_delivers_every_update_twice_at_once(
    api: httpx.AsyncClient, hook: BackgroundServer, client: EmulatorClient, receiver: Receiver
) -> None:
    await client.webhook_delivery(duplicate=True)
    receiver.default = (200, 0.1)
    await client.send_text(ANN, "een")
    await client.send_text(ANN, "twee")
    await client.send_text(BOB, "drie")
    start = client._last_push_seq
    await set_webhook(api, hook)
    await client.wait_until_delivered(timeout=5)

    ids = [e.update["update_id"] for e in receiver.log]
    assert len(set(ids)) == 3
    assert sorted(ids) == sorted(2 * list(set(ids)))
    anns = [e for e in receiver.log if e.chat_id == ANN.id]
    assert [e.text for e in anns] == ["een", "een", "twee", "twee"]
    assert anns[1].started < (anns[0].finished or 0)  # the copies overlapped
    assert anns[2].started >= max(anns[0].finished or 0, anns[1].finished or 0)
    copies = sorted((d.update_id, d.copy) for d in await client.deliveries(start))
    assert copies == sorted((i, c) for i in set(ids) for c in (1, 2))


# --- settings -----------------------------------------------------------------------------------


async def test_polling_is_refused_while_a_webhook_is_set(
    api: httpx.AsyncClient, hook: BackgroundServer
) -> None:
    await set_webhook(api, hook)
    answer = await call(api, "getUpdates")
    assert (answer["ok"], answer["error_code"]) == (False, 409)


async def test_nothing_is_delivered_beyond_loopback(
    api: httpx.AsyncClient, client: EmulatorClient
) -> None:
    await client.send_text(ANN, "blijf thuis")
    assert (await call(api, "setWebhook", url="https://bot.example.org/hook"))["ok"]
    info = await client.webhook_info()
    assert info["pending_update_count"] == 1
    assert info["last_error_message"] == (
        "The emulator delivers webhooks to loopback addresses only"
    )
    assert (await client.webhook_state())["in_flight"] == 0
    assert not await client.deliveries()


async def test_bad_delivery_knobs_are_refused(client: EmulatorClient) -> None:
    with pytest.raises(Exception, match="timeout_seconds"):
        await client.webhook_delivery(timeout_seconds=0)
    state = await client.webhook_state()
    assert state["delivery"]["timeout_seconds"] == 10.0
    assert state["in_flight"] == 0


async def test_without_local_mode_http_and_other_ports_are_refused() -> None:
    strict = TelegramEmulator()
    assert not strict.world.local_webhooks
    with serving(strict.app) as running:
        async with httpx.AsyncClient(base_url=f"{running.url}/bot{TOKEN}") as http:
            plain = await call(http, "setWebhook", url="http://bot.example.org:8443/hook")
            odd_port = await call(http, "setWebhook", url="https://bot.example.org:9000/hook")
    assert plain["description"] == (
        "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
    )
    assert odd_port["description"] == (
        "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"
    )
