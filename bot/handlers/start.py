"""/start and /help: what the bot does, in the user's language."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, ContextTypes, filters

from bot.handlers.common import language_of, send_reply
from bot.i18n import t
from bot.services.linking import LinkService
from bot.views.mini_app import with_scan_offer
from bot.views.reply import Reply


class StartHandlers:
    """``mini_app_url``: where the Mini App is served (None: it is not); /start and /help
    then offer its scanner beside the photo."""

    def __init__(self, links: LinkService, mini_app_url: str | None = None) -> None:
        self._links = links
        self._mini_app_url = mini_app_url

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
        await send_reply(message, with_scan_offer(Reply(text), self._mini_app_url, language))

    async def help(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message is not None:
            language = language_of(update)
            reply = with_scan_offer(Reply(t(language, "help")), self._mini_app_url, language)
            await send_reply(update.effective_message, reply)

    def handlers(self) -> list[CommandHandler]:
        private = filters.ChatType.PRIVATE
        return [
            CommandHandler("start", self.start, filters=private),
            CommandHandler("help", self.help, filters=private),
        ]
