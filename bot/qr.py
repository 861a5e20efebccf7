"""Find and decode the QR codes in a photo: image bytes in, texts out.

Passholders photograph an event's check-in QR code, so the input is anything from a sharp
screenshot to a blurred, tilted phone photo. zxing-cpp reads the great majority; when it finds
nothing, a short, fixed list of fallback attempts (other decoders, rescaled or inverted copies)
tries before we give up. The list is a table (`_ATTEMPTS`) so that a later, larger pipeline can
grow it without touching the control flow.

Two promises shape the code:

* Never a wrong text. Only results that went through a decoder's Reed-Solomon error
  correction are used. The fallbacks guess legacy charsets differently from zxing-cpp (on the
  shared photo set zbar reads Shift_JIS half-width katakana as kanji, OpenCV reads it as
  Latin-1), and a guessed text is a wrong text. So zbar is asked for raw bytes and its result
  kept only if they are valid UTF-8; OpenCV, which re-encodes such bytes as Latin-1 before
  returning them, is trusted with ASCII only. zxing-cpp, which honours ECI and the QR charset
  rules, is the only source of other texts.
* Bounded, deterministic work. The pixel count is checked from the header before anything is
  decoded, the fallbacks run on a copy capped at `_WORK_MAX_SIDE`, and every attempt is fixed
  in advance (no wall-clock deadline), so the same bytes give the same answer on a busy machine.

The module keeps no mutable global state: OpenCV detectors are not thread-safe and are created
per call, as are zbar scanners. Decoded texts are never logged (they identify check-ins).
"""

from __future__ import annotations

import io
import logging
import struct
import time
import warnings
from collections.abc import Callable, Iterable
from ctypes import c_void_p, cast, string_at
from dataclasses import dataclass

import cv2
import numpy as np
import zxingcpp
from PIL import Image
from pyzbar import wrapper as zbar

__all__ = ["ImageUnreadable", "decode_qr", "load_gray"]

log = logging.getLogger(__name__)

DEFAULT_MAX_PIXELS = 50_000_000
"""About an 8200×6100 image: above any phone camera, far below what fits in memory."""

_FORMATS = ("PNG", "JPEG", "WEBP", "GIF")
"""Pillow plugins we let parse untrusted bytes. An allowlist keeps exotic parsers (EPS, which
shells out to Ghostscript, among them) away from user uploads."""

_ZXING_FORMATS = (zxingcpp.BarcodeFormat.QRCodeModel2, zxingcpp.BarcodeFormat.QRCodeModel1)
"""Plain QR codes only. Micro QR and rMQR are never used for check-ins, and Micro QR M1 only
detects errors instead of correcting them, so enabling them adds false-read risk for nothing."""

_WORK_MAX_SIDE = 1280
"""Longest side of the copy the fallbacks work on. zbar and OpenCV scale with the pixel count;
a check-in code that fills a tenth of a 12 MP photo is still ~130 px wide at this size (and
Telegram's compressed photos are at most 1280 px anyway)."""

_JPEG_MIN_SIDE = 3000
"""Huge JPEGs are decoded at a reduced DCT scale (1/2, 1/4 or 1/8, chosen by libjpeg) that
keeps the longest side at least this long: 4x fewer pixels for a 48 MP photo at no risk to
codes a passholder would photograph, and up to 4x faster decoding."""

_TINY_MAX_SIDE = 640
"""Images up to this size are also tried upscaled: with 1-2 pixels per module the finder
patterns are too small for the detectors' scanline heuristics."""

_ZBAR_CFG_BINARY = 4
"""`ZBAR_CFG_BINARY` from zbar.h (0.23+): return the raw payload instead of zbar's charset
guess. pyzbar's `ZBarConfig` enum predates it."""

_ZBAR_Y800 = 0x30303859
"""The fourcc 'Y800': 8-bit grayscale."""


class ImageUnreadable(ValueError):
    """The bytes are not an image we can decode: unknown format, truncated or corrupt, or more
    pixels than allowed (a decompression bomb)."""


@dataclass(frozen=True, slots=True)
class _Found:
    """One decoded code and its bounding box, in the pixels of the image that was searched."""

    text: str
    top: float
    left: float
    bottom: float


Decoder = Callable[[np.ndarray], list[_Found]]
"""Reads every QR code in a grayscale uint8 image; returns only error-corrected texts."""

Variant = Callable[[np.ndarray], np.ndarray | None]
"""Derives the image an attempt searches from another grayscale image; None when the variant is
not useful for this image (its attempts are skipped)."""


def decode_qr(image: bytes, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> list[str]:
    """Return the distinct texts of all QR codes in `image`, in reading order; [] if none.

    Reading order is top-to-bottom by rows of codes, left-to-right within a row, so the
    answer for a given image does not depend on decoder internals. Texts are exactly as
    decoded (including any surrounding whitespace or CRLF line breaks): trimming is the
    caller's policy.

    Raises ImageUnreadable when `image` is not a PNG, JPEG, WebP or GIF we can decode, or has
    more than `max_pixels` pixels.
    """
    gray = load_gray(image, max_pixels=max_pixels)
    made: dict[str, np.ndarray | None] = {}
    for variant_name, decoder_name in _ATTEMPTS:
        pixels = _variant(variant_name, gray, made)
        if pixels is None:
            continue
        started = time.perf_counter()
        found = _DECODERS[decoder_name](pixels)
        log.debug(
            "%s on %s %s: %d code(s) in %.1f ms",
            decoder_name,
            variant_name,
            pixels.shape,
            len(found),
            (time.perf_counter() - started) * 1000,
        )
        if found:
            return _distinct(_reading_order(found))
    return []


# ---------------------------------------------------------------------------- loading


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
    if img.mode not in ("L", "RGB", "RGBA", "CMYK", "1", "P"):
        img = img.convert("RGB")  # YCbCr, LAB, HSV and friends have no direct route to "L"
    return np.ascontiguousarray(np.asarray(img.convert("L"), dtype=np.uint8))


def _stretch(values: np.ndarray) -> np.ndarray:
    """Map the range of a high-depth image linearly onto 0..255 (QR needs contrast, not levels)."""
    low, high = float(values.min()), float(values.max())
    if high <= low:
        return np.zeros(values.shape, dtype=np.uint8)
    scaled = (values - low) * (255.0 / (high - low))
    return np.ascontiguousarray(np.rint(scaled).astype(np.uint8))


# ---------------------------------------------------------------------------- decoders


def _zxing(gray: np.ndarray) -> list[_Found]:
    """zxing-cpp: the primary decoder. It already tries rotations, inversion and downscales."""
    found = []
    for barcode in zxingcpp.read_barcodes(
        gray,
        formats=_ZXING_FORMATS,
        # Plain: the text as encoded. The default (HRI) escapes control characters.
        text_mode=zxingcpp.TextMode.Plain,
    ):
        if not barcode.valid:
            continue
        position = barcode.position
        corners = (
            position.top_left,
            position.top_right,
            position.bottom_right,
            position.bottom_left,
        )
        found.append(_box(barcode.text, [(p.x, p.y) for p in corners]))
    return found


def _zbar(gray: np.ndarray) -> list[_Found]:
    """zbar (through pyzbar's ctypes bindings), QR only, raw bytes.

    pyzbar's `decode()` cannot switch on ZBAR_CFG_BINARY, so this drives the same C calls.
    """
    height, width = gray.shape
    pixels = np.ascontiguousarray(gray).tobytes()  # must outlive zbar_scan_image
    scanner = zbar.zbar_image_scanner_create()
    if not scanner:
        raise MemoryError("zbar could not create an image scanner")
    try:
        zbar.zbar_image_scanner_set_config(
            scanner, zbar.ZBarSymbol.NONE, zbar.ZBarConfig.CFG_ENABLE, 0
        )
        zbar.zbar_image_scanner_set_config(
            scanner, zbar.ZBarSymbol.QRCODE, zbar.ZBarConfig.CFG_ENABLE, 1
        )
        zbar.zbar_image_scanner_set_config(scanner, zbar.ZBarSymbol.QRCODE, _ZBAR_CFG_BINARY, 1)
        image = zbar.zbar_image_create()
        if not image:
            raise MemoryError("zbar could not create an image")
        try:
            zbar.zbar_image_set_format(image, _ZBAR_Y800)
            zbar.zbar_image_set_size(image, width, height)
            zbar.zbar_image_set_data(image, cast(pixels, c_void_p), len(pixels), None)
            if zbar.zbar_scan_image(scanner, image) <= 0:
                return []
            return list(_zbar_symbols(image))
        finally:
            zbar.zbar_image_destroy(image)
    finally:
        zbar.zbar_image_scanner_destroy(scanner)


def _zbar_symbols(image: object) -> Iterable[_Found]:
    symbol = zbar.zbar_image_first_symbol(image)
    while symbol:
        data = string_at(
            zbar.zbar_symbol_get_data(symbol), zbar.zbar_symbol_get_data_length(symbol)
        )
        text = _utf8(data)
        if text is not None:
            corners = [
                (zbar.zbar_symbol_get_loc_x(symbol, i), zbar.zbar_symbol_get_loc_y(symbol, i))
                for i in range(zbar.zbar_symbol_get_loc_size(symbol))
            ]
            yield _box(text, corners)
        symbol = zbar.zbar_symbol_next(symbol)


def _opencv(gray: np.ndarray) -> list[_Found]:
    """OpenCV's ArUco-based QR detector: finds codes the scanline detectors miss. ASCII only."""
    detector = cv2.QRCodeDetectorAruco()  # not thread-safe, so one per call
    try:
        ok, payloads, points, _ = detector.detectAndDecodeBytesMulti(gray)
    except cv2.error:
        log.debug("OpenCV QR detector failed", exc_info=True)
        return []
    if not ok or points is None:
        return []
    found = []
    for data, corners in zip(payloads, points, strict=True):
        # Not raw bytes: OpenCV turns a byte segment that is not UTF-8 into the UTF-8 of its
        # Latin-1 reading. Only ASCII is certainly what the code says.
        text = data.decode("ascii") if data and data.isascii() else None
        if text is not None:
            found.append(_box(text, [(float(x), float(y)) for x, y in corners]))
    return found


def _utf8(data: bytes) -> str | None:
    """The text of zbar's raw payload, or None if it is not valid UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        log.debug("dropped a zbar result that is not UTF-8 (%d bytes)", len(data))
        return None


def _box(text: str, corners: list[tuple[float, float]]) -> _Found:
    xs = [x for x, _ in corners] or [0.0]
    ys = [y for _, y in corners] or [0.0]
    return _Found(text=text, top=min(ys), left=min(xs), bottom=max(ys))


# ---------------------------------------------------------------------------- variants


def _shrunk(gray: np.ndarray) -> np.ndarray:
    """Area-averaged down to a longest side of `_WORK_MAX_SIDE` (unchanged if smaller)."""
    scale = _WORK_MAX_SIDE / max(gray.shape)
    if scale >= 1:
        return gray
    size = (max(1, round(gray.shape[1] * scale)), max(1, round(gray.shape[0] * scale)))
    return cv2.resize(gray, size, interpolation=cv2.INTER_AREA)


def _upscaled(gray: np.ndarray) -> np.ndarray | None:
    """Twice the size (bicubic) for tiny images, whose modules are only a pixel or two."""
    if max(gray.shape) > _TINY_MAX_SIDE:
        return None
    return cv2.resize(gray, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)


def _halved(gray: np.ndarray) -> np.ndarray | None:
    """Half size: averaging 2x2 blocks smooths texture and print noise that breaks zbar's
    scanlines (seen on artistic and photographed codes)."""
    if min(gray.shape) < 2 * 21:  # a version-1 code would drop below a pixel per module
        return None
    return cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)


def _inverted(gray: np.ndarray) -> np.ndarray:
    """Light-on-dark codes (dark-mode screens, inverted prints). zxing-cpp does this itself."""
    return cv2.bitwise_not(gray)


_VARIANTS: dict[str, tuple[str | None, Variant]] = {
    "full": (None, lambda gray: gray),
    "work": ("full", _shrunk),
    "upscaled": ("work", _upscaled),
    "halved": ("work", _halved),
    "inverted": ("work", _inverted),
}
"""name: (the variant it is derived from, None for the decoded image; the transform)."""


def _variant(name: str, gray: np.ndarray, made: dict[str, np.ndarray | None]) -> np.ndarray | None:
    """The named variant of `gray`, made at most once per call (memoised in `made`)."""
    if name not in made:
        source_name, transform = _VARIANTS[name]
        source = gray if source_name is None else _variant(source_name, gray, made)
        made[name] = None if source is None else transform(source)
    return made[name]


_DECODERS: dict[str, Decoder] = {"zxing": _zxing, "zbar": _zbar, "opencv": _opencv}

_ATTEMPTS: tuple[tuple[str, str], ...] = (
    ("full", "zxing"),  # 166 of the 179 shared photos
    ("work", "zbar"),  # + 2-28, 4-09: zbar's detector finds codes zxing-cpp's misses
    ("upscaled", "zxing"),  # + 4-34: one pixel per module
    ("halved", "zbar"),  # + 2-12: an artistic code whose texture breaks zbar's scanlines
    ("inverted", "zbar"),  # light-on-dark for zbar (zxing-cpp inverts by itself); no photo yet
    ("work", "opencv"),  # a third, unrelated detector; reads 2-28 too, nothing new yet
)
"""(variant, decoder) pairs, tried in order until one finds a code: the primary decoder, then
the cheapest fallbacks that rescued real photos, then the speculative ones. All of them
together, on a busy 1280 px image without a code, take ~190 ms on a 2-core machine; bigger
images cost the same plus zxing-cpp's pass over the full image."""


# ---------------------------------------------------------------------------- ordering


def _reading_order(found: list[_Found]) -> list[_Found]:
    """Sort codes into rows (a code whose top lies above the middle of the row's first code
    joins that row), rows top to bottom, codes in a row left to right."""
    rows: list[list[_Found]] = []
    for code in sorted(found, key=lambda c: (c.top, c.left)):
        if rows and code.top < (rows[-1][0].top + rows[-1][0].bottom) / 2:
            rows[-1].append(code)
        else:
            rows.append([code])
    return [code for row in rows for code in sorted(row, key=lambda c: c.left)]


def _distinct(found: list[_Found]) -> list[str]:
    return list(dict.fromkeys(code.text for code in found))
