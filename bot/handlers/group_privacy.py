"""Personal things asked in a group are answered in the private chat, never in the group.

* A QR photo a member sends in a group (the bot sees it when it is admin there, or when the
  photo replies to it) is checked in privately; the group sees nothing. Photos without a
  check-in code are ordinary group photos and are left alone, and admins' photos are left alone
  too: they are posters for /announce.
* Personal commands registered in ``private_answers`` (for ``/points``: ``{"points": …}``)
  get their answer in the private chat.

When the bot may not write to the member yet (they never pressed Start), the group gets a
short message with a button to open the private chat, and nothing personal. When it could,
the group gets a pointer that it answered privately (with the same button), so the member
knows where to look.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update, User
from telegram.constants import ParseMode
from telegram.error import Forbidden
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot.handlers.admins import AdminChecker
from bot.handlers.common import language_of, send_reply
from bot.handlers.photos import download_image
from bot.i18n import Language, language_for, t
from bot.services.checkin import CheckinService
from bot.views import checkin as checkin_views
from bot.views.limits import fit
from bot.views.reply import Reply

# What a personal command answers, for (telegram user id, language): e.g. the points balance.
PrivateAnswer = Callable[[int, Language], Awaitable[Reply]]


class GroupPrivacyHandlers:
    def __init__(
        self,
        checkin: CheckinService,
        admins: AdminChecker,
        private_answers: Mapping[str, PrivateAnswer] | None = None,
    ) -> None:
        self._checkin = checkin
        self._admins = admins
        self._answers = dict(private_answers or {})

    async def photo(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or user.is_bot or message.sender_chat is not None:
            return
        if await self._admins.is_admin(context.bot, message):
            return
        image = await download_image(context.bot, message)
        if image is None:
            return
        found = await self._checkin.code_in_photo(image)
        if not isinstance(found, tuple):
            return  # not a check-in QR code: an ordinary photo in the group
        language = language_of(update)
        intro = Reply(t(language, "group_photo_private", group=message.chat.title or ""))
        if not await self._send_private(
            context.bot, message, user, intro, "group_open_private_first"
        ):
            return
        outcome = await self._checkin.check_in_found_code(user.id, found[0], found[1])
        await _send(context.bot, user.id, checkin_views.checkin(outcome, language))
        await self._point_to_private(context.bot, message, user)

    async def command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or not message.text:
            return
        name = message.text.split()[0].removeprefix("/").split("@")[0].lower()
        answer = self._answers.get(name)
        if answer is None:
            return
        reply = await answer(user.id, language_of(update))
        if await self._send_private(context.bot, message, user, reply, "private_only"):
            await self._point_to_private(context.bot, message, user)

    async def _point_to_private(self, bot: Bot, message: Message, user: User) -> None:
        """A visible sign in the group that the answer went to the private chat: the member's
        name (the group knows who asked) and the button, nothing personal."""
        language = language_for(user.language_code)
        text = t(language, "answered_privately", name=user.first_name)
        await send_reply(message, Reply(text, _private_chat_keyboard(bot, language)))

    async def _send_private(
        self, bot: Bot, message: Message, user: User, reply: Reply, refusal_key: str
    ) -> bool:
        """Send ``reply`` privately; when Telegram will not, point the member to the bot."""
        try:
            await _send(bot, user.id, reply)
        except Forbidden:
            language = language_for(user.language_code)
            text = t(language, refusal_key, name=user.first_name)
            await send_reply(message, Reply(text, _private_chat_keyboard(bot, language)))
            return False
        return True

    def handlers(self) -> list[BaseHandler]:  # type: ignore[type-arg]
        groups = filters.ChatType.GROUPS
        found: list[BaseHandler] = [  # type: ignore[type-arg]
            MessageHandler(groups & (filters.PHOTO | filters.Document.IMAGE), self.photo)
        ]
        if self._answers:
            found.append(CommandHandler(list(self._answers), self.command, filters=groups))
        return found


def _private_chat_keyboard(bot: Bot, language: Language) -> InlineKeyboardMarkup:
    button = InlineKeyboardButton(
        t(language, "open_private_chat"), url=f"https://t.me/{bot.username}"
    )
    return InlineKeyboardMarkup([[button]])


async def _send(bot: Bot, chat_id: int, reply: Reply) -> Message:
    """In the private chat; a text too long for one message goes as several."""
    *before, reply = fit(reply)
    for part in before:
        await bot.send_message(
            chat_id, part.text, parse_mode=ParseMode.HTML, disable_web_page_preview=True
        )
    if reply.photo_url:
        return await bot.send_photo(
            chat_id, reply.photo_url, caption=reply.text, parse_mode=ParseMode.HTML,
            reply_markup=reply.keyboard,
        )  # fmt: skip
    return await bot.send_message(
        chat_id,
        reply.text,
        parse_mode=ParseMode.HTML,
        reply_markup=reply.keyboard,
        disable_web_page_preview=True,
    )
