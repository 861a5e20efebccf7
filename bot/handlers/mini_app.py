"""The Mini App's answers in the private chat, so the chat keeps the record of every scan.

Not a handler of updates: a scan arrives at the web route (:mod:`bot.web.mini_app`), which
hands the service's outcome here to be written into the user's private chat with the bot,
spotlight buttons and all, as the reply to a photo would be.
"""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.error import TelegramError

from bot.handlers.common import send_to_chat
from bot.i18n import Language
from bot.services.mini_app import ScanOutcome, ScanThrottled
from bot.views import mini_app as mini_app_views
from bot.views.reply import Reply

log = logging.getLogger(__name__)


class MiniAppReplies:
    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def deliver(
        self, telegram_user_id: int, outcome: ScanOutcome, language: Language
    ) -> Reply:
        """Send the scan's reply to the private chat (once over the throttle: said once, then
        silence, as for photos) and return it for the app. A chat Telegram refuses (the user
        blocked the bot) leaves the app's answer as it is: the check-in is done either way."""
        reply = mini_app_views.scan_reply(outcome, language)
        if isinstance(outcome, ScanThrottled) and not outcome.tell_in_chat:
            return reply
        try:
            await send_to_chat(self._bot, telegram_user_id, reply)
        except TelegramError as error:
            log.warning("a scan's reply did not reach the chat (%s)", type(error).__name__)
        return reply

    async def tell(self, telegram_user_id: int, reply: Reply) -> None:
        """A redemption's code or a family check-in from the app, into the private chat: the
        chat keeps the record. Refused by Telegram (the bot blocked), the app's answer stands."""
        try:
            await send_to_chat(self._bot, telegram_user_id, reply)
        except TelegramError as error:
            log.warning("an app answer did not reach the chat (%s)", type(error).__name__)
