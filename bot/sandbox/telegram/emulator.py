"""The Telegram Bot API emulator: one object holding the state, serving one ASGI app."""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette

from .app import create_app
from .state import World, user_json

DEFAULT_TOKEN = "123456:TEST-TOKEN"  # noqa: S105 - a made-up token; only this emulator knows it


class TelegramEmulator:
    """A local stand-in for api.telegram.org for one bot.

    Serve ``.app`` (e.g. with :class:`bot.sandbox.server.BackgroundServer`), point the bot at
    ``{url}/bot`` and ``{url}/file/bot``, and drive users through the control API under
    ``/_emu`` (see :class:`~bot.sandbox.telegram.client.EmulatorClient`).

    ``strict_html`` also rejects a stray ``&`` or ``>`` in HTML text (Telegram tolerates them,
    but they betray unescaped input); ``privacy_mode`` gives the bot only the group messages
    Telegram's default privacy mode lets through. ``local_webhooks`` accepts ``http://``
    webhook URLs on any port, like the official telegram-bot-api server's ``--local`` mode, so
    a bot on a loopback port can receive its updates (api.telegram.org wants HTTPS on 80, 88,
    443 or 8443). Once a webhook is set, updates are POSTed to it as Telegram does (see
    :mod:`.webhook`); ``/_emu/webhook`` shows and turns the delivery knobs.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        bot_id: int = 123456,
        bot_username: str = "uitpas_test_bot",
        bot_first_name: str = "UiTPAS Bot",
        *,
        strict_html: bool = True,
        privacy_mode: bool = True,
        local_webhooks: bool = False,
    ) -> None:
        self.token = token
        bot = user_json(
            {"id": bot_id, "first_name": bot_first_name, "username": bot_username}, is_bot=True
        )
        self.world = World(
            bot, strict_html=strict_html, privacy_mode=privacy_mode, local_webhooks=local_webhooks
        )
        self.app: Starlette = create_app(self)

    @property
    def bot(self) -> dict[str, Any]:
        """The bot's User object, as getMe and message ``from`` fields show it."""
        return dict(self.world.bot)
