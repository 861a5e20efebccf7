"""Passholders' UiTiD logins (v4): encrypted at rest, access tokens reused until they expire.

Why this shape. A check-in under v4 needs the passholder's own access token. publiq asks
clients to cache it "for as long as possible" (it lives 24 h at UiTiD), so it is stored with
the refresh token and reused by every instance, and after a restart, until shortly before it
expires: a check-in then asks UiTiD nothing and writes nothing. Both are Fernet-encrypted with
``TOKEN_ENCRYPTION_KEY``, so a copy of the database alone does not let anyone check in as the
passholder. UiTiD rotates refresh tokens: every refresh returns a new one and kills the old, so
refreshing is serialised per user and the new token is stored before the access token is used.

A refresh token the server no longer accepts (expired, revoked, or one we cannot decrypt after
a key change) deletes the stored login: the next check-in answers ``LOGIN_REQUIRED`` and the
user is sent back to log in, never into an error. Unless the stored login changed meanwhile
(another instance renewed it, or the user logged in again): then that one is used.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from cryptography.fernet import Fernet, InvalidToken

from bot.uitpas.errors import UitpasUnavailable
from bot.uitpas.v4.oauth import OAuthRefused, TokenSet, UitidAuth
from storage.read_ahead import ReadAhead
from storage.repositories import StoredLogin, UitidTokenRepository

log = logging.getLogger(__name__)

# How long a login read ahead (with a photo's count and link) may be used instead of a read
# of its own; past how many remembered login changes the old ones are dropped.
READ_AHEAD_FOR = 5.0
CHANGES_KEPT = 1000
# The logins (encrypted; None: none stored) read ahead in this update.
_READ_AHEAD: ReadAhead[StoredLogin | None] = ReadAhead("uitid_read_ahead")


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
        # When this process last changed a user's stored login (what makes a login read
        # ahead before then stale).
        self._changed: dict[int, float] = {}

    def read_ahead(self, telegram_user_id: int, login: StoredLogin | None, started: float) -> None:
        """The stored login as a statement that started at ``started`` (time.monotonic())
        read it, for the next :meth:`access_token` of the same update (the same task or the
        tasks it starts) to use instead of a read of its own: once, within READ_AHEAD_FOR
        seconds, and only if this process did not change the login since the statement
        started (else it may be the old one). Kept in a context variable, so it dies with the
        update and never reaches another."""
        _READ_AHEAD.keep(telegram_user_id, login, started)

    def _read_ahead(self, telegram_user_id: int) -> StoredLogin | None:
        """The login read ahead, if still good to use (else None: read it now)."""
        got = _READ_AHEAD.take(telegram_user_id, within=READ_AHEAD_FOR)
        if got is None:
            return None
        login, started = got
        changed = self._changed.get(telegram_user_id)
        if changed is not None and changed >= started:
            return None
        return login  # None (none was stored then): read now, a login may have come since

    def _changing(self, telegram_user_id: int) -> None:
        """The stored login is about to change: whatever was read ahead of it is stale."""
        now = time.monotonic()
        if len(self._changed) > CHANGES_KEPT:  # older changes outlive no read ahead
            self._changed = {u: at for u, at in self._changed.items() if at > now - READ_AHEAD_FOR}
        self._changed[telegram_user_id] = now

    async def save(self, telegram_user_id: int, tokens: TokenSet) -> None:
        """Keep a fresh login (after the code exchange), its access token too."""
        if tokens.refresh_token is None:
            raise ValueError("the login gave no refresh token (is offline_access allowed?)")
        await self._keep(telegram_user_id, tokens, self._cipher.encrypt(tokens.refresh_token))

    async def has_login(self, telegram_user_id: int) -> bool:
        return await self._tokens.get(telegram_user_id) is not None

    async def access_token(self, telegram_user_id: int, *, renew: bool = False) -> str | None:
        """From memory, else the stored one, else renewed. ``renew`` (after a 401): the one
        handed out last is not trusted any more; a different one stored since (renewed by
        another instance) is, else the login is renewed."""
        async with self._locks[telegram_user_id]:
            cached = self._access.get(telegram_user_id)
            if cached is not None and cached.fresh() and not renew:
                return cached.access_token
            self._access.pop(telegram_user_id, None)
            refused = cached.access_token if renew and cached is not None else None
            login = self._read_ahead(telegram_user_id)
            if login is None:
                login = await self._tokens.login(telegram_user_id)
            tokens = await self._usable(
                telegram_user_id, login, renew=renew, refused=refused, reread=True
            )
            if tokens is None:
                return None
            self._access[telegram_user_id] = tokens
            return tokens.access_token

    async def _usable(
        self,
        telegram_user_id: int,
        login: StoredLogin | None,
        *,
        renew: bool,
        refused: str | None = None,
        reread: bool,
    ) -> TokenSet | None:
        """The stored access token while it lasts, else a renewal of the login; None (and the
        login deleted) when that login is gone. ``renew``: not the stored access token if it
        is ``refused``, or if it is not known which one was refused. A refused refresh token
        may have been renewed elsewhere since it was read: ``reread``, the stored login is
        read once more, and if it changed, it decides."""
        if login is None:
            return None
        if not renew or refused is not None:
            stored = self._stored_access(login)
            if stored is not None and stored.access_token != refused:
                return stored
        refresh_token = self._cipher.decrypt(login.refresh_token_encrypted)
        if refresh_token is not None:
            try:
                tokens = await self._auth.refresh(refresh_token)
            except OAuthRefused as error:
                if not error.login_gone:
                    raise
            else:
                # Not rotated (UiTiD always rotates; another server may not): the same one.
                encrypted = login.refresh_token_encrypted
                if tokens.refresh_token is not None:  # rotated: the old one is dead now
                    encrypted = self._cipher.encrypt(tokens.refresh_token)
                await self._keep(telegram_user_id, tokens, encrypted)
                return tokens
        if reread:
            now = await self._tokens.login(telegram_user_id)
            if now is not None and now.refresh_token_encrypted != login.refresh_token_encrypted:
                return await self._usable(
                    telegram_user_id, now, renew=renew, refused=refused, reread=False
                )
        if refresh_token is None:
            log.warning("a stored refresh token cannot be decrypted: the login is dropped")
        else:
            log.info("a passholder's UiTiD login is no longer valid: asking to log in again")
        self._changing(telegram_user_id)
        await self._tokens.delete_for_user(telegram_user_id)
        return None

    def _stored_access(self, login: StoredLogin) -> TokenSet | None:
        """The stored access token, if it has not expired (by this machine's clock, with the
        margin it was stored with)."""
        if login.access_token_encrypted is None or login.access_expires_at is None:
            return None
        left = (login.access_expires_at - datetime.now(UTC)).total_seconds()
        if left <= 0:
            return None
        access = self._cipher.decrypt(login.access_token_encrypted)
        if access is None:
            return None
        return TokenSet(access, time.monotonic() + left)

    async def _keep(self, telegram_user_id: int, tokens: TokenSet, encrypted: str) -> None:
        """Store a login (the refresh token ``encrypted``) with its access token, before the
        access token is used: a rotated refresh token is the only one that still works."""
        self._changing(telegram_user_id)
        left = max(tokens.expires_at - time.monotonic(), 0.0)
        await self._tokens.save(
            telegram_user_id,
            encrypted,
            access_encrypted=self._cipher.encrypt(tokens.access_token),
            access_expires_at=datetime.now(UTC) + timedelta(seconds=left),
        )
        self._access[telegram_user_id] = tokens

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
