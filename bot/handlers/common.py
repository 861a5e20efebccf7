"""Small pieces every handler needs: the user's language and sending a rendered reply."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from telegram import Bot, CallbackQuery, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError

from bot.i18n import Language, language_for
from bot.views.limits import fit, fit_one
from bot.views.reply import Reply

log = logging.getLogger(__name__)


def in_private_chat(update: Update) -> bool:
    """Whether the update comes from a private chat; personal data is shown nowhere else.

    Buttons with personal answers are only ever sent in private chats, but button data can be
    forged under any bot message, including one in a group.
    """
    chat = update.effective_chat
    return chat is not None and chat.type == "private"


def language_of(update: Update) -> Language:
    user = update.effective_user
    return language_for(user.language_code if user else None)


SEND_RETRY_DELAY = 1.0


async def _once_more_on_network_error(send: Callable[[], Awaitable[Message]]) -> Message:
    """Send; after a 5xx or a dropped connection, once more.

    A lost check-in result is worse than a duplicate: a passholder who never hears that the
    point was saved tries again and reads "no point saved" (the second check-in is refused).
    429s are the rate limiter's business; 400 and 403 are answers, never retried.
    """
    try:
        return await send()
    except BadRequest:
        raise
    except NetworkError as error:
        log.warning("sending failed (%s); trying once more", type(error).__name__)
        await asyncio.sleep(SEND_RETRY_DELAY)
        return await send()


async def send_reply(message: Message, reply: Reply) -> Message:
    """Answer in the chat of ``message``; a picture Telegram cannot fetch falls back to text.

    A text longer than Telegram allows goes as several messages (:mod:`bot.views.limits`);
    the last one, with the buttons, is returned."""
    sent: Message | None = None
    for part in fit(reply):
        sent = await _once_more_on_network_error(lambda part=part: _send(message, part))
    assert sent is not None
    return sent


async def send_to_chat(bot: Bot, chat_id: int, reply: Reply) -> Message:
    """Write ``reply`` into a chat no message of the user's is in (a Mini App's answer)."""
    return await _once_more_on_network_error(
        lambda: bot.send_message(
            chat_id,
            reply.text,
            parse_mode=ParseMode.HTML,
            reply_markup=reply.keyboard,
            disable_web_page_preview=True,
        )
    )


async def _send(message: Message, reply: Reply) -> Message:
    if reply.photo_url:
        try:
            return await message.reply_photo(
                reply.photo_url,
                caption=reply.text,
                parse_mode=ParseMode.HTML,
                reply_markup=reply.keyboard,
                do_quote=False,
            )
        except BadRequest as error:
            log.warning("promotion picture not sent (%s); sending text only", error.message)
    return await message.reply_text(
        reply.text,
        parse_mode=ParseMode.HTML,
        reply_markup=reply.keyboard,
        do_quote=False,
        disable_web_page_preview=True,
    )


async def edit_reply(query: CallbackQuery, reply: Reply) -> None:
    """Replace the text (and buttons) of the message a button sat under.

    A second tap on the same button asks for the same text again, which Telegram refuses with
    "message is not modified": that is a success, not an error.
    """
    reply = fit_one(reply)
    try:
        await query.edit_message_text(
            reply.text,
            parse_mode=ParseMode.HTML,
            reply_markup=reply.keyboard,
            disable_web_page_preview=True,
        )
    except BadRequest as error:
        if "not modified" not in error.message.lower():
            raise
