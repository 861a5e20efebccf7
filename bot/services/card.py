"""The card in your pocket (issue 16): a UiTPAS as a picture to hold under a desk scanner.

A Code 128 barcode of the 13-digit number, as publiq's app shows it, drawn by python-barcode
(a well-kept library, rather than bars by hand) through Pillow; under it the holder's first
name, the card system and the number printed in groups. PNG bytes, Telegram-free, so the Mini
App can serve the same picture (:func:`render_card`, or :class:`CardService` for a user's).
"""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass

import barcode
from barcode.writer import ImageWriter
from PIL import Image, ImageDraw, ImageFont

from bot.services.family import FamilyListing, FamilyService, Member
from bot.services.outcomes import NotLinked
from storage.repositories import LinkRepository

WIDTH = 900
_MARGIN = 40
_BACKGROUND = "white"
_INK = "#1d1d1b"
_ACCENT = "#e4032e"  # UiTPAS red, for the band on top


@dataclass(frozen=True, slots=True)
class CardShown:
    png: bytes
    member: Member
    members: tuple[Member, ...]  # the whole family, for the buttons to the others' cards


@dataclass(frozen=True, slots=True)
class CardNotFound:
    """A button for someone no longer in the family."""


CardOutcome = CardShown | CardNotFound | NotLinked


class CardService:
    """The passholder's card, or a family member's, as a picture."""

    def __init__(self, family: FamilyService, links: LinkRepository) -> None:
        self._family = family
        self._links = links

    async def card(self, telegram_user_id: int, member_key: str | None = None) -> CardOutcome:
        """``member_key``: a :attr:`Member.handle`; None: the passholder's own card. The family
        is asked for names and card systems; when UiTPAS does not give it, the own card is still
        shown, unnamed."""
        link = await self._links.get(telegram_user_id)
        if link is None:
            return NotLinked()
        listing = await self._family.members(telegram_user_id, with_points=False)
        if isinstance(listing, FamilyListing):
            members = listing.members
        else:
            members = (Member("self", None, link.uitpas_number, main=True),)
        wanted = (
            members[0]
            if member_key is None
            else next((m for m in members if m.handle == member_key), None)
        )
        if wanted is None:
            return CardNotFound()
        png = await asyncio.to_thread(
            render_card, wanted.uitpas_number, wanted.first_name, wanted.card_system
        )
        return CardShown(png, wanted, members)


def grouped(number: str) -> str:
    """``0900 0119 0341 7``: the groups printed on the card."""
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


def render_card(uitpas_number: str, first_name: str | None, card_system: str | None) -> bytes:
    """The card as a PNG. ``uitpas_number``: the 13 digits (checked by the caller)."""
    bars = _barcode(uitpas_number)
    scale = (WIDTH - 2 * _MARGIN) / bars.width
    size = (WIDTH - 2 * _MARGIN, max(int(bars.height * scale * 0.6), 160))
    bars = bars.resize(size, Image.Resampling.NEAREST)  # crisp edges for the scanner
    title, body = _font(44), _font(34)
    band = 70
    height = band + 40 + 60 + 50 + bars.height + 30 + 50 + _MARGIN
    card = Image.new("RGB", (WIDTH, height), _BACKGROUND)
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, WIDTH, band), fill=_ACCENT)
    draw.text((_MARGIN, band // 2), "UiTPAS", fill="white", font=title, anchor="lm")
    y = band + 40
    draw.text((_MARGIN, y), first_name or "", fill=_INK, font=title)
    y += 60
    draw.text((_MARGIN, y), card_system or "", fill=_INK, font=body)
    y += 50
    card.paste(bars, (_MARGIN, y))
    y += bars.height + 30
    draw.text((WIDTH // 2, y), grouped(uitpas_number), fill=_INK, font=body, anchor="mt")
    out = io.BytesIO()
    card.save(out, format="PNG")
    return out.getvalue()


def _barcode(number: str) -> Image.Image:
    writer = ImageWriter()
    code = barcode.get("code128", number, writer=writer)
    image = code.render(
        {
            "module_width": 0.4,
            "module_height": 18.0,
            "quiet_zone": 4.0,
            "write_text": False,
            "dpi": 300,
            "background": _BACKGROUND,
            "foreground": "black",
        }
    )
    assert isinstance(image, Image.Image)
    return image.convert("RGB")


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except (AttributeError, TypeError, OSError):  # an old Pillow, or one without FreeType
        return ImageFont.load_default()
