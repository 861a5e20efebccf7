"""Photo processing like Telegram's: a few JPEG renditions of the original.

Telegram never hands out the uploaded bytes of a photo; it stores re-encoded copies whose
longest side is at most 90, 320, 800 and 1280 pixels (none larger than the original), so a bot
that downloads ``photo[-1]`` gets a JPEG of at most 1280 px. Reproducing that matters for the
QR-reading code: it sees the same downscaled, recompressed image it would see in production.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps

LONGEST_SIDES = (90, 320, 800, 1280)
JPEG_QUALITY = 80
# Telegram's limits for photos: width + height at most 10000, sides at most 1:20 apart.
MAX_SIDES_SUM = 10000
MAX_ASPECT_RATIO = 20


class NotAnImage(ValueError):
    """The bytes are not an image Pillow can decode."""


class InvalidDimensions(ValueError):
    """An image Telegram refuses as a photo (PHOTO_INVALID_DIMENSIONS)."""


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    jpeg: bytes


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on a white background, since JPEG has no alpha channel."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _encode(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


def renditions(data: bytes) -> list[Rendition]:
    """The photo sizes Telegram would make of ``data``, smallest first (at least one)."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            image = _flatten(ImageOps.exif_transpose(opened))
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise NotAnImage(str(exc)) from exc
    width, height = image.size
    longest = max(width, height)
    if width + height > MAX_SIDES_SUM or longest > MAX_ASPECT_RATIO * min(width, height):
        raise InvalidDimensions(f"{width}x{height}")
    result: list[Rendition] = []
    for limit in LONGEST_SIDES:
        if longest <= limit:
            result.append(Rendition(width, height, _encode(image)))
            break
        scale = limit / longest
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        result.append(Rendition(*size, _encode(image.resize(size, Image.Resampling.LANCZOS))))
    return result
