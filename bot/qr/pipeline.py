"""The decoding pipeline: a fixed, ordered list of (rescue image, decoder) attempts.

zxing-cpp on the grayscale photo reads most photos in a millisecond, so it goes first and
easy photos pay for nothing else: on the copy of at most 1280 px the rescues work on (all that
Telegram delivers is that size already), then, for a larger photo, on the photo itself. When
it finds nothing, the rescues run in the order of `ATTEMPTS`, cheapest and most productive
first (the order was chosen on the benchmark's photo sets, see README), and the first attempt
that reads anything ends the search.

Determinism: the attempts are fixed in advance and there is no wall-clock deadline, so the
same bytes give the same answer on an idle laptop and on a loaded server. The time is bounded
by the budget itself (every rescue works on a copy of at most 1280 px; zbar, OpenCV and WeChat
only on halved or small images), not by a clock: on a 2-core machine a 1280 px photo that
nothing reads and whose half-size copy shows a finder-like ring costs ~50 ms; one that shows
none, as most photos without a code, gets only the first passes and that count (`RESCUE_RINGS`,
~10 ms for a 1280 px photo, ~22 ms for a 1920 px one, medians on the benchmark).

"When two paths disagree, say so": the codes found by the successful attempt are compared;
two different texts from what is the same region of the photo (overlapping boxes) cannot
both be right, and the result says so instead of picking one (`QrReading.conflicts`).
`decode_qr` turns that into `AmbiguousPhoto`, a kind of `ImageUnreadable`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from bot.qr.cylinder import half_size_rings
from bot.qr.decoders import DECODERS, Found, zxing_detections
from bot.qr.loading import DEFAULT_MAX_PIXELS, ImageUnreadable, load_gray
from bot.qr.variants import (
    TINY_MAX_SIDE,
    View,
    completed_cutouts,
    cutouts,
    make_views,
    modelled,
    wide_cutouts,
)

__all__ = ["ATTEMPTS", "AmbiguousPhoto", "QrReading", "decode_gray", "decode_qr", "read_qr"]

log = logging.getLogger(__name__)

ATTEMPTS: tuple[tuple[str, str], ...] = (
    # Always first, on the copy of at most 1280 px: a camera photo (1920 px and more) costs
    # a third less there, and reads the same (on the generated sets). Its failed detections
    # seed "cutouts". 166 of the 179 shared photos (all at most 1280 px: "full" is the same).
    ("work", "zxing"),
    ("full", "zxing"),  # a larger photo at its own size, if the copy read nothing
    ("small", "zbar"),  # shared 2-28, 4-09: zbar's detector finds codes zxing-cpp's misses
    ("upscaled", "zxing-rescue"),  # shared 4-34: one pixel per module
    ("halved", "zxing-global"),  # shared 2-13: a picture inside the modules; 0.5 ms
    ("threshold", "zxing-global"),  # posters: shadow edges and glare across the code
    ("smoothed", "zxing-rescue"),  # posters: sensor noise and motion blur speckle
    ("sharpened", "zxing-rescue"),  # posters: defocus
    ("halved", "zbar"),  # shared 2-12 (artistic texture); posters at steep angles
    ("small", "wechat"),  # shared 4-06: T-shirt print, WeChat's grid fit copes with wrinkles
    ("small-darkened", "wechat"),  # shared 4-05: T-shirt, washed-out light modules
    ("tripled", "wechat"),  # shared 4-08: T-shirt, WeChat wants more pixels per module
    ("halved", "opencv"),  # posters: motion blur with glare; a third, unrelated detector
    ("deconvolved", "zxing-rescue"),  # hard photos: defocus, on the cut-out
    ("unrolled", "zxing-rescue"),  # hard photos: codes on a column or a bottle
    ("turned", "zxing-rescue"),  # hard photos: the same, seen a little from one side
    ("completed-unrolled", "zxing-rescue"),  # hard photos: the same, zxing's 4th corner off
    ("fitted", "zxing-rescue"),  # hard photos: a column, the cylinder fit to the finders
    ("cylinder", "zxing-rescue"),  # hard photos: a column, no finder triple for zxing-cpp
)
"""(variant, decoder) pairs, tried in order until one finds a code. Each earns its place by
reading photos that the ones before it miss (comments: where, on the benchmark's sets); the
order is cheapest-per-rescue first. Slow decoders run only on small or halved images, so a
1280 px photo that nothing reads costs ~50 ms on a 2-core machine, not seconds (and most
photos without a code get no rescues at all: `RESCUE_RINGS`)."""

FIRST_PASSES = 2
"""`ATTEMPTS[:FIRST_PASSES]` are zxing-cpp's first passes, which every photo gets."""

RESCUE_RINGS = 1
"""The rescues run on a photo larger than `variants.TINY_MAX_SIDE` only where zxing-cpp's
first passes detected a code that they could not decode, or a copy of half its 1280 px copy
shows at least this many finder-like rings (`cylinder.half_size_rings`, a contour tree:
~4-6 ms of CPU). A defocused code may show no ring at half size (seed 7's defocus 4, which
its deconvolution and its unsharp mask read) while zxing-cpp still detects it. On the
benchmark's sets (the 179 real photos and their Telegram copies, 200 posters, the hard
photos' both copies) every photo that a rescue read shows one or more rings; 25 of the 30
camera-size photos without a code show none and have no detection, and those skip ~40 ms
of rescues. Small photos (the real set's small prints, one or two pixels a module) are
rescued whatever they show: their finders are too small to count, and their rescues cost
little."""

HALF_SIZE_DETECTORS = frozenset({("halved", "opencv")})
HALF_SIZE_RINGS = 2
"""OpenCV's detector searches the very half-size copy that `cylinder.half_size_rings` counts
rings on, and finds finder patterns much as that count does (as contours): on a photo larger
than `variants.TINY_MAX_SIDE` in which zxing-cpp detected nothing, it runs only where that
copy shows at least this many. It is the dearest rescue (~13 ms on a 1280 px photo); every
photo that it reads on the benchmark's sets and on 200 posters of another seed (7) shows
two or more. zbar, which scans lines instead, was gated so too and lost two photos of the
"spots(any)" set that it reads with one ring showing: it keeps `RESCUE_RINGS`, as do the
others (asking two rings of all of them lost 3 of seed 7's 183 posters)."""

SAME_REGION_OVERLAP = 0.5
"""Two boxes whose intersection covers at least this share of the smaller one are taken for
the same code (unless one is nested in the other, see `NESTED_AREA_RATIO`)."""

NESTED_AREA_RATIO = 0.25
"""A box at most this share of the other's area, inside it, is a nested code, not a rival."""


class AmbiguousPhoto(ImageUnreadable):
    """Two decoders read different texts from the same code: ask for another photo.

    A subclass of ImageUnreadable, so a caller that knows only that answers "try another
    photo", which is right; a caller that knows this one can say why.
    """


@dataclass(frozen=True, slots=True)
class QrReading:
    """What the pipeline found in one photo.

    `texts`: distinct texts in reading order (rows top to bottom, left to right within a row).
    `conflicts`: groups of different texts read from the same region; non-empty means the
    photo is ambiguous and none of those texts should be used.
    `attempt`: the (variant, decoder) that read the codes, None if nothing did (for logs and
    the benchmark; it never contains a text).
    """

    texts: tuple[str, ...]
    conflicts: tuple[tuple[str, ...], ...] = ()
    attempt: tuple[str, str] | None = None


def decode_qr(image: bytes, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> list[str]:
    """Return the distinct texts of all QR codes in `image`, in reading order; [] if none.

    Texts are exactly as decoded (including surrounding whitespace or CRLF line breaks):
    trimming is the caller's policy.

    Raises ImageUnreadable when `image` is not a PNG, JPEG, WebP or GIF we can decode, or has
    more than `max_pixels` pixels; AmbiguousPhoto (an ImageUnreadable) when two decoders read
    different texts from the same code.
    """
    reading = read_qr(image, max_pixels=max_pixels)
    if reading.conflicts:
        raise AmbiguousPhoto(f"{len(reading.conflicts)} code(s) read two ways")
    return list(reading.texts)


def read_qr(image: bytes, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> QrReading:
    """Like `decode_qr`, but returns conflicts instead of raising."""
    return decode_gray(load_gray(image, max_pixels=max_pixels))


def decode_gray(gray: np.ndarray) -> QrReading:
    """Run the attempts on a 2-D uint8 grayscale image."""
    made: dict[str, Iterable[View]] = {}
    first_passes: list[np.ndarray] = []  # the images zxing-cpp's first passes searched
    detected = False  # whether a first pass saw a code that it could not decode
    # The finder-like rings at half size where they gate the rescues; None where they do not
    # (before the rescues, a small photo, a photo in which a first pass detected a code).
    gate: int | None = None
    for number, (variant_name, decoder_name) in enumerate(ATTEMPTS):
        if number == FIRST_PASSES:
            rings = _rings(gray, made)
            gate = None if detected else rings
            if gate is not None and gate < RESCUE_RINGS:
                break
        if (
            gate is not None
            and gate < HALF_SIZE_RINGS
            and (variant_name, decoder_name) in HALF_SIZE_DETECTORS
        ):
            continue
        found: list[Found] = []
        started = time.perf_counter()
        views = 0
        for view in make_views(variant_name, gray, made):
            if decoder_name == "zxing" and any(view.pixels is p for p in first_passes):
                continue  # a photo of at most 1280 px is its own "work" copy: searched
            views += 1
            if decoder_name == "zxing":
                first_passes.append(view.pixels)
                # The first passes also say where they saw codes they could not decode: the
                # cut-out rescues start from there (from the larger image's, if both ran;
                # and cost nothing when there are none).
                # The larger photo after its copy, which was searched inverted already.
                codes, failed = zxing_detections(view.pixels, try_invert=variant_name != "full")
                detected = detected or bool(failed)
                if not codes:
                    made["cutouts"] = cutouts(view, failed)
                    made["completed"] = completed_cutouts(view, failed)  # made if needed
                    made["wide"] = wide_cutouts(view, failed)  # made if needed
            else:
                codes = DECODERS[decoder_name](view.pixels)
            found = [view.place(code) for code in codes]
            if found:
                break  # the first view that reads is the reading
        log.debug(
            "%s on %s (%d view(s)): %d code(s) in %.1f ms",
            decoder_name,
            variant_name,
            views,
            len(found),
            (time.perf_counter() - started) * 1000,
        )
        if found:
            ordered = _reading_order(found)
            return QrReading(
                texts=tuple(dict.fromkeys(code.text for code in ordered)),
                conflicts=_conflicts(ordered),
                attempt=(variant_name, decoder_name),
            )
    return QrReading(texts=())


def _rings(gray: np.ndarray, made: dict[str, Iterable[View]]) -> int | None:
    """After the first passes read nothing: the finder-like rings of the photo's half-size
    copy (`cylinder.half_size_rings`), None for a photo of at most `variants.TINY_MAX_SIDE`
    (its finders would be too small to count, and its rescues cost little); sets up the
    cylinder rescue with them, so that they are counted once."""
    (work,) = make_views("work", gray, made)
    rings = None if max(work.pixels.shape) <= TINY_MAX_SIDE else half_size_rings(work.pixels)
    made["cylinder"] = modelled(View(gray), work, rings)  # made if needed
    return rings


def _reading_order(found: list[Found]) -> list[Found]:
    """Sort codes into rows (a code whose top lies above the middle of the row's first code
    joins that row), rows top to bottom, codes in a row left to right."""
    rows: list[list[Found]] = []
    for code in sorted(found, key=lambda c: (c.top, c.left, c.text)):
        if rows and code.top < (rows[-1][0].top + rows[-1][0].bottom) / 2:
            rows[-1].append(code)
        else:
            rows.append([code])
    return [code for row in rows for code in sorted(row, key=lambda c: (c.left, c.text))]


def _conflicts(found: list[Found]) -> tuple[tuple[str, ...], ...]:
    """Groups of different texts whose boxes are the same region of the photo.

    Same region: the intersection covers most of the smaller box, and the smaller box is not
    a small code nested inside a big one (a code within a code is legitimate, and both are
    read). The same text found twice (two views, two identical codes) is no conflict.
    """
    groups: list[set[str]] = []
    for i, first in enumerate(found):
        for second in found[i + 1 :]:
            if first.text == second.text or not _same_region(first, second):
                continue
            for group in groups:
                if first.text in group or second.text in group:
                    group |= {first.text, second.text}
                    break
            else:
                groups.append({first.text, second.text})
    return tuple(tuple(sorted(group)) for group in groups)


def _same_region(a: Found, b: Found) -> bool:
    width = min(a.right, b.right) - max(a.left, b.left)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    if width <= 0 or height <= 0:
        return False
    area_a = max((a.right - a.left) * (a.bottom - a.top), 1e-9)
    area_b = max((b.right - b.left) * (b.bottom - b.top), 1e-9)
    smaller, larger = min(area_a, area_b), max(area_a, area_b)
    if smaller / larger <= NESTED_AREA_RATIO:
        return False
    return width * height / smaller >= SAME_REGION_OVERLAP
