"""Posting an announcement's reminder in its group, and sorting failures for the reminder loop:
retry only what surely did not arrive (see ``bot.services.reminders``); and removing the
questions of announcements nobody finished, which the same loop finds.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import Bot, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import Forbidden, RetryAfter, TelegramError, TimedOut

from bot.services.published_announcement import PublishedAnnouncement
from bot.services.reminders import PromptDeleter, ReminderNotSent, ReminderSender
from bot.views import announcements as announcement_views

log = logging.getLogger(__name__)


def reminder_sender(bot: Bot) -> ReminderSender:
    """Post the reminder as a reply to the card; sort failures into retry or give up."""

    async def send(announcement: PublishedAnnouncement, left: timedelta) -> None:
        reply = announcement_views.reminder(announcement, left, bot.username)
        try:
            await bot.send_message(
                announcement.chat_id,
                reply.text,
                parse_mode=ParseMode.HTML,
                reply_markup=reply.keyboard,
                reply_parameters=ReplyParameters(
                    announcement.card_message_id or 0, allow_sending_without_reply=True
                ),
            )
        except RetryAfter as error:
            raise ReminderNotSent("rate_limited", retry=True) from error
        except Forbidden as error:
            raise ReminderNotSent("forbidden", retry=False) from error
        except TimedOut as error:  # may have arrived: never risk a second one
            raise ReminderNotSent("timed_out", retry=False) from error
        except TelegramError as error:
            raise ReminderNotSent(type(error).__name__.lower(), retry=False) from error

    return send


def prompt_deleter(bot: Bot) -> PromptDeleter:
    """Delete one of the bot's own questions; one already gone (deleted by hand, too old for
    Telegram) is nothing to worry about."""

    async def delete(chat_id: int, message_id: int) -> None:
        try:
            await bot.delete_message(chat_id, message_id)
        except TelegramError as error:
            log.info("abandoned prompt not deleted: %s", error)

    return delete
