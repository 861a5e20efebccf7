"""/link, a card number sent as plain text, and /unlink; under v4 also the login's ending.

Under ``UITPAS_API=v4`` a card is linked by logging in: ``/link`` (or a typed number) gets a
login button, and :meth:`LinkHandlers.announce_login` tells the user in Telegram how the login
that the web callback finished went.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import Bot, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot.handlers.common import edit_reply, in_private_chat, language_of, send_reply
from bot.i18n import Language, language_for, t
from bot.services.checkin import CheckinService
from bot.services.family_checkin import FamilyCheckinService
from bot.services.linking import LinkService
from bot.services.login import LoginFailed, LoginOutcome
from bot.services.outcomes import CardRefused, NumberNotValid, ReplaceAsked
from bot.views import checkin as checkin_views
from bot.views import family as family_views
from bot.views import linking as linking_views
from bot.views.limits import fit
from bot.views.linking import RELINK_NO_CALLBACK, RELINK_YES_CALLBACK
from bot.views.reply import Reply

log = logging.getLogger(__name__)


class NumberText(filters.MessageFilter):
    """Plain text that is most likely someone typing their card number."""

    def __init__(self, links: LinkService) -> None:
        super().__init__()
        self._links = links

    def filter(self, message: Message) -> bool:
        return bool(message.text) and self._links.looks_like_number(message.text or "")


# The notifications' offer under a link's confirmation (issue 19): user id, language → buttons.
Offer = Callable[[int, Language], InlineKeyboardMarkup | None]


class LinkHandlers:
    def __init__(
        self,
        links: LinkService,
        checkin: CheckinService,
        family: FamilyCheckinService | None = None,
        *,
        offer: Offer | None = None,
    ) -> None:
        """``family``: a kept code gets the "who's with you?" chooser when there is a family;
        ``offer``: the notifications' one-tap offer under a link's confirmation."""
        self._links = links
        self._checkin = checkin
        self._family = family
        self._offer = offer

    def _with_offer(self, reply: Reply, user_id: int, language: Language) -> Reply:
        """The confirmation with the notifications' one-tap offer, when there is one."""
        if self._offer is None or reply.keyboard is not None:
            return reply
        return Reply(reply.text, self._offer(user_id, language), reply.photo_url)

    async def link_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None:
            return
        if self._links.by_login:
            await self._send_login(update, message)
            return
        typed = " ".join(context.args or [])
        if not typed.strip():
            await self._link_usage(update, message)
            return
        await self._link(update, message, typed)

    async def _link_usage(self, update: Update, message: Message) -> None:
        """How to link; when a card is linked, which one (masked), so nobody guesses."""
        user = update.effective_user
        language = language_of(update)
        current = await self._links.masked_number(user.id) if user is not None else None
        if current is None:
            await send_reply(message, Reply(t(language, "link_usage")))
            return
        await send_reply(message, Reply(t(language, "link_current", masked=current)))

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
        current = await self._links.masked_number(user.id)
        await send_reply(message, linking_views.login_prompt(url, language, current))

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
        confirmation = linking_views.login_linked(outcome, language)
        await _send(bot, user_id, self._with_offer(confirmation, user_id, language))
        if outcome.pending_code is None:
            return
        number = await self._links.linked_number(user_id)
        if number is not None:
            await _send(
                bot, user_id, await self._kept_code(user_id, number, outcome.pending_code, language)
            )

    async def _link(
        self, update: Update, message: Message, typed: str, *, replace: bool = False
    ) -> None:
        user = update.effective_user
        if user is None:
            return
        language = language_of(update)
        result = await self._links.link(user.id, typed, language, replace=replace)
        if isinstance(result, NumberNotValid):
            await send_reply(message, linking_views.number_problem(result, language))
            return
        if isinstance(result, CardRefused):
            await send_reply(message, linking_views.card_refused(result, language))
            return
        if isinstance(result, ReplaceAsked):
            # Quoting the user's message: the "yes" button reads the new number back from it,
            # so no number travels in button data or waits in the database.
            question = linking_views.replace_question(result, language)
            await message.reply_text(
                question.text,
                parse_mode=ParseMode.HTML,
                reply_markup=question.keyboard,
                do_quote=True,
            )
            return
        if result.pending_code is None:
            confirmation = linking_views.linked(result, language)
            await send_reply(message, self._with_offer(confirmation, user.id, language))
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
        await send_reply(message, await self._kept_code(user_id, number, code, language))

    async def _kept_code(self, user_id: int, number: str, code: str, language: Language) -> Reply:
        """The code photographed before linking: checked in, or the family's chooser for it."""
        if self._family is None:
            outcome = await self._checkin.check_in_code(user_id, number, code)
            return checkin_views.checkin(outcome, language)
        chosen = await self._family.code(user_id, number, code)
        return family_views.checkin_or_chooser(chosen, language)

    async def replace_confirmed(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """ "Yes, link the new card": the number is in the user's own message the question quoted.

        Only a message this same user sent counts, in the private chat; anything else (the
        message deleted, a forged tap) changes nothing and asks for the number again.
        """
        query, user = update.callback_query, update.effective_user
        if query is None or user is None or not in_private_chat(update):
            return
        await query.answer()
        question = query.message if isinstance(query.message, Message) else None
        original = question.reply_to_message if question is not None else None
        language = language_of(update)
        if (
            question is None
            or original is None
            or original.from_user is None
            or original.from_user.id != user.id
            or not original.text
        ):
            if question is not None:
                await edit_reply(query, Reply(t(language, "relink_gone")))
            return
        typed = original.text
        if typed.split()[0].split("@")[0] == "/link":
            typed = typed.partition(" ")[2]
        await edit_reply(query, Reply(t(language, "relink_replacing")))
        await self._link(update, question, typed, replace=True)

    async def replace_declined(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        query, user = update.callback_query, update.effective_user
        if query is None or user is None:
            return
        await query.answer()
        current = await self._links.masked_number(user.id)
        language = language_of(update)
        text = t(language, "relink_kept", masked=current) if current else t(language, "link_usage")
        await edit_reply(query, Reply(text))

    async def unlink(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        user, message = update.effective_user, update.effective_message
        if user is None or message is None:
            return
        language = language_of(update)
        masked = await self._links.unlink(user.id)
        text = t(language, "unlinked", masked=masked) if masked else t(language, "unlink_nothing")
        if masked:  # the family (issue 16): what the bot forgot, and what stays at UiTPAS
            note = "family_unlinked_v4" if self._links.by_login else "family_unlinked_legacy"
            text = f"{text}\n{t(language, note)}"
        await send_reply(message, Reply(text))

    def handlers(self) -> list[CommandHandler | MessageHandler | CallbackQueryHandler]:
        private = filters.ChatType.PRIVATE
        return [
            CommandHandler("link", self.link_command, filters=private),
            CommandHandler("unlink", self.unlink, filters=private),
            CallbackQueryHandler(self.replace_confirmed, pattern=f"^{RELINK_YES_CALLBACK}$"),
            CallbackQueryHandler(self.replace_declined, pattern=f"^{RELINK_NO_CALLBACK}$"),
            MessageHandler(
                private & filters.TEXT & ~filters.COMMAND & NumberText(self._links),
                self.link_text,
            ),
        ]


async def _send(bot: Bot, chat_id: int, reply: Reply) -> None:
    for part in fit(reply):  # UiTPAS's words for the passholder have no length of their own
        await bot.send_message(
            chat_id,
            part.text,
            parse_mode=ParseMode.HTML,
            reply_markup=part.keyboard,
            disable_web_page_preview=True,
        )
