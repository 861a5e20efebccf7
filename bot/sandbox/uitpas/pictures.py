"""Promotion pictures the sandbox serves itself, drawn with Pillow.

Real promotions link to pictures on UiTPAS's servers; the sandbox's link to itself, so a demo
shows real images without any network. Each picture is a coloured card with the promotion's
title, the same bytes every time (cached), so tests can compare them.
"""

from __future__ import annotations

import hashlib
import io
import textwrap
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

SIZE = (640, 400)
_PALETTE = ("#c8102e", "#0b6e4f", "#1d4e89", "#f2a900", "#6a2c70", "#e0542e")


@lru_cache(maxsize=128)
def promotion_picture(title: str, variant: int = 0) -> bytes:
    """A PNG for a promotion: title on a colour chosen by the title, lighter for variants."""
    digest = hashlib.sha256(title.encode("utf-8")).digest()
    colour = _PALETTE[(digest[0] + variant) % len(_PALETTE)]
    image = Image.new("RGB", SIZE, colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=44)
    small = ImageFont.load_default(size=24)
    lines = textwrap.wrap(title, width=22)[:4]
    y = SIZE[1] // 2 - len(lines) * 28
    for line in lines:
        width = draw.textlength(line, font=font)
        draw.text(((SIZE[0] - width) / 2, y), line, fill="white", font=font)
        y += 56
    # The caption names the reward itself (publiq's pictures differ per reward too), so two
    # rewards' pictures never read the same; a second picture of one reward is numbered.
    caption = textwrap.shorten(title, width=44, placeholder="…")
    if variant:
        caption = f"{caption} ({variant + 1})"
    draw.text((24, SIZE[1] - 44), caption, fill="white", font=small)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
