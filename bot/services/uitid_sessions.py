"""Passholders' UiTiD logins (v4): refresh tokens encrypted at rest, access tokens in memory.

Why this shape. A check-in under v4 needs the passholder's own access token. Access tokens are
short-lived and never stored; the refresh token is, Fernet-encrypted with
``TOKEN_ENCRYPTION_KEY``, so a copy of the database alone does not let anyone check in as the
passholder. UiTiD rotates refresh tokens: every refresh returns a new one and kills the old, so
refreshing is serialised per user and the new token is stored before the access token is used.

A refresh token the server no longer accepts (expired, revoked, or one we cannot decrypt after
a key change) deletes the stored login: the next check-in answers ``LOGIN_REQUIRED`` and the
user is sent back to log in, never into an error.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict

from cryptography.fernet import Fernet, InvalidToken

from bot.uitpas.errors import UitpasUnavailable
from bot.uitpas.v4.oauth import OAuthRefused, TokenSet, UitidAuth
from storage.read_ahead import ReadAhead
from storage.repositories import UitidTokenRepository

log = logging.getLogger(__name__)

# How long a refresh token read ahead (with a photo's count and link) may be used instead of
# a read of its own; past how many remembered login changes the old ones are dropped.
READ_AHEAD_FOR = 5.0
CHANGES_KEPT = 1000
# The refresh tokens (encrypted; None: none stored) read ahead in this update.
_READ_AHEAD: ReadAhead[str | None] = ReadAhead("uitid_read_ahead")


class TokenCipher:
    """Fernet (AES-128-CBC + HMAC-SHA256): authenticated, so a tampered row fails to decrypt."""

    def __init__(self, key: str) -> None:
        try:
            self._fernet = Fernet(key.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            raise ValueError(
                "TOKEN_ENCRYPTION_KEY must be a Fernet key (urlsafe base64 of 32 bytes); make one "
                "with: python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'"
            ) from None

    def encrypt(self, token: str) -> str:
        return self._fernet.encrypt(token.encode()).decode("ascii")

    def decrypt(self, encrypted: str) -> str | None:
        try:
            return self._fernet.decrypt(encrypted.encode("ascii")).decode()
        except (InvalidToken, ValueError):
            return None


class UitidSessions:
    """Implements ``bot.uitpas.v4.client.UserTokens`` over the token repository."""

    def __init__(self, auth: UitidAuth, tokens: UitidTokenRepository, cipher: TokenCipher) -> None:
        self._auth = auth
        self._tokens = tokens
        self._cipher = cipher
        self._access: dict[int, TokenSet] = {}
        self._locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
        # When this process last changed a user's stored login (what makes a token read
        # ahead before then stale).
        self._changed: dict[int, float] = {}

    def read_ahead(self, telegram_user_id: int, encrypted: str | None, started: float) -> None:
        """The stored refresh token as a statement that started at ``started``
        (time.monotonic()) read it, for the next :meth:`access_token` of the same update (the
        same task or the tasks it starts) to use instead of a read of its own: once, within
        READ_AHEAD_FOR seconds, and only if this process did not change the login since the
        statement started (else it may be the old one). Kept in a context variable, so it dies
        with the update and never reaches another."""
        _READ_AHEAD.keep(telegram_user_id, encrypted, started)

    def _read_ahead(self, telegram_user_id: int) -> str | None:
        """The refresh token read ahead, if still good to use (else None: read it now)."""
        got = _READ_AHEAD.take(telegram_user_id, within=READ_AHEAD_FOR)
        if got is None:
            return None
        encrypted, started = got
        changed = self._changed.get(telegram_user_id)
        if changed is not None and changed >= started:
            return None
        return encrypted  # None (none was stored then): read now, a login may have come since

    def _changing(self, telegram_user_id: int) -> None:
        """The stored login is about to change: whatever was read ahead of it is stale."""
        now = time.monotonic()
        if len(self._changed) > CHANGES_KEPT:  # older changes outlive no read ahead
            self._changed = {u: at for u, at in self._changed.items() if at > now - READ_AHEAD_FOR}
        self._changed[telegram_user_id] = now

    async def save(self, telegram_user_id: int, tokens: TokenSet) -> None:
        """Keep a fresh login (after the code exchange)."""
        if tokens.refresh_token is None:
            raise ValueError("the login gave no refresh token (is offline_access allowed?)")
        self._changing(telegram_user_id)
        await self._tokens.save(telegram_user_id, self._cipher.encrypt(tokens.refresh_token))
        self._access[telegram_user_id] = tokens

    async def has_login(self, telegram_user_id: int) -> bool:
        return await self._tokens.get(telegram_user_id) is not None

    async def access_token(self, telegram_user_id: int, *, renew: bool = False) -> str | None:
        async with self._locks[telegram_user_id]:
            cached = self._access.get(telegram_user_id)
            if cached is not None and cached.fresh() and not renew:
                return cached.access_token
            self._access.pop(telegram_user_id, None)
            ahead = self._read_ahead(telegram_user_id)
            if ahead is not None:
                tokens = await self._refresh(telegram_user_id, ahead, read_ahead=True)
            else:
                encrypted = await self._tokens.get(telegram_user_id)
                tokens = await self._refresh(telegram_user_id, encrypted, read_ahead=False)
            if tokens is None:
                return None
            self._access[telegram_user_id] = tokens
            return tokens.access_token

    async def _refresh(
        self, telegram_user_id: int, encrypted: str | None, *, read_ahead: bool
    ) -> TokenSet | None:
        """A new access token from the stored refresh token, the rotated one stored; None (and
        the login deleted) when that login is gone. ``read_ahead``: ``encrypted`` was read
        with the photo's first statement; refused, the stored one decides (it may have been
        renewed elsewhere since), as if it had been read now."""
        if encrypted is None:
            return None
        refresh_token = self._cipher.decrypt(encrypted)
        if refresh_token is not None:
            try:
                tokens = await self._auth.refresh(refresh_token)
            except OAuthRefused as error:
                if not error.login_gone:
                    raise
            else:
                if tokens.refresh_token is not None:  # rotated: the old one is dead now
                    self._changing(telegram_user_id)
                    await self._tokens.save(
                        telegram_user_id, self._cipher.encrypt(tokens.refresh_token)
                    )
                return tokens
        if read_ahead:
            stored = await self._tokens.get(telegram_user_id)
            if stored != encrypted:
                return await self._refresh(telegram_user_id, stored, read_ahead=False)
        if refresh_token is None:
            log.warning("a stored refresh token cannot be decrypted: the login is dropped")
        else:
            log.info("a passholder's UiTiD login is no longer valid: asking to log in again")
        self._changing(telegram_user_id)
        await self._tokens.delete_for_user(telegram_user_id)
        return None

    async def forget(self, telegram_user_id: int) -> None:
        """``/unlink``: revoke the login at UiTiD (best effort) and delete it here (always)."""
        async with self._locks[telegram_user_id]:
            self._access.pop(telegram_user_id, None)
            self._changing(telegram_user_id)
            encrypted = await self._tokens.get(telegram_user_id)
            await self._tokens.delete_for_user(telegram_user_id)
        refresh_token = self._cipher.decrypt(encrypted) if encrypted else None
        if refresh_token is not None:
            try:
                await self._auth.revoke(refresh_token)
            except UitpasUnavailable as error:
                log.warning("revoking a UiTiD login failed (%s); deleted here", error.reason.value)
        self._locks.pop(telegram_user_id, None)
