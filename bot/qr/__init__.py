"""Find and decode the QR codes in a photo: image bytes in, texts out.

Passholders photograph an event's check-in poster in dim halls, at angles, through glare, from
a distance, and Telegram shrinks the photo to 1280 px JPEG. One entry point, `decode_qr` (or
`read_qr` for the richer answer), runs the pipeline: zxing-cpp first, then a fixed list of
rescues. The parts, one job each:

    loading.py    bytes → grayscale array, with a format allowlist and a pixel budget
    decoders.py   zxing-cpp, zbar, OpenCV ArUco, OpenCV WeChat: grayscale → certain texts
    variants.py   rescue images: rescaled, equalised, thresholded, sharpened, cropped...
    rectify.py    codes zxing-cpp detected but could not decode, cut out square, then
                  deconvolved (defocus) or unrolled (a column, a bottle)
    cylinder.py   a code on a column read through a pinhole model of the cylinder fitted
                  to its finder patterns, where zxing-cpp finds none of them as a triple
    pipeline.py   the ordered attempts, reading order, and conflicts between readings

Two promises: never a wrong text (only error-corrected results whose charset is certain, and
a conflict is reported, never resolved by guessing), and bounded, deterministic work (a fixed
budget of attempts on a size-capped copy, no wall clock). The package keeps no mutable global
state and is safe to call from several threads. Decoded texts are never logged.
"""

from bot.qr.loading import DEFAULT_MAX_PIXELS, ImageUnreadable, load_gray
from bot.qr.pipeline import AmbiguousPhoto, QrReading, decode_gray, decode_qr, read_qr

__all__ = [
    "DEFAULT_MAX_PIXELS",
    "AmbiguousPhoto",
    "ImageUnreadable",
    "QrReading",
    "decode_gray",
    "decode_qr",
    "load_gray",
    "read_qr",
]
