"""/start and /help: what the bot does, in the user's language."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, ContextTypes, filters

from bot.handlers.common import language_of, send_reply
from bot.i18n import t
from bot.services.linking import LinkService
from bot.views.reply import Reply


class StartHandlers:
    def __init__(self, links: LinkService) -> None:
        self._links = links

    async def start(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        user, message = update.effective_user, update.effective_message
        if user is None or message is None:
            return
        language = language_of(update)
        masked = await self._links.masked_number(user.id)
        if masked:
            text = t(language, "start_linked", name=user.first_name, masked=masked)
        else:
            key = "start_login" if self._links.by_login else "start"
            text = t(language, key, name=user.first_name)
        await send_reply(message, Reply(text))

    async def help(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message is not None:
            await send_reply(update.effective_message, Reply(t(language_of(update), "help")))

    def handlers(self) -> list[CommandHandler]:
        private = filters.ChatType.PRIVATE
        return [
            CommandHandler("start", self.start, filters=private),
            CommandHandler("help", self.help, filters=private),
        ]
