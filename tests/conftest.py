"""Shared fixtures: the real bot against the real emulator, sandbox and databases over HTTP.

``harness`` starts, for one test, a Telegram Bot API emulator and a UiTPAS sandbox on loopback
ports, a fresh database (SQLite, and PostgreSQL when it answers), and the bot itself exactly as
``uitpas-bot run`` builds it, polling the emulator. Tests act as Telegram users through the
emulator's control API and read what the bot did from its Bot API call log.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.runtime import running_bot
from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.telegram import TelegramEmulator
from bot.sandbox.telegram.client import EmulatorClient
from bot.sandbox.uitpas.app import API_PREFIX
from bot.sandbox.uitpas.app import create_app as create_sandbox_app
from tests.support.harness import Harness, StartBot, bot_settings, fresh_postgres_database


@pytest.fixture
def sandbox_server() -> Iterator[BackgroundServer]:
    with serving(create_sandbox_app()) as server:
        yield server


@pytest.fixture
def emulator_server() -> Iterator[BackgroundServer]:
    emulator = TelegramEmulator()
    with serving(emulator.app) as server:
        yield server


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'bot.sqlite3'}"
        return
    async with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def backend() -> str:
    """The UiTPAS API the bot speaks. Legacy unless a test parametrises it, e.g. with
    ``@pytest.mark.parametrize("backend", BACKENDS)`` for the scenarios that run on both."""
    return "legacy"


@pytest.fixture
def start_bot(
    emulator_server: BackgroundServer,
    sandbox_server: BackgroundServer,
    database_url: str,
    backend: str,
) -> StartBot:
    """Start the bot with settings overrides (``uitpas_api_url=...``); use ``async with``."""

    @asynccontextmanager
    async def start(**overrides: Any) -> AsyncIterator[Harness]:
        settings = bot_settings(
            emulator_server.url,
            f"{sandbox_server.url}{API_PREFIX}",
            database_url,
            backend=backend,
            **overrides,
        )
        async with (
            EmulatorClient(emulator_server.url) as telegram,
            httpx.AsyncClient(base_url=sandbox_server.url, timeout=10) as sandbox,
            running_bot(settings, poll_timeout=1) as running,
        ):
            yield Harness(telegram, sandbox, running, settings)

    return start


@pytest.fixture
async def harness(start_bot: StartBot) -> AsyncIterator[Harness]:
    async with start_bot() as running:
        yield running
