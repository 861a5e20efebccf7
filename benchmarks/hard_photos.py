"""Generated photos of check-in posters, one set per way photos still fail, from a seed.

On real photos the pipeline reads posters seen at an angle, in glare, on a column or a bottle,
damaged or blurred far less often than the rest (issue 21). Each category here makes one of
those failures the main thing wrong with the photo, on the same check-in posters as
`benchmarks/posters.py` (8-digit codes and `https://uitpas.be/?qr=...` URLs, error correction
L, M or Q), photographed by a pinhole camera of a phone's field of view (70° across):

    perspective  the poster turned 0-60° away from the camera about a random axis in its
                 plane, filling 5-30% of the frame
    glare        a specular highlight (a lamp's reflection on glossy paper) over the code: a
                 broad bright lobe whose core may wash out a few modules
    spots        2-6 small saturated spots anywhere on the code (lamps mirrored by a
                 laminate), Gaussian of 0.4-1.3 modules: the largest wash out 2-3 modules
                 across, so that six of them stay near a low error-correction budget
    curved       the poster wrapped round a column or a bottle (the code spanning 60-140° of
                 the cylinder), seen from 0-20° above or below and slightly from the side
    damaged      modules missing (torn, scratched off) or smudged, 20-70% of the code's
                 error-correction budget: every damaged code is checked to decode flat
    motion       camera shake: linear motion blur 0.5-2 modules long, any direction
    defocus      a disk-shaped defocus blur of radius 0.3-1 module

Every photo also gets the light and sensor of a hall (gain, a gradient, noise, a little lens
blur) and a mild pose where the category is not the pose. The scene is 1920x1440 (portrait or
landscape); `camera` is the photo as the phone saved it (JPEG quality 92), `telegram` the same
after Telegram's treatment (longest side 1280 px, JPEG quality 80, `posters.telegram_jpeg`).

Photo `i` of a category and seed depends on `(seed, category, i)` only, so a test can name
one. The images are generated when needed, never committed.

    hard_photos(seed=2024, count=40) -> list[HardPhoto]   # count per category
"""

from __future__ import annotations

import io
import math
import string
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np
import zxingcpp
from PIL import Image

from benchmarks.posters import CodeBox, poster_sheet, telegram_jpeg

CATEGORIES = ("perspective", "glare", "spots", "curved", "damaged", "motion", "defocus")

NO_CODE = "none"
"""Not a category: the same posters and mild poses with the code left out (blank paper), for
what a photo that nothing reads costs."""

SCENE = (1920, 1440)
"""Width and height of a landscape frame (portrait swaps them): a 2.8 MP phone photo, larger
than what Telegram keeps, so that the Telegram copy is a real downscale."""

FOCAL = SCENE[0] / 2 / math.tan(math.radians(35))
"""Focal length in pixels for a 70° horizontal field of view (a phone's main camera)."""

EC_BUDGET = {"l": 0.07, "m": 0.15, "q": 0.25}
"""The share of codewords each error-correction level restores."""

_ALPHABET = string.ascii_lowercase + string.digits
_SHEET_H, _SHEET_W = 1414, 1000


@dataclass(frozen=True, slots=True)
class HardPhoto:
    """One generated photo: its category, a name that says how it was made, the code's text,
    and the photo as the phone saved it and as Telegram delivers it (JPEG bytes)."""

    category: str
    name: str
    expected: str
    camera: bytes
    telegram: bytes


def hard_photos(seed: int = 2024, count: int = 40) -> list[HardPhoto]:
    """`count` photos of every category, the same for the same seed."""
    return [hard_photo(seed, c, i) for c in CATEGORIES for i in range(count)]


SPOTS_ANY = "spots(any)"
"""Not a category of its own: the "spots" photos as first drawn, before the spots that wash
out more modules than error correction restores are drawn again (`hard_photo`'s
`spots_any`), kept beside "spots" in the benchmark so that the unrestricted figure stays
visible."""

_SPOT_DRAWS = 40
"""Spots are drawn at most this many times (a little weaker each time) for one photo."""


def hard_photo(seed: int, category: str, index: int, *, spots_any: bool = False) -> HardPhoto:
    """Photo `index` of `category` and `seed`. "spots" keeps its spots within the code's
    error correction (drawn again until they are, as "damaged" does for its damage), so
    that a miss is the reader's; `spots_any` keeps the first draw whatever it washes out
    (named `SPOTS_ANY`, not "spots"). A photo whose first draw is within budget is the
    same either way."""
    number = len(CATEGORIES) if category == NO_CODE else CATEGORIES.index(category)
    rng = np.random.default_rng([seed, number, index])
    text = _text(rng)
    details: list[str] = []
    damage = None
    if category == "damaged":
        damage = _damager(np.random.default_rng([seed, number, index, 1]), details)
    elif category == NO_CODE:
        damage = _blank
    sheet, box = poster_sheet(text, rng, damage)
    gray = _photograph(sheet, box, category, rng, details, spots_any=spots_any)
    buffer = io.BytesIO()
    Image.fromarray(gray).save(buffer, "JPEG", quality=92)
    label = SPOTS_ANY if spots_any and category == "spots" else category
    return HardPhoto(
        category,
        f"{label}-{seed}-{index:03d} {' '.join(details)}".strip(),
        "" if category == NO_CODE else text,
        buffer.getvalue(),
        telegram_jpeg(gray),
    )


def _text(rng: np.random.Generator) -> str:
    """A check-in code's text: 8 digits or a uitpas.be URL, half of each."""
    if rng.random() < 0.5:
        return "".join(rng.choice(list(string.digits), 8))
    return "https://uitpas.be/?qr=" + "".join(rng.choice(list(_ALPHABET), 24))


def spots_within_budget(seed: int, index: int) -> bool:
    """Whether photo `index` of "spots" would be readable in principle as first drawn, before
    the set redraws spots that are not (`hard_photo(..., spots_any=True)` is that first draw):
    whether the modules its spots wash out stay within the code's error correction
    (`_spots_fit`)."""
    sheet, box, surface, probe = _probed("spots", seed, index)
    before, after = probe["before"], probe["after"]
    assert isinstance(before, np.ndarray)
    assert isinstance(after, np.ndarray)
    return _spots_fit(sheet, box, surface, before, after)


def _spots_fit(
    sheet: np.ndarray, box: CodeBox, surface: _Surface, before: np.ndarray, after: np.ndarray
) -> bool:
    """Whether the spots that turned `before` into `after` stay within the code's error
    correction, as "damaged" guarantees for its damage. A dark module counts as washed out
    where, at its true centre (the generator's own geometry), the spot saturates it and a
    light module in its place alike, so that under a quarter of their contrast is left (short
    of that a local threshold still tells them apart); the code with those modules light must
    decode flat (`_decodes_flat`). Blur, noise and JPEG are left out: they are the reader's
    problem."""
    centres = box.left + (np.arange(box.modules) + 0.5) * box.side / box.modules
    us, vs = np.meshgrid(centres, centres - box.left + box.top)
    xs, ys = surface.to_image(us, vs)
    truth = sheet[vs.astype(int), us.astype(int)] > 127

    def sampled(image: np.ndarray) -> np.ndarray:
        return cv2.remap(image, xs.astype(np.float32), ys.astype(np.float32), cv2.INTER_LINEAR)

    sampled_before = sampled(before)
    added = sampled(after) - sampled_before
    light = cv2.dilate(sampled_before, np.ones((7, 7), np.uint8))
    left = np.minimum(light + added, 255) - np.minimum(sampled_before + added, 255)
    washed = ~truth & (left < (light - sampled_before) / 4)
    return _decodes_flat(np.where(truth | washed, 255, 0).astype(np.uint8))


def _probed(
    category: str, seed: int, index: int
) -> tuple[np.ndarray, CodeBox, _Surface, dict[str, object]]:
    """Photo ``index`` of ``category`` made again as the set makes it, with the generator's
    own geometry (the sheet, the code's box, the surface) and its before/after images."""
    rng = np.random.default_rng([seed, CATEGORIES.index(category), index])
    sheet, box = poster_sheet(_text(rng), rng)
    probe: dict[str, object] = {}
    _photograph(sheet, box, category, rng, [], probe, spots_any=True)
    surface = probe["surface"]
    assert isinstance(surface, _Surface)
    return sheet, box, surface, probe


def narrowest_module(seed: int, index: int) -> float:
    """How wide, in the camera photo's pixels, the narrowest column of modules of photo
    `index` of "curved" is seen (at the code's top, middle or bottom row): where a code spans
    much of a column and is turned away, its far side is seen nearly edge-on."""
    _, box, surface, _ = _probed("curved", seed, index)
    edges = box.left + np.arange(box.modules + 1) * box.side / box.modules
    widths = []
    for row in (0.0, 0.5, 1.0):
        xs, _ = surface.to_image(edges, np.full_like(edges, box.top + row * box.side))
        widths.append(float(np.abs(np.diff(xs)).min()))
    return min(widths)


# ---------------------------------------------------------------------------- the surface


@dataclass(frozen=True, slots=True)
class _Surface:
    """How sheet pixels (u, v) lie in the camera's frame: `to_image` maps sheet points to
    image points, `to_sheet` maps image pixels back (NaN where the ray misses the sheet)."""

    to_image: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
    to_sheet: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def _rotation(axis_angle: float, tilt: float, roll: float) -> np.ndarray:
    """Turn by `tilt` about an in-plane axis at `axis_angle`, then roll about the view axis."""
    axis = np.array([math.cos(axis_angle), math.sin(axis_angle), 0.0])
    k = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    turn = np.eye(3) + math.sin(tilt) * k + (1 - math.cos(tilt)) * k @ k
    c, s = math.cos(roll), math.sin(roll)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]]) @ turn


def _plane(
    frame: tuple[float, float],
    rotation: np.ndarray,
    distance: float,
    centre_uv: tuple[float, float],
    shift: np.ndarray,
) -> _Surface:
    """The sheet flat, its point `centre_uv` at `distance` on the axis (plus `shift`), one
    sheet pixel one unit; `frame` is the image's centre."""
    a, b = rotation[:, 0], rotation[:, 1]
    origin = np.array([shift[0], shift[1], distance]) - a * centre_uv[0] - b * centre_uv[1]
    normal = np.cross(a, b)
    cx, cy = frame

    def to_image(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        p = origin[:, None] + a[:, None] * u.ravel() + b[:, None] * v.ravel()
        return (FOCAL * p[0] / p[2] + cx).reshape(u.shape), (FOCAL * p[1] / p[2] + cy).reshape(
            u.shape
        )

    def to_sheet(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        d = np.stack([(x - cx) / FOCAL, (y - cy) / FOCAL, np.ones_like(x)])
        t = (normal @ origin) / np.tensordot(normal, d, 1)
        rel = d * t - origin[:, None, None]
        return np.tensordot(a, rel, 1), np.tensordot(b, rel, 1)

    return _Surface(to_image, to_sheet)


def _cylinder(
    frame: tuple[float, float],
    radius: float,
    distance: float,
    centre_uv: tuple[float, float],
    pitch: float,
    yaw: float,
) -> _Surface:
    """The sheet wrapped round a vertical cylinder of `radius` (sheet pixels) whose front is
    `distance` away, the sheet's column `centre_uv[0]` facing the camera turned by `yaw`, the
    camera looking `pitch` up or down."""
    cx, cy = frame
    axis_z = distance + radius
    cp, sp = math.cos(pitch), math.sin(pitch)

    def world(u: np.ndarray, v: np.ndarray) -> np.ndarray:
        phi = (u - centre_uv[0]) / radius + yaw
        x = radius * np.sin(phi)
        z = axis_z - radius * np.cos(phi) - distance
        y = v - centre_uv[1]
        # Pitched about the code's centre: the camera still aims at the code.
        return np.stack([x, y * cp - z * sp, y * sp + z * cp + distance])

    def to_image(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        p = world(u, v)
        return FOCAL * p[0] / p[2] + cx, FOCAL * p[1] / p[2] + cy

    def to_sheet(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # The ray t * (dx, dy, 1), turned back into the cylinder's frame:
        # x = t dx, y = t (dy cp + sp) - distance sp, z = t (cp - dy sp) + distance (1 - cp).
        dx, dy = (x - cx) / FOCAL, (y - cy) / FOCAL
        wz = cp - dy * sp
        k = axis_z - distance * (1 - cp)
        # (t dx)^2 + (t wz - k)^2 = radius^2, the nearer t.
        qa = dx * dx + wz * wz
        qb = -2 * wz * k
        qc = k * k - radius * radius
        with np.errstate(invalid="ignore"):
            t = (-qb - np.sqrt(qb * qb - 4 * qa * qc)) / (2 * qa)
        phi = np.arctan2(t * dx, k - t * wz)
        u = (phi - yaw) * radius + centre_uv[0]
        v = t * (dy * cp + sp) - distance * sp + centre_uv[1]
        return u, v

    return _Surface(to_image, to_sheet)


# ---------------------------------------------------------------------------- the photo


def _photograph(
    sheet: np.ndarray,
    box: CodeBox,
    category: str,
    rng: np.random.Generator,
    details: list[str],
    probe: dict[str, object] | None = None,
    *,
    spots_any: bool = False,
) -> np.ndarray:
    width, height = SCENE if rng.random() < 0.5 else SCENE[::-1]
    frame = (width / 2, height / 2)
    frame_area = width * height
    code_centre = (box.left + box.side / 2, box.top + box.side / 2)
    # The code, not the sheet, is what the passholder aims at, give or take.
    shift_share = rng.normal(0, 0.05, 2)

    if category == "curved":
        arc = math.radians(float(rng.uniform(60, 140)))
        radius = box.side / arc
        pitch = math.radians(float(rng.uniform(-20, 20)))
        yaw = math.radians(float(rng.uniform(-15, 15)))
        fill = float(rng.uniform(0.04, 0.15))  # of the frame, by the code's flat area
        distance = FOCAL * box.side / math.sqrt(fill * frame_area)
        surface = _cylinder(frame, radius, distance, code_centre, pitch, yaw)
        details.append(
            f"arc{math.degrees(arc):.0f} pitch{math.degrees(pitch):.0f} yaw{math.degrees(yaw):.0f}"
        )
    else:
        if category == "perspective":
            tilt = math.radians(float(rng.uniform(0, 60)))
            fill = float(rng.uniform(0.05, 0.30))
        else:
            tilt = math.radians(float(rng.uniform(0, 20)))
            fill = float(rng.uniform(0.12, 0.35))
        roll = math.radians(float(rng.normal(0, 10)))
        rotation = _rotation(float(rng.uniform(0, math.pi)), tilt, roll)
        shift = np.zeros(2)
        distance = FOCAL * math.sqrt(_SHEET_W * _SHEET_H / (fill * frame_area))
        for _ in range(4):  # the area seen, not the area frontal, is `fill` of the frame
            surface = _plane(frame, rotation, distance, code_centre, shift)
            distance *= math.sqrt(_seen_area(surface) / (fill * frame_area))
        shift = shift_share * distance / FOCAL * np.array([width, height]) * 0.5
        surface = _plane(frame, rotation, distance, code_centre, shift)
        details.append(f"tilt{math.degrees(tilt):.0f} fill{100 * fill:.0f}%")

    if probe is not None:
        probe["surface"] = surface
    maps = _sheet_maps(surface, width, height)
    image = _render(sheet, maps, rng)
    quad = _code_quad(surface, box)
    module = _module_px(quad, box)

    # The light and sensor of a hall.
    gain = float(rng.uniform(0.55, 1.0))
    xs = np.arange(width, dtype=np.float32)[None, :]
    ys = np.arange(height, dtype=np.float32)[:, None]
    direction = rng.normal(0, 1, 2)
    ramp = (xs * direction[0] + ys * direction[1]) / (np.hypot(*direction) * max(width, height))
    ramp = (ramp - ramp.min()) / max(float(np.ptp(ramp)), 1e-6)
    image *= gain * (1 - float(rng.uniform(0, 0.4)) * ramp)
    if category == "curved":
        image *= _cylinder_shading(maps[0])

    if category == "glare":
        centre = _inside(quad, rng, 0.35)
        sigma = float(rng.uniform(0.12, 0.3)) * _quad_side(quad)
        peak = float(rng.uniform(120, 320))
        squash = float(rng.uniform(0.4, 1.0))
        turn = float(rng.uniform(0, math.pi))
        rx = (xs - centre[0]) * math.cos(turn) + (ys - centre[1]) * math.sin(turn)
        ry = -(xs - centre[0]) * math.sin(turn) + (ys - centre[1]) * math.cos(turn)
        image += peak * np.exp(-(rx**2 + (ry / squash) ** 2) / (2 * sigma**2))
        details.append(f"peak{peak:.0f} sigma{sigma / module:.1f}mod")
    elif category == "spots":
        before = image.copy()
        for draw in range(_SPOT_DRAWS):
            # Drawn again, a little weaker each time, while the spots wash out more modules
            # than error correction restores (`_spots_fit`), unless `spots_any`; a first
            # draw within budget consumes the same random numbers either way.
            weaker = 0.95**draw
            image = before.copy()
            count = int(rng.integers(2, 7))
            for _ in range(count):
                cx, cy = _inside(quad, rng, 0.1)
                sigma = float(rng.uniform(0.4, 1.3)) * module * weaker
                peak = float(rng.uniform(300, 700)) * weaker
                x0, x1 = max(0, int(cx - 5 * sigma)), min(width, int(cx + 5 * sigma) + 1)
                y0, y1 = max(0, int(cy - 5 * sigma)), min(height, int(cy + 5 * sigma) + 1)
                near = (xs[:, x0:x1] - cx) ** 2 + (ys[y0:y1, :] - cy) ** 2
                image[y0:y1, x0:x1] += peak * np.exp(-near / (2 * sigma**2))
            if spots_any or _spots_fit(sheet, box, surface, before, image):
                break
        else:
            raise RuntimeError("no spots within the budget")  # never seen
        details.append(f"{count}spots" + (f" draw{draw + 1}" if draw else ""))
        if probe is not None:
            probe["before"] = before
            probe["after"] = image.copy()

    if category == "motion":
        length = float(rng.uniform(0.5, 2.0)) * module
        image = cv2.filter2D(image, -1, _line_kernel(length, float(rng.uniform(0, 180))))
        details.append(f"len{length / module:.1f}mod")
    elif category == "defocus":
        radius = float(rng.uniform(0.3, 1.0)) * module
        image = cv2.filter2D(image, -1, _disk_kernel(radius))
        details.append(f"radius{radius / module:.1f}mod")
    else:
        image = cv2.GaussianBlur(image, (0, 0), float(rng.uniform(0.5, 1.0)))
    image += rng.standard_normal(image.shape, dtype=np.float32) * float(rng.uniform(2, 7))
    details.append(f"{module:.1f}px/mod")
    return np.clip(image, 0, 255).astype(np.uint8)


def _sheet_maps(surface: _Surface, width: int, height: int) -> tuple[np.ndarray, np.ndarray]:
    """For every image pixel, the sheet point it sees (far outside the sheet where it sees
    none). Computed on a grid of every `_MAP_STEP` pixels and interpolated: the surfaces are
    smooth, and a full-size ray cast costs seconds per photo."""
    xs, ys = np.meshgrid(
        np.arange(0, width + _MAP_STEP, _MAP_STEP, dtype=np.float64),
        np.arange(0, height + _MAP_STEP, _MAP_STEP, dtype=np.float64),
    )
    u, v = surface.to_sheet(xs, ys)
    maps = []
    for grid in (u, v):
        grid = np.nan_to_num(grid, nan=-1e5, posinf=-1e5, neginf=-1e5).astype(np.float32)
        full = cv2.resize(
            grid,
            (grid.shape[1] * _MAP_STEP, grid.shape[0] * _MAP_STEP),
            interpolation=cv2.INTER_LINEAR,
        )
        maps.append(full[:height, :width])
    return maps[0], maps[1]


_MAP_STEP = 4


def _render(
    sheet: np.ndarray, maps: tuple[np.ndarray, np.ndarray], rng: np.random.Generator
) -> np.ndarray:
    """The sheet seen through `maps` over a blotchy background; the sheet is area-averaged
    to about the seen scale first, so small posters are not aliased."""
    map_u, map_v = maps
    height, width = map_u.shape
    # Sheet pixels per image pixel near the centre: shrink the sheet to ~1.5 samples per pixel.
    row = map_u[height // 2, :]
    steps = np.abs(np.diff(row[(row > 0) & (row < _SHEET_W)]))
    du = float(np.median(steps)) if steps.size else 1.0
    factor = 1.0 if du < 1.5 else 1.5 / du
    small = (
        sheet
        if factor >= 1
        else cv2.resize(sheet, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    )
    seen = cv2.remap(
        small.astype(np.float32),
        map_u * factor,
        map_v * factor,
        cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=-1.0,
    )
    background = rng.normal(int(rng.integers(60, 200)), 25, (height // 8, width // 8))
    scene = cv2.resize(np.clip(background, 0, 255).astype(np.float32), (width, height))
    return np.where(seen >= 0, seen, scene).astype(np.float32)


def _seen_area(surface: _Surface) -> float:
    us = np.array([0.0, _SHEET_W, _SHEET_W, 0.0])
    vs = np.array([0.0, 0.0, _SHEET_H, _SHEET_H])
    x, y = surface.to_image(us, vs)
    return float(cv2.contourArea(np.stack([x, y], 1).astype(np.float32)))


def _code_quad(surface: _Surface, box: CodeBox) -> np.ndarray:
    us = np.array([box.left, box.left + box.side, box.left + box.side, box.left], float)
    vs = np.array([box.top, box.top, box.top + box.side, box.top + box.side], float)
    x, y = surface.to_image(us, vs)
    return np.stack([x, y], 1)


def _quad_side(quad: np.ndarray) -> float:
    return math.sqrt(abs(float(cv2.contourArea(quad.astype(np.float32)))))


def _module_px(quad: np.ndarray, box: CodeBox) -> float:
    """The code's mean module size in image pixels (the square root of its area per module)."""
    return _quad_side(quad) / box.modules


def _inside(quad: np.ndarray, rng: np.random.Generator, margin: float) -> np.ndarray:
    """A random point of the code, at least `margin` (a share of the side) from its edges."""
    s, t = rng.uniform(margin, 1 - margin, 2)
    top = quad[0] + (quad[1] - quad[0]) * s
    bottom = quad[3] + (quad[2] - quad[3]) * s
    return top + (bottom - top) * t


def _cylinder_shading(map_u: np.ndarray) -> np.ndarray:
    """Light falling off towards the cylinder's sides (Lambert, light from the camera): the
    cosine of the surface's turn is how fast the sheet's columns pass per image pixel."""
    slope = np.abs(np.gradient(map_u, axis=1))
    valid = (slope > 0) & (slope < 1e3)
    if not valid.any():
        return np.ones_like(map_u)
    facing = np.clip(float(slope[valid].min()) / np.maximum(slope, 1e-6), 0, 1)
    return (0.45 + 0.55 * facing).astype(np.float32)


def _line_kernel(length: float, degrees: float) -> np.ndarray:
    size = math.ceil(length) | 1
    kernel = np.zeros((size, size), np.float32)
    half = length / 2
    centre = size // 2
    for step in np.linspace(-half, half, int(length * 4) + 1):
        x = centre + step * math.cos(math.radians(degrees))
        y = centre + step * math.sin(math.radians(degrees))
        kernel[round(y), round(x)] += 1
    return kernel / kernel.sum()


def _disk_kernel(radius: float) -> np.ndarray:
    size = math.ceil(radius) * 2 + 1
    ys, xs = np.mgrid[0:size, 0:size] - size // 2
    kernel = np.clip(radius + 0.5 - np.hypot(xs, ys), 0, 1).astype(np.float32)
    return kernel / kernel.sum()


# ---------------------------------------------------------------------------- the damage


def _damager(
    rng: np.random.Generator, details: list[str]
) -> Callable[[np.ndarray, str], np.ndarray]:
    """Damage that still decodes flat: blobs of modules torn off (light), smudged (dark) or
    scratched (a line flipped), changing 20-70% of the level's codeword budget's share of the
    modules, away from the finder patterns; drawn again, a little smaller each time, until
    the flat code decodes, so that the damage is within what error correction restores."""

    def damage(modules: np.ndarray, level: str) -> np.ndarray:
        n = modules.shape[0]
        protected = np.zeros_like(modules, dtype=bool)
        for r, c in ((0, 0), (0, n - 8), (n - 8, 0)):
            protected[r : r + 8, c : c + 8] = True
        target = EC_BUDGET[level] * float((~protected).sum())
        for attempt in range(40):
            out = modules.copy()
            changed = np.zeros_like(protected)
            kinds = []
            share = float(rng.uniform(0.2, 0.7)) * 0.95**attempt
            while changed.sum() < target * share:
                kind = str(rng.choice(["torn", "smudge", "scratch"]))
                mask = np.zeros((n, n), np.uint8)
                r, c = rng.integers(0, n, 2)
                if kind == "scratch":
                    r2, c2 = rng.integers(0, n, 2)
                    cv2.line(mask, (int(c), int(r)), (int(c2), int(r2)), 1, 1)
                else:
                    radius = int(rng.integers(1, max(2, n // 8)))
                    cv2.circle(mask, (int(c), int(r)), radius, 1, -1)
                hit = mask.astype(bool) & ~protected
                if kind == "torn":
                    out[hit] = 255
                elif kind == "smudge":
                    out[hit] = 0
                else:
                    out[hit] = 255 - modules[hit]
                changed |= hit & (out != modules)
                kinds.append(kind)
            if _decodes_flat(out):
                details.append(f"{changed.sum()}of{(~protected).sum()}mod {'+'.join(kinds)}")
                return out
        raise RuntimeError("no damage pattern within the budget decoded")  # never seen

    return damage


def _blank(modules: np.ndarray, level: str) -> np.ndarray:
    """No code at all: light paper where it would be."""
    return np.full_like(modules, 255)


def _decodes_flat(modules: np.ndarray) -> bool:
    """Whether zxing-cpp reads the damaged code printed clean, 8 px per module."""
    big = cv2.resize(modules, None, fx=8, fy=8, interpolation=cv2.INTER_NEAREST)
    framed = cv2.copyMakeBorder(big, 32, 32, 32, 32, cv2.BORDER_CONSTANT, value=255)
    return any(
        b.valid for b in zxingcpp.read_barcodes(framed, formats=zxingcpp.BarcodeFormat.QRCode)
    )
