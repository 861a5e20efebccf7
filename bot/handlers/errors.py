"""The last resort: log what broke (without personal data) and tell the user honestly.

Also where "bot was blocked by the user" is noticed: Telegram answers 403 to anything sent to
such a user, so the user is marked inactive (no further sends are attempted or retried) until
they write again, which :class:`ActivityTracker` notices before any handler runs.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.handlers.checkin import clears_activity_mark
from bot.handlers.common import language_of, send_reply
from bot.i18n import t
from bot.services.reachability import ReachabilityService
from bot.telegram.update_processor import mark_update_failed
from bot.views.reply import Reply

log = logging.getLogger(__name__)


class ActivityTracker:
    def __init__(self, reachability: ReachabilityService) -> None:
        self._reachability = reachability

    async def seen(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """A user who writes or taps can be reached again: clear a blocked mark, if any.

        Not for a private photo: the check-in handler clears it with the flood count, in one
        statement (:func:`~bot.handlers.checkin.clears_activity_mark`)."""
        if clears_activity_mark(update):
            return
        if update.effective_user is not None and (update.message or update.callback_query):
            await self._reachability.heard_from(update.effective_user.id)


class ErrorHandler:
    def __init__(self, reachability: ReachabilityService) -> None:
        self._reachability = reachability

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        mark_update_failed()  # the per-update log line and metrics say "error"
        update_id = update.update_id if isinstance(update, Update) else None
        user = update.effective_user if isinstance(update, Update) else None
        if isinstance(context.error, Forbidden):
            log.info("update %s: Telegram refused delivery (%s)", update_id, context.error.message)
            if user is not None:
                await self._reachability.delivery_refused(user.id, context.error.message)
            return
        log.error("update %s failed", update_id, exc_info=context.error)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        if update.effective_chat.type != "private" or update.effective_message is None:
            return
        try:
            await send_reply(
                update.effective_message, Reply(t(language_of(update), "internal_error"))
            )
        except TelegramError:
            log.warning("could not tell the user about the failure of update %s", update_id)
