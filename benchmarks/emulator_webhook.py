"""What the Telegram emulator costs the load benchmark: webhook delivery and photo uploads.

    .venv/bin/python -m benchmarks.emulator_webhook [--users 200] [--messages 5]

The emulator runs in its own process (``python -m bot.sandbox.telegram --local-webhooks``), as
in the load benchmark; the "bot" is a Starlette receiver that answers 200 at once, in this
process, and the load generator pushes text messages from ``--users`` users through the control
API, each user sending its next message when the previous one arrived at the receiver (so one
chat never has more than one update on its way, as with a person waiting for the bot).

Figures: deliveries per second, and the latency from a push's start (control API request) to
the webhook request arriving, p50/p95/p99 — the emulator's share of the benchmark's
"update delivered" time — with every update delivered once and with the duplicate switch on.
Then the control API's photo upload: a poster photo's first send (Pillow renditions) against
re-sends of the same bytes (the rendition cache).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import statistics
import time
from collections import defaultdict
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.sandbox.server import serving
from bot.sandbox.telegram.client import EmulatorClient, TgUser
from bot.sandbox.telegram.emulator import DEFAULT_TOKEN
from bot.sandbox.telegram.process import emulator_process
from bot.sandbox.uitpas.app import create_app
from bot.sandbox.uitpas.posters import poster


class Receiver:
    """Answers every update with 200 and wakes the user waiting for it."""

    def __init__(self) -> None:
        self.arrivals: dict[str, list[float]] = defaultdict(list)
        self.waiters: dict[str, asyncio.Future[None]] = {}
        self.loop: asyncio.AbstractEventLoop | None = None

    async def handle(self, request: Request) -> Response:
        update = json.loads(await request.body())
        text = update["message"]["text"]
        self.arrivals[text].append(time.perf_counter())
        waiter = self.waiters.get(text)
        if waiter is not None and self.loop is not None:
            self.loop.call_soon_threadsafe(_done, waiter)
        return Response(status_code=200)


def _done(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def run_load(
    client: EmulatorClient, receiver: Receiver, users: int, messages: int, label: str, pid: int
) -> None:
    receiver.loop = asyncio.get_running_loop()
    latencies: list[float] = []

    async def user(n: int) -> None:
        person = TgUser(id=10_000 + n, first_name=f"U{n}")
        for m in range(messages):
            text = f"{label} {n} {m}"
            waiter = receiver.loop.create_future()  # type: ignore[union-attr]
            receiver.waiters[text] = waiter
            start = time.perf_counter()
            await client.send_text(person, text)
            await asyncio.wait_for(waiter, 30)
            latencies.append((receiver.arrivals[text][0] - start) * 1000)

    began, cpu_before = time.perf_counter(), cpu_seconds(pid)
    await asyncio.gather(*(user(n) for n in range(users)))
    elapsed = time.perf_counter() - began
    await client.wait_until_delivered(timeout=30)
    cpu_ms = (cpu_seconds(pid) - cpu_before) * 1000 / (users * messages)
    copies = sum(len(v) for k, v in receiver.arrivals.items() if k.startswith(f"{label} "))
    ordered = sorted(latencies)
    print(
        f"{label:<10} {len(ordered)} updates, {copies} webhook requests in {elapsed:5.2f} s: "
        f"{len(ordered) / elapsed:6.0f} updates/s;  push → arrival "
        f"p50 {statistics.median(ordered):5.1f} ms  p95 {percentile(ordered, 0.95):5.1f} ms  "
        f"p99 {percentile(ordered, 0.99):5.1f} ms;  emulator CPU {cpu_ms:4.2f} ms/update"
    )


async def photo_uploads(client: EmulatorClient, rounds: int) -> None:
    buffer = io.BytesIO()
    event = create_app().state.sandbox.data.events[0]
    poster(event).save(buffer, format="JPEG", quality=85)
    data = buffer.getvalue()
    person = TgUser(id=9_999, first_name="Foto")
    start = time.perf_counter()
    await client.send_photo(person, data)
    first = (time.perf_counter() - start) * 1000
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        await client.send_photo(person, data)
        samples.append((time.perf_counter() - start) * 1000)
    print(
        f"photo upload ({len(data) // 1024} KiB poster JPEG): first send {first:6.1f} ms, "
        f"re-sends (cached renditions) median {statistics.median(samples):5.1f} ms over {rounds}"
    )


async def main(users: int, messages: int) -> None:
    receiver = Receiver()
    app = Starlette(routes=[Route("/telegram", receiver.handle, methods=["POST"])])
    with serving(app) as hook, emulator_process() as (url, process):
        async with (
            EmulatorClient(url) as client,
            httpx.AsyncClient(base_url=f"{url}/bot{DEFAULT_TOKEN}") as api,
        ):
            webhook = {"url": f"{hook.url}/telegram", "max_connections": 100}
            assert (await api.post("/setWebhook", json=webhook)).json()["ok"]
            await run_load(client, receiver, users, messages, "once", process.pid)
            await client.webhook_delivery(duplicate=True)
            await run_load(client, receiver, users, messages, "twice", process.pid)
            await client.webhook_delivery(duplicate=False)
            await api.post("/deleteWebhook")
            await photo_uploads(client, 20)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--messages", type=int, default=5)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.users, arguments.messages))
