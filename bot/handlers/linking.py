"""/link, a card number sent as plain text, and /unlink."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import CommandHandler, ContextTypes, MessageHandler, filters

from bot import views
from bot.handlers.common import language_of, send_reply
from bot.i18n import Language, t
from bot.services.checkin import CheckinService
from bot.services.linking import LinkService
from bot.uitpas.numbers import InvalidUitpasNumber, looks_like_number_attempt
from bot.views import Reply


class NumberText(filters.MessageFilter):
    """Plain text that is most likely someone typing their card number."""

    def filter(self, message: Message) -> bool:
        return bool(message.text) and looks_like_number_attempt(message.text or "")


class LinkHandlers:
    def __init__(self, links: LinkService, checkin: CheckinService) -> None:
        self._links = links
        self._checkin = checkin

    async def link_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None:
            return
        typed = " ".join(context.args or [])
        if not typed.strip():
            await send_reply(message, Reply(t(language_of(update), "link_usage")))
            return
        await self._link(update, message, typed)

    async def link_text(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is not None and message.text:
            await self._link(update, message, message.text)

    async def _link(self, update: Update, message: Message, typed: str) -> None:
        user = update.effective_user
        if user is None:
            return
        language = language_of(update)
        try:
            result = await self._links.link(user.id, typed, language)
        except InvalidUitpasNumber as error:
            await send_reply(message, views.number_problem(error, language))
            return
        if result.pending_code is None:
            await send_reply(message, Reply(t(language, "linked", masked=result.masked_number)))
            return
        await send_reply(
            message, Reply(t(language, "linked_checking_pending", masked=result.masked_number))
        )
        await self._check_in_pending(message, user.id, result.pending_code, language)

    async def _check_in_pending(
        self, message: Message, user_id: int, code: str, language: Language
    ) -> None:
        number = await self._links.linked_number(user_id)
        if number is None:  # unlinked in between: nothing to check in with
            return
        outcome = await self._checkin.check_in_code(user_id, number, code)
        await send_reply(message, views.checkin(outcome, language))

    async def unlink(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        user, message = update.effective_user, update.effective_message
        if user is None or message is None:
            return
        language = language_of(update)
        masked = await self._links.unlink(user.id)
        text = t(language, "unlinked", masked=masked) if masked else t(language, "unlink_nothing")
        await send_reply(message, Reply(text))

    def handlers(self) -> list[CommandHandler | MessageHandler]:
        private = filters.ChatType.PRIVATE
        return [
            CommandHandler("link", self.link_command, filters=private),
            CommandHandler("unlink", self.unlink, filters=private),
            MessageHandler(
                private & filters.TEXT & ~filters.COMMAND & NumberText(), self.link_text
            ),
        ]
