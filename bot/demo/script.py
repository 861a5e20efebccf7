"""``uitpas-bot demo --script``: the whole product on one machine, played and printed as text.

It starts the UiTPAS sandbox and the Telegram emulator on loopback ports, runs the real bot
against them (SQLite in a temporary folder), and plays a short conversation as a passholder
would: link a card, send a photo of a poster, read the answer, tap a spotlight promotion. The
transcript shows exactly what the bot sent through the Bot API.
"""

from __future__ import annotations

import html
import io
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from bot.demo.webchat.personas import spaced
from bot.runtime import running_bot
from bot.sandbox.stack import local_stack
from bot.sandbox.telegram.client import BotCall, EmulatorClient, TgUser
from bot.sandbox.uitpas.data import NORMAL
from bot.sandbox.uitpas.posters import poster

PASSHOLDER = TgUser(id=4242, first_name="An", username="an_demo", language_code="nl")
_TAG = re.compile(r"<[^>]+>")

Print = Callable[[str], None]


def _plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text))


def _indent(text: str, prefix: str) -> str:
    lines = _plain(text).splitlines() or [""]
    return "\n".join([prefix + lines[0], *("         " + line for line in lines[1:])])


def _show_bot(call: BotCall, out: Print) -> None:
    body = call.text or ""
    if call.method == "sendPhoto":
        body = f"[afbeelding: {call.params.get('photo')}]\n{body}"
    out(_indent(body, "🤖 Bot:  "))
    for row in call.buttons:
        out("         " + "  ".join(f"[ {label} ]" for label, _ in row))
    out("")


def _poster_photo(event_title: str, sandbox_app: object) -> bytes:
    data = sandbox_app.state.sandbox.data  # type: ignore[attr-defined]
    event = next(e for e in data.events if e.title == event_title)
    buffer = io.BytesIO()
    poster(event).save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


async def _log_in_as(url: str, number: str) -> None:
    """Play the passholder's browser on the sandbox's UiTiD login page (v4)."""
    async with httpx.AsyncClient(timeout=10) as browser:
        redirect = await browser.post(url, data={"passholder": number})
        (await browser.get(redirect.headers["location"])).raise_for_status()


async def run_demo(out: Print = print, backend: str = "legacy") -> int:
    """The demo conversation; ``backend="v4"`` links by logging in instead of typing."""
    with (
        tempfile.TemporaryDirectory(prefix="uitpas-bot-demo-") as folder,
        local_stack() as stack,
    ):
        settings = stack.settings(f"sqlite:///{Path(folder) / 'demo.sqlite3'}", backend=backend)
        telegram, sandbox = stack.telegram, stack.sandbox
        out("UiTPAS-bot demo: de echte bot, tegen een lokale Telegram-emulator")
        out(f"({telegram.url}) en UiTPAS-sandbox ({sandbox.url}). Niets verlaat deze computer.")
        out("")
        async with running_bot(settings, poll_timeout=1), EmulatorClient(telegram.url) as chat:

            async def user_says(text: str) -> BotCall:
                out(_indent(text, "👤 An:   "))
                await chat.send_text(PASSHOLDER, text)
                reply = await chat.wait_for_call("sendMessage", chat_id=PASSHOLDER.id)
                _show_bot(reply, out)
                return reply

            await user_says("/start")
            if backend == "v4":
                prompt = await user_says("/link")
                [[(_, url)]] = prompt.buttons
                out("👤 An tikt op de knop, meldt zich aan bij UiTiD (sandbox) en komt terug.")
                await _log_in_as(url or "", NORMAL)
                linked = await chat.wait_for_call(
                    "sendMessage", chat_id=PASSHOLDER.id, after=prompt.seq
                )
                _show_bot(linked, out)
            else:
                await user_says(spaced(NORMAL))  # typed with spaces, as on the card

            title = "Jazz op de Grote Markt"
            out(_indent(f"[foto van de affiche van '{title}']", "👤 An:   "))
            started = time.perf_counter()
            await chat.send_photo(PASSHOLDER, _poster_photo(title, stack.sandbox_app))
            reply = await chat.wait_for_call("sendMessage", chat_id=PASSHOLDER.id)
            elapsed_ms = (time.perf_counter() - started) * 1000
            _show_bot(reply, out)
            out(f"         (foto → QR → UiTPAS → antwoord: {elapsed_ms:.0f} ms)")
            out("")

            label, data = next((label, data) for row in reply.buttons for label, data in row)
            out(f"👤 An tikt op [ {label} ]")
            await chat.press_button(PASSHOLDER, reply.result["message_id"], data or "")
            detail = await chat.wait_for_call(("sendMessage", "sendPhoto"), chat_id=PASSHOLDER.id)
            _show_bot(detail, out)

        out(f"Dit was de sandbox-pashouder {NORMAL}. Zelf proberen met een echte Telegram-bot:")
        out("TELEGRAM_BOT_TOKEN=... uitpas-bot run   (zonder UITPAS_API_URL: dezelfde sandbox)")
    sys.stdout.flush()
    return 0
