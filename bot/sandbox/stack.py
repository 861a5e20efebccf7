"""Local stand-ins for the outside world, started together: UiTPAS sandbox, Telegram emulator.

``uitpas-bot demo``, the benchmarks and the tests all need the same thing — both peers on
loopback ports and bot settings pointing at them — so it is put together in one place.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

from cryptography.fernet import Fernet
from pydantic import SecretStr
from starlette.applications import Starlette

from bot.config import Settings
from bot.sandbox.server import BackgroundServer, serving
from bot.sandbox.telegram import TelegramEmulator
from bot.sandbox.uitdatabank import SEARCH_PREFIX
from bot.sandbox.uitpas.app import API_PREFIX, create_app
from bot.sandbox.uitpas.auth import DEMO_CONSUMERS
from bot.sandbox.uitpas_v4 import AUTH_PREFIX, V4_PREFIX
from bot.sandbox.uitpas_v4.uitid import DEMO_CLIENTS


def sandbox_uitpas_settings(sandbox_url: str, backend: str = "legacy") -> dict[str, Any]:
    """The UiTPAS settings that point a bot at the sandbox, for either API generation.

    Under v4 a random token encryption key is made: the sandbox forgets its logins on restart
    anyway, and the web server takes a free port on loopback. Either way the Search API is the
    sandbox's stand-in, asked with the demo client's id.
    """
    client = DEMO_CLIENTS[0]
    search = {
        "search_api_url": f"{sandbox_url}{SEARCH_PREFIX}",
        "search_api_client_id": client.client_id,
    }
    if backend == "v4":
        return {
            **search,
            "uitpas_api": "v4",
            "uitpas_api_url": f"{sandbox_url}{V4_PREFIX}",
            "uitpas_auth_url": f"{sandbox_url}{AUTH_PREFIX}",
            "uitpas_client_id": client.client_id,
            "uitpas_client_secret": SecretStr(client.secret),
            "token_encryption_key": SecretStr(Fernet.generate_key().decode()),
            "web_host": "127.0.0.1",
            "port": 0,
        }
    consumer = DEMO_CONSUMERS[0]
    return {
        **search,
        "uitpas_api": "legacy",
        "uitpas_api_url": f"{sandbox_url}{API_PREFIX}",
        "uitpas_consumer_key": consumer.key,
        "uitpas_consumer_secret": SecretStr(consumer.secret),
    }


def stack_settings(
    telegram_url: str,
    sandbox_url: str,
    database_url: str,
    *,
    backend: str = "legacy",
    **overrides: Any,
) -> Settings:
    """Settings for a bot that talks to the emulator and the sandbox (no ``.env`` is read)."""
    values: dict[str, Any] = {
        "telegram_bot_token": SecretStr(TelegramEmulator().token),
        "telegram_api_url": telegram_url,
        "database_url": database_url,
        **sandbox_uitpas_settings(sandbox_url, backend),
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@dataclass(frozen=True, slots=True)
class LocalStack:
    sandbox_app: Starlette
    sandbox: BackgroundServer
    emulator: TelegramEmulator
    telegram: BackgroundServer

    def settings(self, database_url: str, *, backend: str = "legacy", **overrides: Any) -> Settings:
        return stack_settings(
            self.telegram.url, self.sandbox.url, database_url, backend=backend, **overrides
        )


@contextmanager
def local_stack() -> Iterator[LocalStack]:
    sandbox_app = create_app()
    emulator = TelegramEmulator()
    with ExitStack() as servers:
        sandbox = servers.enter_context(serving(sandbox_app))
        telegram = servers.enter_context(serving(emulator.app))
        yield LocalStack(sandbox_app, sandbox, emulator, telegram)
