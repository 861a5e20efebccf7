"""Replacing a message's text and buttons in place, as paging through a list should."""

from __future__ import annotations

import logging

from telegram import CallbackQuery
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.views.limits import fit_one
from bot.views.reply import Reply

log = logging.getLogger(__name__)


async def edit_in_place(query: CallbackQuery, reply: Reply) -> None:
    """Show ``reply`` in the message the button belongs to.

    Telegram refuses an edit that changes nothing ("message is not modified"), which happens
    when a button is tapped twice or a stale list turns out identical: nothing to do then.
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
        log.debug("list unchanged; nothing to edit")
