"""Everything no other handler took: a friendly pointer instead of silence."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update, User
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot.handlers.common import language_of, send_reply
from bot.i18n import language_for, t
from bot.services.free_text import guess_wish
from bot.services.linking import LinkService
from bot.views.free_text import free_text
from bot.views.reply import Reply


class FreeText:
    """Text no other handler took: answered with what the user likely wants, linked or not."""

    def __init__(self, links: LinkService) -> None:
        self._links = links

    async def unknown_text(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        message, user = update.effective_message, update.effective_user
        if message is None:
            return
        masked = await self._links.masked_number(user.id) if user is not None else None
        wish = guess_wish(message.text or "")
        language = language_of(update)
        await send_reply(
            message, free_text(wish, masked, by_login=self._links.by_login, language=language)
        )


async def unsupported(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message is not None:
        text = t(language_of(update), "unsupported_message")
        await send_reply(update.effective_message, Reply(text))


async def edited(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edit is not a new request: say so, so a corrected number is sent again."""
    if update.edited_message is not None:
        await send_reply(update.edited_message, Reply(t(language_of(update), "edited_message")))


async def stale_button(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button this bot does not know (forged, truncated, from an old version): say so.

    Answering stops the client's spinner; the data itself is never echoed or interpreted.
    """
    if update.callback_query is not None:
        await update.callback_query.answer(t(language_of(update), "stale_button"), show_alert=True)


async def private_only(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Personal commands sent in a group: point to the private chat, keep the group clean.

    A ``/link`` with a number in a group has already shown that number to the group; deleting
    the message (when the bot may) limits how long it stays there.
    """
    message, user = update.effective_message, update.effective_user
    if message is None:
        return
    language = language_of(update)
    lines = [t(language, "private_only")]
    with_number = bool(context.args) and (message.text or "").split()[0].split("@")[0] == "/link"
    if (
        with_number
        and not await _deleted(message)
        and not await _told_privately(context, message, user)
    ):
        # Not an admin there, and no private chat yet: the advice goes to the group, without
        # the number (the group has seen it, the bot need not repeat it).
        lines.append(t(language, "link_in_group_delete_yourself"))
    button = InlineKeyboardButton(
        t(language, "open_private_chat"), url=f"https://t.me/{context.bot.username}"
    )
    await send_reply(message, Reply("\n".join(lines), InlineKeyboardMarkup([[button]])))


async def _deleted(message: Message) -> bool:
    try:
        return bool(await message.delete())
    except TelegramError:  # not an admin there (or too old): the number stays visible
        return False


async def _told_privately(
    context: ContextTypes.DEFAULT_TYPE, message: Message, user: User | None
) -> bool:
    """Tell the member privately that their number is still in the group, and to delete it."""
    if user is None:
        return False
    language = language_for(user.language_code)
    text = t(language, "link_in_group_not_deleted", group=message.chat.title or "")
    try:
        await context.bot.send_message(user.id, text, parse_mode=ParseMode.HTML)
    except TelegramError:  # never opened the private chat (Forbidden), or Telegram refused
        return False
    return True


def edit_handlers() -> list[MessageHandler]:
    """Registered before every other handler, so an edit never re-runs a link or check-in.

    A live location's updates arrive as edits too; they are no edits of anything typed, so
    they get no "edits are not read" (the events handlers ignore them: one search a share)."""
    edits = filters.UpdateType.EDITED_MESSAGE & ~filters.LOCATION
    return [MessageHandler(filters.ChatType.PRIVATE & edits, edited)]


def handlers(links: LinkService) -> list[MessageHandler | CallbackQueryHandler | CommandHandler]:
    private = filters.ChatType.PRIVATE
    unknown_text = FreeText(links).unknown_text
    groups = filters.ChatType.GROUPS
    return [
        CommandHandler(
            # /points in a group is answered privately by group_privacy, registered first.
            [
                "start",
                "help",
                "link",
                "unlink",
                "promotions",
                "history",
                "notifications",
                "privacy",
                "forget",
                "events",
            ],
            private_only,
            filters=groups,
        ),
        MessageHandler(private & filters.TEXT & ~filters.COMMAND, unknown_text),
        MessageHandler(private & filters.COMMAND, unknown_text),
        MessageHandler(private & ~filters.UpdateType.EDITED, unsupported),
        CallbackQueryHandler(stale_button),
    ]
