"""An in-process UiTiD token endpoint and a token table that counts its reads, for the unit
tests of the login sessions (the e2e tests use the sandbox's UiTiD over HTTP)."""

from __future__ import annotations

import time

from bot.uitpas.v4.oauth import OAuthRefused, TokenSet
from storage.database import Database
from storage.repositories import StoredLogin, UitidTokenRepository


class Auth:
    """UiTiD's token endpoint: each refresh token works once and is rotated."""

    def __init__(self) -> None:
        self.alive: set[str] = set()
        self.refreshed: list[str] = []
        self._issued = 0

    def issue(self) -> str:
        self._issued += 1
        token = f"refresh-{self._issued}"
        self.alive.add(token)
        return token

    async def refresh(self, refresh_token: str) -> TokenSet:
        self.refreshed.append(refresh_token)
        if refresh_token not in self.alive:
            raise OAuthRefused("invalid_grant", 400)
        self.alive.discard(refresh_token)
        return TokenSet("access", time.monotonic() + 300, self.issue())


class CountingTokens(UitidTokenRepository):
    def __init__(self, database: Database) -> None:
        super().__init__(database)
        self.reads = 0

    async def login(self, telegram_user_id: int) -> StoredLogin | None:
        self.reads += 1
        return await super().login(telegram_user_id)
