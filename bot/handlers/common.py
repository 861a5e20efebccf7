"""Small pieces every handler needs: the user's language and sending a rendered reply."""

from __future__ import annotations

import logging

from telegram import CallbackQuery, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.i18n import Language, language_for
from bot.views import Reply

log = logging.getLogger(__name__)


def language_of(update: Update) -> Language:
    user = update.effective_user
    return language_for(user.language_code if user else None)


async def send_reply(message: Message, reply: Reply) -> Message:
    """Answer in the chat of ``message``; a picture Telegram cannot fetch falls back to text."""
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
