"""Run the emulator in its own process: ``python -m bot.sandbox.telegram``.

The load benchmark runs it this way so that the emulator — turning photos into renditions,
delivering webhooks — does not share a GIL with the load generator or the bot. It prints the
settings a bot needs once it is listening (port 0 picks a free one, so a parent reads the port
from that line) and shuts down cleanly, exit status 0, on SIGTERM or Ctrl-C.
"""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
from types import FrameType

import uvicorn

from .emulator import DEFAULT_TOKEN, TelegramEmulator

URL_LINE_PREFIX = "  TELEGRAM_API_URL="


def _exit_cleanly(signum: int, frame: FrameType | None) -> None:
    """SIGTERM before or after uvicorn's own handling (which re-raises it) ends with status 0."""
    sys.exit(0)


def run_emulator(
    host: str = "127.0.0.1",
    port: int = 8081,
    *,
    local_webhooks: bool = False,
    token: str = DEFAULT_TOKEN,
) -> None:
    """Serve an emulator on ``host:port`` until SIGTERM or Ctrl-C."""
    for handled in (signal.SIGTERM, signal.SIGINT):
        signal.signal(handled, _exit_cleanly)
    asyncio.run(_serve(host, port, local_webhooks=local_webhooks, token=token))


class _AnnouncingServer(uvicorn.Server):
    """A uvicorn server that prints ``lines`` once it accepts connections."""

    def __init__(self, config: uvicorn.Config, lines: list[str]) -> None:
        super().__init__(config)
        self._lines = lines

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            print("\n".join(self._lines), flush=True)


async def _serve(host: str, port: int, *, local_webhooks: bool, token: str) -> None:
    emulator = TelegramEmulator(token=token, local_webhooks=local_webhooks)
    # Bound here rather than by uvicorn, to learn the port when it is 0; TCP explicitly so that
    # accepted connections get TCP_NODELAY (see bot.sandbox.server).
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    bound_host, bound_port = listener.getsockname()[:2]
    url = f"http://{bound_host}:{bound_port}"
    webhooks = "http(s), any port (local mode)" if local_webhooks else "https, ports 80/88/443/8443"
    lines = [
        "Telegram Bot API emulator",
        f"{URL_LINE_PREFIX}{url}",
        f"  TELEGRAM_BOT_TOKEN={token}",
        f"  control API: {url}/_emu   webhooks: {webhooks}",
    ]
    config = uvicorn.Config(emulator.app, log_level="warning", lifespan="off", access_log=False)
    await _AnnouncingServer(config, lines).serve(sockets=[listener])
