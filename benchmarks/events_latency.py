"""Time of one "what's on near me" through the whole stack, as a passholder experiences it.

    .venv/bin/python benchmarks/events_latency.py [--rounds 30]

From sharing a location until the list arrives: the emulator queues the update, the bot polls
it, asks the sandbox's Search API stand-in (one ``GET /events``, within 10 km, sorted by
distance) and sends the list. Alongside, as the peer measured in the same run, a /help round
trip: the same path without the Search API. All peers run on loopback.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bot.runtime import running_bot
from bot.sandbox.stack import local_stack
from bot.sandbox.telegram.client import EmulatorClient, TgUser

USER = TgUser(id=9001, first_name="Bench", language_code="nl")
GENT = (51.0543, 3.7174)


def _summary(name: str, times: list[float]) -> str:
    times = sorted(times)
    return (
        f"{name}: n={len(times)} median {statistics.median(times):.0f} ms, "
        f"p90 {times[int(len(times) * 0.9)]:.0f} ms, max {times[-1]:.0f} ms"
    )


async def _round_trip(chat: EmulatorClient, send: object) -> float:
    start = time.perf_counter()
    await send  # type: ignore[misc]
    await chat.wait_for_call("sendMessage", chat_id=USER.id)
    return (time.perf_counter() - start) * 1000


async def main(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder, local_stack() as stack:
        settings = stack.settings(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        async with (
            running_bot(settings, poll_timeout=1),
            EmulatorClient(stack.telegram.url) as chat,
        ):
            searches, helps = [], []
            for n in range(rounds + 1):
                spot = {"latitude": GENT[0], "longitude": GENT[1] + n * 1e-4}
                search = await _round_trip(chat, chat.send_raw(USER, {"location": spot}))
                help_ = await _round_trip(chat, chat.send_text(USER, "/help"))
                if n:  # the first round warms up
                    searches.append(search)
                    helps.append(help_)
    print(_summary("location search", searches))
    print(_summary("/help (peer)", helps))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    asyncio.run(main(parser.parse_args().rounds))
