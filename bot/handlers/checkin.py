"""A photo or image file of a check-in QR code: download it and let the service check in."""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest
from telegram.ext import ContextTypes, MessageHandler, filters

from bot import views
from bot.config import MAX_DOWNLOAD_BYTES
from bot.handlers.common import language_of, send_reply
from bot.i18n import Language, t
from bot.services.checkin import CheckinService
from bot.views import Reply

log = logging.getLogger(__name__)

_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff", ".heic")


def _is_image_document(message: Message) -> bool:
    document = message.document
    if document is None:
        return False
    if document.mime_type:
        return document.mime_type.startswith("image/")
    return (document.file_name or "").lower().endswith(_IMAGE_SUFFIXES)


class CheckinHandlers:
    def __init__(self, checkin: CheckinService) -> None:
        self._checkin = checkin

    async def photo(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or not message.photo:
            return
        await self._check_in(update, context, message, message.photo[-1].file_id, None)

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
    ) -> None:
        user = update.effective_user
        if user is None:
            return
        language = language_of(update)
        if file_size is not None and file_size > MAX_DOWNLOAD_BYTES:
            await send_reply(message, _too_big(file_size, language))
            return
        await message.reply_chat_action(ChatAction.TYPING)
        try:
            telegram_file = await context.bot.get_file(file_id)
            if telegram_file.file_size and telegram_file.file_size > MAX_DOWNLOAD_BYTES:
                await send_reply(message, _too_big(telegram_file.file_size, language))
                return
            image = bytes(await telegram_file.download_as_bytearray())
        except BadRequest as error:
            if "too big" not in error.message.lower():
                raise
            await send_reply(message, _too_big(file_size or MAX_DOWNLOAD_BYTES + 1, language))
            return
        outcome = await self._checkin.check_in_photo(user.id, image)
        await send_reply(message, views.checkin(outcome, language))

    def handlers(self) -> list[MessageHandler]:
        private = filters.ChatType.PRIVATE
        return [
            MessageHandler(private & filters.PHOTO, self.photo),
            MessageHandler(private & filters.Document.ALL, self.document),
        ]


def _too_big(size: int, language: Language) -> Reply:
    megabytes = f"{size / (1024 * 1024):.1f}".replace(".", "," if language == "nl" else ".")
    return Reply(t(language, "file_too_big", size=megabytes))
