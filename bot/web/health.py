"""``GET /healthz``: can this instance do its job? For load balancers and orchestrators.

An instance without its database or without UiTPAS is unhealthy (503), and the load balancer
sends updates elsewhere. To whoever asks, the body says only ok or not ok; which part failed
is for the internal port (or the bearer of ``METRICS_TOKEN``), and why only for the log.
The checks themselves are :class:`~bot.services.health.HealthService`'s.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.services.health import HealthService
from bot.web.server import bearer_ok


class HealthCheck:
    """``detailed``: the internal port, which says which part failed. The public port says
    only ok / not ok, unless the request carries the metrics bearer ``token``."""

    def __init__(
        self, health: HealthService, *, detailed: bool = False, token: str | None = None
    ) -> None:
        self._health = health
        self._detailed = detailed
        self._token = token

    def routes(self) -> Sequence[BaseRoute]:
        return [Route("/healthz", self.answer, methods=["GET"])]

    async def answer(self, request: Request) -> Response:
        report = await self._health.check()
        body = {"status": "ok" if report.healthy else "not ok"}
        if self._detailed or bearer_ok(request, self._token):
            body["database"] = "ok" if report.database_ok else "unreachable"
            body["uitpas"] = "ok" if report.uitpas_ok else "unreachable"
        return JSONResponse(body, status_code=200 if report.healthy else 503)
