"""Photo processing like Telegram's: a few JPEG renditions of the original.

Telegram never hands out the uploaded bytes of a photo; it stores re-encoded copies whose
longest side is at most 90, 320, 800 and 1280 pixels (none larger than the original), so a bot
that downloads ``photo[-1]`` gets a JPEG of at most 1280 px. Reproducing that matters for the
QR-reading code: it sees the same downscaled, recompressed image it would see in production.

Making the renditions costs 20–200 ms of CPU per photo, so they are cached by the SHA-256 of the
uploaded bytes (a small LRU): a load test sends the same few posters from hundreds of users, and
Telegram, too, stores a re-sent file once.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass

from PIL import Image, ImageOps

LONGEST_SIDES = (90, 320, 800, 1280)
JPEG_QUALITY = 80
# Telegram's limits for photos: width + height at most 10000, sides at most 1:20 apart.
MAX_SIDES_SUM = 10000
MAX_ASPECT_RATIO = 20
CACHE_ENTRIES = 64


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


class RenditionCache:
    """The renditions of recently uploaded images, by the SHA-256 of their bytes.

    Shared by every emulator in the process (entries are immutable), hence the lock: tests run
    emulators on several server threads.
    """

    def __init__(self, entries: int = CACHE_ENTRIES) -> None:
        self._entries = entries
        self._cache: OrderedDict[bytes, tuple[Rendition, ...]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: bytes) -> tuple[Rendition, ...] | None:
        with self._lock:
            found = self._cache.get(key)
            if found is None:
                self.misses += 1
                return None
            self._cache.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: bytes, value: tuple[Rendition, ...]) -> None:
        with self._lock:
            self._cache[key] = value
            self._cache.move_to_end(key)
            while len(self._cache) > self._entries:
                self._cache.popitem(last=False)

    def __len__(self) -> int:
        return len(self._cache)


CACHE = RenditionCache()


def renditions(data: bytes) -> list[Rendition]:
    """The photo sizes Telegram would make of ``data``, smallest first (at least one).

    Refused images (NotAnImage, InvalidDimensions) are not cached: they fail fast anyway.
    """
    key = hashlib.sha256(data).digest()
    cached = CACHE.get(key)
    if cached is None:
        cached = tuple(_make_renditions(data))
        CACHE.put(key, cached)
    return list(cached)


def _make_renditions(data: bytes) -> list[Rendition]:
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
