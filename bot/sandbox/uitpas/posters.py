"""Printable check-in posters for the demo events: an A4 page with the title and a big QR code.

Organisers hang such a poster at the entrance; passholders photograph it. Printed (or shown on
another screen), these let the whole flow be tried by hand: photo → bot → sandbox → point.
The QR code is drawn by segno, the page by Pillow, at 150 dpi.
"""

from __future__ import annotations

import io
import re
import textwrap
from datetime import tzinfo
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFont

from bot.sandbox.uitpas.data import DemoData, Event, demo_data, system_clock

A4_150_DPI = (1240, 1754)
_QR_SIZE = 1000


def poster(event: Event, zone: tzinfo | None = None) -> Image.Image:
    """One poster: title, organiser, dates, the QR code and the code spelled out below it.

    The dates are printed in ``zone`` (the web chat passes the bot's ``TIME_ZONE``, so poster,
    bubbles and replies read one clock); without it, as the event's dates are.
    """
    page = Image.new("RGB", A4_150_DPI, "white")
    draw = ImageDraw.Draw(page)
    width = A4_150_DPI[0]
    title_font = ImageFont.load_default(size=72)
    text_font = ImageFont.load_default(size=36)
    small_font = ImageFont.load_default(size=28)

    draw.rectangle((0, 0, width, 150), fill="#c8102e")
    _centre(draw, 45, "Spaar een UiTPAS-punt!", ImageFont.load_default(size=56), "white")
    y = 210
    for line in textwrap.wrap(event.title, width=26)[:3]:
        _centre(draw, y, line, title_font)
        y += 90
    start, end = (
        (event.start, event.end)
        if zone is None
        else (
            event.start.astimezone(zone),
            event.end.astimezone(zone),
        )
    )
    when = f"{start:%d/%m/%Y %H:%M} tot {end:%d/%m/%Y %H:%M}"
    _centre(draw, y + 10, f"{event.organiser.name} · {when}", text_font, "#444444")

    # make_qr, not make: segno would pick a Micro QR for short codes, which check-in posters
    # never are (and which our decoder, like the phones at the door, does not read).
    qr = segno.make_qr(event.checkin_code, error="m")
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=1, border=4)
    code_image = Image.open(buffer).convert("RGB")
    scale = _QR_SIZE // code_image.width
    code_image = code_image.resize(
        (code_image.width * scale, code_image.height * scale), Image.Resampling.NEAREST
    )
    top = 480
    page.paste(code_image, ((width - code_image.width) // 2, top))
    below = top + code_image.height + 30
    _centre(draw, below, "Scan met je UiTPAS-app of stuur een foto naar de bot.", text_font)
    _centre(draw, below + 60, event.checkin_code, small_font, "#666666")
    return page


def write_posters(directory: Path, data: DemoData | None = None) -> list[Path]:
    """A PNG poster per event of ``data`` (the demo data around now by default) in ``directory``."""
    data = data or demo_data(system_clock())
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for event in data.events:
        path = directory / f"checkin-{_slug(event.title)}.png"
        poster(event).save(path, format="PNG")
        written.append(path)
    return written


def _centre(
    draw: ImageDraw.ImageDraw,
    y: int,
    text: str,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    fill: str = "black",
) -> None:
    width = draw.textlength(text, font=font)
    draw.text(((A4_150_DPI[0] - width) / 2, y), text, fill=fill, font=font)


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
