"""``GET /healthz``: can this instance do its job? For load balancers and orchestrators.

An instance without its database or without UiTPAS is unhealthy (503), and the load balancer
sends updates elsewhere. The body says which part failed, never why in detail: it is served
to whoever asks. The checks themselves are :class:`~bot.services.health.HealthService`'s.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.services.health import HealthService


class HealthCheck:
    def __init__(self, health: HealthService) -> None:
        self._health = health

    def routes(self) -> Sequence[BaseRoute]:
        return [Route("/healthz", self.answer, methods=["GET"])]

    async def answer(self, _request: Request) -> Response:
        report = await self._health.check()
        body = {
            "database": "ok" if report.database_ok else "unreachable",
            "uitpas": "ok" if report.uitpas_ok else "unreachable",
        }
        return JSONResponse(body, status_code=200 if report.healthy else 503)
