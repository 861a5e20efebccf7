"""/points: the passholder's total and their last check-ins."""

from __future__ import annotations

from datetime import tzinfo
from functools import partial

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import CommandHandler, ContextTypes, filters

from bot.handlers.common import language_of, send_reply
from bot.i18n import Language
from bot.services.points import PointsService
from bot.views import account as account_views
from bot.views.callback_data import CallbackCodec
from bot.views.reply import Reply


class PointsHandlers:
    def __init__(
        self, points: PointsService, codec: CallbackCodec, zone: tzinfo | None = None
    ) -> None:
        self._points = points
        self._codec = codec
        self._zone = zone  # the bot's TIME_ZONE: check-in times read as on the group's clock

    async def points(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        user, message = update.effective_user, update.effective_message
        if user is None or message is None:
            return
        await message.reply_chat_action(ChatAction.TYPING)
        outcome = await self._points.balance(user.id)
        sign = partial(self._codec.encode, user.id)
        reply = account_views.points(outcome, language_of(update), sign, zone=self._zone)
        await send_reply(message, reply)

    async def private_answer(self, telegram_user_id: int, language: Language) -> Reply:
        """The same answer for the private chat, when /points was sent in a group."""
        outcome = await self._points.balance(telegram_user_id)
        sign = partial(self._codec.encode, telegram_user_id)
        return account_views.points(outcome, language, sign, zone=self._zone)

    def handlers(self) -> list[CommandHandler]:
        return [CommandHandler("points", self.points, filters=filters.ChatType.PRIVATE)]
