"""A code on a column or a bottle, read through a fitted pinhole model of the cylinder.

The fixed unrollings of `rectify.py` start from zxing-cpp's quadrilateral and guess how the
rows sag and how much shorter the far side is seen; where the code spans much of the column
and is turned away those guesses are too rough, and on many such photos zxing-cpp finds no
finder-pattern triple at all (its row scans want the 1:1:3:1:1 ratio, which a squeezed far
finder no longer shows). Here the finder patterns are found as nested contours (a squeezed
finder keeps its nesting), and a physical model is fitted to their twelve corners: the sheet
wrapped round a cylinder of some radius, its code's middle turned some angle from the
camera, the camera pitched up or down, rolled, at some distance and offset, seen through a
pinhole of a phone's field of view. Every module of the code then has a place in the photo,
the far side's height and the rows' sag included, and the code is resampled flat, at several
pixels per module, from the full-size photo, for zxing-cpp (whose error correction still
stands between a wrong fit and a wrong text: a wrong fit reads nothing).

The finder search (an adaptive threshold and a contour tree, on a copy of half the 1280 px
copy first, `GATE_FINDERS`) is the only cost on a photo without such a triple: a few
milliseconds. The fit itself is a small
Levenberg-Marquardt in numpy (seven unknowns, twenty-four equations) per module count tried.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

__all__ = [
    "FIELD_OF_VIEW",
    "MODEL_SIZES",
    "Finder",
    "cylinder_views",
    "finders",
    "fit_cylinder",
    "half_size_rings",
    "project",
]

FIELD_OF_VIEW = math.radians(70)
"""The horizontal field of view assumed for the photo's longer side: a phone's main camera.
The fit is not sensitive to it (a wrong focal length is taken up by the distance)."""

MODEL_SIZES = (21, 25, 29, 33)
"""Module counts fitted (versions 1-4: the sizes of check-in codes)."""

MAX_FINDERS = 8
"""Finder-like contours kept (the largest): more would make many triples to fit."""

GATE_FINDERS = 2
"""The full-size search runs only where a copy of half the size already shows this many
finder-like rings: a big code on a column shows its near finders there (every curved photo
of the benchmark but one that is unreadable anyway), and a photo without a code shows at
most one. The search's contour tree costs ~2 microseconds a contour, and a textured
background gives thousands at full size (10-25 ms of CPU on a 1280 px photo), a quarter of
that at half."""

MAX_TRIPLES = 3
"""Triples of finders fitted, the most square first."""

FITS_READ = 2
"""Fits (of `MODEL_SIZES`, the lowest residuals) that are resampled and read."""

MAX_RESIDUAL = 0.5
"""A fit whose corners miss by more than this share of a module (root mean square) is not a
cylinder that holds these finders: not resampled."""

NUDGES = tuple(
    tuple(float(step if k == j else 0.0) * (10 if j in (4, 5) else 1) for j in range(7))
    for k in (0, 1, 2, 4, 5, 6)
    for step in (-0.03, 0.03)
)
"""Changes tried on each fit after the fit itself: each of the radius, the turn, the pitch
(3%, 1.7°), the offsets (0.3 modules) and the distance (3%) a little either way (the roll
is held). The corners are measured to a pixel, which on a squeezed far side is a good part
of a module; a view costs a remap and a zxing-cpp pass on 300 px (milliseconds), a fit
tens of milliseconds, so the fit is nudged rather than refined."""

OUT_MODULE = 8
"""Pixels per module of the resampled code."""

QUIET = 3

_SMALLEST = 21
"""An image narrower than a version-1 code at a pixel a module holds no finder to find (and
a half-size copy of a one-pixel image would have no pixels)."""
"""Modules of light border round the resampled code."""


@dataclass(frozen=True, slots=True)
class Finder:
    """A finder-pattern candidate: its core's centre, and its light ring's area and contour
    (the inner edge of the dark ring: 5 modules across)."""

    x: float
    y: float
    area: float
    points: np.ndarray  # k x 2, the hole's contour


def finders(gray: np.ndarray) -> list[Finder]:
    """Finder-pattern candidates: light rings (holes in a dark region) that hold one dark
    core, the largest `MAX_FINDERS`. Their outer dark ring is not asked for: on a code that
    reaches the column's edge, the far finders' ring runs into the dark edge of the column,
    and a squeezed finder keeps its hole and core where the row scans of a detector lose
    its 1:1:3:1:1 ratio."""
    if min(gray.shape) < _SMALLEST:
        return []
    block = max(15, (min(gray.shape) // 24) | 1)
    binary = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 7
    )
    contours, hierarchy = cv2.findContours(binary, cv2.RETR_TREE, cv2.CHAIN_APPROX_NONE)
    if hierarchy is None:
        return []
    tree = hierarchy[0]
    # A hole: its parent is a dark region's outline. Its core: its only child (no next
    # sibling). Picked out in numpy: a photo gives thousands of contours, a few such holes.
    first_child = tree[:, 2]
    holes = np.nonzero((tree[:, 3] >= 0) & (first_child >= 0))[0]
    holes = holes[tree[first_child[holes], 0] < 0]
    found = []
    for i in holes:
        hole, core_i = contours[i], first_child[i]
        if len(hole) < 8:
            continue
        hole_area = cv2.contourArea(hole)
        core = contours[core_i]
        core_area = cv2.contourArea(core)
        if hole_area < 30 or core_area <= 0 or not 1.4 <= hole_area / core_area <= 7:
            continue
        x, y, w, h = cv2.boundingRect(hole)
        if not 0.1 <= w / h <= 10:
            continue
        moments = cv2.moments(core)
        if moments["m00"] <= 0:
            continue
        cx, cy = moments["m10"] / moments["m00"], moments["m01"] / moments["m00"]
        if abs(cx - (x + w / 2)) > 0.25 * w or abs(cy - (y + h / 2)) > 0.25 * h:
            continue
        found.append(Finder(cx, cy, float(hole_area), hole.reshape(-1, 2).astype(np.float64)))
    # The light round a whole finder holds the finder's ring as its "core", about the same
    # centre: of candidates about the same centre, the smallest is the finder's own ring.
    kept: list[Finder] = []
    for finder in sorted(found, key=lambda f: f.area):
        if all(math.dist((finder.x, finder.y), (k.x, k.y)) > 0.3 * math.sqrt(k.area) for k in kept):
            kept.append(finder)
    kept.sort(key=lambda f: -f.area)
    return kept[:MAX_FINDERS]


def _triples(found: list[Finder]) -> list[tuple[Finder, Finder, Finder]]:
    """(corner, across, down) triples: the corner's two others near a right angle from it,
    about as far, in the code's own turning (across, then down, clockwise in the image)."""
    scored = []
    for trio in itertools.combinations(found, 3):
        areas = [f.area for f in trio]
        if max(areas) > 12 * min(areas):
            continue
        for k in range(3):
            corner, a, b = trio[k], trio[(k + 1) % 3], trio[(k + 2) % 3]
            va = np.array([a.x - corner.x, a.y - corner.y])
            vb = np.array([b.x - corner.x, b.y - corner.y])
            la, lb = float(np.linalg.norm(va)), float(np.linalg.norm(vb))
            if min(la, lb) < 2 * math.sqrt(corner.area) or max(la, lb) > 4 * min(la, lb):
                continue
            cos = abs(float(va @ vb)) / (la * lb)
            if cos > 0.5:
                continue
            if va[0] * vb[1] - va[1] * vb[0] < 0:  # across must turn clockwise to down
                a, b = b, a
            scored.append((cos, (corner, a, b)))
    scored.sort(key=lambda s: s[0])
    return [t for _, t in scored[:MAX_TRIPLES]]


def _corners(finder: Finder, ex: np.ndarray, ey: np.ndarray) -> np.ndarray:
    """The light ring's four corners, in the code's order (top-left, top-right, bottom-right,
    bottom-left): its contour points farthest along the code's diagonals (`ex`, `ey` the
    directions across and down). A hole's contour runs through the dark pixels round it, so
    the edge is taken half a pixel in (pixel centres at +0.5)."""
    pts = finder.points
    out = []
    for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        direction = sx * ex + sy * ey
        point = pts[int(np.argmax(pts @ direction))]
        out.append(point + 0.5 - 0.5 * direction / np.linalg.norm(direction))
    return np.array(out)


def _module_corners(n: int) -> np.ndarray:
    """The module coordinates of the three finders' light rings' corners, as `_corners`
    orders them (one module in from the outer edge)."""
    square = np.array([[1, 1], [6, 1], [6, 6], [1, 6]], np.float64)
    offsets = np.array([[0, 0], [n - 7, 0], [0, n - 7]], np.float64)
    return (offsets[:, None, :] + square[None, :, :]).reshape(-1, 2)


def project(
    params: np.ndarray,
    n: int,
    a: np.ndarray,
    b: np.ndarray,
    focal: float,
    centre: tuple[float, float],
) -> tuple[np.ndarray, np.ndarray]:
    """Where module point (a, b) of an `n`-module code is seen, for `params` = (log radius,
    turn, pitch, roll, x offset, y offset, log distance) in module units: the sheet wrapped
    round a cylinder whose axis runs down the code's columns, the code's middle column
    `turn` away from the line facing the camera, pitched about the code's middle and rolled
    about the view axis, that middle `distance` away plus the offsets. `params` may be k x 7
    (k models at once, for the fit's Jacobian): the answer is then k x the points' shape."""
    p = np.asarray(params, np.float64)
    if p.ndim == 2:
        p = p.T.reshape(p.shape[::-1] + (1,) * np.ndim(a))
    log_r, turn, pitch, roll, tx, ty, log_d = p
    radius, distance = np.exp(log_r), np.exp(log_d)
    phi = (a - n / 2) / radius + turn
    x = radius * (np.sin(phi) - np.sin(turn))
    z = radius * (np.cos(turn) - np.cos(phi))
    y = b - n / 2
    cp, sp = np.cos(pitch), np.sin(pitch)
    y, z = y * cp - z * sp, y * sp + z * cp + distance
    cr, sr = np.cos(roll), np.sin(roll)
    x, y = x * cr - y * sr + tx, x * sr + y * cr + ty
    z = np.where(np.abs(z) > 1e-9, z, 1e-9)
    return focal * x / z + centre[0], focal * y / z + centre[1]


def _visible(params: np.ndarray, n: int) -> bool:
    """Whether the whole code lies on the half of the cylinder the camera sees."""
    radius, turn = math.exp(params[0]), params[1]
    half = n / 2 / radius
    return abs(turn) + half < math.pi / 2 + 0.05


def fit_cylinder(
    seen: np.ndarray, n: int, focal: float, centre: tuple[float, float], start: np.ndarray
) -> tuple[float, np.ndarray]:
    """Levenberg-Marquardt of the model's seven parameters to the twelve corners `seen`
    (pixels); the root-mean-square miss in modules and the parameters."""
    model = _module_corners(n)
    a, b = model[:, 0], model[:, 1]
    params = start.astype(np.float64).copy()
    steps = np.eye(params.size) * 1e-6

    def residuals(p: np.ndarray) -> np.ndarray:
        xs, ys = project(p, n, a, b, focal, centre)
        return np.concatenate([xs - seen[:, 0], ys - seen[:, 1]], axis=-1)

    damping = 1e-2
    current = residuals(params)
    cost = float(current @ current)
    for _ in range(30):
        jac = ((residuals(params[None, :] + steps) - current) / 1e-6).T
        normal = jac.T @ jac
        grad = jac.T @ current
        diagonal = np.diag(np.diag(normal) + 1e-9)
        while damping < 1e8:
            delta = -np.linalg.solve(normal + damping * diagonal, grad)
            trial = params + delta
            trial[0] = min(trial[0], 12.0)  # a radius of e^12 modules is flat
            moved = residuals(trial)
            moved_cost = float(moved @ moved)
            if np.isfinite(moved_cost) and moved_cost < cost:
                params, current, cost = trial, moved, moved_cost
                damping = max(damping / 3, 1e-7)
                break
            damping *= 4
        else:
            break
        if float(np.abs(delta).max()) < 1e-5:
            break
    side = math.dist(seen[0], seen[9]) / n  # pixels per module, roughly
    return math.sqrt(cost / len(seen)) / max(side, 1e-6), params


def _starts(
    corner: Finder, across: Finder, down: Finder, n: int, focal: float, centre: tuple[float, float]
) -> Iterator[np.ndarray]:
    """Starting points: the code flat-ish (arcs of 60° and 120°) facing the camera at the
    distance and offset its finders' spacing and place say, rolled as its down edge runs."""
    spacing = math.dist((corner.x, corner.y), (down.x, down.y)) / (n - 7)
    distance = focal / max(spacing, 1e-6)
    middle_x, middle_y = (across.x + down.x) / 2, (across.y + down.y) / 2
    roll = math.atan2(-(down.x - corner.x), down.y - corner.y)
    tx = (middle_x - centre[0]) * distance / focal
    ty = (middle_y - centre[1]) * distance / focal
    for arc, turn in ((math.radians(60), 0.0), (math.radians(120), 0.0)):
        yield np.array([math.log(n / arc), turn, 0.0, roll, tx, ty, math.log(distance)])


def half_size_rings(work: np.ndarray) -> int:
    """How many finder-like rings (`finders`) a copy of `work` at half its size shows: a
    cheap sign of a code (~4-6 ms of CPU on a 1280 px photo, a quarter of the full-size
    search), used by `GATE_FINDERS` and by the pipeline (`pipeline.RESCUE_RINGS`)."""
    if min(work.shape) < 2 * _SMALLEST:
        return 0
    half = cv2.resize(work, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    return len(finders(half))


def _fits(
    work: np.ndarray, focal: float, centre: tuple[float, float], rings: int | None = None
) -> list[tuple[float, int, np.ndarray]]:
    """(miss, module count, parameters) of the best fits to the finder triples in `work`;
    none where `rings` (`half_size_rings`, counted here if not given) is under
    `GATE_FINDERS`."""
    if (half_size_rings(work) if rings is None else rings) < GATE_FINDERS:
        return []
    fits = []
    for corner, across, down in _triples(finders(work)):
        ex = np.array([across.x - corner.x, across.y - corner.y])
        ey = np.array([down.x - corner.x, down.y - corner.y])
        ex, ey = ex / np.linalg.norm(ex), ey / np.linalg.norm(ey)
        seen = np.concatenate([_corners(f, ex, ey) for f in (corner, across, down)])
        for n in MODEL_SIZES:
            best = min(
                (
                    fit_cylinder(seen, n, focal, centre, start)
                    for start in _starts(corner, across, down, n, focal, centre)
                ),
                key=lambda fit: fit[0],
            )
            if best[0] <= MAX_RESIDUAL and _visible(best[1], n):
                fits.append((best[0], n, best[1]))
    fits.sort(key=lambda f: f[0])
    return fits[:FITS_READ]


def cylinder_views(
    gray: np.ndarray, work: np.ndarray, scale: float, rings: int | None = None
) -> Iterator[tuple[np.ndarray, tuple[float, float, float, float]]]:
    """The code the finders of `work` (a copy of `gray` at 1/`scale`) fit a cylinder to,
    resampled flat from `gray` at `OUT_MODULE` pixels per module with a light border of
    `QUIET` modules, and where in `gray` it lies (left, top, right, bottom): each fit, then
    each fit with each of `NUDGES`, made when taken. `rings`: `half_size_rings(work)`, if
    counted already."""
    height, width = work.shape
    focal = max(height, width) / 2 / math.tan(FIELD_OF_VIEW / 2)
    centre = (width / 2, height / 2)
    with np.errstate(all="ignore"):  # a diverging trial fit overflows; it is then refused
        fits = _fits(work, focal, centre, rings)
    tried = [(n, params) for _, n, params in fits]
    tried += [(n, params + nudge) for _, n, params in fits for nudge in NUDGES]
    for n, params in tried:
        size = (n + 2 * QUIET) * OUT_MODULE
        grid = (np.arange(size) + 0.5) / OUT_MODULE - QUIET
        a, b = np.meshgrid(grid, grid)
        xs, ys = project(params, n, a, b, focal, centre)
        xs, ys = (xs + 0.5) * scale - 0.5, (ys + 0.5) * scale - 0.5
        flat = cv2.remap(
            gray,
            xs.astype(np.float32),
            ys.astype(np.float32),
            cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_REPLICATE,
        )
        inside = (a >= 0) & (a <= n) & (b >= 0) & (b <= n)
        light = float(np.percentile(flat[inside][::7], 90))
        flat[~inside] = np.uint8(min(255.0, light))
        region = (
            float(xs[inside].min()),
            float(ys[inside].min()),
            float(xs[inside].max()),
            float(ys[inside].max()),
        )
        yield flat, region
