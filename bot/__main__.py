"""The ``uitpas-bot`` command: run, webhook, demo, sandbox, scan, doctor."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from bot.config import Settings
from bot.observability.logging_setup import configure_logging, redact_secrets

log = logging.getLogger("bot")

HOW_TO_START = """\
TELEGRAM_BOT_TOKEN is not set.

Create a bot with @BotFather in Telegram, then start the bot with its token:
    TELEGRAM_BOT_TOKEN=123456:ABC... uitpas-bot run
(or put TELEGRAM_BOT_TOKEN=... in a .env file in this folder).

To try the bot without a token, with a local Telegram emulator and UiTPAS sandbox:
    uitpas-bot demo
"""


HOW_TO_WEBHOOK = """\
PUBLIC_URL is not set.

In webhook mode Telegram sends updates to $PUBLIC_URL/telegram, so it must be the HTTPS
address of this bot's load balancer (or of this machine), e.g.
    PUBLIC_URL=https://bot.example.org uitpas-bot webhook
The bot listens on $PORT (default 8443) behind it. Use `uitpas-bot run` for long polling.
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="uitpas-bot", description="A Telegram bot for UiTPAS passholders."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("run", help="run the bot with long polling (needs TELEGRAM_BOT_TOKEN)")
    commands.add_parser(
        "webhook",
        help="run the bot behind a load balancer: Telegram POSTs updates to "
        "$PUBLIC_URL/telegram, served on $PORT (default 8443); several instances may share "
        "one PostgreSQL DATABASE_URL",
    )
    demo = commands.add_parser(
        "demo",
        help="the bot in a web chat on http://127.0.0.1:8080, against the local Telegram "
        "emulator and UiTPAS sandbox (no token, no credentials)",
    )
    demo.add_argument("--port", type=int, default=8080, help="web chat port (default: %(default)s)")
    demo.add_argument(
        "--lan",
        action="store_true",
        help="listen on the local network too, so a phone on the same Wi-Fi can open the chat",
    )
    demo.add_argument(
        "--api",
        choices=("v4", "legacy"),
        default=None,
        help="the UiTPAS API the demo speaks (default: UITPAS_API, which defaults to v4: "
        "linking is a UiTiD login; legacy: linking is typing the card number)",
    )
    demo.add_argument(
        "--script",
        action="store_true",
        help="instead: play a short scripted conversation and print its transcript",
    )
    sandbox = commands.add_parser("sandbox", help="run the UiTPAS sandbox alone")
    sandbox.add_argument("--host", default="127.0.0.1")
    sandbox.add_argument("--port", type=int, default=8090)
    sandbox.add_argument(
        "--posters",
        type=Path,
        default=Path("sandbox-posters"),
        help="folder for printable QR posters of the sandbox's events (default: %(default)s)",
    )
    sandbox.add_argument(
        "--withhold-permission",
        action="append",
        default=[],
        metavar="PERMISSION",
        help="a v4 permission the demo client lacks (answered 403, left out of GET "
        "/permissions), e.g. REWARDS_REDEEM, to see what `uitpas-bot doctor` says; repeatable",
    )
    commands.add_parser(
        "doctor",
        help="before going live: check the configuration, the UiTPAS client token and each "
        "permission the bot needs, PUBLIC_URL and the login redirect, the database and the "
        "Telegram token; one line per check, exit 0 only when all pass",
    )
    # Listed for --help only: ``main`` hands ``scan`` its arguments before argparse sees them,
    # since REMAINDER would refuse an option (``--json``) in first place.
    commands.add_parser("scan", help="decode the QR codes in image files: scan [--json] IMAGE...")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["scan"]:
        from bot.qr import scan

        return scan.main(argv[1:])
    args = _parser().parse_args(argv)
    settings = Settings()
    redact_secrets(
        *(secret.get_secret_value() for secret in _secrets(settings)),
    )
    # The demo's output is its transcript, the doctor's its lines: only problems are logged.
    quiet = args.command in ("demo", "doctor")
    configure_logging("WARNING" if quiet else settings.log_level, settings.log_format)
    if args.command == "doctor":
        return asyncio.run(_doctor(settings))
    if args.command == "sandbox":
        from bot.sandbox.uitpas.cli import run_sandbox

        try:
            run_sandbox(args.host, args.port, args.posters, args.withhold_permission)
        except ValueError as error:
            print(f"uitpas-bot sandbox: {error}", file=sys.stderr)
            return 2
        return 0
    if args.command == "demo" and args.script:
        from bot.demo.script import run_demo

        return asyncio.run(run_demo(backend=args.api or settings.uitpas_api))
    if args.command == "demo":
        from bot.demo.webchat.serve import serve_demo

        return asyncio.run(serve_demo(args.port, lan=args.lan, api=args.api or settings.uitpas_api))
    return _run(settings, webhook=args.command == "webhook")


async def _doctor(settings: Settings) -> int:
    from bot.services.doctor import Doctor

    checks = await Doctor(settings).run()
    for check in checks:
        print(check.line(), flush=True)
    failed = [check.name for check in checks if not check.ok]
    warned = sum(1 for check in checks if check.ok and check.warning)
    note = f" ({warned} with a warning)" if warned else ""
    print(f"{len(checks) - len(failed)} of {len(checks)} checks pass{note}", flush=True)
    return 1 if failed else 0


def _secrets(settings: Settings) -> list[SecretStr]:
    return [
        secret
        for secret in (
            settings.telegram_bot_token,
            settings.uitpas_consumer_secret,
            settings.uitpas_client_secret,
            settings.token_encryption_key,
            settings.callback_secret,
        )
        if secret is not None
    ]


def run_event_loop(main: Coroutine[Any, Any, None]) -> None:
    """uvloop where it is installed (Linux, macOS), asyncio's own loop elsewhere.

    The bot's main thread is its limit under load; uvloop took its CPU per check-in from
    27.9 to 25.7 ms in the load benchmark (benchmarks/load.py, webhook mode, PostgreSQL).
    """
    try:
        import uvloop
    except ImportError:
        asyncio.run(main)
    else:
        uvloop.run(main)


def _run(settings: Settings, *, webhook: bool = False) -> int:
    if settings.telegram_bot_token is None:
        print(HOW_TO_START, file=sys.stderr)
        return 2
    if webhook and not settings.public_url:
        print(HOW_TO_WEBHOOK, file=sys.stderr)
        return 2
    sandbox = None
    if settings.uses_sandbox:
        from bot.sandbox.server import BackgroundServer
        from bot.sandbox.stack import sandbox_uitpas_settings
        from bot.sandbox.uitpas.app import create_app

        sandbox = BackgroundServer(create_app()).start()
        log.warning(
            "UITPAS_API_URL is not set: using the built-in UiTPAS sandbox (%s API) at %s "
            "(demo passholders only; no real points are saved)",
            settings.uitpas_api,
            sandbox.url,
        )
        update = sandbox_uitpas_settings(sandbox.url, settings.uitpas_api)
        if "search_api_url" in settings.model_fields_set:  # the operator's own Search API
            update = {k: v for k, v in update.items() if not k.startswith("search_api_")}
        if settings.uitpas_api == "v4":  # keep the operator's web server settings
            update = {k: v for k, v in update.items() if k not in ("web_host", "port")}
            if settings.token_encryption_key is not None:
                del update["token_encryption_key"]
        settings = settings.model_copy(update=update)
        redact_secrets(*(secret.get_secret_value() for secret in _secrets(settings)))
    try:
        run_event_loop(_serve_until_stopped(settings, webhook=webhook))
    finally:
        if sandbox is not None:
            sandbox.stop()
    return 0


async def _serve_until_stopped(settings: Settings, *, webhook: bool) -> None:
    from bot.runtime import running_bot

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with running_bot(settings, polling=not webhook, webhook=webhook):
        await stop.wait()
        log.info("stopping")


if __name__ == "__main__":
    sys.exit(main())
