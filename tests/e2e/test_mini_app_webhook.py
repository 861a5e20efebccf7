"""The Mini App under ``uitpas-bot webhook``: the same web server serves ``/telegram`` and
``/app/``, on either backend; a scan's reply reaches the chat while updates arrive by webhook."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from bot.runtime import running_bot
from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.telegram import TelegramEmulator
from bot.sandbox.telegram.client import EmulatorClient
from bot.sandbox.uitpas.app import API_PREFIX
from bot.sandbox.uitpas.data import NORMAL
from tests.support.harness import AN, BACKENDS, Harness, bot_settings
from tests.support.mini_app import app_call, event_code, mini_app_settings, opened_init_data


@pytest.fixture
def emulator_server() -> Iterator[BackgroundServer]:
    """An emulator that delivers to http://127.0.0.1 webhooks (telegram-bot-api's local mode)."""
    with serving(TelegramEmulator(local_webhooks=True).app) as server:
        yield server


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_scan_works_when_updates_come_by_webhook(
    emulator_server: BackgroundServer,
    sandbox_server: BackgroundServer,
    database_url: str,
    backend: str,
) -> None:
    settings = bot_settings(
        emulator_server.url,
        f"{sandbox_server.url}{API_PREFIX}",
        database_url,
        backend=backend,
        shutdown_grace_seconds=1,
        **mini_app_settings(),
    )
    async with (
        EmulatorClient(emulator_server.url) as telegram,
        httpx.AsyncClient(base_url=sandbox_server.url, timeout=10) as sandbox,
        running_bot(settings, polling=False, webhook=True, reminders=False) as running,
    ):
        harness = Harness(telegram, sandbox, running, settings)
        info = await telegram.webhook_info()
        assert info["url"] == f"{settings.public_url}/telegram"
        assert (await telegram.menu_button(AN.id))["web_app"]["url"] == running.mini_app_url
        await harness.link(AN, NORMAL)  # by webhook: /link, or the login's callback
        code = await event_code(harness, "Jazz op de Grote Markt")
        init_data = await opened_init_data(harness, AN)
        answer = (await app_call(harness, "scan", init_data, {"code": code})).json()
        assert "Je spaarde 1 punt" in answer["text"]
        await telegram.wait_for_call(
            "sendMessage", chat_id=AN.id, where=lambda c: "Je spaarde 1 punt" in (c.text or "")
        )
        assert await harness.sandbox_points(NORMAL) == 26
