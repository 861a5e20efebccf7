"""``uitpas-bot run`` as an operator starts it: a process, configured by its environment.

Without UITPAS_API_URL it must start the built-in sandbox and say so in the log, serve users
through whatever Bot API server TELEGRAM_API_URL names, keep the token out of its log, and stop
cleanly on SIGTERM.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.telegram import TelegramEmulator
from bot.sandbox.telegram.client import BotCall, EmulatorClient
from bot.sandbox.uitpas.data import NORMAL
from tests.support.harness import AN
from tests.support.images import poster_photo

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def emulator_server() -> Iterator[tuple[TelegramEmulator, BackgroundServer]]:
    emulator = TelegramEmulator()
    with serving(emulator.app) as server:
        yield emulator, server


async def test_run_serves_users_with_the_embedded_sandbox_and_stops_on_sigterm(
    emulator_server: tuple[TelegramEmulator, BackgroundServer], tmp_path: Path
) -> None:
    emulator, server = emulator_server
    environment = _environment(emulator, server, tmp_path)
    with bot_process("run", environment, tmp_path) as bot:
        async with EmulatorClient(server.url) as telegram:
            reply = await link_and_check_in(telegram)
            assert "Je spaarde 1 punt bij <b>Jazz op de Grote Markt</b>" in (reply.text or "")
    output = bot.log.read_text()
    assert bot.returncode == 0, output
    assert "using the built-in UiTPAS sandbox" in output
    assert emulator.token not in output
    assert "TEST-TOKEN" not in output
    assert NORMAL not in output
    assert "12345678" not in output


def test_webhook_without_public_url_says_what_to_set(tmp_path: Path) -> None:
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(REPO),
        "TELEGRAM_BOT_TOKEN": "123456:" + "x" * 35,
    }  # and nothing else: no PUBLIC_URL
    finished = subprocess.run(
        [sys.executable, "-m", "bot", "webhook"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 2
    assert "PUBLIC_URL is not set" in finished.stderr
    assert "x" * 35 not in finished.stderr + finished.stdout


async def test_webhook_serves_users_and_logs_one_json_line_per_update(tmp_path: Path) -> None:
    """``uitpas-bot webhook`` as an operator runs it: registers its webhook, gets the updates
    the emulator delivers, and logs JSON lines free of the token, card number and code."""
    emulator = TelegramEmulator(local_webhooks=True)
    port = _free_port()
    with serving(emulator.app) as server:
        environment = _environment(
            emulator,
            server,
            tmp_path,
            PUBLIC_URL=f"http://127.0.0.1:{port}",
            PORT=str(port),
            WEB_HOST="127.0.0.1",
            LOG_FORMAT="json",
        )
        with bot_process("webhook", environment, tmp_path) as bot:
            async with EmulatorClient(server.url) as telegram:
                reply = await link_and_check_in(telegram)
                assert "Je spaarde 1 punt" in (reply.text or "")
                info = await telegram.webhook_info()
                assert info["url"] == f"http://127.0.0.1:{port}/telegram"
    output = bot.log.read_text()
    assert bot.returncode == 0, output
    records = [json.loads(line) for line in output.splitlines() if line.strip()]
    handled = [record for record in records if record.get("logger") == "bot.updates"]
    assert [record["kind"] for record in handled] == ["message", "photo"]
    assert all(isinstance(record["duration_ms"], int | float) for record in handled)
    for secret in (emulator.token, "TEST-TOKEN", NORMAL, "12345678"):
        assert secret not in output


@dataclass
class BotProcess:
    log: Path
    returncode: int | None = None


@contextmanager
def bot_process(command: str, environment: dict[str, str], folder: Path) -> Iterator[BotProcess]:
    """``uitpas-bot <command>`` as a child logging to ``folder/bot.log``, stopped with SIGTERM
    as an operator's platform stops it; ``returncode`` is set once it has exited."""
    bot = BotProcess(folder / "bot.log")
    with bot.log.open("w") as log:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "bot", command],
            cwd=folder,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        yield bot
    finally:
        process.send_signal(signal.SIGTERM)
        bot.returncode = process.wait(timeout=30)


async def link_and_check_in(telegram: EmulatorClient) -> BotCall:
    """An links her card by sending its number, then sends a poster photo; the bot's reply."""
    await telegram.send_text(AN, NORMAL)
    linked = await telegram.wait_for_call("sendMessage", chat_id=AN.id, timeout=60)
    assert "is gekoppeld" in (linked.text or "")
    await telegram.send_photo(AN, poster_photo("12345678"))
    return await telegram.wait_for_call("sendMessage", chat_id=AN.id)


def _environment(
    emulator: TelegramEmulator, server: BackgroundServer, folder: Path, **extra: str
) -> dict[str, str]:
    """What an operator sets: the token, the Bot API server, the database, a verbose log."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(REPO),
        "TELEGRAM_BOT_TOKEN": emulator.token,
        "TELEGRAM_API_URL": server.url,
        "DATABASE_URL": f"sqlite:///{folder / 'bot.sqlite3'}",
        "LOG_LEVEL": "DEBUG",
        "UITPAS_API": "legacy",  # these scenarios link by typing the number
        **extra,
    }


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
