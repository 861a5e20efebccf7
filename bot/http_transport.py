"""The bot's HTTP connections, spread over small pools: httpcore's one big pool costs per request.

For every request it starts and every response it finishes, httpcore's connection pool asks
each of its connections whether it expired, and an idle HTTP/1.1 connection answers by polling
its socket (anyio builds a dict of its extra attributes on each ask): work in proportion to the
pool's size, twice per request. Under load, with the dozens of keep-alive connections a busy bot
holds to the Bot API and to UiTPAS, that was a large part of the bot's own CPU per check-in:
a py-spy profile of the load benchmark (``--steady 20``) put 13% of the event loop's samples in
``has_expired`` and 16% in the pool's bookkeeping around it. Requests taken in turn by
:data:`SHARDS` transports keep each pool a sixteenth of the size, and everything else about
httpx (timeouts, errors, keep-alive, TLS) as it is.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import ssl
from typing import Any

import httpx

SHARDS = 16


@functools.cache
def shared_tls_context() -> ssl.SSLContext:
    """One TLS context for every shard of every client: httpx makes one per transport, and
    each loads the CA bundle (measured here: 39.5 ms and 0.86 MB each)."""
    return httpx.create_ssl_context()


class ShardedTransport(httpx.AsyncBaseTransport):
    """``shards`` :class:`httpx.AsyncHTTPTransport`, handed each request in turn.

    ``max_connections`` (None: no limit) is shared out among them, at least one each; any
    other keyword goes to every shard's transport as it is (``retries``...). ``verify`` is
    httpx's: without it, the shards share one default TLS context.
    """

    def __init__(
        self,
        shards: int = SHARDS,
        *,
        max_connections: int | None = None,
        keepalive_expiry: float | None = 5.0,
        **transport_arguments: Any,
    ) -> None:
        if shards < 1:
            raise ValueError("a sharded transport needs at least one shard")
        per_shard = None if max_connections is None else max(1, max_connections // shards)
        limits = httpx.Limits(
            max_connections=per_shard,
            max_keepalive_connections=per_shard,
            keepalive_expiry=keepalive_expiry,
        )
        transport_arguments.setdefault("verify", shared_tls_context())
        self.shards = [
            httpx.AsyncHTTPTransport(limits=limits, **transport_arguments) for _ in range(shards)
        ]
        self._turns = itertools.cycle(self.shards)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await next(self._turns).handle_async_request(request)

    async def aclose(self) -> None:
        await asyncio.gather(*(shard.aclose() for shard in self.shards))
