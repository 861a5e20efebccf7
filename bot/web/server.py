"""The bot's own small web server: one Starlette app, served by uvicorn in the bot's event loop.

It serves ``/healthz`` (:mod:`bot.web.health`), under ``UITPAS_API=v4`` ``/oauth/callback``
(:mod:`bot.web.oauth_callback`) and in webhook mode ``/telegram`` (:mod:`bot.web.webhook`):
one app from route groups (:func:`create_web_app`) on one ``$PORT``. ``/metrics`` and the
detailed ``/healthz`` are the operator's: on a second server on ``METRICS_PORT`` (bound to
``METRICS_HOST``, loopback by default), or on the public one behind ``METRICS_TOKEN``.
It runs as a task in the bot's own event loop (not in a thread) so handlers can use the bot's
services and database engine directly.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import socket
from collections.abc import Callable, Sequence

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

log = logging.getLogger(__name__)


def bearer_ok(request: Request, token: str | None) -> bool:
    """Whether the request carries ``Authorization: Bearer <token>`` (compared in constant
    time); without a token configured, nobody does."""
    if not token:
        return False
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), token)


def metrics_routes(
    render: Callable[[], tuple[bytes, str]], *, token: str | None = None
) -> Sequence[BaseRoute]:
    """``GET /metrics`` in Prometheus' text format: this instance's counters and latencies.

    Each instance serves its own; Prometheus scrapes every instance (not the load balancer)
    and sums them. Nothing personal is in them, but they tell how busy and how broken the bot
    is: so they are served on the internal port, or with ``token`` only to its bearer (401).
    """

    async def serve(request: Request) -> Response:
        if token is not None and not bearer_ok(request, token):
            return Response(status_code=401, headers={"WWW-Authenticate": "Bearer"})
        body, content_type = render()
        return Response(body, media_type=content_type)

    return [Route("/metrics", serve, methods=["GET"])]


def create_web_app(*route_groups: Sequence[BaseRoute]) -> Starlette:
    routes: list[BaseRoute] = []
    for group in route_groups:
        routes.extend(group)
    return Starlette(routes=routes)


class WebServer:
    """uvicorn on ``host:port`` (0 picks a free port), bound at construction so that the
    port, and so the login redirect URL, is known before the bot starts."""

    def __init__(self, host: str, port: int, *, grace_seconds: float = 10.0) -> None:
        # On stop, requests still running get this long to finish before they are cut off.
        self._grace_seconds = grace_seconds
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._socket = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))
        self.host: str = self._socket.getsockname()[0]
        self.port: int = self._socket.getsockname()[1]
        self._server: uvicorn.Server | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self, app: Starlette) -> None:
        config = uvicorn.Config(
            app,
            log_level="warning",
            lifespan="off",
            access_log=False,
            log_config=None,
            timeout_graceful_shutdown=self._grace_seconds,
        )
        self._server = uvicorn.Server(config)
        # The bot handles SIGTERM itself (graceful stop: 503 for new updates while the held
        # ones finish). uvicorn >= 0.29 would take the signal first (``capture_signals``, even
        # without its handlers installed), close the port at once and pass the signal on only
        # once its own shutdown was over: new updates then met a closed port, not a 503.
        self._server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
        self._server.capture_signals = contextlib.nullcontext  # type: ignore[method-assign]
        self._task = asyncio.create_task(self._server.serve(sockets=[self._socket]))
        for _ in range(500):
            if self._server.started or self._task.done():
                break
            await asyncio.sleep(0.01)
        if self._task.done():
            self._task.result()  # raises what went wrong
        log.info("web server listening on port %d", self.port)

    async def stop(self, *, grace_seconds: float | None = None) -> None:
        """Stop; requests still running get ``grace_seconds`` (default: the server's)."""
        grace = self._grace_seconds if grace_seconds is None else grace_seconds
        if self._server is not None and self._task is not None:
            self._server.config.timeout_graceful_shutdown = grace
            self._server.should_exit = True
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self._task, timeout=grace + 5)
        with contextlib.suppress(OSError):
            self._socket.close()
