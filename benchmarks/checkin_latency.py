"""Time of one check-in through the whole stack, as a passholder experiences it.

    .venv/bin/python benchmarks/checkin_latency.py [--rounds 30]

Two figures per round. "photo upload" is the emulator doing Telegram's server-side work
(re-encoding the photo into its sizes); "bot" runs from the moment the update is waiting for
the bot until its reply arrives: long polling, getFile and the download, QR decoding, the
signed UiTPAS check-in against the sandbox, the history write (SQLite) and sendMessage. All
peers run on loopback, so "bot" is the bot's own share of the time, not the network's.

Alongside, as peers measured in the same run: a /help round trip (the same path minus photo,
decoding and UiTPAS) and decode_qr alone on the same photo bytes the bot downloads.
The sandbox is reset before each round so that every check-in saves a point.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from bot.observability.logging_setup import configure_logging
from bot.qr import decode_qr
from bot.runtime import running_bot
from bot.sandbox.stack import local_stack
from bot.sandbox.telegram.client import EmulatorClient, TgUser
from bot.sandbox.uitpas.data import NORMAL
from bot.sandbox.uitpas.posters import poster

USER = TgUser(id=5150, first_name="Bench", language_code="nl")


def _summary(name: str, samples_ms: list[float]) -> str:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"{name:<34} n={len(ordered):<3} median {statistics.median(ordered):7.1f} ms"
        f"   p95 {p95:7.1f} ms   min {ordered[0]:7.1f} ms"
    )


async def main(rounds: int) -> None:
    configure_logging("WARNING")
    with tempfile.TemporaryDirectory() as folder, local_stack() as stack:
        event = stack.sandbox_app.state.sandbox.data.events[0]
        buffer = io.BytesIO()
        poster(event).save(buffer, format="JPEG", quality=85)
        photo = buffer.getvalue()
        # A benchmark sends photos faster than the flood limit allows a person to.
        settings = stack.settings(
            f"sqlite:///{Path(folder) / 'bench.sqlite3'}", checkin_limit=rounds + 10
        )
        telegram, sandbox = stack.telegram, stack.sandbox
        async with (
            running_bot(settings, poll_timeout=10),
            EmulatorClient(telegram.url) as chat,
            httpx.AsyncClient(base_url=sandbox.url) as control,
        ):
            await chat.send_text(USER, NORMAL)
            await chat.wait_for_call("sendMessage", chat_id=USER.id)
            upload_ms, checkin_ms, help_ms, decode_ms = [], [], [], []
            downloaded = b""
            for round_number in range(rounds + 1):  # round 0 warms up
                await control.post("/_sandbox/reset")
                started = time.perf_counter()
                await chat.send_photo(USER, photo)
                uploaded = time.perf_counter()
                reply = await chat.wait_for_call("sendMessage", chat_id=USER.id)
                elapsed = (time.perf_counter() - uploaded) * 1000
                upload_elapsed = (uploaded - started) * 1000
                assert "Je spaarde" in (reply.text or ""), reply.text
                started = time.perf_counter()
                await chat.send_text(USER, "/help")
                await chat.wait_for_call("sendMessage", chat_id=USER.id)
                help_elapsed = (time.perf_counter() - started) * 1000
                if not downloaded:
                    [message] = [m for m in await chat.chat_messages(USER.id) if m.get("photo")][:1]
                    downloaded = await chat.download(message["photo"][-1]["file_id"])
                started = time.perf_counter()
                assert decode_qr(downloaded) == [event.checkin_code]
                decode_elapsed = (time.perf_counter() - started) * 1000
                if round_number:
                    upload_ms.append(upload_elapsed)
                    checkin_ms.append(elapsed)
                    help_ms.append(help_elapsed)
                    decode_ms.append(decode_elapsed)
    print(
        f"photo: A4 poster {len(photo) // 1024} KiB JPEG, as Telegram stores it: "
        f"{len(downloaded) // 1024} KiB; {rounds} rounds after one warm-up"
    )
    print(_summary("photo upload (emulator's share)", upload_ms))
    print(_summary("check-in: bot, update -> reply", checkin_ms))
    print(_summary("/help round trip (peer)", help_ms))
    print(_summary("decode_qr alone (peer)", decode_ms))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    asyncio.run(main(parser.parse_args().rounds))
