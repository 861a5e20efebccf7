"""``uitpas-bot demo``: sandbox, emulator, the real bot and the web chat, until Ctrl-C.

Only the web chat listens beyond loopback (with ``--lan``): the sandbox and the emulator stay
on 127.0.0.1 and the web chat relays to them, so a phone on the Wi-Fi reaches the demo through
one port and nothing else is exposed.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import signal
import socket
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.runtime import running_bot
from bot.sandbox.server import BackgroundServer
from bot.sandbox.stack import LocalStack, local_stack
from bot.sandbox.telegram.client import EmulatorClient
from bot.sandbox.uitpas_v4 import AUTH_PREFIX

from .app import BotInfo, create_app
from .gallery import PosterGallery
from .gateway import EmulatorGateway
from .personas import GROUP, PERSONAS, SPARE_CARD, spaced

LAN_HOST = "0.0.0.0"  # noqa: S104 - --lan is exactly the wish to listen on the network
Print = Callable[[str], None]


def _print(text: str) -> None:
    print(text, flush=True)


def lan_address() -> str | None:
    """This machine's address on the local network, for the URL a phone should open.

    ``connect`` on a UDP socket only picks the route and the source address; no packet is
    sent. The address is documentation-only (TEST-NET-1).
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


async def create_group(stack: LocalStack) -> None:
    """The demo group, with every persona in it (one of them its admin) and the bot."""
    async with EmulatorClient(stack.telegram.url) as telegram:
        members = {p.user: p.group_status for p in PERSONAS}
        await telegram.create_group(GROUP.id, GROUP.title, members)


def _web_server(
    stack: LocalStack,
    gateway: EmulatorGateway,
    host: str,
    port: int,
    api: str,
    time_zone: str,
) -> BackgroundServer:
    bot = stack.emulator.bot
    zone = ZoneInfo(time_zone)
    gallery = PosterGallery(stack.sandbox_app.state.sandbox.data.events, zone)
    auth_url = f"{stack.sandbox.url}{AUTH_PREFIX}" if api == "v4" else None  # as in the settings
    info = BotInfo(bot["username"], bot["first_name"], api, auth_url, time_zone)
    app = create_app(gateway, gallery, info)
    return BackgroundServer(app, host=host, port=port)


def _announce(web: BackgroundServer, lan: bool, out: Print, api: str) -> None:
    local = f"http://127.0.0.1:{web.port}"
    out("UiTPAS-bot demo: the real bot, a local Telegram emulator and the UiTPAS sandbox.")
    out(f"Open the chat:       {local}")
    if lan:
        address = lan_address()
        if address:
            out(f"On a phone (Wi-Fi):  http://{address}:{web.port}")
        else:
            out(f"On a phone (Wi-Fi):  http://<this computer's address>:{web.port}")
        out(f"(listening on {web.host}:{web.port}: anyone on this network can use the demo)")
    out(f"Check-in posters:    {local}/posters/")
    cards = ", ".join(f"{p.user.first_name} {spaced(p.card)} ({p.card_note})" for p in PERSONAS)
    out(f"Demo cards:          {cards}; another: {spaced(SPARE_CARD)}")
    if api == "v4":
        out("UiTPAS API v4:       /link opens the sandbox's UiTiD login; pick the card's holder")
    else:
        out("UiTPAS API legacy:   link by sending a card number")
    out("Sandbox data only; nothing leaves this computer. Stop with Ctrl-C.")


async def serve_demo(
    port: int = 8080,
    *,
    lan: bool = False,
    out: Print = _print,
    stop: asyncio.Event | None = None,
    api: str = "v4",
) -> int:
    """Run the demo until ``stop`` is set (by default: until SIGINT or SIGTERM).

    ``api="v4"`` (the default, as for the bot): linking is a UiTiD login on the sandbox's
    login page, which the web chat relays and opens in a panel; the web chat is the bot's
    ``PUBLIC_URL``, so the login comes back to it. ``"legacy"``: linking is typing a number.
    """
    if stop is None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
    host = LAN_HOST if lan else "127.0.0.1"
    with (
        tempfile.TemporaryDirectory(prefix="uitpas-bot-demo-") as folder,
        local_stack() as stack,
    ):
        gateway = EmulatorGateway(stack.telegram.url, stack.sandbox.url)
        database_url = f"sqlite:///{Path(folder) / 'demo.sqlite3'}"
        # The bot's TIME_ZONE (from the environment, like the bot reads it), for the page.
        time_zone = stack.settings(database_url).time_zone
        try:
            web = _web_server(stack, gateway, host, port, api, time_zone)
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
            print(
                f"Port {port} is already in use (is another demo running?). "
                f"Stop it, or choose another port: uitpas-bot demo --port {port + 1}",
                file=sys.stderr,
            )
            return 1
        await create_group(stack)
        # The web chat is the bot's PUBLIC_URL: the v4 login and the Mini App (either API)
        # come back to it, and it relays them to the bot's web server.
        gateway.public_url = f"http://127.0.0.1:{web.port}"
        if api == "v4":
            settings = stack.settings(database_url, backend="v4", public_url=gateway.public_url)
        else:
            settings = stack.settings(
                database_url,
                backend="legacy",
                public_url=gateway.public_url,
                port=0,
                web_host="127.0.0.1",
            )
        web.start()
        try:
            # A short poll: stopping waits for the bot's pending getUpdates, and on loopback
            # polling every two seconds costs nothing (updates still arrive at once).
            async with running_bot(settings, poll_timeout=2) as running:
                gateway.bot_web_url = running.web_url
                _announce(web, lan, out, api)
                await stop.wait()
                out("Stopping the demo.")
                gateway.closing = True
                await asyncio.to_thread(web.stop)
        finally:
            with contextlib.suppress(Exception):
                gateway.closing = True
                web.stop()
    return 0
