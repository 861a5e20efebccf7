"""Local stand-ins for the outside world, started together: UiTPAS sandbox, Telegram emulator.

``uitpas-bot demo``, the benchmarks and the tests all need the same thing — both peers on
loopback ports and bot settings pointing at them — so it is put together in one place.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

from pydantic import SecretStr
from starlette.applications import Starlette

from bot.config import Settings
from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.telegram import TelegramEmulator
from bot.sandbox.uitpas.app import API_PREFIX, create_app
from bot.sandbox.uitpas.auth import DEMO_CONSUMERS


def stack_settings(
    telegram_url: str, sandbox_url: str, database_url: str, **overrides: Any
) -> Settings:
    """Settings for a bot that talks to the emulator and the sandbox (no ``.env`` is read)."""
    consumer = DEMO_CONSUMERS[0]
    values: dict[str, Any] = {
        "telegram_bot_token": SecretStr(TelegramEmulator().token),
        "telegram_api_url": telegram_url,
        "uitpas_api_url": f"{sandbox_url}{API_PREFIX}",
        "uitpas_consumer_key": consumer.key,
        "uitpas_consumer_secret": SecretStr(consumer.secret),
        "database_url": database_url,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@dataclass(frozen=True, slots=True)
class LocalStack:
    sandbox_app: Starlette
    sandbox: BackgroundServer
    emulator: TelegramEmulator
    telegram: BackgroundServer

    def settings(self, database_url: str, **overrides: Any) -> Settings:
        return stack_settings(self.telegram.url, self.sandbox.url, database_url, **overrides)


@contextmanager
def local_stack() -> Iterator[LocalStack]:
    sandbox_app = create_app()
    emulator = TelegramEmulator()
    with ExitStack() as servers:
        sandbox = servers.enter_context(serving(sandbox_app))
        telegram = servers.enter_context(serving(emulator.app))
        yield LocalStack(sandbox_app, sandbox, emulator, telegram)
