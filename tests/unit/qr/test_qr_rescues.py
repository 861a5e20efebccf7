"""Each rescue in bot.qr's pipeline, on an image that it is the first attempt to read.

The images are real photos from tests/data/qr-photos, generated check-in posters (named by seed
and index, so the same image every run) or generated hard photos (benchmarks/hard_photos.py, by
category, seed and index; the Telegram copy unless named). For each, zxing-cpp on the photo finds
nothing (for the full-size pass: on the 1280 px copy the first pass searches), and
the pipeline's answer names the attempt that read it: so every attempt before it missed the
image, and removing or breaking the rescue loses the read. A new attempt without a case here
fails `test_every_rescue_has_a_case`.
"""

from __future__ import annotations

import csv
import logging
from pathlib import Path

import cv2
import numpy as np
import pytest

from benchmarks.hard_photos import NO_CODE, hard_photo
from benchmarks.posters import poster
from bot.qr import AmbiguousPhoto, ImageUnreadable, decode_gray, load_gray, read_qr
from bot.qr.cylinder import half_size_rings
from bot.qr.decoders import Found, zxing
from bot.qr.pipeline import ATTEMPTS, FIRST_PASSES, _conflicts
from bot.qr.variants import TINY_MAX_SIDE, View, shrunk

PHOTOS = Path(__file__).resolve().parents[2] / "data" / "qr-photos"

GOOGLE_ADS = "Google Print Ads - T.G.I.A.F. - January 31, 2008"

CASES: dict[tuple[str, str], tuple[str, str | None]] = {
    ("full", "zxing"): ("hard spots 2024 23 camera", None),
    ("small", "zbar"): ("zxing-qrcode-2/28.png", None),
    ("upscaled", "zxing-rescue"): ("zxing-qrcode-4/34.png", None),
    ("halved", "zxing-global"): (
        "zxing-qrcode-2/13.png",
        "The 2005 USGS aerial photography of the Washington Monument is censored.",
    ),
    ("threshold", "zxing-global"): ("poster 7 101", None),
    ("smoothed", "zxing-rescue"): ("poster 7 47", None),
    ("sharpened", "zxing-rescue"): ("poster 7 125", None),
    ("halved", "zbar"): ("poster 7 65", None),
    ("small", "wechat"): ("zxing-qrcode-4/06.png", GOOGLE_ADS),
    ("small-darkened", "wechat"): ("zxing-qrcode-4/05.png", GOOGLE_ADS),
    ("tripled", "wechat"): ("zxing-qrcode-4/08.png", GOOGLE_ADS),
    ("halved", "opencv"): ("poster 7 24", None),
    ("deconvolved", "zxing-rescue"): ("hard defocus 2024 2", None),
    ("unrolled", "zxing-rescue"): ("hard curved 2024 1", None),
    ("turned", "zxing-rescue"): ("hard curved 2024 17", None),
    ("completed-unrolled", "zxing-rescue"): ("hard curved 2024 22", None),
    ("fitted", "zxing-rescue"): ("hard curved 7 28", None),  # a tuning seed's photo
    ("cylinder", "zxing-rescue"): ("hard curved 2024 10", None),  # zxing-cpp: no triple
}
"""attempt: (image, expected text; None: the manifest's or the poster's own)."""


def _image(source: str, expected: str | None) -> tuple[bytes, str]:
    if source.startswith("hard "):
        _, category, seed, index, *copy = source.split()
        photo = hard_photo(int(seed), category, int(index))
        return (photo.camera if copy == ["camera"] else photo.telegram), photo.expected
    if source.startswith("poster "):
        _, seed, index = source.split()
        made = poster(int(seed), int(index))
        return made.data, made.expected
    if not (PHOTOS / "manifest.csv").is_file():
        pytest.fail(f"the photo set is missing: no {PHOTOS / 'manifest.csv'}")
    if expected is None:
        with (PHOTOS / "manifest.csv").open(newline="", encoding="utf-8") as rows:
            expected = next(r["expected"] for r in csv.DictReader(rows) if r["image"] == source)
    return (PHOTOS / source).read_bytes(), expected


def test_every_rescue_has_a_case() -> None:
    assert set(CASES) == set(ATTEMPTS[1:])


@pytest.mark.parametrize(("attempt", "case"), CASES.items(), ids=["/".join(a) for a in CASES])
def test_rescue_reads_what_the_attempts_before_it_miss(
    attempt: tuple[str, str], case: tuple[str, str | None]
) -> None:
    data, expected = _image(*case)
    gray = load_gray(data)
    assert zxing(shrunk(View(gray))[0].pixels) == []  # the first pass, on the work copy
    if attempt == ("full", "zxing"):
        assert zxing(gray) != []  # a camera photo that only its own size reads
    else:
        assert zxing(gray) == []  # zxing-cpp alone: nothing
    reading = read_qr(data)
    assert reading.attempt == attempt
    assert reading.texts == (expected,)
    assert reading.conflicts == ()


def test_a_photo_nothing_reads() -> None:
    data, _ = _image("zxing-qrcode-4/13.png", "")
    assert read_qr(data) == read_qr(data)
    assert read_qr(data).texts == ()
    assert read_qr(data).attempt is None


def _tried(caplog: pytest.LogCaptureFixture, gray: np.ndarray) -> list[str]:
    """The attempts `decode_gray` ran on `gray`, as its debug log names them."""
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="bot.qr.pipeline"):
        assert decode_gray(gray).texts == ()
    return [r.getMessage().split(" (")[0] for r in caplog.records if " on " in r.getMessage()]


def test_a_large_photo_without_a_finder_ring_gets_only_the_first_passes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    gray = load_gray(hard_photo(2024, NO_CODE, 0).camera)
    assert half_size_rings(shrunk(View(gray))[0].pixels) == 0
    first = [f"{decoder} on {variant}" for variant, decoder in ATTEMPTS[:FIRST_PASSES]]
    assert _tried(caplog, gray) == first
    # The same photo small: its rescues run, rings or not (its finders would be too small).
    small = cv2.resize(gray, None, fx=0.3, fy=0.3, interpolation=cv2.INTER_AREA)
    assert max(small.shape) <= TINY_MAX_SIDE
    assert len(_tried(caplog, small)) > FIRST_PASSES


# ---------------------------------------------------------------------------- conflicts


def _at(text: str, left: float, top: float, side: float) -> Found:
    return Found(text, left, top, left + side, top + side)


def test_two_texts_from_one_region_are_a_conflict() -> None:
    assert _conflicts([_at("12345678", 100, 100, 200), _at("12345679", 104, 98, 196)]) == (
        ("12345678", "12345679"),
    )


def test_side_by_side_codes_nested_codes_and_repeats_are_no_conflict() -> None:
    side_by_side = [_at("A", 0, 0, 100), _at("B", 120, 0, 100)]
    nested = [_at("outer", 0, 0, 300), _at("inner", 120, 120, 60)]
    repeated = [_at("A", 0, 0, 100), _at("A", 2, 2, 100)]
    assert _conflicts(side_by_side) == ()
    assert _conflicts(nested) == ()
    assert _conflicts(repeated) == ()


def test_an_ambiguous_photo_is_an_unreadable_photo() -> None:
    # Existing callers that catch ImageUnreadable ask for another photo, which is right.
    assert issubclass(AmbiguousPhoto, ImageUnreadable)
