"""A local Telegram Bot API emulator for tests and the demo.

:class:`TelegramEmulator` serves the Bot API (``/bot<token>/<method>``), file downloads
(``/file/bot<token>/<path>``) and a control API (``/_emu/...``) that :class:`EmulatorClient`
drives to play the users' side.
"""

from .client import BotCall, Delivery, EmulatorClient, EmulatorError, TgUser
from .emulator import DEFAULT_TOKEN, TelegramEmulator

__all__ = [
    "DEFAULT_TOKEN",
    "BotCall",
    "Delivery",
    "EmulatorClient",
    "EmulatorError",
    "TelegramEmulator",
    "TgUser",
]
