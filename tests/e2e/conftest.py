"""Fixtures of the end-to-end tests in webhook mode."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.telegram import TelegramEmulator
from tests.e2e.test_webhook_instances import Pair, two_instances


@pytest.fixture
def webhook_emulator() -> Iterator[BackgroundServer]:
    """An emulator that delivers to http://127.0.0.1 webhooks (telegram-bot-api's local mode)."""
    with serving(TelegramEmulator(local_webhooks=True).app) as server:
        yield server


@pytest.fixture
async def v4_pair(webhook_emulator: BackgroundServer) -> AsyncIterator[Pair]:
    """Two v4 webhook instances behind the round-robin proxy (see ``two_instances``)."""
    async with two_instances(webhook_emulator, backend="v4") as running:
        yield running
