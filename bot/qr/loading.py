"""Image bytes to a grayscale array, safely: an allowlist of formats, a pixel budget checked
before decoding, and the same luma whatever the file's mode (palette, alpha, 16-bit, CMYK)."""

from __future__ import annotations

import io
import struct
import warnings

import numpy as np
from PIL import Image

__all__ = ["DEFAULT_MAX_PIXELS", "ImageUnreadable", "load_gray"]

DEFAULT_MAX_PIXELS = 50_000_000
"""About an 8200×6100 image: above any phone camera, far below what fits in memory."""

_FORMATS = ("PNG", "JPEG", "WEBP", "GIF")
"""Pillow plugins we let parse untrusted bytes. An allowlist keeps exotic parsers (EPS, which
shells out to Ghostscript, among them) away from user uploads."""

_JPEG_MIN_SIDE = 3000
"""Huge JPEGs are decoded at a reduced DCT scale (1/2, 1/4 or 1/8, chosen by libjpeg) that
keeps the longest side at least this long: 4x fewer pixels for a 48 MP photo at no risk to
codes a passholder would photograph, and up to 4x faster decoding."""


class ImageUnreadable(ValueError):
    """The bytes are not an image we can decode: unknown format, truncated or corrupt, or more
    pixels than allowed (a decompression bomb)."""


def load_gray(image: bytes, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> np.ndarray:
    """Decode image bytes to a 2-D uint8 grayscale array (first frame of an animation).

    The size is read from the header and checked against `max_pixels` before any pixel is
    decoded, so a small file that expands to gigapixels costs microseconds, not gigabytes.
    Transparent pixels are composited onto white (a QR code on a transparent background is
    commonly black-on-nothing), and 16-bit or float images are stretched to 8 bits.
    """
    try:
        with warnings.catch_warnings():
            # Pillow warns (89 MP) or raises (179 MP) on its own global limit; ours is the
            # caller's `max_pixels`, and the error is mapped below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(image), formats=_FORMATS) as img:
                width, height = img.size
                if width <= 0 or height <= 0:
                    raise ImageUnreadable("image has no pixels")
                if width * height > max_pixels:
                    raise ImageUnreadable(
                        f"image has {width}x{height} pixels, more than the {max_pixels} allowed"
                    )
                if img.format == "JPEG":
                    # Let libjpeg produce luma only (skips chroma and colour conversion), and
                    # shrink huge photos while decoding.
                    scale = min(1.0, _JPEG_MIN_SIDE / max(width, height))
                    img.draft("L", (round(width * scale), round(height * scale)))
                img.load()
                return _to_gray(img)
    except ImageUnreadable:
        raise
    except Image.UnidentifiedImageError as error:
        raise ImageUnreadable("not a PNG, JPEG, WebP or GIF image") from error
    except Image.DecompressionBombError as error:
        raise ImageUnreadable("image has more pixels than Pillow allows at all") from error
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as error:
        # Pillow's vocabulary for truncated and corrupt files varies by plugin.
        raise ImageUnreadable(f"image is truncated or corrupt ({type(error).__name__})") from error


def _to_gray(img: Image.Image) -> np.ndarray:
    """Any Pillow mode to contiguous uint8 luma."""
    if img.mode in ("I", "I;16", "I;16L", "I;16B", "I;16N", "F"):
        # Pillow's own conversion to "L" clips these to 0..255 instead of scaling them.
        return _stretch(np.asarray(img, dtype=np.float64))
    if img.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in img.info:
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, rgba)
    if img.mode == "L":  # most photos (JPEG decodes to luma): no conversion, no second copy
        return np.asarray(img)
    if img.mode not in ("RGB", "RGBA", "CMYK", "1", "P"):
        img = img.convert("RGB")  # YCbCr, LAB, HSV and friends have no direct route to "L"
    return np.ascontiguousarray(np.asarray(img.convert("L"), dtype=np.uint8))


def _stretch(values: np.ndarray) -> np.ndarray:
    """Map the range of a high-depth image linearly onto 0..255 (QR needs contrast, not levels)."""
    low, high = float(values.min()), float(values.max())
    if high <= low:
        return np.zeros(values.shape, dtype=np.uint8)
    scaled = (values - low) * (255.0 / (high - low))
    return np.ascontiguousarray(np.rint(scaled).astype(np.uint8))
