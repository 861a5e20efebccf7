"""/link, a card number sent as plain text, and /unlink; under v4 also the login's ending.

Under ``UITPAS_API=v4`` a card is linked by logging in: ``/link`` (or a typed number) gets a
login button, and :meth:`LinkHandlers.announce_login` tells the user in Telegram how the login
that the web callback finished went.
"""

from __future__ import annotations

import logging

from telegram import Bot, Message, Update
from telegram.constants import ParseMode
from telegram.ext import CommandHandler, ContextTypes, MessageHandler, filters

from bot.handlers.common import language_of, send_reply
from bot.i18n import Language, language_for, t
from bot.services.checkin import CheckinService
from bot.services.linking import LinkService
from bot.services.login import LoginFailed, LoginOutcome
from bot.services.outcomes import NumberNotValid
from bot.views import checkin as checkin_views
from bot.views import linking as linking_views
from bot.views.reply import Reply

log = logging.getLogger(__name__)


class NumberText(filters.MessageFilter):
    """Plain text that is most likely someone typing their card number."""

    def __init__(self, links: LinkService) -> None:
        super().__init__()
        self._links = links

    def filter(self, message: Message) -> bool:
        return bool(message.text) and self._links.looks_like_number(message.text or "")


class LinkHandlers:
    def __init__(self, links: LinkService, checkin: CheckinService) -> None:
        self._links = links
        self._checkin = checkin

    async def link_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None:
            return
        if self._links.by_login:
            await self._send_login(update, message)
            return
        typed = " ".join(context.args or [])
        if not typed.strip():
            await send_reply(message, Reply(t(language_of(update), "link_usage")))
            return
        await self._link(update, message, typed)

    async def link_text(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is not None and message.text:
            if self._links.by_login:  # v4: a number alone proves nothing; log in instead
                await self._send_login(update, message)
                return
            await self._link(update, message, message.text)

    async def _send_login(self, update: Update, message: Message) -> None:
        user = update.effective_user
        if user is None:
            return
        language = language_of(update)
        url = await self._links.login_url(user.id, language)
        await send_reply(message, linking_views.login_prompt(url, language))

    async def announce_login(self, bot: Bot, outcome: LoginOutcome) -> None:
        """Tell the user in their private chat (chat id = user id) how the login ended, and
        check in a code they photographed before. A forged or stale state names nobody."""
        if isinstance(outcome, LoginFailed):
            if outcome.telegram_user_id is None:
                return
            language = language_for(outcome.language)
            await _send(
                bot, outcome.telegram_user_id, linking_views.login_failed(outcome, language)
            )
            return
        user_id, language = outcome.telegram_user_id, language_for(outcome.language)
        await _send(bot, user_id, linking_views.login_linked(outcome, language))
        if outcome.pending_code is None:
            return
        number = await self._links.linked_number(user_id)
        if number is not None:
            checked = await self._checkin.check_in_code(user_id, number, outcome.pending_code)
            await _send(bot, user_id, checkin_views.checkin(checked, language))

    async def _link(self, update: Update, message: Message, typed: str) -> None:
        user = update.effective_user
        if user is None:
            return
        language = language_of(update)
        result = await self._links.link(user.id, typed, language)
        if isinstance(result, NumberNotValid):
            await send_reply(message, linking_views.number_problem(result, language))
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
        await send_reply(message, checkin_views.checkin(outcome, language))

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
                private & filters.TEXT & ~filters.COMMAND & NumberText(self._links),
                self.link_text,
            ),
        ]


async def _send(bot: Bot, chat_id: int, reply: Reply) -> None:
    await bot.send_message(
        chat_id,
        reply.text,
        parse_mode=ParseMode.HTML,
        reply_markup=reply.keyboard,
        disable_web_page_preview=True,
    )
