"""/points: the passholder's total and their last check-ins."""

from __future__ import annotations

import asyncio
from datetime import tzinfo
from functools import partial

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import CommandHandler, ContextTypes, filters

from bot.handlers.common import language_of, send_reply
from bot.i18n import Language
from bot.services.family import FamilyService
from bot.services.points import PointsService
from bot.views import account as account_views
from bot.views import family as family_views
from bot.views import rewards as reward_views
from bot.views.callback_data import CallbackCodec
from bot.views.reply import Reply


class PointsHandlers:
    def __init__(
        self,
        points: PointsService,
        codec: CallbackCodec,
        zone: tzinfo | None = None,
        family: FamilyService | None = None,
    ) -> None:
        """``family``: every member's points under the passholder's own (issue 16)."""
        self._points = points
        self._codec = codec
        self._zone = zone  # the bot's TIME_ZONE: check-in times read as on the group's clock
        self._family = family

    async def points(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        user, message = update.effective_user, update.effective_message
        if user is None or message is None:
            return
        await message.reply_chat_action(ChatAction.TYPING)
        await send_reply(message, await self.private_answer(user.id, language_of(update)))

    async def private_answer(self, telegram_user_id: int, language: Language) -> Reply:
        """The answer, also for the private chat when /points was sent in a group."""
        sign = partial(self._codec.encode, telegram_user_id)
        if self._family is None:
            outcome = await self._points.balance(telegram_user_id)
            return account_views.points(outcome, language, sign, zone=self._zone)
        outcome, members = await asyncio.gather(
            self._points.balance(telegram_user_id), self._family.members(telegram_user_id)
        )
        reply = account_views.points(outcome, language, sign, zone=self._zone)
        section = family_views.points_section(members, language)
        if section is None:
            return reply
        # v4: each member's kansentarief and coupons too, under their name.
        entitlements = await self._points.family_entitlements(members)
        lines = reward_views.member_entitlement_lines(entitlements, language)
        text = "\n".join([reply.text, "", section, *lines])
        return Reply(text, reply.keyboard, reply.photo_url)

    def handlers(self) -> list[CommandHandler]:
        return [CommandHandler("points", self.points, filters=filters.ChatType.PRIVATE)]
