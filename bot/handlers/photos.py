"""Downloading the image of a message (photo, or image sent as a file) for QR decoding."""

from __future__ import annotations

from telegram import Bot, Message
from telegram.error import BadRequest

from bot.config import MAX_DOWNLOAD_BYTES


async def download_image(bot: Bot, message: Message) -> bytes | None:
    """The image's bytes; None when there is none, it is too big, or Telegram will not give it."""
    if message.photo:
        file_id, size = message.photo[-1].file_id, message.photo[-1].file_size
    elif message.document and (message.document.mime_type or "").startswith("image/"):
        file_id, size = message.document.file_id, message.document.file_size
    else:
        return None
    if size is not None and size > MAX_DOWNLOAD_BYTES:
        return None
    try:
        telegram_file = await bot.get_file(file_id)
        return bytes(await telegram_file.download_as_bytearray())
    except BadRequest:
        return None
