"""A TCP relay that counts round trips: how many times a client spoke and waited for an answer.

    python -m benchmarks.counting_proxy --control PORT NAME=LISTEN_PORT:TARGET_HOST:TARGET_PORT...

The load benchmark puts it between the bot and each peer (PostgreSQL, the Telegram emulator,
the UiTPAS sandbox) in its ``--steady`` run, so "database round trips and HTTP requests per
check-in" are counted on the wire, the same way for any version of the bot, whatever library
sends them: a round trip is a burst of bytes from the client that follows an answer from the
server (or opens the connection). PostgreSQL's pipelined Parse/Bind/Execute/Sync is one; BEGIN,
a ping and COMMIT are one each; an HTTP/1.1 request on a kept-alive connection is one, and a
new connection is counted as such. Connection set-up (PostgreSQL's start-up and
authentication) adds a few per connection, which a pool amortises to nothing.

``--log-statements FILE``: every statement sent to the route named ``database`` (Parse and
Query messages, ``S`` for each Sync), to see what the round trips are.

``GET`` anything on the control port: ``{"NAME": {"round_trips": n, "connections": c}}``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO


@dataclass
class Count:
    round_trips: int = 0
    connections: int = 0


class PostgresStatements:
    """Reads the client's side of the PostgreSQL protocol and tells each statement it sends
    (Parse and Query messages), for ``--log-statements``: what the round trips are."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._buffer = bytearray()
        self._untyped = 2  # the SSL request and the start-up message have no type byte

    def feed(self, data: bytes) -> None:
        self._buffer += data
        while True:
            if self._untyped:
                if len(self._buffer) < 4:
                    return
                length = int.from_bytes(self._buffer[:4], "big")
                if len(self._buffer) < length:
                    return
                ssl_request = length == 8 and self._buffer[4:8] == b"\x04\xd2\x16\x2f"
                del self._buffer[:length]
                self._untyped = 1 if ssl_request else 0
                continue
            if len(self._buffer) < 5:
                return
            kind, length = chr(self._buffer[0]), int.from_bytes(self._buffer[1:5], "big")
            if len(self._buffer) < 1 + length:
                return
            body = bytes(self._buffer[5 : 1 + length])
            del self._buffer[: 1 + length]
            if kind == "Q":
                self._out.write(f"Q {body.rstrip(bytes(1)).decode(errors='replace')}\n")
            elif kind == "P":
                _name, _, rest = body.partition(bytes(1))
                query = rest.partition(bytes(1))[0].decode(errors="replace")
                self._out.write(f"P {' '.join(query.split())}\n")
            elif kind == "S":
                self._out.write("S\n")


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, flight: list[int],
                count: Count | None, me: int,
                statements: PostgresStatements | None = None) -> None:  # fmt: skip
    """Copy one direction; ``flight[0]`` is who spoke last (0 nobody, 1 client, 2 server)."""
    try:
        while data := await reader.read(65536):
            if statements is not None:
                statements.feed(data)
            if count is not None and flight[0] != me:
                count.round_trips += 1
            flight[0] = me
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


def _relay(name: str, count: Count, host: str, port: int, log: TextIO | None):  # type: ignore[no-untyped-def]
    async def handle(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter):  # type: ignore[no-untyped-def]
        count.connections += 1
        try:
            server_reader, server_writer = await asyncio.open_connection(host, port)
        except OSError:
            client_writer.close()
            return
        flight = [0]
        statements = PostgresStatements(log) if log is not None and name == "database" else None
        await asyncio.gather(
            _pipe(client_reader, server_writer, flight, count, 1, statements),
            _pipe(server_reader, client_writer, flight, None, 2),
        )

    return handle


async def serve(
    control_port: int, routes: list[tuple[str, int, str, int]], log: TextIO | None
) -> None:
    counts = {name: Count() for name, *_ in routes}
    servers = [
        await asyncio.start_server(_relay(name, counts[name], host, port, log), "127.0.0.1", listen)
        for name, listen, host, port in routes
    ]

    async def control(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):  # a probe: is it up yet?
            writer.close()
            return
        body = json.dumps({n: vars(c) for n, c in counts.items()}).encode()
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        await writer.drain()
        writer.close()

    servers.append(await asyncio.start_server(control, "127.0.0.1", control_port))
    print("counting proxy up", flush=True)
    await asyncio.gather(*(server.serve_forever() for server in servers))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.counting_proxy")
    parser.add_argument("--control", type=int, required=True)
    parser.add_argument("routes", nargs="+", help="NAME=LISTEN_PORT:TARGET_HOST:TARGET_PORT")
    parser.add_argument(
        "--log-statements", type=Path, help="write what goes to the route named database here"
    )
    args = parser.parse_args(argv)
    log = args.log_statements.open("w", buffering=1) if args.log_statements else None
    routes = []
    for route in args.routes:
        name, _, rest = route.partition("=")
        listen, host, port = rest.split(":")
        routes.append((name, int(listen), host, int(port)))
    try:
        import uvloop

        uvloop.run(serve(args.control, routes, log))
    except ImportError:  # pragma: no cover - uvloop is a dependency of the bot
        asyncio.run(serve(args.control, routes, log))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
