"""The QR decoders the pipeline can call, each wrapped to one shape: grayscale in, codes out.

Every wrapper returns only texts that went through the decoder's Reed-Solomon error
correction, and only texts whose characters are certain. The libraries guess legacy charsets
differently from zxing-cpp (on the shared photo set zbar reads Shift_JIS half-width katakana
as kanji, OpenCV reads it as Latin-1), and a guessed text is a wrong text. So zbar is asked
for raw bytes and kept only if they are valid UTF-8; OpenCV's detectors, which re-encode such
bytes before returning them, are trusted with ASCII only. zxing-cpp, which honours ECI and
the QR charset rules, is the only source of other texts.

No wrapper keeps state between calls: OpenCV detectors are not thread-safe and are created
per call (microseconds, except where noted), as are zbar scanners.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from ctypes import c_void_p, cast, string_at
from dataclasses import dataclass

import cv2
import numpy as np
import zxingcpp
from pyzbar import wrapper as zbar

__all__ = [
    "DECODERS",
    "Decoder",
    "Found",
    "opencv",
    "wechat",
    "zbar_qr",
    "zxing",
    "zxing_detections",
    "zxing_global",
    "zxing_rescue",
]

log = logging.getLogger(__name__)

_ZXING_FORMATS = (zxingcpp.BarcodeFormat.QRCodeModel2, zxingcpp.BarcodeFormat.QRCodeModel1)
"""Plain QR codes only. Micro QR and rMQR are never used for check-ins, and Micro QR M1 only
detects errors instead of correcting them, so enabling them adds false-read risk for nothing."""

_ZBAR_CFG_BINARY = 4
"""`ZBAR_CFG_BINARY` from zbar.h (0.23+): return the raw payload instead of zbar's charset
guess. pyzbar's `ZBarConfig` enum predates it."""

_ZBAR_Y800 = 0x30303859
"""The fourcc 'Y800': 8-bit grayscale."""


@dataclass(frozen=True, slots=True)
class Found:
    """One decoded code and its axis-aligned bounding box, in the pixels of the searched image."""

    text: str
    left: float
    top: float
    right: float
    bottom: float

    def scaled(self, factor: float, dx: float = 0.0, dy: float = 0.0) -> Found:
        """The same code with its box mapped back to the original image (`x * factor + dx`)."""
        return Found(
            self.text,
            self.left * factor + dx,
            self.top * factor + dy,
            self.right * factor + dx,
            self.bottom * factor + dy,
        )


Decoder = Callable[[np.ndarray], list[Found]]
"""Reads every QR code in a grayscale uint8 image; returns only error-corrected texts."""


def _zxing_barcodes(
    gray: np.ndarray,
    binarizer: zxingcpp.Binarizer,
    *,
    try_invert: bool,
    return_errors: bool,
) -> list[zxingcpp.Barcode]:
    return zxingcpp.read_barcodes(
        gray,
        formats=_ZXING_FORMATS,
        # Plain: the text as encoded. The default (HRI) escapes control characters.
        text_mode=zxingcpp.TextMode.Plain,
        binarizer=binarizer,
        try_invert=try_invert,
        return_errors=return_errors,
    )


def _quad(barcode: zxingcpp.Barcode) -> np.ndarray:
    """The code's corners, 4x2: top-left, top-right, bottom-right, bottom-left of the code."""
    p = barcode.position
    corners = (p.top_left, p.top_right, p.bottom_right, p.bottom_left)
    return np.array([[c.x, c.y] for c in corners], dtype=np.float64)


def _valid(barcodes: Iterable[zxingcpp.Barcode]) -> list[Found]:
    return [
        _box(barcode.text, [(float(x), float(y)) for x, y in _quad(barcode)])
        for barcode in barcodes
        if barcode.valid
    ]


def _zxing_with(binarizer: zxingcpp.Binarizer, *, try_invert: bool) -> Decoder:
    def read(gray: np.ndarray) -> list[Found]:
        return _valid(_zxing_barcodes(gray, binarizer, try_invert=try_invert, return_errors=False))

    return read


def zxing_detections(
    gray: np.ndarray, *, try_invert: bool = True
) -> tuple[list[Found], list[np.ndarray]]:
    """`zxing`, and the corners of the codes it detected but could not decode (their grid
    failed error correction), at the same cost: the cut-out rescues start from those.

    `try_invert` False: not also inverted, for a photo larger than the copy that a first
    pass already searched inverted (the inverted pass is a third of the cost of a 1920 px
    photo without a code). Its downscaled passes are kept: where they see a code that they
    cannot decode, the cut-out rescues start from there."""
    barcodes = _zxing_barcodes(
        gray, zxingcpp.Binarizer.LocalAverage, try_invert=try_invert, return_errors=True
    )
    return _valid(barcodes), [_quad(barcode) for barcode in barcodes if not barcode.valid]


zxing = _zxing_with(zxingcpp.Binarizer.LocalAverage, try_invert=True)
zxing.__doc__ = """zxing-cpp as it comes: the primary decoder. It already tries rotations,
inversion and downscales, with its local-average binarizer (good under uneven light)."""

zxing_rescue = _zxing_with(zxingcpp.Binarizer.LocalAverage, try_invert=False)
zxing_rescue.__doc__ = """zxing-cpp on a rescue image, without the inverted retry: the primary
pass already tried the photo inverted, and on a photo without a code the retry doubles the
cost of every rescue."""

zxing_global = _zxing_with(zxingcpp.Binarizer.GlobalHistogram, try_invert=False)
zxing_global.__doc__ = """zxing-cpp with one threshold for the whole image (no inverted retry,
as `zxing_rescue`): on smoothed or fabric-textured codes the local binarizer breaks modules
into speckle, a global cut does not."""


def zbar_qr(gray: np.ndarray) -> list[Found]:
    """zbar (through pyzbar's ctypes bindings), QR only, raw bytes, UTF-8 only.

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


def _zbar_symbols(image: object) -> Iterable[Found]:
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


def opencv(gray: np.ndarray) -> list[Found]:
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
        if data and data.isascii():
            found.append(_box(data.decode("ascii"), [(float(x), float(y)) for x, y in corners]))
    return found


def wechat(gray: np.ndarray) -> list[Found]:
    """OpenCV-contrib's WeChat QR reader, without its CNN models. ASCII only.

    Its own port of ZXing's detector fits the sampling grid differently (it reads codes
    printed on wrinkled fabric that zxing-cpp and zbar give up on). The CNN detector and
    super-resolution models are left out: OpenCV 5 loads them only as ONNX files, which no
    package on PyPI ships, and the Caffe files that one package ships load only in OpenCV 4,
    where on the shared photos they read no photo our pipeline misses (see README).
    The binding decodes the payload as UTF-8 and raises on anything else; its charset handling
    is ZXing's guess, so as with OpenCV only ASCII is kept.
    """
    detector = cv2.wechat_qrcode.WeChatQRCode()  # ~0.1 ms without models; not thread-safe
    try:
        texts, points = detector.detectAndDecode(gray)
    except (cv2.error, UnicodeDecodeError):
        log.debug("WeChat QR reader failed", exc_info=True)
        return []
    found = []
    for text, corners in zip(texts, points, strict=True):
        if text and text.isascii():
            found.append(_box(text, [(float(x), float(y)) for x, y in corners]))
    return found


def _utf8(data: bytes) -> str | None:
    """The text of zbar's raw payload, or None if it is not valid UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        log.debug("dropped a zbar result that is not UTF-8 (%d bytes)", len(data))
        return None


def _box(text: str, corners: list[tuple[float, float]]) -> Found:
    xs = [x for x, _ in corners] or [0.0]
    ys = [y for _, y in corners] or [0.0]
    return Found(text=text, left=min(xs), top=min(ys), right=max(xs), bottom=max(ys))


DECODERS: dict[str, Decoder] = {
    "zxing": zxing,
    "zxing-rescue": zxing_rescue,
    "zxing-global": zxing_global,
    "zbar": zbar_qr,
    "opencv": opencv,
    "wechat": wechat,
}
