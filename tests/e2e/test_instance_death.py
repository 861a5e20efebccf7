"""Two ``uitpas-bot webhook`` processes behind the round-robin proxy on the real PostgreSQL
server; one is killed (SIGKILL) while its passholders' check-ins are at UiTPAS.

The emulator re-sends every update whose POST broke, as Telegram does. The survivor refuses
those copies (503) while the dead instance's leases run, then takes them over: it finds the
check-in codes claimed and UiTPAS's points moved, so it tells each passholder their point was
saved, without a second check-in. Nobody is lost, doubled, or left without an answer.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from bot.sandbox.proxy import RoundRobinProxy
from bot.sandbox.server import serving
from bot.sandbox.stack import sandbox_uitpas_settings
from bot.sandbox.telegram import TelegramEmulator
from bot.sandbox.telegram.client import EmulatorClient, TgUser
from bot.sandbox.uitpas.app import create_app as create_sandbox_app
from tests.e2e.test_cli_run import REPO, _free_port
from tests.support.harness import fresh_postgres_database
from tests.support.images import poster_photo

pytestmark = pytest.mark.postgres

JAZZ_CODE = "12345678"
PASSHOLDERS = 8


def _environment(
    telegram_url: str, sandbox_url: str, database_url: str, port: int, public: str
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
        "UPDATE_LEASE_SECONDS": "3",
        "UITPAS_TIMEOUT_SECONDS": "10",
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


async def test_an_instance_killed_while_at_uitpas_loses_nobody(tmp_path: Path) -> None:
    emulator = TelegramEmulator(local_webhooks=True)
    ports = [_free_port(), _free_port()]
    with (
        serving(emulator.app) as telegram_server,
        serving(create_sandbox_app()) as sandbox,
    ):
        async with fresh_postgres_database() as database_url:
            proxy = RoundRobinProxy([f"http://127.0.0.1:{port}" for port in ports])
            with serving(proxy) as proxy_server:
                environments = [
                    _environment(
                        telegram_server.url, sandbox.url, database_url, port, proxy_server.url
                    )
                    for port in ports
                ]
                with (
                    _instance(environments[0], tmp_path / "first.log") as first,
                    _instance(environments[1], tmp_path / "second.log"),
                ):
                    await _kill_one_mid_check_in(telegram_server.url, sandbox.url, first)


async def _kill_one_mid_check_in(
    telegram_url: str, sandbox_url: str, victim: subprocess.Popen[bytes]
) -> None:
    async with (
        EmulatorClient(telegram_url) as telegram,
        httpx.AsyncClient(base_url=sandbox_url, timeout=10) as control,
    ):
        await _until(lambda: _webhook_set(telegram))
        await telegram.webhook_delivery(retry_initial_seconds=0.3, retry_max_seconds=1.0)
        made = await control.post("/_sandbox/passholders", json={"count": PASSHOLDERS, "points": 5})
        numbers = made.json()["numbers"]
        users = [TgUser(id=70_000 + i, first_name=f"P{i}") for i in range(PASSHOLDERS)]
        for user, number in zip(users, numbers, strict=True):
            await telegram.send_text(user, number)
            await telegram.wait_for_call("sendMessage", chat_id=user.id, timeout=60)
        # UiTPAS takes 2 s: the check-ins are at UiTPAS when the instance dies.
        fault = await control.post(
            "/_sandbox/faults", json={"path": "enduser/checkin", "delay": 2.0, "times": None}
        )
        fault.raise_for_status()
        for user in users:
            await telegram.send_photo(user, poster_photo(JAZZ_CODE))
        await asyncio.sleep(1.0)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=10)

        async def everyone_answered() -> bool:
            calls = await telegram.calls()
            return all(
                any(
                    c.method == "sendMessage" and c.chat_id == u.id and "spaarde" in (c.text or "")
                    for c in calls
                )
                for u in users
            )

        await _until(everyone_answered, seconds=90)
        deliveries = await telegram.deliveries()
        # The dead instance held some photos: their POSTs broke (the proxy answers 502 for a
        # dropped upstream) and they were sent again.
        assert any(d.status_code in {None, 502} for d in deliveries if not d.ok)
        await asyncio.sleep(2.0)  # time for a doubled answer to show
        calls = await telegram.calls()
        for user, number in zip(users, numbers, strict=True):
            answers = [
                c.text or ""
                for c in calls
                if c.method == "sendMessage"
                and c.chat_id == user.id
                and "spaarde" in (c.text or "")
            ]
            passholder = (await control.get(f"/_sandbox/passholders/{number}")).json()
            assert passholder["checkins"] == 1, (user.id, answers)
            assert len(answers) == 1, answers
            assert "1 punt" in answers[0], answers  # saved, and said so


async def _webhook_set(telegram: EmulatorClient) -> bool:
    return bool((await telegram.webhook_info()).get("url"))
