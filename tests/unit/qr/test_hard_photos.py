"""The hard-photo generator (benchmarks/hard_photos.py) and the cut-out rescues' geometry.

The generator is the benchmark's measure of the categories, so it must be reproducible (a
test names an image by seed, category and index), its damage must stay within what error
correction restores (else a miss would be the generator's fault), and its photos without a
code must hold none. The per-category rates are measured by `benchmarks/decode.py`, not
here: a photo costs about a second to generate, and a few per category say nothing.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from benchmarks.hard_photos import (
    CATEGORIES,
    NO_CODE,
    SPOTS_ANY,
    _damager,
    _decodes_flat,
    _probed,
    _spots_fit,
    hard_photo,
    narrowest_module,
    spots_within_budget,
)
from benchmarks.posters import code_modules
from bot.qr import load_gray, read_qr
from bot.qr.decoders import zxing_detections
from bot.qr.rectify import _unrolled, completed, finder_centres
from bot.qr.variants import View, cutouts


def test_a_photo_is_the_same_for_the_same_seed_category_and_index() -> None:
    first, again = hard_photo(5, "curved", 3), hard_photo(5, "curved", 3)
    assert first == again
    assert hard_photo(5, "curved", 4).camera != first.camera
    assert hard_photo(6, "curved", 3).camera != first.camera


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_makes_a_camera_and_a_telegram_copy(category: str) -> None:
    photo = hard_photo(2024, category, 0)
    assert photo.name.startswith(f"{category}-2024-000")
    camera, telegram = load_gray(photo.camera), load_gray(photo.telegram)
    assert max(camera.shape) == 1920
    assert max(telegram.shape) == 1280
    assert photo.expected.isdigit() or photo.expected.startswith("https://uitpas.be/?qr=")


@pytest.mark.parametrize("level", ["l", "m", "q"])
def test_damage_changes_modules_but_stays_within_error_correction(level: str) -> None:
    modules = code_modules("https://uitpas.be/?qr=abcdefghijklmnopqrstuvwx", level)
    details: list[str] = []
    damaged = _damager(np.random.default_rng([1, 2]), details)(modules, level)
    assert (damaged != modules).sum() > 0
    assert _decodes_flat(damaged)
    n = modules.shape[0]
    for r, c in ((0, 0), (0, n - 8), (n - 8, 0)):  # the finder patterns are left alone
        assert (damaged[r : r + 8, c : c + 8] == modules[r : r + 8, c : c + 8]).all()
    assert not _decodes_flat(np.full_like(modules, 255))  # the check can fail


def test_a_photo_without_a_code_reads_nothing_and_gets_no_cut_outs() -> None:
    photo = hard_photo(2024, NO_CODE, 0)
    assert photo.expected == ""
    gray = load_gray(photo.telegram)
    assert zxing_detections(gray) == ([], [])
    assert cutouts(View(gray)) == []
    assert read_qr(photo.telegram).texts == ()


@pytest.mark.parametrize("arc", [np.radians(70), np.radians(150)])
def test_unrolling_keeps_the_sides_and_the_middle_and_crowds_towards_the_sides(
    arc: float,
) -> None:
    grid = np.linspace(0, 1, 101, dtype=np.float32)
    across, bulge = _unrolled(grid, float(arc))
    assert across[0] == pytest.approx(0, abs=1e-6)
    assert across[-1] == pytest.approx(1, abs=1e-6)
    assert across[50] == pytest.approx(0.5, abs=1e-6)
    steps = np.diff(across)
    assert steps[0] < steps[49]  # modules near the side are seen narrower than in the middle
    assert bulge[50] == pytest.approx(1)
    assert bulge[0] == pytest.approx(0, abs=1e-6)


@pytest.mark.parametrize("turn", [np.radians(-15), np.radians(15)])
def test_a_turned_unrolling_keeps_the_sides_and_crowds_the_side_turned_away(turn: float) -> None:
    grid = np.linspace(0, 1, 101, dtype=np.float32)
    across, bulge = _unrolled(grid, np.radians(120), float(turn))
    assert across[0] == pytest.approx(0, abs=1e-6)
    assert across[-1] == pytest.approx(1, abs=1e-6)
    steps = np.diff(across)
    away, near = (steps[0], steps[-1]) if turn < 0 else (steps[-1], steps[0])
    assert away < near  # the side turned away from the camera is seen the narrower
    assert (across[50] < 0.5) == (turn < 0)  # the code's middle is off the picture's middle
    assert bulge[50] == pytest.approx(1)
    assert bulge[0] == pytest.approx(0, abs=1e-6)
    assert bulge[-1] == pytest.approx(0, abs=1e-6)


def test_spots_within_budget_tells_readable_spots_from_too_many() -> None:
    within = [spots_within_budget(2024, i) for i in range(12)]
    assert any(within)
    assert not all(within)  # the check can fail: 2024-011 washes out more than EC restores
    assert not within[11]


def test_spots_beyond_error_correction_are_drawn_again_and_the_first_draw_is_kept_apart() -> None:
    assert not spots_within_budget(2024, 11)  # the first draw washes out too much
    redrawn, first = hard_photo(2024, "spots", 11), hard_photo(2024, "spots", 11, spots_any=True)
    assert redrawn.camera != first.camera
    assert "draw" in redrawn.name
    assert first.name.startswith(SPOTS_ANY + "-")
    assert redrawn.name.startswith("spots-2024-011")
    sheet, box, surface, probe = _probed("spots", 2024, 11)
    assert not _spots_fit(sheet, box, surface, probe["before"], probe["after"])  # type: ignore[arg-type]
    # A first draw within budget is the same photo either way.
    assert spots_within_budget(2024, 0)
    same = hard_photo(2024, "spots", 0, spots_any=True)
    assert hard_photo(2024, "spots", 0).camera == same.camera


def test_finder_patterns_are_found_in_a_code_squeezed_on_one_side() -> None:
    modules = code_modules("12345678", "m")
    big = cv2.resize(modules, None, fx=10, fy=10, interpolation=cv2.INTER_NEAREST)
    square = cv2.copyMakeBorder(big, 60, 60, 60, 60, cv2.BORDER_CONSTANT, value=255)
    # Squeeze the right half to a third of its width, as the far side of a column.
    half = square.shape[1] // 2
    squeezed = np.hstack(
        [square[:, :half], cv2.resize(square[:, half:], (half // 3, square.shape[0]))]
    )
    finders = finder_centres(squeezed)
    assert len(finders) == 3
    widths = sorted(f[2] for f in finders)
    assert widths[0] < 0.5 * widths[-1]  # the far one is seen narrower
    assert finder_centres(np.full((300, 300), 255, np.uint8)) == []


def test_completing_moves_only_the_fourth_corner_and_only_when_it_is_off() -> None:
    square = np.array([[0, 0], [100, 0], [100, 100], [0, 100]], dtype=np.float64)
    assert completed(square) is None  # already a parallelogram: nothing new to try
    off = square.copy()
    off[2] = [112, 108]  # zxing-cpp's corner from an alignment pattern in a squeezed side
    fixed = completed(off)
    assert fixed is not None
    assert (fixed[:2] == off[:2]).all()
    assert (fixed[3] == off[3]).all()
    assert fixed[2] == pytest.approx([100, 100])


def test_a_code_far_round_a_column_is_seen_nearly_edge_on_at_its_far_side() -> None:
    assert narrowest_module(2024, 20) < 1.5  # arc 136°, turned 12°: the far side edge-on
    assert narrowest_module(2024, 8) > 15  # arc 72°, facing the camera
