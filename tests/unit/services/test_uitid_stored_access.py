"""The passholder's access token is stored with the login (issue 21): any instance, and the
same one after a restart, reuses it until it expires (publiq: "cache and reuse the obtained
user access token for as long as possible"), so such a check-in asks UiTiD nothing and
writes nothing. A 401 distrusts it, and a refresh refused because the login was renewed
elsewhere since it was read takes the renewed one instead of dropping the login."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.fernet import Fernet

from bot.services.uitid_sessions import TokenCipher, UitidSessions
from bot.uitpas.v4.oauth import TokenSet
from storage.database import Database
from storage.repositories import UitidTokenRepository
from tests.support.uitid_logins import Auth, CountingTokens

pytestmark = pytest.mark.empty_database


class Instance:
    """One bot instance's login machinery on the shared table: its own memory."""

    def __init__(self, database: Database, auth: Auth, cipher: TokenCipher) -> None:
        self.tokens = CountingTokens(database)
        self.sessions = UitidSessions(auth, self.tokens, cipher)  # type: ignore[arg-type]


@pytest.fixture
def cipher() -> TokenCipher:
    return TokenCipher(Fernet.generate_key().decode())


async def _logged_in(instance: Instance, auth: Auth, lifetime: float = 300.0) -> None:
    """What the code exchange gives the login service: both tokens."""
    await instance.sessions.save(7, TokenSet("access-0", time.monotonic() + lifetime, auth.issue()))


async def test_another_instance_reuses_the_stored_access_token(
    database: Database, cipher: TokenCipher
) -> None:
    auth = Auth()
    first, second = Instance(database, auth, cipher), Instance(database, auth, cipher)
    await _logged_in(first, auth)
    assert await second.sessions.access_token(7) == "access-0"
    assert auth.refreshed == []  # UiTiD not asked: the login kept its refresh token
    assert auth.alive == {"refresh-1"}
    assert second.tokens.reads == 1
    # Then from memory: no read either.
    assert await second.sessions.access_token(7) == "access-0"
    assert second.tokens.reads == 1


async def test_the_access_token_is_stored_encrypted_with_its_expiry(
    database: Database, cipher: TokenCipher
) -> None:
    auth = Auth()
    before = datetime.now(UTC)
    await _logged_in(Instance(database, auth, cipher), auth, lifetime=600.0)
    stored = await UitidTokenRepository(database).login(7)
    assert stored is not None
    assert stored.access_token_encrypted is not None
    assert "access-0" not in stored.access_token_encrypted
    assert cipher.decrypt(stored.access_token_encrypted) == "access-0"
    assert stored.access_expires_at is not None
    # As long as the token set's own lifetime (the client took its margin off already).
    assert before + timedelta(seconds=599) < stored.access_expires_at
    assert stored.access_expires_at <= datetime.now(UTC) + timedelta(seconds=600)


async def test_an_expired_stored_access_token_is_renewed_and_the_renewal_stored(
    database: Database, cipher: TokenCipher
) -> None:
    auth = Auth()
    first, second, third = (Instance(database, auth, cipher) for _ in range(3))
    await _logged_in(first, auth, lifetime=0.0)
    assert await second.sessions.access_token(7) == "access"  # Auth's refresh
    assert auth.refreshed == ["refresh-1"]
    stored = await UitidTokenRepository(database).login(7)
    assert stored is not None
    assert cipher.decrypt(stored.refresh_token_encrypted) == "refresh-2"  # rotated, kept
    assert cipher.decrypt(stored.access_token_encrypted or "") == "access"
    # The renewal is reused in turn.
    assert await third.sessions.access_token(7) == "access"
    assert auth.refreshed == ["refresh-1"]


async def test_after_a_401_the_stored_access_token_is_not_trusted(
    database: Database, cipher: TokenCipher
) -> None:
    auth = Auth()
    first, second = Instance(database, auth, cipher), Instance(database, auth, cipher)
    await _logged_in(first, auth)
    assert await second.sessions.access_token(7, renew=True) == "access"
    assert auth.refreshed == ["refresh-1"]


async def test_after_a_401_an_access_token_renewed_elsewhere_since_is_used(
    database: Database, cipher: TokenCipher
) -> None:
    """Both instances held the login's access token; UiTiD stopped taking it. The first to
    meet the 401 renews the login; the other, meeting it too, takes that renewal."""
    auth = Auth()
    first, second = Instance(database, auth, cipher), Instance(database, auth, cipher)
    await _logged_in(first, auth)
    assert await second.sessions.access_token(7) == "access-0"
    assert await first.sessions.access_token(7, renew=True) == "access"
    assert await second.sessions.access_token(7, renew=True) == "access"
    assert auth.refreshed == ["refresh-1"]  # renewed once
    # And if that one is refused too, it is not trusted either: renewed again.
    assert await second.sessions.access_token(7, renew=True) == "access"
    assert auth.refreshed == ["refresh-1", "refresh-2"]


async def test_an_undecryptable_access_token_renews_the_login(
    database: Database, cipher: TokenCipher
) -> None:
    """After a key change the refresh token cannot be read either: the login is dropped, as
    before. An access token alone unreadable (a damaged row) only costs a renewal."""
    auth = Auth()
    refresh = cipher.encrypt(auth.issue())
    later = datetime.now(UTC) + timedelta(hours=1)
    tokens = UitidTokenRepository(database)
    await tokens.save(7, refresh, access_encrypted="not-fernet", access_expires_at=later)
    assert await Instance(database, auth, cipher).sessions.access_token(7) == "access"
    assert auth.refreshed == ["refresh-1"]


async def test_a_refresh_refused_because_another_instance_renewed_it_takes_the_renewal(
    database: Database, cipher: TokenCipher
) -> None:
    """Read, then renewed elsewhere before this instance's own refresh reached UiTiD: the old
    refresh token is refused, and the login renewed elsewhere is used, never deleted."""
    auth = Auth()
    first, second = Instance(database, auth, cipher), Instance(database, auth, cipher)
    await _logged_in(first, auth, lifetime=0.0)
    refresh = auth.refresh

    async def renewed_elsewhere_meanwhile(refresh_token: str) -> TokenSet:
        auth.refresh = refresh  # type: ignore[method-assign]
        await first.sessions.access_token(7)  # the other instance renews first ...
        return await refresh(refresh_token)  # ... so this one is refused

    auth.refresh = renewed_elsewhere_meanwhile  # type: ignore[method-assign]
    assert await second.sessions.access_token(7) == "access"
    assert auth.refreshed == ["refresh-1", "refresh-1"]  # the second one refused
    stored = await UitidTokenRepository(database).login(7)
    assert stored is not None
    assert cipher.decrypt(stored.refresh_token_encrypted) == "refresh-2"


async def test_a_refused_login_unchanged_since_it_was_read_is_deleted(
    database: Database, cipher: TokenCipher
) -> None:
    auth = Auth()
    instance = Instance(database, auth, cipher)
    await _logged_in(instance, auth, lifetime=0.0)
    auth.alive.clear()  # revoked at UiTiD
    assert await Instance(database, auth, cipher).sessions.access_token(7) is None
    assert await UitidTokenRepository(database).login(7) is None


async def test_a_login_stored_before_the_access_token_was_kept_renews_as_before(
    database: Database, cipher: TokenCipher
) -> None:
    """Rows from before migration 0011 have no access token: their first use renews them."""
    auth = Auth()
    await UitidTokenRepository(database).save(7, cipher.encrypt(auth.issue()))
    stored = await UitidTokenRepository(database).login(7)
    assert stored is not None
    assert stored.access_token_encrypted is None
    assert await Instance(database, auth, cipher).sessions.access_token(7) == "access"
    assert auth.refreshed == ["refresh-1"]
