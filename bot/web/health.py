"""``GET /healthz``: can this instance do its job? For load balancers and orchestrators.

An instance without its database can answer nobody correctly, and one that cannot reach
UiTPAS can check nobody in, so either makes it unhealthy (503) and the load balancer sends
updates elsewhere. The body says which part failed, never why in detail: it is served to
whoever asks.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

import httpx
from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from storage.database import Database

log = logging.getLogger(__name__)

CHECK_TIMEOUT_SECONDS = 3.0


class HealthCheck:
    def __init__(self, database: Database, uitpas_url: str) -> None:
        self._database = database
        self._uitpas_url = uitpas_url

    def routes(self) -> Sequence[BaseRoute]:
        return [Route("/healthz", self.answer, methods=["GET"])]

    async def answer(self, _request: Request) -> Response:
        database, uitpas = await asyncio.gather(self.database_ok(), self.uitpas_ok())
        body = {
            "database": "ok" if database else "unreachable",
            "uitpas": "ok" if uitpas else "unreachable",
        }
        return JSONResponse(body, status_code=200 if database and uitpas else 503)

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
