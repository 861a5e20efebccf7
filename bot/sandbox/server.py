"""Run an ASGI app on a loopback port in a background thread.

The sandbox and the emulator run this way in tests and in ``uitpas-bot demo``: each gets its own
event loop and thread, so the bot under test talks to them over real HTTP exactly as it would
talk to UiTPAS and Telegram, and a slow handler in one cannot stall the other.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import Iterator
from typing import Any

import uvicorn


class BackgroundServer:
    """An ASGI app served by uvicorn on ``host:port`` (port 0 picks a free one)."""

    def __init__(self, app: Any, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self._app = app
        # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY on accepted connections only when the
        # listening socket says TCP, and without it each keep-alive request waits ~40 ms for a
        # delayed ACK.
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))
        self.host, self.port = self._socket.getsockname()[:2]
        config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._serve, name=f"server-{self.port}", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def _serve(self) -> None:
        asyncio.run(self._server.serve(sockets=[self._socket]))

    def start(self, timeout: float = 10.0) -> BackgroundServer:
        self._thread.start()
        stop_at = threading.Event()
        for _ in range(int(timeout / 0.01)):
            if self._server.started or not self._thread.is_alive():
                break
            stop_at.wait(0.01)
        if not self._server.started:
            raise RuntimeError(f"server on {self.url} did not start")
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        with contextlib.suppress(OSError):
            self._socket.close()


@contextlib.contextmanager
def serving(app: Any, *, host: str = "127.0.0.1", port: int = 0) -> Iterator[BackgroundServer]:
    server = BackgroundServer(app, host=host, port=port).start()
    try:
        yield server
    finally:
        server.stop()
