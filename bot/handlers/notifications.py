"""/notifications, its buttons, the offer after linking, ⭐ wishes, and sending a digest.

Thin: preferences live in :class:`NotificationPreferences`, words in
:mod:`bot.views.notifications`; the scheduler (a service) calls :func:`digest_sender` to send,
which sorts Telegram's failures into retry or give up (see
:mod:`bot.services.notifications.scheduler` for the guarantee).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from telegram import Bot, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, filters

from bot.handlers.common import language_of, send_reply
from bot.handlers.editing import edit_in_place
from bot.i18n import Language, language_for
from bot.services.notifications.kinds import Notice
from bot.services.notifications.preferences import NotificationPreferences
from bot.services.notifications.scheduler import DigestSender, NoticeNotSent
from bot.views import notifications as views
from bot.views.callback_data import CallbackCodec
from bot.views.reply import Reply


class NotificationHandlers:
    def __init__(self, preferences: NotificationPreferences, codec: CallbackCodec) -> None:
        self._preferences = preferences
        self._codec = codec

    def _sign(self, user_id: int) -> views.Sign:
        return partial(self._codec.sign_payload, user_id)

    async def command(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        user, message = update.effective_user, update.effective_message
        if user is None or message is None:
            return
        prefs = await self._preferences.of(user.id)
        await send_reply(
            message, views.preferences(prefs, language_of(update), self._sign(user.id))
        )

    async def button(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        query, user = update.callback_query, update.effective_user
        if query is None or query.data is None or user is None:
            return
        language = language_of(update)
        payload = self._codec.verified_payload(user.id, query.data)
        message = query.message if query.message and query.message.is_accessible else None
        if payload is None or not isinstance(message, Message) or message.chat.type != "private":
            await query.answer()  # forged, someone else's, or not in the private chat
            return
        action, _, value = payload.removeprefix(views.PREFIX).partition(":")
        sign = self._sign(user.id)
        if action == "T":
            prefs = await self._preferences.toggle(user.id, value)
            await query.answer(views.preferences_saved_toast(language))
            await edit_in_place(query, views.preferences(prefs, language, sign))
        elif action == "Y":
            prefs = await self._preferences.all_on(user.id)
            await query.answer(views.preferences_saved_toast(language))
            await edit_in_place(query, views.preferences(prefs, language, sign))
        elif action == "S":
            await self._preferences.stop(user.id, value)
            await query.answer(views.stopped(value, language))
        elif action == "W":
            is_wish = await self._preferences.toggle_wish(user.id, value)
            await query.answer(views.wish_toast(is_wish, language))
            markup = _with_button(
                message.reply_markup, query.data, views.wish_button(value, is_wish, language, sign)
            )
            await query.edit_message_reply_markup(markup)
        else:
            await query.answer()

    async def with_wish_button(
        self, user_id: int, reward_id: str, language: Language, reply: Reply
    ) -> Reply:
        """A reward's detail with ⭐ "tell me when I can get this" (or its undo) above the rest."""
        is_wish = await self._preferences.is_wish(user_id, reward_id)
        button = views.wish_button(reward_id, is_wish, language, self._sign(user_id))
        rows = reply.keyboard.inline_keyboard if reply.keyboard is not None else ()
        return Reply(reply.text, InlineKeyboardMarkup([[button], *rows]), reply.photo_url)

    def offer_keyboard(self, user_id: int, language: Language) -> InlineKeyboardMarkup | None:
        """Under the link's confirmation: every kind on in one tap (nothing before the tap)."""
        return views.offer(language, self._sign(user_id)).keyboard

    def handlers(self) -> list[CommandHandler | CallbackQueryHandler]:
        return [
            CommandHandler("notifications", self.command, filters=filters.ChatType.PRIVATE),
            CallbackQueryHandler(self.button, pattern=f"^{views.PREFIX}"),
        ]


def _with_button(
    markup: InlineKeyboardMarkup | None, data: str, replacement: object
) -> InlineKeyboardMarkup | None:
    """The message's keyboard with the button carrying ``data`` replaced."""
    if markup is None:
        return None
    rows = [
        [replacement if button.callback_data == data else button for button in row]
        for row in markup.inline_keyboard
    ]
    return InlineKeyboardMarkup(rows)  # type: ignore[arg-type]


def digest_sender(bot: Bot, codec: CallbackCodec) -> DigestSender:
    """Send a digest to the user's private chat; sort failures for the scheduler."""

    async def send(user_id: int, language: str, notices: Sequence[Notice]) -> None:
        words = language_for(language)
        reply = views.digest(notices, words, partial(codec.sign_payload, user_id))
        try:
            await bot.send_message(
                user_id,
                reply.text,
                parse_mode=ParseMode.HTML,
                reply_markup=reply.keyboard,
                disable_web_page_preview=True,
            )
        except RetryAfter as error:
            raise NoticeNotSent("rate_limited", retry=True) from error
        except Forbidden as error:
            raise NoticeNotSent("forbidden", retry=False, blocked=True) from error
        except TimedOut as error:  # may have arrived: never risk a second one
            raise NoticeNotSent("timed_out", retry=False) from error
        except BadRequest as error:  # refused as written: sending it again changes nothing
            raise NoticeNotSent("bad_request", retry=False) from error
        except NetworkError as error:  # 5xx or no connection: Telegram did not take it
            raise NoticeNotSent("network", retry=True) from error
        except TelegramError as error:
            raise NoticeNotSent(type(error).__name__.lower(), retry=False) from error

    return send
