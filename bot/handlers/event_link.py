"""The member's side of an announcement, in the private chat: the card's deep link
(``/start a_<token>``), the "check in now" button, and /announce typed in private.
"""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatAction
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes, filters

from bot.handlers.common import language_of, send_reply
from bot.i18n import Language, t
from bot.services.announcements import DEEP_LINK_PREFIX, AnnouncementService
from bot.views import announcements as announcement_views
from bot.views.reply import Reply


class EventLinkHandlers:
    def __init__(self, service: AnnouncementService) -> None:
        self._service = service

    async def deep_link(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or not context.args:
            return
        token = context.args[0].removeprefix(DEEP_LINK_PREFIX)
        await self._open(message, user.id, token, language_of(update))

    async def check_in_now(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None or query.data is None or update.effective_user is None:
            return
        await query.answer()
        if query.message is None or not query.message.is_accessible:
            return
        token = query.data.removeprefix(announcement_views.CHECK_IN_NOW_PREFIX)
        message = query.message
        assert isinstance(message, Message)
        await self._open(message, update.effective_user.id, token, language_of(update))

    async def _open(self, message: Message, user_id: int, token: str, language: Language) -> None:
        await message.reply_chat_action(ChatAction.TYPING)
        outcome = await self._service.open(token, user_id)
        if outcome is None:
            await send_reply(message, Reply(t(language, "open_gone")))
            return
        for reply in announcement_views.opened(outcome, language):
            await send_reply(message, reply)

    async def announce_in_private(
        self, update: Update, _context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        if update.effective_message is not None:
            text = t(language_of(update), "announce_in_groups")
            await send_reply(update.effective_message, Reply(text))

    def handlers(self) -> list[BaseHandler]:  # type: ignore[type-arg]
        private = filters.ChatType.PRIVATE
        deep_link = filters.Regex(rf"^/start(@\w+)?\s+{DEEP_LINK_PREFIX}")
        return [
            # Must come before the plain /start handler: the first matching handler wins.
            CommandHandler("start", self.deep_link, filters=private & deep_link),
            CallbackQueryHandler(
                self.check_in_now, pattern=f"^{announcement_views.CHECK_IN_NOW_PREFIX}"
            ),
            CommandHandler(
                ["announce", "remind", "stats"], self.announce_in_private, filters=private
            ),
        ]
