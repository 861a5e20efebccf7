"""What every view returns and every handler sends: the one shape of a message the bot writes.

Text is Telegram HTML (the catalogue escapes every value); ``photo_url``, when set, makes the
text the picture's caption, and the handler falls back to text alone if Telegram cannot fetch
the picture.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup


@dataclass(frozen=True, slots=True)
class Reply:
    text: str
    keyboard: InlineKeyboardMarkup | None = None
    photo_url: str | None = None
