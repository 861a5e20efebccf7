"""Two bot instances in webhook mode behind a round-robin proxy, sharing the real PostgreSQL.

The emulator delivers updates to the proxy's ``/telegram`` the way Telegram delivers to a
load balancer (a chat's next update only after the previous one was answered; again when an
answer is late or fails), and the proxy hands them to the instances in turn. Together the two
must behave as one bot: each update handled once, each check-in code sent to UiTPAS once,
each reminder sent once, forged requests refused, and ``/healthz`` honest about the database.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from cryptography.fernet import Fernet
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr
from sqlalchemy import select as sa_select
from sqlalchemy.engine import make_url

from bot.clock import Clock, system_clock
from bot.runtime import running_bot
from bot.sandbox.proxy import RoundRobinProxy
from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.telegram.client import EmulatorClient
from bot.sandbox.uitpas.app import API_PREFIX
from bot.sandbox.uitpas.app import create_app as create_sandbox_app
from bot.sandbox.uitpas.data import NORMAL
from bot.web.webhook import SECRET_HEADER, WEBHOOK_PATH
from storage.models import ThrottleWindow
from storage.repositories import UserStatusRepository
from tests.support.groups import GROUP, MovableClock, announce, from_now, make_group, typed
from tests.support.harness import (
    AN,
    JOHN,
    POSTGRES_URL,
    Harness,
    bot_settings,
    fresh_postgres_database,
    say,
)
from tests.support.images import poster_photo

pytestmark = pytest.mark.postgres

JAZZ_CODE = "12345678"  # the sandbox's event happening now, 1 point
SECRET = "webhook-secret-for-tests_1"
THROTTLED = "Je stuurt heel veel foto's na elkaar"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Pair:
    """Two webhook instances behind one proxy; ``first``/``second`` play users through it."""

    first: Harness
    second: Harness
    proxy: RoundRobinProxy
    proxy_server: BackgroundServer
    database_url: str

    @property
    def telegram(self) -> EmulatorClient:
        return self.first.telegram


@pytest.fixture
async def pair(webhook_emulator: BackgroundServer) -> AsyncIterator[Pair]:
    async with two_instances(webhook_emulator) as running:
        yield running


class two_instances:
    """Sandbox, a fresh PostgreSQL database, the proxy and two webhook instances behind it."""

    def __init__(
        self, emulator_server: BackgroundServer, *, clock: Clock = system_clock, **overrides: Any
    ) -> None:
        self._emulator_server = emulator_server
        self._clock = clock
        self._overrides = overrides
        self._stack = AsyncExitStack()

    async def __aenter__(self) -> Pair:
        stack = self._stack
        sandbox = stack.enter_context(serving(create_sandbox_app()))
        database_url = await stack.enter_async_context(fresh_postgres_database())
        ports = [_free_port(), _free_port()]
        proxy = RoundRobinProxy([f"http://127.0.0.1:{port}" for port in ports])
        proxy_server = stack.enter_context(serving(proxy))
        # One deployment, one key: instances share the database, so each must read the refresh
        # tokens the other stored (a per-instance key logs users out on every other update).
        shared = {"token_encryption_key": SecretStr(Fernet.generate_key().decode())}
        harnesses = []
        for port in ports:
            settings = bot_settings(
                self._emulator_server.url,
                f"{sandbox.url}{API_PREFIX}",
                database_url,
                public_url=proxy_server.url,
                web_host="127.0.0.1",
                port=port,
                **{
                    "webhook_secret": SECRET,
                    "reminder_interval_seconds": 0.02,
                    "metrics_port": 0,
                    **shared,
                    **self._overrides,
                },
            )
            telegram = await stack.enter_async_context(EmulatorClient(self._emulator_server.url))
            control = await stack.enter_async_context(
                httpx.AsyncClient(base_url=sandbox.url, timeout=10)
            )
            running = await stack.enter_async_context(
                running_bot(settings, polling=False, webhook=True, clock=self._clock)
            )
            harnesses.append(Harness(telegram, control, running, settings))
        return Pair(harnesses[0], harnesses[1], proxy, proxy_server, database_url)

    async def __aexit__(self, *exc_info: object) -> None:
        await self._stack.aclose()


def _update(update_id: int, user_id: int, text: str) -> dict[str, Any]:
    """An update as Telegram would POST it, for requests made without the emulator."""
    user = {"id": user_id, "is_bot": False, "first_name": "An"}
    message = {
        "message_id": 1,
        "date": 1_790_000_000,
        "chat": {"id": user_id, "type": "private", "first_name": "An"},
        "from": user,
        "text": text,
    }
    return {"update_id": update_id, "message": message}


async def _sent_to(telegram: EmulatorClient, chat_id: int) -> list[str]:
    return [
        call.text or ""
        for call in await telegram.calls()
        if call.method == "sendMessage" and call.chat_id == chat_id and call.ok
    ]


async def test_updates_reach_both_instances_and_each_is_answered_once(pair: Pair) -> None:
    info = await pair.telegram.webhook_info()
    assert info["url"] == f"{pair.proxy_server.url}{WEBHOOK_PATH}"
    assert "has_custom_certificate" in info
    assert await say(pair.first, AN, f"/link {NORMAL}")
    await pair.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    reply = await pair.telegram.wait_for_call(
        "sendMessage", chat_id=AN.id, where=lambda call: "punt" in (call.text or "")
    )
    assert "Je spaarde 1 punt" in (reply.text or "")
    await pair.telegram.wait_until_delivered()
    assert all(count >= 1 for count in pair.proxy.counts)  # both instances took updates
    assert len(await _sent_to(pair.telegram, AN.id)) == 2  # link confirmation, check-in reply
    assert await pair.first.sandbox_checkins(NORMAL) == 1
    # Each instance counts what it handled; together they saw both updates and one check-in.
    scraped = []
    async with httpx.AsyncClient(timeout=10) as client:
        for instance in (pair.first, pair.second):
            assert (await client.get(f"{instance.running.web_url}/metrics")).status_code == 404
            metrics = await client.get(f"{instance.running.internal_url}/metrics")
            assert metrics.status_code == 200
            assert metrics.headers["content-type"].startswith("text/plain")
            scraped.append(_samples(metrics.text))
    updates = sum(
        value for samples in scraped for (name, _), value in samples.items()
        if name == "uitpasbot_updates_total"
    )  # fmt: skip
    assert updates == 2
    checkins = [s.get(("uitpasbot_checkins_total", "ACTION_SUCCEEDED"), 0.0) for s in scraped]
    assert sum(checkins) == 1
    assert NORMAL not in "".join(str(samples) for samples in scraped)


def _samples(exposition: str) -> dict[tuple[str, str], float]:
    """(metric name, first label value) -> value, summed over other labels."""
    samples: dict[tuple[str, str], float] = {}
    for family in text_string_to_metric_families(exposition):
        for sample in family.samples:
            key = (sample.name, next(iter(sample.labels.values()), ""))
            samples[key] = samples.get(key, 0.0) + sample.value
    return samples


async def test_every_update_delivered_twice_is_handled_once(pair: Pair) -> None:
    """Telegram re-sends an update whose answer is late; the copy reaches the other instance.

    A copy arriving while the other instance still handles the update is answered 503 (never
    200: were that instance to die, no copy would come back), and 200 "duplicate" once done.
    """
    await pair.telegram.webhook_delivery(duplicate=True, duplicate_gap_seconds=0.0)
    await pair.telegram.send_text(AN, f"/link {NORMAL}")
    await pair.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    await pair.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    await pair.telegram.wait_for_call(
        "sendMessage", chat_id=AN.id, where=lambda call: "punt" in (call.text or "")
    )
    await pair.telegram.send_text(JOHN, "/help")
    await pair.telegram.wait_for_call("sendMessage", chat_id=JOHN.id)
    # An update counts as delivered when either copy is answered 2xx; wait for both answers.
    for _ in range(100):
        deliveries = await pair.telegram.deliveries()
        answered = {(delivery.update_id, delivery.copy) for delivery in deliveries}
        if len(answered) == 6:
            break
        await asyncio.sleep(0.05)
    update_ids = {update_id for update_id, _ in answered}
    assert len(update_ids) == 3
    assert answered == {(update_id, copy) for update_id in update_ids for copy in (1, 2)}
    assert {delivery.update_id for delivery in deliveries if delivery.ok} == update_ids
    # The copy that lost is asked again (503) while the other handles it, or is a duplicate.
    assert {delivery.status_code for delivery in deliveries if not delivery.ok} <= {503}
    await asyncio.sleep(0.3)  # time for a wrongly handled copy to answer too
    assert len(await _sent_to(pair.telegram, AN.id)) == 2
    assert len(await _sent_to(pair.telegram, JOHN.id)) == 1
    assert await pair.first.sandbox_checkins(NORMAL) == 1
    requests = (await pair.first.sandbox.get("/_sandbox/requests")).json()
    assert requests["checkin"] == 1


async def test_a_forged_secret_is_refused_and_nothing_is_handled(
    pair: Pair, caplog: pytest.LogCaptureFixture
) -> None:
    update = _update(999_001, AN.id, f"/link {NORMAL}")
    url = f"{pair.proxy_server.url}{WEBHOOK_PATH}"
    async with httpx.AsyncClient(timeout=10) as client:
        forged = await client.post(url, json=update, headers={SECRET_HEADER: "guessed"})
        missing = await client.post(url, json=update)
        not_a_post = await client.get(url, headers={SECRET_HEADER: SECRET})
    assert (forged.status_code, missing.status_code) == (403, 403)
    assert not_a_post.status_code == 405
    await asyncio.sleep(0.2)
    assert await _sent_to(pair.telegram, AN.id) == []
    refusals = [r.getMessage() for r in caplog.records if "webhook request refused" in r.message]
    assert len(refusals) == 2
    assert all(NORMAL not in line and "guessed" not in line for line in refusals)
    assert all(NORMAL not in record.getMessage() for record in caplog.records)


async def test_an_unreadable_update_is_skipped_not_refused(
    pair: Pair, caplog: pytest.LogCaptureFixture
) -> None:
    """An error status would make Telegram send it again and again; it is answered 200."""
    url = f"{pair.first.running.web_url}{WEBHOOK_PATH}"
    headers = {SECRET_HEADER: SECRET}
    async with httpx.AsyncClient(timeout=10) as client:
        malformed = await client.post(
            url, json={"update_id": 999_003, "message": "no message"}, headers=headers
        )
        not_json = await client.post(url, content=b"\xff not json", headers=headers)
    assert (malformed.status_code, malformed.text) == (200, "skipped")
    assert (not_json.status_code, not_json.text) == (200, "skipped")
    await asyncio.sleep(0.2)
    assert await _sent_to(pair.telegram, AN.id) == []
    skipped = [r.getMessage() for r in caplog.records if "could not be read" in r.message]
    assert skipped == [
        "update 999003 could not be read (AttributeError); skipped",
        "update None could not be read (UnicodeDecodeError); skipped",
    ]


async def test_each_reminder_is_sent_once_by_two_webhook_instances(
    webhook_emulator: BackgroundServer,
) -> None:
    clock = MovableClock()
    async with two_instances(webhook_emulator, clock=clock) as instances:
        await make_group(instances.first)
        titles = [f"Avond {number}" for number in range(4)]
        for title in titles:
            await announce(
                instances.first, f"/announce {title} | {typed(from_now(clock, hours=3))} | Zaal"
            )
        clock.advance(timedelta(hours=2, minutes=1))

        def is_reminder(call: Any) -> bool:
            return call.method == "sendMessage" and "⏰" in (call.text or "")

        for _ in titles:
            await instances.telegram.wait_for_call(
                "sendMessage", chat_id=GROUP, after=0, where=is_reminder, timeout=10
            )
        await asyncio.sleep(0.3)  # many more rounds of both loops
        reminders = [call for call in await instances.telegram.calls() if is_reminder(call)]
        assert sorted((call.text or "").split("</b>")[0] for call in reminders) == sorted(
            f"⏰ <b>{title}" for title in titles
        )


async def test_healthz_fails_while_the_database_refuses_connections(pair: Pair) -> None:
    health_url = f"{pair.first.running.internal_url}/healthz"
    public_url = f"{pair.first.running.web_url}/healthz"
    async with httpx.AsyncClient(timeout=10) as client:
        healthy = await client.get(health_url)
        assert (healthy.status_code, healthy.json()) == (
            200,
            {"status": "ok", "database": "ok", "uitpas": "ok"},
        )
        name = make_url(pair.database_url).database
        admin = await asyncpg.connect(POSTGRES_URL)
        try:
            await admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            await admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = $1 AND pid <> pg_backend_pid()",
                name,
            )
            down = await client.get(health_url)
            public_down = await client.get(public_url)
            refused = await client.post(
                f"{pair.first.running.web_url}{WEBHOOK_PATH}",
                json=_update(999_002, AN.id, "/help"),
                headers={SECRET_HEADER: SECRET},
            )
        finally:
            await admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
            await admin.close()
        assert (down.status_code, down.json()) == (
            503,
            {"status": "not ok", "database": "unreachable", "uitpas": "ok"},
        )
        # The public port says that it is down, not what.
        assert (public_down.status_code, public_down.json()) == (503, {"status": "not ok"})
        assert refused.status_code == 503  # Telegram sends the update again later
        back = await client.get(health_url)
        assert back.status_code == 200


async def test_healthz_fails_while_uitpas_is_down(pair: Pair) -> None:
    health_url = f"{pair.second.running.internal_url}/healthz"
    await pair.second.fault(API_PREFIX, status=503, times=None)
    async with httpx.AsyncClient(timeout=10) as client:
        down = await client.get(health_url)
        assert (down.status_code, down.json()) == (
            503,
            {"status": "not ok", "database": "ok", "uitpas": "unreachable"},
        )
        await pair.second.sandbox.delete("/_sandbox/faults")
        assert (await client.get(health_url)).status_code == 200


async def test_a_slow_instance_keeps_its_update_and_it_is_not_doubled(
    webhook_emulator: BackgroundServer,
) -> None:
    """UiTPAS answers after 5 s, the lease is 1.5 s: the heartbeat keeps the update with the
    instance that handles it, so the copies sent to the other one meanwhile are refused (503)
    and the passholder is checked in once and answered once."""
    async with two_instances(
        webhook_emulator, update_lease_seconds=1.5, uitpas_timeout_seconds=10.0
    ) as pair:
        await pair.telegram.send_text(AN, f"/link {NORMAL}")
        await pair.telegram.wait_for_call("sendMessage", chat_id=AN.id)
        # Telegram gives up on the slow answer after a second and sends the update again.
        await pair.telegram.webhook_delivery(
            timeout_seconds=1.0, retry_initial_seconds=0.2, retry_max_seconds=0.4
        )
        await pair.first.fault(pair.first.api_path("checkin"), delay=5.0)
        await pair.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
        reply = await pair.telegram.wait_for_call(
            "sendMessage", chat_id=AN.id, where=lambda call: "punt" in (call.text or ""), timeout=20
        )
        assert "Je spaarde 1 punt" in (reply.text or "")
        await asyncio.sleep(1.0)  # time for a wrongly taken-over copy to answer too
        assert len(await _sent_to(pair.telegram, AN.id)) == 2  # the link and the check-in
        assert await pair.first.sandbox_checkins(NORMAL) == 1
        requests = (await pair.first.sandbox.get("/_sandbox/requests")).json()
        assert requests["checkin"] == 1
        refused = [d for d in await pair.telegram.deliveries() if d.status_code == 503]
        assert refused  # the copy came while the slow instance worked, and was not taken


async def test_photos_delivered_twice_are_counted_once_by_the_flood_throttle(
    webhook_emulator: BackgroundServer,
) -> None:
    """Each photo's update claim counts it in the flood window (one statement on PostgreSQL)
    and clears the inactive mark; a copy that loses the claim counts nothing. So with every
    update delivered twice, the limit of 2 still lets two photos through, the third gets the
    message, the fourth silence, and the window holds 4, not 8."""
    window = 3600
    to_the_hour = window - time.time() % window
    if to_the_hour < 30:  # the photos in one window
        await asyncio.sleep(to_the_hour + 0.1)
    async with two_instances(
        webhook_emulator, checkin_limit=2, checkin_window_seconds=window
    ) as pair:
        await pair.telegram.send_text(AN, f"/link {NORMAL}")
        await pair.telegram.wait_for_call("sendMessage", chat_id=AN.id)
        database = pair.first.running.database
        await UserStatusRepository(database).mark_inactive(AN.id, "blocked")
        await pair.telegram.webhook_delivery(duplicate=True, duplicate_gap_seconds=0.0)
        for _ in range(4):
            await pair.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
        await pair.telegram.wait_for_call(
            "sendMessage", chat_id=AN.id, where=lambda call: THROTTLED in (call.text or "")
        )
        await pair.telegram.wait_until_delivered()
        await asyncio.sleep(0.5)  # time for a wrongly counted copy to answer too
        texts = (await _sent_to(pair.telegram, AN.id))[1:]  # after the link confirmation
        assert len(texts) == 3, texts  # two answered photos and the message
        assert "Je spaarde 1 punt" in texts[0]
        assert THROTTLED in texts[2]
        assert await pair.first.sandbox_checkins(NORMAL) == 1
        assert not await UserStatusRepository(database).is_inactive(AN.id)
        windows = ThrottleWindow.__table__  # type: ignore[attr-defined]
        rows = await database.run(
            sa_select(windows.c.count).where(windows.c.telegram_user_id == AN.id), {}
        )
        assert [row.count for row in rows] == [4]
