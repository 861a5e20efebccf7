"""Rescue views from the codes zxing-cpp found but could not decode: each cut out and squared
up, then unrolled (codes on a column or a bottle) or deconvolved (defocused codes).

When zxing-cpp's detector finds a code's finder patterns but the sampled grid fails the
Reed-Solomon check, it can still say where the code is (`return_errors`: a quadrilateral, in
the code's own orientation). On photos of posters the usual reasons are two. A grid that a
single homography does not fit: a poster on a column or a bottle is a cylinder, whose columns
of modules crowd together towards its sides; cutting the quadrilateral out square and then
stretching the sides back by the inverse of the cylinder's projection (`arcsin`, for a few
arcs the code might span and rows sagging by a few slants of view) gives zxing-cpp a flat
code again. Or modules blurred into each other: the finder patterns (7 modules) survive a
defocus that merges single modules, and on the small cut-out a Wiener deconvolution for a
few disk sizes costs milliseconds, where on the whole photo it would cost tens.

The detections come with the pipeline's first zxing-cpp pass, at no cost of their own; a photo
where zxing-cpp finds no finder-pattern triple gets no cut-outs and pays nothing more. What
the views read still went through zxing-cpp's error correction, so a wrong unrolling or
radius gives no text, not a wrong one."""

from __future__ import annotations

import math
from collections.abc import Iterator

import cv2
import numpy as np

__all__ = [
    "ARCS",
    "DEFOCUS_RADII",
    "MAX_CANDIDATES",
    "SAGS",
    "TURNED_ARC",
    "TURNS",
    "candidates",
    "completed",
    "cut_out",
    "deconvolved_views",
    "turned_views",
    "unrolled_views",
]

ARCS = (math.radians(110), math.radians(70), math.radians(150))
"""How much of a cylinder's circumference the code is tried as spanning: 70° is a wide
column, 150° a bottle (a code round the whole visible half is unreadable anyway)."""

SAGS = (0.0, -0.04, 0.04, -0.08, 0.08, -0.12, 0.12)
"""How far (a share of the code's side) the middle of each row is tried as sagging, up or
down, between the corners: seen from above or below, the bulge of a cylinder bends the rows
(by about 0.06 of the side for every 10° of slant on the generated set). zxing-cpp's corners
for such a code are too rough (often a parallelogram) to tell the slant, so it is tried."""

TURNED_ARC = math.radians(120)
TURNS = (math.radians(-15), math.radians(15), math.radians(-5), math.radians(5))
"""A code that is not centred on the side of the column facing the camera (the passholder
stands a little to one side) is squeezed more on one side than on the other: it is tried
unrolled as spanning `TURNED_ARC` with its middle turned by each of `TURNS` away from the
camera, for each of `SAGS[:5]`. Chosen on another seed's photos (7) than the benchmark's: of
its curved photos that zxing-cpp detects and that the grid of one arc, four turns and five
sags reads at all, these twenty views read 17 of 21; more arcs read fewer per view."""

MAX_CANDIDATES = 2
"""At most this many failed detections (the largest) are unrolled: a photo gives a handful,
several of them the same code or a wrong triple of finder-like blobs."""

MARGIN = 0.15
"""The square cut reaches this share of the code's side beyond it, for the quiet zone."""

DEFOCUS_RADII = (0.028, 0.045)
"""Defocus disk radii tried, as a share of the code's side: about 0.7 and 1.1 modules of a
25-module code (0.6-1.3 modules from version 1 to 4, the sizes of check-in codes). Between
them they read every defocused code of the generated set that zxing-cpp detects but cannot
decode; a wrong radius blurs less than it restores, or gives nothing."""

WIENER_NOISE = 0.02
"""The Wiener filter's noise-to-signal ratio: lower rings on JPEG blocks, higher blurs."""

_SIDE_RANGE = (200, 400)
"""The cut code's side in pixels: its side in the photo, within these (small codes grow)."""

_SAME_QUAD = 0.05
"""Two detections whose corners all lie within this share of the side are the same one."""


def candidates(quads: list[np.ndarray]) -> list[np.ndarray]:
    """Of the quadrilaterals of codes zxing-cpp detected but could not decode
    (`decoders.zxing_detections`), the largest, without repeats, at most `MAX_CANDIDATES`."""
    found = [q for q in quads if abs(cv2.contourArea(q.astype(np.float32))) >= 64]
    found.sort(key=lambda q: -abs(cv2.contourArea(q.astype(np.float32))))
    kept: list[np.ndarray] = []
    for quad in found:
        side = math.sqrt(abs(cv2.contourArea(quad.astype(np.float32))))
        if all(np.abs(quad - other).max() > _SAME_QUAD * side for other in kept):
            kept.append(quad)
    return kept[:MAX_CANDIDATES]


def completed(quad: np.ndarray) -> np.ndarray | None:
    """`quad` with its bottom-right corner (the one without a finder pattern) where the other
    three make it a parallelogram, or None where zxing-cpp's own is already about there.

    zxing-cpp places that corner from the alignment pattern, which on a code round a column
    lies in the squeezed side: on the curved photos it missed by up to a tenth of the side
    (three modules), while the three finder corners stay within a few hundredths. A column's
    sides are seen as near-parallel lines of the same length, so the completed corner is the
    better guess there; it is a second guess, tried after zxing-cpp's."""
    side = math.sqrt(abs(cv2.contourArea(quad.astype(np.float32))))
    guess = quad[1] + quad[3] - quad[0]
    if np.abs(guess - quad[2]).max() <= _SAME_QUAD * side:
        return None
    out = quad.copy()
    out[2] = guess
    return out


def cut_out(gray: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The code inside `quad`, squared up by a homography: `side` pixels for the code (its
    side in the photo, within `_SIDE_RANGE`) and `MARGIN` of that around it."""
    area_side = math.sqrt(abs(cv2.contourArea(quad.astype(np.float32))))
    side = int(min(max(area_side, _SIDE_RANGE[0]), _SIDE_RANGE[1]))
    unit = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=np.float32)
    offset = side * MARGIN
    square = unit * side + offset
    total = round(side * (1 + 2 * MARGIN))
    homography = cv2.getPerspectiveTransform(square.astype(np.float32), quad.astype(np.float32))
    return cv2.warpPerspective(
        gray,
        homography,
        (total, total),
        flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_REPLICATE,
    )


def unrolled_views(square: np.ndarray) -> Iterator[np.ndarray]:
    """A cut-out code (`cut_out`) unrolled for each of `ARCS` and `SAGS` round its horizontal
    axis, then for each arc round the vertical one. Made one at a time: the caller stops at
    the first that reads."""
    total = square.shape[0]
    side = total / (1 + 2 * MARGIN)
    grid = ((np.arange(total) + 0.5) / side - MARGIN).astype(np.float32)  # 0..1 inside
    for arc in ARCS:
        across, bulge = _unrolled(grid, arc)
        for sag in SAGS:
            yield _sampled(square, side, across[None, :], grid[:, None] + sag * bulge[None, :])
    for arc in ARCS:
        across, _ = _unrolled(grid, arc)
        yield _sampled(square, side, grid[None, :], across[:, None])


def turned_views(square: np.ndarray) -> Iterator[np.ndarray]:
    """A cut-out code unrolled off a cylinder whose facing line is not the code's middle
    (`TURNED_ARC`, `TURNS`, `SAGS[:5]`), one at a time."""
    total = square.shape[0]
    side = total / (1 + 2 * MARGIN)
    grid = ((np.arange(total) + 0.5) / side - MARGIN).astype(np.float32)
    for turn in TURNS:
        across, bulge = _unrolled(grid, TURNED_ARC, turn)
        for sag in SAGS[:5]:
            yield _sampled(square, side, across[None, :], grid[:, None] + sag * bulge[None, :])


def deconvolved_views(square: np.ndarray) -> Iterator[np.ndarray]:
    """A cut-out code sharpened by Wiener deconvolution for a defocus disk of each of
    `DEFOCUS_RADII` (a share of the code's side)."""
    side = square.shape[0] / (1 + 2 * MARGIN)
    spectrum = np.fft.rfft2(square.astype(np.float32))
    for radius in DEFOCUS_RADII:
        kernel = _disk(radius * side)
        padded = np.zeros(square.shape, np.float32)
        padded[: kernel.shape[0], : kernel.shape[1]] = kernel
        padded = np.roll(padded, (-(kernel.shape[0] // 2), -(kernel.shape[1] // 2)), (0, 1))
        response = np.fft.rfft2(padded)
        restored = np.fft.irfft2(
            spectrum * np.conj(response) / (np.abs(response) ** 2 + WIENER_NOISE),
            s=square.shape,
        )
        yield np.clip(restored, 0, 255).astype(np.uint8)


def _disk(radius: float) -> np.ndarray:
    """A defocus blur's kernel: a disk of `radius` pixels, anti-aliased at its rim."""
    size = math.ceil(radius) * 2 + 1
    ys, xs = np.mgrid[0:size, 0:size] - size // 2
    kernel = np.clip(radius + 0.5 - np.hypot(xs, ys), 0, 1).astype(np.float32)
    return kernel / kernel.sum()


def _sampled(square: np.ndarray, side: float, us: np.ndarray, vs: np.ndarray) -> np.ndarray:
    """`square` sampled at the code points (us, vs) (code units, broadcast together)."""
    us, vs = np.broadcast_arrays(us, vs)
    return cv2.remap(
        square,
        ((us + MARGIN) * side - 0.5).astype(np.float32),
        ((vs + MARGIN) * side - 0.5).astype(np.float32),
        cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REPLICATE,
    )


def _unrolled(grid: np.ndarray, arc: float, turn: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """For points of a code spanning `arc` of a cylinder, its middle `turn` away from the
    camera, at `grid` along its surface (0..1 between its sides): where they are seen across
    the quadrilateral (the sine of the angle round the cylinder, scaled to the sides), and how
    far they bulge out of the chord between the sides (1 at the middle, 0 at the sides),
    which a camera above or below the code sees as rows sagging between the corners."""
    half = arc / 2
    first, last = max(turn - half, -math.pi / 2), min(turn + half, math.pi / 2)
    angle = np.clip((grid - 0.5) * arc + turn, -math.pi / 2, math.pi / 2)
    across = (np.sin(angle) - math.sin(first)) / (math.sin(last) - math.sin(first))
    bulge = (np.cos(angle - turn) - math.cos(half)) / (1 - math.cos(half))
    return across.astype(np.float32), bulge.astype(np.float32)
