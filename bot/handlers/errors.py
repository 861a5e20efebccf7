"""The last resort: log what broke (without personal data) and tell the user honestly."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.handlers.common import language_of, send_reply
from bot.i18n import t
from bot.views import Reply

log = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update %s failed", update_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != "private" or update.effective_message is None:
        return
    try:
        await send_reply(update.effective_message, Reply(t(language_of(update), "internal_error")))
    except TelegramError:
        log.warning("could not tell the user about the failure of update %s", update_id)
