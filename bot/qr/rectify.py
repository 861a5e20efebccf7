"""Rescue views from the codes zxing-cpp found but could not decode: each cut out, squared up
and, for codes on a column or a bottle, unrolled.

When zxing-cpp's detector finds a code's finder patterns but the sampled grid fails the
Reed-Solomon check, it can still say where the code is (`return_errors`: a quadrilateral, in
the code's own orientation). The usual reason, on photos of posters, is a grid that a single
homography does not fit: a poster on a column or a bottle is a cylinder, whose columns of
modules crowd together towards its sides. Cutting the quadrilateral out to a square with a
homography, and then stretching the sides back by the inverse of the cylinder's projection
(`arcsin`, for a few arcs the code might span, around either of its axes), gives zxing-cpp a
flat code again. The same square cut also helps a small, tilted code: it becomes a large,
upright one with a clean quiet zone.

The detections cost one zxing-cpp pass on the working copy; a photo where zxing-cpp finds no
finder-pattern triple gets no views and pays nothing more. What the views read still went
through zxing-cpp's error correction, so a wrong unrolling gives no text, not a wrong one.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import cv2
import numpy as np
import zxingcpp

__all__ = ["ARCS", "MAX_CANDIDATES", "SAGS", "candidates", "rectified_views"]

ARCS = (math.radians(110), math.radians(70), math.radians(150))
"""How much of a cylinder's circumference the code is tried as spanning: 70° is a wide
column, 150° a bottle (a code round the whole visible half is unreadable anyway)."""

SAGS = (0.0, -0.04, 0.04, -0.08, 0.08)
"""How far (a share of the code's side) the middle of each row is tried as sagging, up or
down, between the corners: seen from above or below, the bulge of a cylinder bends the rows
(about 0.04 for every 10° of the view's slant on the generated set)."""

MAX_CANDIDATES = 2
"""At most this many failed detections (the largest) are unrolled: a photo gives a handful,
several of them the same code or a wrong triple of finder-like blobs."""

MARGIN = 0.15
"""The square cut reaches this share of the code's side beyond it, for the quiet zone."""

_SIDE_RANGE = (200, 400)
"""The cut code's side in pixels: its side in the photo, within these (small codes grow)."""

_SAME_QUAD = 0.05
"""Two detections whose corners all lie within this share of the side are the same one."""


def candidates(gray: np.ndarray) -> list[np.ndarray]:
    """The quadrilaterals (4x2, top-left, top-right, bottom-right, bottom-left in the code's
    orientation) of the codes zxing-cpp detected in `gray` but could not decode, largest
    first, without repeats, at most `MAX_CANDIDATES`."""
    found = []
    for barcode in zxingcpp.read_barcodes(
        gray,
        formats=(zxingcpp.BarcodeFormat.QRCodeModel2, zxingcpp.BarcodeFormat.QRCodeModel1),
        try_invert=False,
        return_errors=True,
    ):
        if barcode.valid:
            continue  # read already: nothing to rescue (the pipeline tried this copy before)
        p = barcode.position
        quad = np.array(
            [[c.x, c.y] for c in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)],
            dtype=np.float64,
        )
        if cv2.contourArea(quad.astype(np.float32)) >= 64:
            found.append(quad)
    found.sort(key=lambda q: -abs(cv2.contourArea(q.astype(np.float32))))
    kept: list[np.ndarray] = []
    for quad in found:
        side = math.sqrt(abs(cv2.contourArea(quad.astype(np.float32))))
        if all(np.abs(quad - other).max() > _SAME_QUAD * side for other in kept):
            kept.append(quad)
    return kept[:MAX_CANDIDATES]


def rectified_views(gray: np.ndarray, quad: np.ndarray) -> Iterator[np.ndarray]:
    """The code inside `quad` cut out square: flat, then unrolled for each of `ARCS` and
    `SAGS` round the code's horizontal axis, then for each arc round the vertical one. Made
    one at a time: the caller stops at the first that reads."""
    area_side = math.sqrt(abs(cv2.contourArea(quad.astype(np.float32))))
    side = int(min(max(area_side, _SIDE_RANGE[0]), _SIDE_RANGE[1]))
    unit = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=np.float32)
    homography = cv2.getPerspectiveTransform(unit, quad.astype(np.float32))
    total = round(side * (1 + 2 * MARGIN))
    grid = ((np.arange(total) + 0.5) / side - MARGIN).astype(np.float32)  # 0..1 inside
    yield _warped(gray, homography, grid[None, :], grid[:, None])
    for arc in ARCS:
        across, bulge = _unrolled(grid, arc)
        for sag in SAGS:
            yield _warped(gray, homography, across[None, :], grid[:, None] + sag * bulge[None, :])
    for arc in ARCS:
        across, _ = _unrolled(grid, arc)
        yield _warped(gray, homography, grid[None, :], across[:, None])


def _warped(gray: np.ndarray, homography: np.ndarray, us: np.ndarray, vs: np.ndarray) -> np.ndarray:
    """`gray` sampled at the image points of the code points (us, vs) (broadcast together)."""
    us, vs = np.broadcast_arrays(us, vs)
    h = homography.astype(np.float32)
    w = h[2, 0] * us + h[2, 1] * vs + h[2, 2]
    map_x = (h[0, 0] * us + h[0, 1] * vs + h[0, 2]) / w
    map_y = (h[1, 0] * us + h[1, 1] * vs + h[1, 2]) / w
    return cv2.remap(gray, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def _unrolled(grid: np.ndarray, arc: float) -> tuple[np.ndarray, np.ndarray]:
    """For points of a code spanning `arc` of a cylinder, at `grid` along its surface (0..1
    between its sides): where they are seen across the quadrilateral (the sine of the angle
    round the cylinder, scaled to the sides), and how far they bulge towards the camera
    (1 at the middle, 0 at the sides), which a camera above or below the code sees as rows
    sagging between the corners."""
    half = arc / 2
    angle = np.clip((grid - 0.5) * arc, -math.pi / 2, math.pi / 2)
    across = (np.sin(angle) / math.sin(half) + 1) / 2
    bulge = (np.cos(angle) - math.cos(half)) / (1 - math.cos(half))
    return across.astype(np.float32), bulge.astype(np.float32)
