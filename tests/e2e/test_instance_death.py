"""Two ``uitpas-bot webhook`` processes behind the round-robin proxy on the real PostgreSQL
server; one is killed (SIGKILL) at some point of its passholders' check-ins.

The emulator re-sends every update whose POST broke, as Telegram does (honouring the survivor's
``Retry-After``). The survivor refuses those copies (503) while the dead instance's leases run,
then takes them over and finishes what the dead one started:

* killed after claiming the updates, before UiTPAS was asked (while fetching the photo, or with
  its check-in request held before it reached UiTPAS): the points did not move, so the survivor
  checks in, once;
* killed while its check-ins are at UiTPAS: UiTPAS saves them anyway; the survivor sees the
  points moved and tells each passholder so, without a second check-in;
* killed after its reply reached Telegram, before it marked the update finished: the check-in
  is remembered as answered, so the survivor repeats what became of it ("you just scanned this
  code: it saved you 1 point"), never a second check-in. A reply Telegram accepted cannot be
  known to the bot before Telegram answers, so here the guarantee is *at least once*: such a
  passholder may read the (same) news twice, and nobody reads it never.

Each ends with every passholder checked in exactly once (the sandbox counts) and answered.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from bot.sandbox.proxy import RoundRobinProxy
from bot.sandbox.server import serving
from bot.sandbox.stack import sandbox_uitpas_settings
from bot.sandbox.telegram import TelegramEmulator
from bot.sandbox.telegram.client import BotCall, EmulatorClient, TgUser
from bot.sandbox.uitpas.app import create_app as create_sandbox_app
from tests.e2e.test_cli_run import REPO, _free_port
from tests.support.harness import fresh_postgres_database
from tests.support.images import poster_photo

pytestmark = pytest.mark.postgres

JAZZ_CODE = "12345678"
PASSHOLDERS = 8
LEASE_SECONDS = 3


def _environment(
    telegram_url: str,
    sandbox_url: str,
    database_url: str,
    port: int,
    public: str,
    **extra: str,
) -> dict[str, str]:
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(REPO),
        "TELEGRAM_BOT_TOKEN": TelegramEmulator().token,
        "TELEGRAM_API_URL": telegram_url,
        "DATABASE_URL": database_url,
        "PUBLIC_URL": public,
        "PORT": str(port),
        "WEB_HOST": "127.0.0.1",
        "WEBHOOK_SECRET": "webhook-secret-for-tests_1",
        "UPDATE_LEASE_SECONDS": str(LEASE_SECONDS),
        "UITPAS_TIMEOUT_SECONDS": "10",
        **extra,
    }
    for name, value in sandbox_uitpas_settings(sandbox_url).items():
        shown = value.get_secret_value() if isinstance(value, SecretStr) else str(value)
        environment[name.upper()] = shown
    return environment


@contextmanager
def _instance(environment: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "webhook"],
            cwd=log.parent,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=40)


async def _until(condition: Callable[[], Awaitable[bool]], seconds: float = 60.0) -> None:
    for _ in range(int(seconds / 0.1)):
        if await condition():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("timed out")


class CheckinGate:
    """UiTPAS as one instance reaches it: everything passes, except check-ins, which are held
    until their sender gives up or dies. They never reach UiTPAS: the instance dies with its
    check-in code claimed and UiTPAS not called.

    Requests pass with their own ``Host`` header: the legacy API's OAuth signature covers the
    URL the bot called, which is this gate's.
    """

    def __init__(self, upstream: str) -> None:
        self._upstream = upstream
        self.held = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        if "checkin" in scope["path"]:
            self.held += 1
            while (await receive())["type"] != "http.disconnect":
                pass  # the body; then nothing until the sender is gone
            return
        request = Request(scope, receive)
        async with httpx.AsyncClient(base_url=self._upstream, trust_env=False) as client:
            answer = await client.request(
                request.method,
                scope["path"],
                params=request.query_params.multi_items(),
                headers=[(k, v) for k, v in request.headers.items() if k != "content-length"],
                content=await request.body(),
            )
        headers = {
            k: v
            for k, v in answer.headers.items()
            if k not in {"content-length", "content-encoding", "transfer-encoding"}
        }
        await Response(answer.content, answer.status_code, headers=headers)(scope, receive, send)


@dataclass
class Stand:
    """The emulator, the sandbox and two processes; ``victim`` is the one that will die."""

    telegram: EmulatorClient
    control: httpx.AsyncClient
    victim: subprocess.Popen[bytes]
    users: list[TgUser]
    numbers: list[str]
    gate: CheckinGate

    async def send_photos(self) -> None:
        photo = poster_photo(JAZZ_CODE)
        for user in self.users:
            await self.telegram.send_photo(user, photo)

    async def send_photos_at_once(self, users: list[TgUser]) -> None:
        photo = poster_photo(JAZZ_CODE)
        await asyncio.gather(*(self.telegram.send_photo(user, photo) for user in users))

    def kill(self) -> None:
        self.victim.send_signal(signal.SIGKILL)
        self.victim.wait(timeout=10)

    async def saved_answers(self) -> dict[int, list[str]]:
        """Per passholder, the replies that tell of a saved point."""
        calls = await self.telegram.calls()
        return {user.id: _saved(calls, user) for user in self.users}

    async def wait_until_everyone_is_answered(self) -> None:
        async def answered() -> bool:
            return all(self.saved_answers_now(await self.telegram.calls()))

        await _until(answered, seconds=90)

    def saved_answers_now(self, calls: list[BotCall]) -> list[bool]:
        return [bool(_saved(calls, user)) for user in self.users]

    async def checkins(self) -> list[int]:
        return [
            (await self.control.get(f"/_sandbox/passholders/{number}")).json()["checkins"]
            for number in self.numbers
        ]

    async def redelivered(self) -> bool:
        """Whether some update's POST broke (the proxy answers 502 for a dropped upstream)."""
        return any(d.status_code in {None, 502} for d in await self.telegram.deliveries())


def _saved(calls: list[BotCall], user: TgUser) -> list[str]:
    return [
        c.text or ""
        for c in calls
        if c.method == "sendMessage" and c.chat_id == user.id and "spaarde" in (c.text or "")
    ]


@asynccontextmanager
async def _stand(
    tmp_path: Path,
    *,
    gate_the_victim: bool = False,
    passholders: int = PASSHOLDERS,
    **extra: str,
) -> AsyncIterator[Stand]:
    emulator = TelegramEmulator(local_webhooks=True)
    ports = [_free_port(), _free_port()]
    with (
        serving(emulator.app) as telegram_server,
        serving(create_sandbox_app()) as sandbox,
    ):
        gate = CheckinGate(sandbox.url)
        with serving(gate) as gate_server:
            async with fresh_postgres_database() as database_url:
                proxy = RoundRobinProxy([f"http://127.0.0.1:{port}" for port in ports])
                with serving(proxy) as proxy_server:
                    uitpas = [gate_server.url if gate_the_victim else sandbox.url, sandbox.url]
                    environments = [
                        _environment(telegram_server.url, url, database_url, port, proxy_server.url)
                        for url, port in zip(uitpas, ports, strict=True)
                    ]
                    with (
                        _instance(environments[0], tmp_path / "first.log") as first,
                        _instance(environments[1], tmp_path / "second.log"),
                    ):
                        async with (
                            EmulatorClient(telegram_server.url) as telegram,
                            httpx.AsyncClient(base_url=sandbox.url, timeout=10) as control,
                        ):
                            yield await _linked(telegram, control, first, gate, passholders)


async def _linked(
    telegram: EmulatorClient,
    control: httpx.AsyncClient,
    victim: subprocess.Popen[bytes],
    gate: CheckinGate,
    passholders: int,
) -> Stand:
    """Both instances up, the webhook set, ``passholders`` passholders with 5 points linked."""

    async def webhook_set() -> bool:
        return bool((await telegram.webhook_info()).get("url"))

    await _until(webhook_set)
    await telegram.webhook_delivery(retry_initial_seconds=0.3, retry_max_seconds=1.0)
    made = await control.post("/_sandbox/passholders", json={"count": passholders, "points": 5})
    numbers = made.json()["numbers"]
    users = [TgUser(id=70_000 + i, first_name=f"P{i}") for i in range(passholders)]
    for user, number in zip(users, numbers, strict=True):
        await telegram.send_text(user, number)
        await telegram.wait_for_call("sendMessage", chat_id=user.id, timeout=60)
    return Stand(telegram, control, victim, users, numbers, gate)


async def _all_settled(stand: Stand, *, broken: bool = True) -> None:
    """Every passholder told, and every update confirmed to Telegram (the dead instance's ones
    taken over), with time for a doubled answer to show; ``broken``: some POST broke."""
    await stand.wait_until_everyone_is_answered()
    await stand.telegram.wait_until_delivered(timeout=90)
    if broken:
        assert await stand.redelivered()
    await asyncio.sleep(2.0)


async def _everyone_checked_in_once_and_told_once(stand: Stand, *, broken: bool = True) -> None:
    await _all_settled(stand, broken=broken)
    answers = await stand.saved_answers()
    assert await stand.checkins() == [1] * len(stand.users), answers
    for user in stand.users:
        assert len(answers[user.id]) == 1, answers[user.id]
        assert "1 punt" in answers[user.id][0], answers[user.id]  # saved, and said so


async def test_an_instance_killed_while_at_uitpas_loses_nobody(tmp_path: Path) -> None:
    async with _stand(tmp_path) as stand:
        # UiTPAS takes 2 s: the check-ins are at UiTPAS when the instance dies.
        fault = await stand.control.post(
            "/_sandbox/faults", json={"path": "enduser/checkin", "delay": 2.0, "times": None}
        )
        fault.raise_for_status()
        await stand.send_photos()
        await asyncio.sleep(1.0)
        stand.kill()
        await _everyone_checked_in_once_and_told_once(stand)


async def test_an_instance_killed_while_fetching_the_photos_loses_nobody(
    tmp_path: Path,
) -> None:
    """Killed right after claiming its updates: nothing of them reached UiTPAS yet."""
    async with _stand(tmp_path) as stand:
        # Every photo download takes 2 s: the victim dies holding updates it only claimed.
        await stand.telegram.answer_late("fileDownload", delay=2.0, times=PASSHOLDERS)
        await stand.send_photos()
        await asyncio.sleep(1.0)
        stand.kill()
        await _everyone_checked_in_once_and_told_once(stand)


async def test_an_instance_killed_with_its_check_ins_not_yet_at_uitpas_loses_nobody(
    tmp_path: Path,
) -> None:
    """Killed after claiming the updates and the check-in codes, before UiTPAS saw a request:
    the points kept with the claims did not move, so the survivor checks in, once."""
    async with _stand(tmp_path, gate_the_victim=True) as stand:
        gate = stand.gate
        await stand.send_photos()

        async def victim_waits_at_the_gate() -> bool:
            return gate.held >= 1

        await _until(victim_waits_at_the_gate, seconds=30)
        await asyncio.sleep(0.3)  # well within UITPAS_TIMEOUT_SECONDS: it is still waiting
        stand.kill()
        await _everyone_checked_in_once_and_told_once(stand)


async def test_an_instance_killed_after_its_reply_before_finishing_answers_again_never_twice_checked_in(  # noqa: E501
    tmp_path: Path,
) -> None:
    """Whether the kill lands while one of the victim's replies is still unanswered depends on
    timing the test cannot see (which instance sent which reply): a run where it did not is
    inconclusive, so up to three runs are made. Every run must keep the guarantees; at least
    one must show the repeat, or the scenario was never exercised and the test fails."""
    for attempt in range(3):
        run = tmp_path / f"run{attempt}"
        run.mkdir()
        if await _killed_after_a_reply(run):
            return
    pytest.fail("no run killed the instance with a reply in flight: scenario not exercised")


async def _killed_after_a_reply(tmp_path: Path) -> bool:
    """One run; True when some passholder heard the survivor's repeat (the scenario ran)."""
    async with _stand(tmp_path) as stand:
        # Telegram takes the reply at once but answers the bot 4 s later: an instance killed
        # meanwhile sent its reply and never marked the update finished.
        await stand.telegram.answer_late("sendMessage", delay=4.0, times=PASSHOLDERS)
        await stand.send_photos()

        async def some_replied() -> bool:
            calls = await stand.telegram.calls()
            return sum(stand.saved_answers_now(calls)) >= 3

        # Each instance handles its photos one after the other, each reply held 4 s: with three
        # replies sent, the victim has one whose answer it still waits for.
        await _until(some_replied, seconds=60)
        stand.kill()
        await _all_settled(stand)
        answers = await stand.saved_answers()
        assert await stand.checkins() == [1] * PASSHOLDERS, answers
        for user in stand.users:
            told = answers[user.id]
            assert 1 <= len(told) <= 2, told
            assert all("1 punt" in text for text in told), told
        # The victim's passholders heard it twice: first its reply, then the survivor's repeat.
        twice = [told for told in answers.values() if len(told) == 2]
        assert all("net al gescand" in told[1] for told in twice), twice
        return bool(twice)
