"""Time of a Mini App scan: from the code the scanner read to the reply in the chat.

    .venv/bin/python -m benchmarks.mini_app_scan [--rounds 30] [--api legacy|v4]

Per round, one scan as the Mini App sends it (``POST /app/api/scan`` with the initData the
emulator signed when the user "tapped" the menu button): "code received -> reply sent" runs
from just before the POST until the emulator recorded the bot's sendMessage into the private
chat (initData check, throttle, the code check, the UiTPAS check-in against the sandbox, the
history write, rendering and sendMessage); "app answered" until the app had its JSON (the
route answers after the chat's reply went out). As a peer in the same run: the same check-in
from a photo, update waiting -> reply (long polling, getFile, download, QR decoding), the path
the scan spares the passholder. All on loopback: the bot's own share, not the network's.
The sandbox is reset before each round (under v4 the passholder logs in again, outside the
timing) and the repeat window is off, so every round checks in.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import socket
import tempfile
import time
from pathlib import Path

import httpx

from benchmarks.checkin_latency import _summary
from bot.observability.logging_setup import configure_logging
from bot.runtime import running_bot
from bot.sandbox.stack import local_stack
from bot.sandbox.telegram.client import EmulatorClient, TgUser
from bot.sandbox.uitpas.data import NORMAL
from bot.sandbox.uitpas.posters import poster
from bot.sandbox.uitpas_v4 import AUTH_PREFIX
from bot.sandbox.uitpas_v4.uitid import REALM_PATH

USER = TgUser(id=5151, first_name="Bench", language_code="nl")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _link(chat: EmulatorClient, api: str, sandbox_url: str) -> None:
    if api == "legacy":
        await chat.send_text(USER, NORMAL)
        await chat.wait_for_call("sendMessage", chat_id=USER.id)
        return
    await chat.send_text(USER, "/link")
    [[(_, url)]] = (await chat.wait_for_call("sendMessage", chat_id=USER.id)).buttons
    assert url is not None
    assert url.startswith(f"{sandbox_url}{AUTH_PREFIX}{REALM_PATH}")
    async with httpx.AsyncClient(timeout=10) as browser:
        redirect = await browser.post(url, data={"passholder": NORMAL})
        await browser.get(redirect.headers["location"])
    await chat.wait_for_call(
        "sendMessage", chat_id=USER.id, where=lambda c: "gekoppeld" in (c.text or "")
    )


async def main(rounds: int, api: str) -> None:
    configure_logging("WARNING")
    with tempfile.TemporaryDirectory() as folder, local_stack() as stack:
        event = stack.sandbox_app.state.sandbox.data.events[0]
        buffer = io.BytesIO()
        poster(event).save(buffer, format="JPEG", quality=85)
        photo = buffer.getvalue()
        port = _free_port()  # PUBLIC_URL names the port, so it is chosen first
        settings = stack.settings(
            f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
            backend=api,
            checkin_limit=2 * rounds + 10,  # faster than the flood limit lets a person
            checkin_repeat_seconds=0,  # every round asks UiTPAS, as a first scan does
            web_host="127.0.0.1",
            port=port,
            public_url=f"http://127.0.0.1:{port}",
        )
        async with (
            running_bot(settings, poll_timeout=10) as running,
            EmulatorClient(stack.telegram.url) as chat,
            httpx.AsyncClient(base_url=stack.sandbox.url) as control,
            httpx.AsyncClient(timeout=30) as app,
        ):
            assert running.mini_app_url is not None
            await _link(chat, api, stack.sandbox.url)
            init_data = (await chat.open_web_app(USER))["init_data"]
            headers = {"Authorization": f"tma {init_data}"}
            to_reply, to_app, photo_ms = [], [], []

            async def reset() -> None:
                """A fresh sandbox (the code may be checked in again); it forgets v4 logins."""
                await control.post("/_sandbox/reset")
                if api == "v4":
                    await _link(chat, api, stack.sandbox.url)

            for round_number in range(rounds + 1):  # round 0 warms up
                await reset()
                after = (await chat.events())[-1]["seq"]
                started = time.time()
                answer = await app.post(
                    f"{running.mini_app_url}api/scan",
                    json={"code": event.checkin_code},
                    headers=headers,
                )
                answered = time.time()
                assert answer.json()["status"] == "saved", answer.text
                [sent] = [
                    e
                    for e in await chat.events(after)
                    if e["method"] == "sendMessage" and e["params"].get("chat_id") == USER.id
                ]
                await reset()
                await chat.send_photo(USER, photo)
                uploaded = time.perf_counter()
                reply = await chat.wait_for_call("sendMessage", chat_id=USER.id)
                assert "Je spaarde" in (reply.text or ""), reply.text
                if round_number:
                    to_reply.append((sent["time"] - started) * 1000)
                    to_app.append((answered - started) * 1000)
                    photo_ms.append((time.perf_counter() - uploaded) * 1000)
    print(f"UiTPAS API {api}; {rounds} rounds after one warm-up; SQLite; all on loopback")
    print(_summary("scan: code received -> reply sent", to_reply))
    print(_summary("scan: code received -> app answer", to_app))
    print(_summary("photo (peer): update -> reply", photo_ms))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--api", choices=["legacy", "v4"], default="legacy")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.rounds, arguments.api))
