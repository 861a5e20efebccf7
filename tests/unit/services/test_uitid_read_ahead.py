"""A login read ahead with a photo's first statement (issue 21): used instead of a read of
its own, never when stale (changed here since, or too old), and when refused the stored one
decides, so a login renewed elsewhere meanwhile is not lost."""

from __future__ import annotations

import asyncio
import time
from typing import NamedTuple

import pytest
from cryptography.fernet import Fernet

from bot.services import uitid_sessions
from bot.services.uitid_sessions import TokenCipher, UitidSessions
from storage.database import Database
from storage.repositories import StoredLogin, UitidTokenRepository
from tests.support.uitid_logins import Auth, CountingTokens

pytestmark = pytest.mark.empty_database


class Login(NamedTuple):
    """One user's login machinery: UiTiD, the counted token table, the cipher, the sessions."""

    auth: Auth
    tokens: CountingTokens
    cipher: TokenCipher
    sessions: UitidSessions


@pytest.fixture
def login(database: Database) -> Login:
    auth, tokens = Auth(), CountingTokens(database)
    cipher = TokenCipher(Fernet.generate_key().decode())
    return Login(auth, tokens, cipher, UitidSessions(auth, tokens, cipher))  # type: ignore[arg-type]


async def _stored(tokens: UitidTokenRepository, cipher: TokenCipher, auth: Auth) -> StoredLogin:
    """A login stored with no access token (as before migration 0011, or after a refresh
    elsewhere that kept none): using it renews it."""
    encrypted = cipher.encrypt(auth.issue())
    await tokens.save(7, encrypted)
    return StoredLogin(encrypted)


async def test_the_token_read_ahead_saves_the_read(database: Database, login: Login) -> None:
    auth, tokens, cipher, sessions = login
    stored = await _stored(tokens, cipher, auth)
    sessions.read_ahead(7, stored, time.monotonic())
    assert await sessions.access_token(7) == "access"
    assert tokens.reads == 0
    assert auth.refreshed == ["refresh-1"]
    assert cipher.decrypt(await UitidTokenRepository(database).get(7) or "") == "refresh-2"
    # Cached now; a renewal without read ahead reads as before.
    assert await sessions.access_token(7, renew=True) == "access"
    assert tokens.reads == 1


async def test_a_stale_read_ahead_is_not_used(
    login: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    auth, tokens, cipher, sessions = login
    stored = await _stored(tokens, cipher, auth)
    # Read, then this process rotated the login (another photo): the read is the old one.
    started = time.monotonic()
    assert await sessions.access_token(7) == "access"
    sessions.read_ahead(7, stored, started)
    assert await sessions.access_token(7, renew=True) == "access"
    assert auth.refreshed == ["refresh-1", "refresh-2"]  # never the dead one again
    # Too old to trust.
    monkeypatch.setattr(uitid_sessions, "READ_AHEAD_FOR", 0.0)
    sessions.read_ahead(7, StoredLogin("whatever"), time.monotonic() - 1)
    assert await sessions.access_token(7, renew=True) == "access"
    assert auth.refreshed[-1] == "refresh-3"
    # Nothing was stored when it was read: read now (a login may have come since).
    sessions.read_ahead(7, None, time.monotonic())
    assert await sessions.access_token(7, renew=True) == "access"


async def test_a_refused_read_ahead_defers_to_the_stored_login(
    database: Database, login: Login
) -> None:
    """Renewed by another instance after the read: the stored one is used, the login kept."""
    auth, tokens, cipher, sessions = login
    old = await _stored(tokens, cipher, auth)
    sessions.read_ahead(7, old, time.monotonic())
    auth.alive.discard("refresh-1")  # rotated elsewhere ...
    await _stored(tokens, cipher, auth)  # ... and stored there
    assert await sessions.access_token(7) == "access"
    assert auth.refreshed == ["refresh-1", "refresh-2"]
    assert await UitidTokenRepository(database).get(7) is not None
    # Refused and still the stored one: the login is gone, as without the read ahead.
    current = await UitidTokenRepository(database).login(7)
    auth.alive.clear()
    sessions.read_ahead(7, current, time.monotonic())
    assert await sessions.access_token(7, renew=True) is None
    assert await UitidTokenRepository(database).get(7) is None


async def test_a_read_ahead_stays_with_its_update(login: Login) -> None:
    """Read in one update's task, it is not used by another (nor kept for one)."""
    auth, tokens, cipher, sessions = login
    stored = await _stored(tokens, cipher, auth)

    async def a_photo_that_stopped_early() -> None:  # e.g. throttled: never asked for a token
        sessions.read_ahead(7, stored, time.monotonic())

    await asyncio.create_task(a_photo_that_stopped_early())
    assert await sessions.access_token(7) == "access"
    assert tokens.reads == 1
