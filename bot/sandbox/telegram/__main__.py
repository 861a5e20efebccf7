"""``python -m bot.sandbox.telegram [--host H] [--port P] [--local-webhooks] [--token T]``."""

from __future__ import annotations

import argparse

from bot.sandbox.telegram.cli import run_emulator
from bot.sandbox.telegram.emulator import DEFAULT_TOKEN


def main() -> None:
    parser = argparse.ArgumentParser(description="A local Telegram Bot API emulator.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081, help="0 picks a free port")
    parser.add_argument(
        "--local-webhooks",
        action="store_true",
        help="accept http:// webhook URLs on any port, like telegram-bot-api --local",
    )
    parser.add_argument("--token", default=DEFAULT_TOKEN, help="the bot token it accepts")
    args = parser.parse_args()
    run_emulator(args.host, args.port, local_webhooks=args.local_webhooks, token=args.token)


if __name__ == "__main__":
    main()
