"""A round-robin reverse proxy: several bot instances behind one URL, like a load balancer.

Tests and the load benchmark point the emulator's webhook at this proxy and the proxy at two
bot instances, so consecutive updates — even of one chat — land on different processes, as
they would behind a real load balancer. Every request (method, path, query, headers including
``X-Telegram-Bot-Api-Secret-Token``, body) goes to the next upstream in turn; its status,
headers and body come back unchanged. There is no health checking and no failover: a request
whose turn falls on an instance that is down gets 502 (504 when it does not answer in time),
which is what the sender — Telegram — then sees and retries.

Serve it like the other local stand-ins: ``serving(RoundRobinProxy([a, b]))``.
"""

from __future__ import annotations

from collections.abc import Sequence

import httpx
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import Receive, Scope, Send

from .http_shards import KEEPALIVE_EXPIRY, ClientShards

# Headers about one connection, not the message: never passed on (RFC 9110 §7.6.1), plus the
# ones the proxy sets itself.
HOP_BY_HOP = frozenset(
    {
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
        "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length",
    }
)  # fmt: skip


def _forwardable(headers: Sequence[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    return [(name, value) for name, value in headers if name.lower().decode() not in HOP_BY_HOP]


class RoundRobinProxy:
    """An ASGI app forwarding each request to the next of ``upstreams`` (base URLs).

    ``counts[i]`` is how many requests went to ``upstreams[i]``. The HTTP client is made on
    first use, in the loop that serves the proxy, and closed on lifespan shutdown or by
    :meth:`aclose`.
    """

    def __init__(self, upstreams: Sequence[str], *, timeout: float = 60.0) -> None:
        if not upstreams:
            raise ValueError("at least one upstream is needed")
        self.upstreams = [url.rstrip("/") for url in upstreams]
        self.counts = [0] * len(self.upstreams)
        self._turn = 0
        self._timeout = httpx.Timeout(timeout, connect=5.0)
        self._clients: ClientShards | None = None

    def next_upstream(self) -> int:
        index = self._turn
        self._turn = (index + 1) % len(self.upstreams)
        self.counts[index] += 1
        return index

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            raise RuntimeError(f"the proxy forwards HTTP only, not {scope['type']}")
        response = await self.forward(Request(scope, receive))
        await response(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def aclose(self) -> None:
        if self._clients is not None:
            await self._clients.aclose()
            self._clients = None

    async def forward(self, request: Request) -> Response:
        upstream = self.upstreams[self.next_upstream()]
        scope = request.scope
        path = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
        query = scope.get("query_string", b"").decode("latin-1")
        url = upstream + path + (f"?{query}" if query else "")
        headers = _forwardable(request.headers.raw)
        if request.client is not None:
            headers.append((b"x-forwarded-for", request.client.host.encode()))
        if self._clients is None:
            # Pools as wide as the sender's parallelism; no env proxies for loopback upstreams.
            limits = httpx.Limits(
                max_connections=None,
                max_keepalive_connections=200,
                keepalive_expiry=KEEPALIVE_EXPIRY,
            )
            self._clients = ClientShards(timeout=self._timeout, limits=limits, trust_env=False)
        client = self._clients.pick()
        outgoing = client.build_request(
            request.method, url, headers=headers, content=await request.body()
        )
        try:
            answer = await client.send(outgoing, stream=True)
            try:
                body = b"".join([chunk async for chunk in answer.aiter_raw()])
            finally:
                await answer.aclose()
        except httpx.TimeoutException:
            return PlainTextResponse("Gateway Timeout", status_code=504)
        except httpx.HTTPError:
            return PlainTextResponse("Bad Gateway", status_code=502)
        # Raw bytes and the upstream's own headers (content-encoding included); only the
        # length is the proxy's to set.
        response = Response(body, status_code=answer.status_code)
        response.raw_headers.extend(_forwardable(answer.headers.raw))
        return response


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m bot.sandbox.proxy --port P UPSTREAM...``: the proxy as its own process, so
    that in the load benchmark it does not share an interpreter with the load it forwards."""
    import argparse

    import uvicorn

    parser = argparse.ArgumentParser(prog="python -m bot.sandbox.proxy")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("upstreams", nargs="+", help="base URLs, e.g. http://127.0.0.1:8443")
    args = parser.parse_args(argv)
    uvicorn.run(
        RoundRobinProxy(args.upstreams), host=args.host, port=args.port, log_level="warning"
    )


if __name__ == "__main__":
    main()
