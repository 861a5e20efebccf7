"""The Mini App's side of a test: a bot that serves it, the app's API, initData of any kind.

``documented_init_data`` signs initData the way Telegram's documentation describes, apart from
the emulator's and the bot's code, so tests can make the expired and forged ones Telegram never
would; good initData comes from the emulator, as a user tapping the menu button gets it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import time
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from bot.sandbox.telegram.client import TgUser
from tests.support.harness import Harness


def free_port() -> int:
    """A port for the bot's web server known before it starts (PUBLIC_URL must name it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def mini_app_settings() -> dict[str, Any]:
    """Overrides that make the bot serve its Mini App on loopback, on either backend."""
    port = free_port()
    return {"public_url": f"http://127.0.0.1:{port}", "port": port, "web_host": "127.0.0.1"}


def documented_init_data(
    user: TgUser, token: str, *, auth_date: float | None = None, **extra: str
) -> str:
    fields = {
        "auth_date": str(int(auth_date if auth_date is not None else time.time())),
        "query_id": "AAtest",
        "user": json.dumps(user.to_json(), separators=(",", ":")),
        **extra,
    }
    check = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode(fields, quote_via=quote)


def bot_token(harness: Harness) -> str:
    token = harness.settings.telegram_bot_token
    assert token is not None
    return token.get_secret_value()


async def app_call(
    harness: Harness, path: str, init_data: str | None, body: Any = None
) -> httpx.Response:
    """POST to the Mini App's API as its script does (``Authorization: tma <initData>``)."""
    assert harness.running.mini_app_url is not None
    headers = {"Authorization": f"tma {init_data}".strip()} if init_data is not None else {}
    async with httpx.AsyncClient(timeout=20) as http:
        return await http.post(
            f"{harness.running.mini_app_url}api/{path}", json=body or {}, headers=headers
        )


async def opened_init_data(harness: Harness, user: TgUser) -> str:
    """The initData Telegram (the emulator) hands the app when ``user`` taps the menu button."""
    launch = await harness.telegram.open_web_app(user)
    return str(launch["init_data"])


async def sandbox_requests(harness: Harness) -> dict[str, int]:
    response = await harness.sandbox.get("/_sandbox/requests")
    response.raise_for_status()
    return dict(response.json())


async def event_code(harness: Harness, title_part: str) -> str:
    """The check-in code printed on the sandbox's poster of the event named ``title_part``."""
    response = await harness.sandbox.get("/_sandbox/events")
    response.raise_for_status()
    [code] = [e["checkinCode"] for e in response.json() if title_part in e["title"]]
    return str(code)
