"""A photo or image file of a check-in QR code: download it and let the service check in.

Before anything costly (download, decode, UiTPAS) the flood throttle is asked; a download that
Telegram drops is tried again twice before the user is asked to send the photo again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from telegram import Message, Update
from telegram.constants import ChatAction, ChatType
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.config import MAX_DOWNLOAD_BYTES
from bot.handlers.common import in_private_chat, language_of, send_reply
from bot.i18n import Language, t
from bot.i18n.numbers import decimal_text
from bot.services.checkin import CheckinService, ReadLink
from bot.services.family_checkin import ChooserShown, FamilyCheckinService
from bot.services.throttle import Throttle, Verdict
from bot.views import checkin as checkin_views
from bot.views import family as family_views
from bot.views.checkin import RECHECK_CALLBACK
from bot.views.reply import Reply

log = logging.getLogger(__name__)

DOWNLOAD_RETRY_DELAYS = (0.5, 1.5)
# A check-in slower than this (a slow UiTPAS, a retried download) shows "typing…" meanwhile.
TYPING_AFTER_SECONDS = 1.0
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff", ".heic")


def _is_image_document(message: Message) -> bool:
    document = message.document
    if document is None:
        return False
    if document.mime_type:
        return document.mime_type.startswith("image/")
    return (document.file_name or "").lower().endswith(_IMAGE_SUFFIXES)


class CheckinHandlers:
    def __init__(
        self,
        checkin: CheckinService,
        throttle: Throttle,
        family: FamilyCheckinService | None = None,
    ) -> None:
        """``family``: a photo of a passholder with a family gets "who's with you?" first."""
        self._checkin = checkin
        self._throttle = throttle
        self._family = family

    async def photo(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or not message.photo:
            return
        await self._check_in(
            update, context, message, message.photo[-1].file_id, None, heard_from=True
        )

    async def document(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or message.document is None:
            return
        language = language_of(update)
        if not _is_image_document(message):
            await send_reply(message, Reply(t(language, "file_not_image")))
            return
        document = message.document
        await self._check_in(update, context, message, document.file_id, document.file_size)

    async def _check_in(
        self,
        update: Update,
        context: ContextTypes.DEFAULT_TYPE,
        message: Message,
        file_id: str,
        file_size: int | None,
        *,
        heard_from: bool = False,
    ) -> None:
        """``heard_from``: clear the user's inactive mark with the flood count (a private
        photo, which :class:`~bot.handlers.errors.ActivityTracker` leaves to this handler)."""
        user = update.effective_user
        if user is None:
            return
        language = language_of(update)
        decision, link = await self._throttle.check_reading_link(
            user.id, heard_from=heard_from, update_id=update.update_id
        )
        if not decision.allowed:
            if decision.verdict == Verdict.THROTTLED_NOTIFY:
                await send_reply(
                    message, checkin_views.throttled(decision.retry_in_seconds, language)
                )
            return
        if file_size is not None and file_size > MAX_DOWNLOAD_BYTES:
            await send_reply(message, _too_big(file_size, language))
            return
        typing = asyncio.create_task(_typing_after(message, TYPING_AFTER_SECONDS))
        try:
            await self._answer_photo(context, message, user.id, link, file_id, file_size, language)
        finally:
            typing.cancel()

    async def _answer_photo(
        self,
        context: ContextTypes.DEFAULT_TYPE,
        message: Message,
        user_id: int,
        link: ReadLink,
        file_id: str,
        file_size: int | None,
        language: Language,
    ) -> None:
        """``link``: read with the flood count (one round trip), passed on."""
        try:
            image = await self._download(context, file_id)
        except _TooBig as too_big:
            await send_reply(message, _too_big(too_big.size or file_size, language))
            return
        if image is None:
            await send_reply(message, Reply(t(language, "download_failed")))
            return
        if self._family is None:
            outcome = await self._checkin.check_in_photo(user_id, image, link=link)
            await send_reply(message, checkin_views.checkin(outcome, language))
            return
        found = await self._family.photo(user_id, image, link=link)
        if isinstance(found, ChooserShown):
            await send_reply(message, family_views.chooser(found, language))
        else:
            await send_reply(message, checkin_views.checkin(found, language))

    async def _download(self, context: ContextTypes.DEFAULT_TYPE, file_id: str) -> bytes | None:
        """The file's bytes; None when Telegram kept failing (dropped connections, 5xx)."""
        for delay in (*DOWNLOAD_RETRY_DELAYS, None):
            try:
                telegram_file = await context.bot.get_file(file_id)
                if telegram_file.file_size and telegram_file.file_size > MAX_DOWNLOAD_BYTES:
                    raise _TooBig(telegram_file.file_size)
                return bytes(await telegram_file.download_as_bytearray())
            except BadRequest as error:
                if "too big" not in error.message.lower():
                    raise
                raise _TooBig(None) from error
            except NetworkError as error:  # includes TimedOut; BadRequest is handled above
                log.warning("file download failed (%s)", type(error).__name__)
                if delay is None:
                    return None
                await asyncio.sleep(delay)
        return None

    async def recheck(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """ "Was my point saved?": settle the tapper's unknown check-ins by their points now."""
        query, user = update.callback_query, update.effective_user
        if query is None or user is None:
            return
        if not in_private_chat(update):
            await query.answer(t(language_of(update), "private_only_button"), show_alert=True)
            return
        await query.answer()
        result = await self._checkin.recheck(user.id)
        if query.message is not None and query.message.is_accessible:
            reply = checkin_views.recheck(result, language_of(update))
            await send_reply(query.message, reply)  # type: ignore[arg-type]

    def handlers(self) -> list[MessageHandler | CallbackQueryHandler]:
        private = filters.ChatType.PRIVATE
        return [
            MessageHandler(private & filters.PHOTO, self.photo),
            MessageHandler(private & filters.Document.ALL, self.document),
            CallbackQueryHandler(self.recheck, pattern=f"^{RECHECK_CALLBACK}$"),
        ]


async def _typing_after(message: Message, seconds: float) -> None:
    """ "typing…" in the chat, only once the answer takes longer than ``seconds``: on the
    happy path the reply comes first, and the chat action would be a Bot API request (one in
    six of a check-in's) that shows nothing. Cosmetic: never a reason to drop a check-in."""
    await asyncio.sleep(seconds)
    # Once sent, let the request finish even when the answer is ready: cut off mid-request,
    # its connection to the Bot API would be dropped rather than kept for the next request.
    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.shield(_typing(message))


async def _typing(message: Message) -> None:
    with contextlib.suppress(TelegramError):
        await message.reply_chat_action(ChatAction.TYPING)


class _TooBig(Exception):
    def __init__(self, size: int | None) -> None:
        super().__init__(size)
        self.size = size


def _too_big(size: int | None, language: Language) -> Reply:
    size = size or MAX_DOWNLOAD_BYTES + 1
    megabytes = decimal_text(size / (1024 * 1024), language)
    return Reply(t(language, "file_too_big", size=megabytes))


def counted_photo_of(update: Update) -> int | None:
    """The user whose private chat's photo this is (else None): :meth:`CheckinHandlers.photo`
    is the only handler for it, and counts it in the flood throttle in the same statement that
    clears the user's "blocked the bot" mark (one database round trip for both, per photo).
    In webhook mode the update's claim does both already, in its own statement
    (``UpdateClaims.claim``), and the handler takes that count."""
    message = update.message
    chat = update.effective_chat
    user = update.effective_user
    if message is None or not message.photo or chat is None or chat.type != ChatType.PRIVATE:
        return None
    return user.id if user is not None else None


def clears_activity_mark(update: Update) -> bool:
    """A private chat's photo (:func:`counted_photo_of`): its handler clears the mark."""
    return counted_photo_of(update) is not None
