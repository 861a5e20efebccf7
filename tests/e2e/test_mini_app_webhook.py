"""The Mini App under ``uitpas-bot webhook``: the same web server serves ``/telegram`` and
``/app/``, on either backend; a scan's reply reaches the chat while updates arrive by webhook."""

from __future__ import annotations

import httpx
import pytest

from bot.runtime import running_bot
from bot.sandbox.server import BackgroundServer
from bot.sandbox.telegram.client import EmulatorClient
from bot.sandbox.uitpas.app import API_PREFIX
from bot.sandbox.uitpas.data import NORMAL
from tests.support.harness import AN, BACKENDS, Harness, bot_settings
from tests.support.mini_app import app_call, event_code, mini_app_settings, opened_init_data


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_scan_works_when_updates_come_by_webhook(
    webhook_emulator: BackgroundServer,
    sandbox_server: BackgroundServer,
    database_url: str,
    backend: str,
) -> None:
    settings = bot_settings(
        webhook_emulator.url,
        f"{sandbox_server.url}{API_PREFIX}",
        database_url,
        backend=backend,
        shutdown_grace_seconds=1,
        **mini_app_settings(),
    )
    async with (
        EmulatorClient(webhook_emulator.url) as telegram,
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
