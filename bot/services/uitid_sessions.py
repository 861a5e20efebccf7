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
from collections import defaultdict

from cryptography.fernet import Fernet, InvalidToken

from bot.uitpas.errors import UitpasUnavailable
from bot.uitpas.v4.oauth import OAuthRefused, TokenSet, UitidAuth
from storage.repositories import UitidTokenRepository

log = logging.getLogger(__name__)


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

    async def save(self, telegram_user_id: int, tokens: TokenSet) -> None:
        """Keep a fresh login (after the code exchange)."""
        if tokens.refresh_token is None:
            raise ValueError("the login gave no refresh token (is offline_access allowed?)")
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
            encrypted = await self._tokens.get(telegram_user_id)
            if encrypted is None:
                return None
            refresh_token = self._cipher.decrypt(encrypted)
            if refresh_token is None:
                log.warning("a stored refresh token cannot be decrypted: the login is dropped")
                await self._tokens.delete_for_user(telegram_user_id)
                return None
            try:
                tokens = await self._auth.refresh(refresh_token)
            except OAuthRefused as error:
                if not error.login_gone:
                    raise
                log.info("a passholder's UiTiD login is no longer valid: asking to log in again")
                await self._tokens.delete_for_user(telegram_user_id)
                return None
            if tokens.refresh_token is not None:  # rotated: the old one is dead now
                await self._tokens.save(
                    telegram_user_id, self._cipher.encrypt(tokens.refresh_token)
                )
            self._access[telegram_user_id] = tokens
            return tokens.access_token

    async def forget(self, telegram_user_id: int) -> None:
        """``/unlink``: revoke the login at UiTiD (best effort) and delete it here (always)."""
        async with self._locks[telegram_user_id]:
            self._access.pop(telegram_user_id, None)
            encrypted = await self._tokens.get(telegram_user_id)
            await self._tokens.delete_for_user(telegram_user_id)
        refresh_token = self._cipher.decrypt(encrypted) if encrypted else None
        if refresh_token is not None:
            try:
                await self._auth.revoke(refresh_token)
            except UitpasUnavailable as error:
                log.warning("revoking a UiTiD login failed (%s); deleted here", error.reason.value)
        self._locks.pop(telegram_user_id, None)
