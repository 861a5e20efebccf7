"""Can this instance do its job? It needs its database to answer anyone correctly, and UiTPAS
to check anyone in; ``GET /healthz`` (:mod:`bot.web.health`) reports what this finds.

Each check has a short timeout, so a load balancer asking every few seconds gets an answer
before it gives up, and logs the kind of failure only: the details are no business of
whoever asks.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import httpx
from sqlalchemy import text

from storage.database import Database

log = logging.getLogger(__name__)

CHECK_TIMEOUT_SECONDS = 3.0


@dataclass(frozen=True, slots=True)
class HealthReport:
    database_ok: bool
    uitpas_ok: bool

    @property
    def healthy(self) -> bool:
        return self.database_ok and self.uitpas_ok


class HealthService:
    def __init__(self, database: Database, uitpas_url: str) -> None:
        self._database = database
        self._uitpas_url = uitpas_url

    async def check(self) -> HealthReport:
        database, uitpas = await asyncio.gather(self.database_ok(), self.uitpas_ok())
        return HealthReport(database_ok=database, uitpas_ok=uitpas)

    async def database_ok(self) -> bool:
        try:
            async with asyncio.timeout(CHECK_TIMEOUT_SECONDS):
                async with self._database.engine.connect() as connection:
                    await connection.execute(text("SELECT 1"))
        except Exception as error:
            log.warning("health: database unreachable (%s)", type(error).__name__)
            return False
        return True

    async def uitpas_ok(self) -> bool:
        """Any HTTP answer below 500 from the API's base URL: the network path and the server
        work (the answer itself is a 401 or 404 without credentials, and that is fine)."""
        try:
            async with httpx.AsyncClient(timeout=CHECK_TIMEOUT_SECONDS) as client:
                response = await client.get(self._uitpas_url)
        except httpx.HTTPError as error:
            log.warning("health: UiTPAS unreachable (%s)", type(error).__name__)
            return False
        if response.status_code >= 500:
            log.warning("health: UiTPAS answers HTTP %d", response.status_code)
            return False
        return True
