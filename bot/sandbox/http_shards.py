"""Several httpx clients used side by side, for the emulator's webhook and the proxy.

httpcore's connection pool does work proportional to (connections in the pool)² for every
request it starts or finishes: it re-checks every connection, and for each idle one it counts
them all again. With the ~100 keep-alive connections of a busy webhook that was 12 ms of CPU
per delivery, most of the emulator's time in the load benchmark. Spreading the connections over
16 small pools makes that cost negligible while keeping httpx's behaviour (timeouts, errors).
"""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import httpx

from bot.http_transport import shared_tls_context

SHARDS = 16
# Idle connections are dropped by the client before the server (uvicorn: 5 s) drops them: with
# both at 5 s a request now and then went out on a connection the server was closing, and
# failed with ReadError (seen in the webhook benchmark).
KEEPALIVE_EXPIRY = 2.0


class ClientShards:
    """``count`` AsyncClients made with the same arguments, handed out in turn."""

    def __init__(self, count: int = SHARDS, **client_arguments: Any) -> None:
        client_arguments.setdefault("verify", shared_tls_context())
        client_arguments.setdefault("limits", httpx.Limits(keepalive_expiry=KEEPALIVE_EXPIRY))
        self.clients = [httpx.AsyncClient(**client_arguments) for _ in range(count)]
        self._turns = itertools.cycle(range(count))

    def pick(self) -> httpx.AsyncClient:
        """The next client in turn."""
        return self.clients[next(self._turns)]

    async def aclose(self) -> None:
        await asyncio.gather(*(client.aclose() for client in self.clients))
