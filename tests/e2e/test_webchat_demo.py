"""``uitpas-bot demo`` as a command: its port, ``--lan``, and what its web API refuses.

No browser needed: these talk HTTP to the running demo on loopback only (``--lan`` is checked
by the address it listens on and the URLs it prints, never by traffic from outside).
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import httpx

from bot.demo.webchat.personas import spaced
from bot.sandbox.uitpas.data import FAMILY_KANSENTARIEF, NORMAL
from tests.support.browser import demo_process

ROOT = Path(__file__).resolve().parents[2]


def listening_address(port: int) -> str | None:
    """The address (hex, as Linux's /proc/net/tcp has it) of the socket listening on ``port``."""
    table = Path("/proc/net/tcp")
    if not table.exists():
        return None
    for line in table.read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, _, hex_port = local.partition(":")
        if state == "0A" and int(hex_port, 16) == port:
            return address
    return None


def test_a_port_in_use_is_a_clear_message_not_a_traceback() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(  # noqa: S603 - our own command
            [sys.executable, "-m", "bot", "demo", "--port", str(port)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
    assert result.returncode == 1
    assert f"Port {port} is already in use" in result.stderr
    assert f"--port {port + 1}" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_demo_prints_its_url_posters_and_cards_and_serves_the_chat() -> None:
    with demo_process() as demo:
        text = "\n".join(demo.output)
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", demo.url)
        assert f"{demo.url}/posters/" in text
        assert spaced(NORMAL) in text
        assert "listening on" not in text  # loopback only without --lan
        page = httpx.get(demo.url, timeout=10)
        assert page.status_code == 200
        assert '<textarea id="text"' in page.text
        poster = httpx.get(f"{demo.url}/posters/", timeout=10)
        first = re.search(r'href="(/posters/[^"]+\.png)"', poster.text)
        assert first is not None
        png = httpx.get(demo.url + first.group(1), timeout=30)
        assert png.headers["content-type"] == "image/png"
        assert png.content.startswith(b"\x89PNG")


def test_with_lan_it_listens_on_all_interfaces_and_says_so() -> None:
    with demo_process("--lan") as demo:
        text = "\n".join(demo.output)
        port = demo.url.rsplit(":", 1)[1]
        assert f"listening on 0.0.0.0:{port}" in text
        assert "On a phone (Wi-Fi):" in text
        if Path("/proc/net/tcp").exists():  # Linux: the socket itself says where it listens
            assert listening_address(int(port)) == "00000000"  # 0.0.0.0
        assert httpx.get(demo.url + "/api/config", timeout=10).status_code == 200


def test_the_web_api_acts_only_as_the_personas_in_their_own_chats() -> None:
    with demo_process() as demo:
        api = f"{demo.url}/api"
        config = httpx.get(f"{api}/config", timeout=10).json()
        an, bo, nadia = config["personas"]
        assert nadia["card"] == spaced(FAMILY_KANSENTARIEF)

        def send(persona: str, chat: int) -> httpx.Response:
            body = {"persona": persona, "chat": chat, "text": "hallo"}
            return httpx.post(f"{api}/send", json=body, timeout=10)

        assert send("mallory", an["id"]).status_code == 400
        assert send("an", bo["id"]).status_code == 400  # not An's chat
        assert send("an", 123456).status_code == 400  # not even the bot's own
        assert send("an", an["id"]).status_code == 200
        assert send("bo", config["group"]["id"]).status_code == 200
        # Over Telegram's 4096 characters the emulator refuses as Telegram does (issue 15.11).
        body = {"persona": "an", "chat": an["id"], "text": "x" * 4097}
        refused = httpx.post(f"{api}/send", json=body, timeout=10)
        assert refused.status_code == 400
        assert refused.json()["description"] == "Bad Request: message is too long"
        # Only files the emulator holds, or pictures the bot sent from the sandbox, are served.
        assert httpx.get(f"{demo.url}/files/nonexistent", timeout=10).status_code == 404


def test_the_demo_speaks_v4_and_relays_only_the_login_page_and_the_callback() -> None:
    """Default demo: v4. The web chat relays the sandbox's UiTiD login page (a phone on the
    Wi-Fi cannot reach the sandbox) and the bot's callback, and no other sandbox path."""
    with demo_process() as demo:
        text = "\n".join(demo.output)
        assert "UiTPAS API v4" in text
        config = httpx.get(f"{demo.url}/api/config", timeout=10).json()
        assert config["bot"]["api"] == "v4"
        relay = config["login"]["relay"]
        assert config["login"]["auth_url"].startswith("http://127.0.0.1:")
        page = httpx.get(
            demo.url + relay,
            params={
                "client_id": "demo-client",
                "redirect_uri": f"{demo.url}/oauth/callback",
                "response_type": "code",
                "state": "s",
                "code_challenge": "x" * 43,
                "code_challenge_method": "S256",
            },
            timeout=10,
        )
        assert page.status_code == 200
        assert "Aanmelden met UiTiD" in page.text
        token_path = relay.rsplit("/", 1)[0] + "/token"
        assert httpx.post(demo.url + token_path, timeout=10).status_code in (404, 405)
        callback = httpx.get(f"{demo.url}/oauth/callback?state=forged&code=x", timeout=10)
        assert callback.status_code == 400  # the bot's own page: an unknown state
        assert "ongeldig" in callback.text


def test_demo_api_legacy_keeps_linking_by_number() -> None:
    with demo_process("--api", "legacy") as demo:
        assert "UiTPAS API legacy" in "\n".join(demo.output)
        config = httpx.get(f"{demo.url}/api/config", timeout=10).json()
        assert config["bot"]["api"] == "legacy"
        assert config["login"] is None
