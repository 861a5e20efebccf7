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
radius gives no text, not a wrong one.

Where a code is turned away round a column, zxing-cpp's quadrilateral is loose and no fixed
arc fits: `fitted_views` cuts wider (`FIT_MARGIN`), finds the three finder patterns as nested
contours in the cut-out and fits the cylinder to them (how much narrower the far finder is
seen, and how far apart the two are, tell where on the cylinder each side lies), then
unrolls that fit, with a few nudges, for the usual module counts."""

from __future__ import annotations

import itertools
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
    "finder_centres",
    "fitted_views",
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


def cut_out(gray: np.ndarray, quad: np.ndarray, margin: float = MARGIN) -> np.ndarray:
    """The code inside `quad`, squared up by a homography: `side` pixels for the code (its
    side in the photo, within `_SIDE_RANGE`) and `margin` of that around it."""
    area_side = math.sqrt(abs(cv2.contourArea(quad.astype(np.float32))))
    side = int(min(max(area_side, _SIDE_RANGE[0]), _SIDE_RANGE[1]))
    unit = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=np.float32)
    offset = side * margin
    square = unit * side + offset
    total = round(side * (1 + 2 * margin))
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


# ---------------------------------------------------------------------------- fitted to the finders

FIT_MARGIN = 0.3
"""The cut for a fit reaches this share of the side beyond zxing-cpp's quadrilateral: on a
code turned away round a column that quadrilateral is loose, and the far side, seen nearly
edge-on, may lie outside `MARGIN`."""

FIT_SIZES = (21, 25, 29, 33)
"""Module counts tried (versions 1-4: the sizes of check-in codes)."""

FIT_SAGS = (0.0, -0.04, 0.04, -0.08, 0.08)
"""Row sags (a share of the code's side) tried for every fit, as `SAGS`."""

FIT_NUDGES = tuple(
    (math.radians(a), math.radians(b))
    for a, b in ((0, 0), (0, 4), (0, -4), (4, 0), (-4, 0), (0, -8))
)
"""(near side, far side) angles added to a fit: the finders' widths are measured to a pixel
or two, which on the far side, seen nearly edge-on, is several degrees."""

FIT_HEIGHT_RATIOS: tuple[float | None, ...] = (None, 1.0)
"""How much shorter the far side's columns are seen: from the finders' heights (None), or
not at all (their heights are measured on a few pixels of a squeezed pattern)."""

FITS_KEPT = 2
"""The best fits (of `FIT_SIZES`) unrolled: 2 x 6 nudges x 2 ratios x 5 sags, 120 views,
~0.2 s on a photo where zxing-cpp detected a code it could not decode, nothing elsewhere."""

_FIT_ANGLES = np.radians(np.arange(-84, 85, 2)).astype(np.float64)


def finder_centres(square: np.ndarray) -> list[tuple[float, float, float, float]]:
    """Finder patterns in a cut-out: (x, y, width, height) of every dark ring that holds a
    light ring that holds a dark blob (the 1:1:3:1:1 pattern, seen as nested contours),
    the largest three first. Squeezed across, a finder pattern keeps its nesting."""
    block = max(15, (square.shape[0] // 10) | 1)
    binary = cv2.adaptiveThreshold(
        square, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 5
    )
    contours, hierarchy = cv2.findContours(binary, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    tree = hierarchy[0]
    found = []
    for i, contour in enumerate(contours):
        child = tree[i][2]
        if child < 0 or tree[child][2] < 0:
            continue
        grandchild = tree[child][2]
        outer = cv2.contourArea(contour)
        core = cv2.contourArea(contours[grandchild])
        if outer < 40 or core <= 0 or not 2.0 <= outer / core <= 16:
            continue
        _, _, w, h = cv2.boundingRect(contour)
        if not 0.15 <= w / h <= 2.0:
            continue
        moments = cv2.moments(contours[grandchild])
        if moments["m00"] <= 0:
            continue
        found.append(
            (moments["m10"] / moments["m00"], moments["m01"] / moments["m00"], float(w), float(h))
        )
    found.sort(key=lambda f: -f[2] * f[3])
    return found[:3]


def fitted_views(
    square: np.ndarray,
    nudges: tuple[tuple[float, float], ...] = FIT_NUDGES,
    height_ratios: tuple[float | None, ...] = FIT_HEIGHT_RATIOS,
    fits_kept: int = FITS_KEPT,
) -> Iterator[np.ndarray]:
    """A cut-out code unrolled off the cylinder that the three finder
    patterns' centres and widths fit: on a cylinder, the modules' seen width goes with the
    cosine of their angle round it, so the two finders' widths and their distance tell
    where on the cylinder each side lies, for each of `FIT_SIZES`; the best `fits_kept`
    fits, each nudged by `nudges` and with each of `height_ratios` and `FIT_SAGS`. Made one
    at a time, on a cut-out with `FIT_MARGIN`."""
    finders = finder_centres(square)
    if len(finders) != 3:
        return
    pts = np.array([f[:2] for f in finders])

    # The corner finder is the one whose two others are the most at right angles from it.
    def corner_cos(i: int) -> float:
        a, b = pts[(i + 1) % 3] - pts[i], pts[(i + 2) % 3] - pts[i]
        return abs(float(a @ b)) / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-9)

    corner = min(range(3), key=corner_cos)
    others = [(corner + 1) % 3, (corner + 2) % 3]
    # The one across (x) and the one down (y), by their direction from the corner.
    across_i = max(others, key=lambda j: abs(pts[j][0] - pts[corner][0]))
    down_i = others[0] if across_i == others[1] else others[1]
    (xc, yc, wc, hc), (xa, ya, wa, ha), (_, yd, _, _) = (
        finders[corner],
        finders[across_i],
        finders[down_i],
    )
    if abs(yd - yc) < 1e-3 or abs(xa - xc) < 1e-3:
        return
    # Orient so that the near finder is on the left (flip x if needed).
    flip = xa < xc
    fits = []
    tl, tr = np.meshgrid(_FIT_ANGLES, _FIT_ANGLES, indexing="ij")
    valid = tr > tl + 0.05
    for n in FIT_SIZES:
        step = (tr - tl) / (n - 7)
        seen_c = _seen(tl + 3.5 * step) - _seen(tl - 3.5 * step)
        seen_a = _seen(tr + 3.5 * step) - _seen(tr - 3.5 * step)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = seen_c / seen_a
            span = (np.sin(tr) - np.sin(tl)) / seen_c
        want_ratio = wc / wa
        want_span = abs(xa - xc) / wc
        err = np.log(ratio / want_ratio) ** 2 + np.log(span / want_span) ** 2
        err = np.where(valid & np.isfinite(err), err, np.inf)
        k = int(np.argmin(err))
        fits.append((float(err.flat[k]), n, float(tl.flat[k]), float(tr.flat[k])))
    fits.sort()
    for (_, n, fit_left, fit_right), (nl, nr), hr in itertools.product(
        fits[:fits_kept], nudges, height_ratios
    ):
        a_left, a_right = fit_left + nl, fit_right + nr
        if a_right <= a_left + 0.05:
            continue
        height_ratio = ha / hc if hr is None else hr
        scale = abs(xa - xc) / (math.sin(a_right) - math.sin(a_left))
        step = (a_right - a_left) / (n - 7)
        out_module = max(4.0, 300.0 / n)
        quiet = 2.0
        size = round((n + 2 * quiet) * out_module)
        u = (np.arange(size) + 0.5) / out_module - quiet  # module coordinate, 0..n
        theta = np.clip(a_left + (u - 3.5) * step, -math.pi / 2, math.pi / 2)
        dx = scale * (np.sin(theta) - math.sin(a_left))
        xs = xc - dx if flip else xc + dx
        # Rows: the corner finder's row to the down finder's, the top row's height
        # interpolated between the corner and the across finder. The far side is farther
        # from the camera: its rows are seen closer together, by the ratio of the finders'
        # heights, interpolated by where a column is seen.
        share = dx / (xa - xc) if not flip else dx / (xc - xa)
        top = yc + (ya - yc) * share
        pitch = (yd - yc) / (n - 7) * (1 + (height_ratio - 1) * share)
        half = (a_right - a_left) / 2 * (n / (n - 7))
        middle = (a_left + a_right) / 2
        bulge = (np.cos(theta - middle) - math.cos(half)) / max(1 - math.cos(half), 1e-6)
        for sag in FIT_SAGS:
            ys = (
                top[None, :]
                + (u[:, None] - 3.5) * pitch[None, :]
                + sag * n * pitch[None, :] * bulge[None, :]
            )
            yield cv2.remap(
                square,
                np.broadcast_to(xs[None, :], ys.shape).astype(np.float32),
                ys.astype(np.float32),
                cv2.INTER_LINEAR,
                borderMode=cv2.BORDER_REPLICATE,
            )


def _seen(angle: np.ndarray) -> np.ndarray:
    """Where a point at `angle` round a cylinder is seen across it (the far half hidden)."""
    return np.sin(np.clip(angle, -math.pi / 2, math.pi / 2))
