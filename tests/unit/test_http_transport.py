"""The sharded transport against a real HTTP/1.1 server on loopback: requests go round the
shards, each keeps its own small pool, and PTB's request object can be opened again."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from telegram.request import RequestData

from bot.http_transport import ShardedTransport
from bot.telegram.request import ShardedHTTPXRequest


class _KeepAliveServer:
    """Answers every request ``{"ok":true,"result":true}`` on a kept-alive connection and
    counts the connections it was asked on."""

    def __init__(self) -> None:
        self.connections = 0
        self.requests = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        body = b'{"ok":true,"result":true}'
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                if length:
                    await reader.readexactly(length)
                self.requests += 1
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + f"Content-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


@pytest.fixture
async def server() -> AsyncIterator[tuple[_KeepAliveServer, str]]:
    counting = _KeepAliveServer()
    listening = await asyncio.start_server(counting.handle, "127.0.0.1", 0)
    port = listening.sockets[0].getsockname()[1]
    async with listening:
        yield counting, f"http://127.0.0.1:{port}"


async def test_requests_go_round_the_shards_each_on_its_own_kept_connection(
    server: tuple[_KeepAliveServer, str],
) -> None:
    counting, url = server
    transport = ShardedTransport(4)
    async with httpx.AsyncClient(transport=transport) as client:
        for _ in range(12):  # one at a time: one pool would have used one connection
            assert (await client.get(url)).status_code == 200
    assert counting.requests == 12
    assert counting.connections == 4  # one per shard, each kept alive and used again


async def test_max_connections_is_shared_out_and_the_tls_context_shared(
    server: tuple[_KeepAliveServer, str],
) -> None:
    _, url = server
    transport = ShardedTransport(4, max_connections=10)
    pools = [shard._pool for shard in transport.shards]
    assert {pool._max_connections for pool in pools} == {2}
    assert len({id(pool._ssl_context) for pool in pools}) == 1
    async with httpx.AsyncClient(transport=transport) as client:
        answers = await asyncio.gather(*(client.get(url) for _ in range(16)))
    assert [answer.status_code for answer in answers] == [200] * 16
    with pytest.raises(ValueError, match="at least one shard"):
        ShardedTransport(0)


async def test_ptb_request_is_sharded_and_can_be_opened_again_after_shutdown(
    server: tuple[_KeepAliveServer, str],
) -> None:
    counting, url = server
    request = ShardedHTTPXRequest(connection_pool_size=32)
    for _ in range(2):  # PTB builds a new client when initialized again after shutdown
        await request.initialize()
        transport = request._client._transport
        assert isinstance(transport, ShardedTransport)
        assert {shard._pool._max_connections for shard in transport.shards} == {2}
        status, payload = await request.do_request(url + "/getMe", "POST", RequestData())
        assert (status, payload) == (200, b'{"ok":true,"result":true}')
        await request.shutdown()
    assert counting.requests == 2
