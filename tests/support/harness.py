"""The end-to-end harness: one running bot and the handles a test needs around it."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import asyncpg
import httpx
import pytest
from sqlalchemy.engine import make_url

from bot.config import Settings
from bot.runtime import RunningBot
from bot.sandbox.stack import stack_settings
from bot.sandbox.telegram.client import BotCall, EmulatorClient, TgUser
from bot.sandbox.uitpas.app import API_PREFIX
from storage.repositories import LinkRepository

if TYPE_CHECKING:
    from tests.support.templates import PostgresTemplate

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")

# Both UiTPAS APIs, for ``@pytest.mark.parametrize("backend", BACKENDS)``.
BACKENDS = ["legacy", "v4"]

AN = TgUser(id=7001, first_name="An", username="an_peeters", language_code="nl")
JOHN = TgUser(id=7002, first_name="John", username="john", language_code="en")
LEA = TgUser(id=7033, first_name="Léa", username="lea_dupont", language_code="fr")
# How each catalogue says a card is linked: the end of a v4 login, in the user's language.
_LINKED_WORDS = ("gekoppeld", "linked", "est lié")


async def _postgres_reachable() -> str | None:
    try:
        connection = await asyncpg.connect(POSTGRES_URL, timeout=3)
    except (OSError, asyncpg.PostgresError) as error:
        return f"{type(error).__name__}: {error}"
    await connection.close()
    return None


@asynccontextmanager
async def fresh_postgres_database(
    template: PostgresTemplate | None = None,
) -> AsyncIterator[str]:
    """A new database on the test server, dropped afterwards: empty, or a copy of ``template``."""
    problem = await _postgres_reachable()
    if problem is not None:
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL at {POSTGRES_URL} is required but unreachable: {problem}")
        pytest.skip(f"PostgreSQL at {POSTGRES_URL} unreachable: {problem}")
    name = f"uitpas_bot_test_{uuid.uuid4().hex[:12]}"
    copy_of = f' TEMPLATE "{await template.made()}"' if template is not None else ""
    admin = await asyncpg.connect(POSTGRES_URL)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"{copy_of}')
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@dataclass
class Harness:
    """One running bot and the handles a test needs to play users and inspect the world."""

    telegram: EmulatorClient
    sandbox: httpx.AsyncClient  # the sandbox's control API (/_sandbox/...)
    running: RunningBot
    settings: Settings

    @property
    def backend(self) -> str:
        return self.settings.uitpas_api

    def api_path(self, operation: str) -> str:
        """The sandbox path of an operation under this backend, for fault injection."""
        return _API_PATHS[self.backend][operation]

    async def link(self, user: TgUser, number: str) -> str:
        """Link ``number`` for ``user`` the way this backend does; the bot's confirmation.

        Legacy: ``/link <number>``. v4: ``/link``, follow the login button like a browser,
        pick the passholder on the sandbox's login page, land on the bot's callback.
        """
        if self.backend == "legacy":
            return await say(self, user, f"/link {number}")
        page = await self.log_in(user, number)
        assert page.status_code == 200, page.text
        confirmation = await self.telegram.wait_for_call(
            "sendMessage",
            chat_id=user.id,
            where=lambda call: any(word in (call.text or "") for word in _LINKED_WORDS),
        )
        return confirmation.text or ""

    async def store_link(self, user: TgUser, number: str) -> None:
        """A link made before the card changed (say, deleted since): stored as the bot stores
        it, for a card the bot would no longer link today."""
        language = user.language_code or "nl"
        await LinkRepository(self.running.database).save(user.id, number, language)

    async def login_url(self, user: TgUser) -> str:
        """Send /link and return the URL of the login button the bot answers with."""
        await self.telegram.send_text(user, "/link")
        reply = await self.telegram.wait_for_call("sendMessage", chat_id=user.id)
        [[(_, url)]] = reply.buttons
        assert url is not None
        return url

    async def log_in(self, user: TgUser, number: str, *, url: str | None = None) -> httpx.Response:
        """Log in at the sandbox as ``number`` and follow the redirect to the bot's callback."""
        url = url or await self.login_url(user)
        async with httpx.AsyncClient(timeout=10) as browser:
            page = await browser.get(url)
            assert page.status_code == 200, page.text
            redirect = await browser.post(url, data={"passholder": number})
            assert redirect.status_code == 302, redirect.text
            return await browser.get(redirect.headers["location"])

    async def fault(self, path: str, **fields: Any) -> None:
        response = await self.sandbox.post("/_sandbox/faults", json={"path": path, **fields})
        response.raise_for_status()

    async def sandbox_points(self, number: str) -> int:
        response = await self.sandbox.get(f"/_sandbox/passholders/{number}")
        response.raise_for_status()
        return int(response.json()["points"])

    async def sandbox_checkins(self, number: str) -> int:
        response = await self.sandbox.get(f"/_sandbox/passholders/{number}")
        response.raise_for_status()
        return int(response.json()["checkins"])


_API_PATHS = {
    "legacy": {
        "checkin": "enduser/checkin",
        "points": "uitpas/enduser/0",
        "promotions": "pointsPromotions",
    },
    "v4": {"checkin": "me/checkins", "points": "/v4/passes", "promotions": "/v4/rewards"},
}


def bot_settings(
    emulator_url: str, uitpas_url: str, database_url: str, **overrides: Any
) -> Settings:
    """The local stack's settings with a short UiTPAS timeout, so timeout tests stay quick."""
    sandbox_url = uitpas_url.removesuffix(API_PREFIX)
    values = {"uitpas_timeout_seconds": 2.0, **overrides}
    return stack_settings(emulator_url, sandbox_url, database_url, **values)


def button_data(call: BotCall, label_start: str) -> str:
    """The callback data of the button under ``call`` whose label starts with ``label_start``."""
    for row in call.buttons:
        for text, data in row:
            if text.startswith(label_start) and data:
                return data
    raise AssertionError(f"no button {label_start!r} in {call.buttons}")


async def say(harness: Harness, user: TgUser, text: str) -> str:
    """Send ``text`` as ``user`` and return the text of the bot's reply in that chat."""
    await harness.telegram.send_text(user, text)
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=user.id)
    assert reply.ok, reply.description
    return reply.text or ""


StartBot = Callable[..., AbstractAsyncContextManager[Harness]]
