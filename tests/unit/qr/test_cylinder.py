"""The cylinder model of bot/qr/cylinder.py against the hard-photo generator's own geometry.

The generator (benchmarks/hard_photos.py) knows where every module of a curved photo lies; the
model, fitted to the finder patterns' rings alone, must put the rest of the code there too
(else it cannot resample the code flat), and its finder search must see the rings where
zxing-cpp's detector sees no triple. Which photos the rescue reads is the benchmark's job
(`benchmarks/decode.py`); that it reads one that only it reads is `test_qr_rescues.py`'s.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from benchmarks.hard_photos import NO_CODE, _probed, hard_photo
from bot.qr import load_gray
from bot.qr.cylinder import (
    FIELD_OF_VIEW,
    _module_corners,
    cylinder_views,
    finders,
    fit_cylinder,
    half_size_rings,
    project,
)
from bot.qr.decoders import zxing_detections
from bot.qr.variants import View, shrunk

NO_TRIPLE = 10
"""Photo 10 of seed 2024's "curved" (arc 109°, seen 12° from below, turned 13° away), where
zxing-cpp finds no finder triple."""


def _truth(index: int, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where the generator puts module point (a, b) of curved photo `index`, in camera
    pixels."""
    _, box, surface, _ = _probed("curved", 2024, index)
    scale = box.side / box.modules
    return surface.to_image(box.left + a * scale, box.top + b * scale)


@pytest.mark.parametrize("index", [NO_TRIPLE, 23, 0])  # turned one way, the other, arc 138°
def test_the_model_fitted_to_the_finder_rings_places_the_rest_of_the_code(index: int) -> None:
    _, box, _, _ = _probed("curved", 2024, index)
    n = box.modules
    height, width = load_gray(hard_photo(2024, "curved", index).camera).shape
    focal = max(height, width) / 2 / math.tan(FIELD_OF_VIEW / 2)
    centre = (width / 2, height / 2)
    rings = _module_corners(n)
    seen = np.stack(_truth(index, rings[:, 0], rings[:, 1]), axis=1)
    start = np.array([math.log(n), 0.0, 0.0, 0.0, 0.0, 0.0, math.log(focal / 10)])
    miss, params = fit_cylinder(seen, n, focal, centre, start)
    assert miss < 0.02  # the generator's cylinder is one of the model's
    # The corner no finder holds, the alignment pattern, the middle, the bottom-left corner.
    a, b = np.array([n, n - 6.5, n / 2, 0.0]), np.array([n, n - 6.5, n / 2, n])
    xs, ys = project(params, n, a, b, focal, centre)
    true_x, true_y = _truth(index, a, b)
    module = math.dist(seen[0], seen[8]) / (n - 7)  # down the near column, roughly
    assert np.hypot(xs - true_x, ys - true_y).max() < 0.1 * module
    flat = params.copy()
    flat[0] = 12.0  # the same fit, flat: the check can fail
    xs, ys = project(flat, n, a, b, focal, centre)
    assert np.hypot(xs - true_x, ys - true_y).max() > 0.5 * module


def test_the_finder_rings_are_found_where_zxing_cpp_finds_no_triple() -> None:
    gray = load_gray(hard_photo(2024, "curved", NO_TRIPLE).camera)
    work = shrunk(View(gray))[0]
    assert zxing_detections(work.pixels) == ([], [])
    _, box, _, _ = _probed("curved", 2024, NO_TRIPLE)
    n = box.modules
    centres = np.array([[3.5, 3.5], [n - 3.5, 3.5], [3.5, n - 3.5]])
    true_x, true_y = _truth(NO_TRIPLE, centres[:, 0], centres[:, 1])
    found = finders(work.pixels)
    module = box.side / n * work.pixels.shape[1] / gray.shape[1]  # roughly, in the work copy
    for x, y in zip(true_x / work.scale, true_y / work.scale, strict=True):
        assert min(math.dist((x, y), (f.x, f.y)) for f in found) < module
    views = list(cylinder_views(gray, work.pixels, work.scale))
    assert views  # fitted, and resampled flat
    flat, (left, top, right, bottom) = views[0]
    assert flat.shape[0] == flat.shape[1]
    assert left < true_x.min() < right  # its box in the photo holds the finders' centres
    assert top < true_y.min() < bottom


def test_a_photo_without_a_code_shows_no_rings_and_gets_no_views() -> None:
    gray = load_gray(hard_photo(2024, NO_CODE, 0).camera)
    work = shrunk(View(gray))[0]
    assert finders(work.pixels) == []
    assert list(cylinder_views(gray, work.pixels, work.scale)) == []
    assert finders(np.full((300, 300), 255, np.uint8)) == []


@pytest.mark.parametrize("side", [1, 2, 20, 41])
def test_an_image_too_small_for_a_code_has_no_rings_and_no_views(side: int) -> None:
    tiny = np.full((side, side), 128, np.uint8)
    assert half_size_rings(tiny) == 0
    assert finders(tiny) == []
    assert list(cylinder_views(tiny, tiny, 1.0)) == []
