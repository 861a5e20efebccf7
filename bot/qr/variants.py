"""Rescue images: cheap transforms of a photo that turn a failed read into a read.

Each variant answers one way real photos fail: a code too small for the finder-pattern
scanlines (upscale), washed-out light modules (gamma), light that changes across the code
(adaptive threshold), blur (unsharp mask), print or fabric texture (median filter, half size).
Variants are derived from the `work` copy, at most `WORK_MAX_SIDE` pixels long, so their cost
is bounded whatever was sent. Measured and left out: CLAHE and inverted copies (zxing-cpp
already inverts; on the exploration posters and the shared photos neither read a photo the
attempts here miss) and crops around OpenCV's candidate regions (76 ms median per photo,
nothing new).

A variant returns views: images to search plus how their pixels map back onto the original,
so that codes found in rescaled copies can be ordered and compared with each other.
An empty list means the variant does not apply to this image (its attempts are skipped).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from bot.qr.cylinder import cylinder_views
from bot.qr.decoders import Found, zxing_detections
from bot.qr.rectify import (
    FIT_MARGIN,
    MARGIN,
    candidates,
    completed,
    cut_out,
    deconvolved_views,
    fitted_views,
    turned_views,
    unrolled_views,
)

__all__ = [
    "VARIANTS",
    "WORK_MAX_SIDE",
    "View",
    "completed_cutouts",
    "cutouts",
    "make_views",
    "modelled",
    "wide_cutouts",
]

WORK_MAX_SIDE = 1280
"""Longest side of the copy the rescues work on. zbar and OpenCV scale with the pixel count;
a check-in code that fills a tenth of a 12 MP photo is still ~130 px wide at this size (and
Telegram's compressed photos are at most 1280 px anyway)."""

TINY_MAX_SIDE = 640
"""Images up to this size are also tried upscaled: with 1-2 pixels per module the finder
patterns are too small for the detectors' scanline heuristics."""


@dataclass(frozen=True, slots=True)
class View:
    """An image to search, and the map of its pixels to the original: x_orig = x * scale + dx.

    A view that is not a rescaled copy (a code cut out and unrolled) has no such map; its
    `region` is then where in the original it was cut from, and is every code's box.
    """

    pixels: np.ndarray
    scale: float = 1.0
    dx: float = 0.0
    dy: float = 0.0
    region: tuple[float, float, float, float] | None = None

    def place(self, code: Found) -> Found:
        """`code`, found in these pixels, with its box in the original's."""
        if self.region is not None:
            return Found(code.text, *self.region)
        return code.scaled(self.scale, self.dx, self.dy)


Variant = Callable[[View], Iterable[View]]


def _same(view: View, pixels: np.ndarray, factor: float = 1.0) -> View:
    """A view of `pixels`, a copy of `view` resized by `factor`."""
    return View(pixels, view.scale / factor, view.dx, view.dy)


def _resized(view: View, factor: float) -> View:
    """`view` scaled by `factor`: bicubic up, area-averaged down."""
    method = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    return _same(
        view, cv2.resize(view.pixels, None, fx=factor, fy=factor, interpolation=method), factor
    )


def shrunk(view: View) -> list[View]:
    """Area-averaged down to a longest side of `WORK_MAX_SIDE` (unchanged if smaller)."""
    factor = WORK_MAX_SIDE / max(view.pixels.shape)
    if factor >= 1:
        return [view]
    size = (
        max(1, round(view.pixels.shape[1] * factor)),
        max(1, round(view.pixels.shape[0] * factor)),
    )
    return [_same(view, cv2.resize(view.pixels, size, interpolation=cv2.INTER_AREA), factor)]


def upscaled(view: View) -> list[View]:
    """Twice the size (bicubic) for small images, whose modules are only a pixel or two."""
    if max(view.pixels.shape) > TINY_MAX_SIDE:
        return []
    return [_resized(view, 2)]


def tripled(view: View) -> list[View]:
    """Three times the size for small images: WeChat's grid fit wants ~8 px per module."""
    if max(view.pixels.shape) > TINY_MAX_SIDE // 2:
        return []
    return [_resized(view, 3)]


def halved(view: View) -> list[View]:
    """Half size: averaging 2x2 blocks smooths texture and print noise that breaks zbar's
    scanlines (seen on artistic and photographed codes)."""
    if min(view.pixels.shape) < 2 * 21:  # a version-1 code would drop below a pixel per module
        return []
    return [_resized(view, 0.5)]


def thresholded(view: View) -> list[View]:
    """Adaptive threshold against the mean of a window ~1/20 of the image: a clean black-and-
    white code from a photo whose light changes across the code. The mean (a box filter) costs
    a fifth of the Gaussian-weighted version on a 1280 px photo and read the same posters."""
    block = max(15, (min(view.pixels.shape) // 20) | 1)
    binary = cv2.adaptiveThreshold(
        view.pixels, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, block, 5
    )
    return [_same(view, binary)]


def sharpened(view: View) -> list[View]:
    """Unsharp mask: restores module edges that defocus or camera shake smeared."""
    blurred = cv2.GaussianBlur(view.pixels, (0, 0), 2.0)
    return [_same(view, cv2.addWeighted(view.pixels, 2.5, blurred, -1.5, 0))]


def darkened(view: View) -> list[View]:
    """Gamma 2: stretches the bright end, where glare and overexposure crush light modules
    against their dark neighbours (and where fabric prints lose their edges)."""
    lut = np.array([round(255 * (i / 255) ** 2) for i in range(256)], dtype=np.uint8)
    return [_same(view, cv2.LUT(view.pixels, lut))]


def smoothed(view: View) -> list[View]:
    """3x3 median: removes sensor noise and halftone or fabric speckle, keeps module edges."""
    return [_same(view, cv2.medianBlur(view.pixels, 3))]


def cutouts(view: View, quads: list[np.ndarray] | None = None) -> list[View]:
    """The codes zxing-cpp detected in `view` but could not decode (`quads`, in its pixels;
    found by a zxing-cpp pass if not given), each cut out and squared up (rectify.py)."""
    if quads is None:
        quads = zxing_detections(view.pixels)[1]
    return _cut(view, candidates(quads))


def completed_cutouts(view: View, quads: list[np.ndarray] | None = None) -> Iterator[View]:
    """As `cutouts`, with each quadrilateral's fourth corner completed to a parallelogram
    (`rectify.completed`), where that moves it; made when first taken."""
    if quads is None:
        quads = zxing_detections(view.pixels)[1]
    yield from _cut(view, [q for q in map(completed, candidates(quads)) if q is not None])


def wide_cutouts(view: View, quads: list[np.ndarray] | None = None) -> Iterator[View]:
    """As `cutouts`, with `rectify.FIT_MARGIN` round each code instead of `rectify.MARGIN`:
    for the finder fit (`fitted`), whose far side may lie beyond zxing-cpp's corners."""
    if quads is None:
        quads = zxing_detections(view.pixels)[1]
    yield from _cut(view, candidates(quads), FIT_MARGIN)


def _cut(view: View, quads: list[np.ndarray], margin: float | None = None) -> list[View]:
    views = []
    for quad in quads:
        (left, top), (right, bottom) = quad.min(axis=0), quad.max(axis=0)
        region = (
            float(left) * view.scale + view.dx,
            float(top) * view.scale + view.dy,
            float(right) * view.scale + view.dx,
            float(bottom) * view.scale + view.dy,
        )
        pixels = cut_out(view.pixels, quad, MARGIN if margin is None else margin)
        views.append(View(pixels, region=region))
    return views


def unrolled(view: View) -> Iterator[View]:
    """A cut-out code unrolled off a cylinder, for a few arcs and slants, one at a time."""
    for pixels in unrolled_views(view.pixels):
        yield View(pixels, region=view.region)


def turned(view: View) -> Iterator[View]:
    """A cut-out code unrolled off a cylinder seen a little from one side, one at a time."""
    for pixels in turned_views(view.pixels):
        yield View(pixels, region=view.region)


def unrolled_and_turned(view: View) -> Iterator[View]:
    """`unrolled`, then `turned`: the cylinder views of a completed cut-out."""
    yield from unrolled(view)
    yield from turned(view)


def fitted(view: View) -> Iterator[View]:
    """A wide cut-out unrolled off the cylinder its finder patterns fit, one at a time."""
    for pixels in fitted_views(view.pixels):
        yield View(pixels, region=view.region)


def modelled(view: View, work: View | None = None, rings: int | None = None) -> Iterator[View]:
    """The code on a cylinder that the finder patterns of the `work` copy of `view` (made
    if not given; the pipeline passes its first pass's) fit, resampled flat from `view`
    itself, one fit at a time (rectify's cut-outs need zxing-cpp's detections; this does
    not). `rings`: `cylinder.half_size_rings` of the work copy, if counted already."""
    if work is None:
        work = shrunk(view)[0]
    for pixels, (left, top, right, bottom) in cylinder_views(
        view.pixels, work.pixels, work.scale / view.scale, rings
    ):
        region = (
            left * view.scale + view.dx,
            top * view.scale + view.dy,
            right * view.scale + view.dx,
            bottom * view.scale + view.dy,
        )
        yield View(pixels, region=region)


def deconvolved(view: View) -> Iterator[View]:
    """A cut-out code deconvolved for a few defocus radii, one at a time."""
    for pixels in deconvolved_views(view.pixels):
        yield View(pixels, region=view.region)


def small(view: View) -> list[View]:
    """The image itself, if small (longest side up to `TINY_MAX_SIDE`): for the decoders too
    slow to run on a full 1280 px photo (zbar ~75 ms, WeChat's reader ~0.3-2 s on a noisy
    one) but quick on a small one, where their different detectors pay."""
    return [view] if max(view.pixels.shape) <= TINY_MAX_SIDE else []


VARIANTS: dict[str, tuple[str | None, Variant]] = {
    "full": (None, lambda view: [view]),
    "work": ("full", shrunk),
    "upscaled": ("work", upscaled),
    "tripled": ("work", tripled),
    "halved": ("work", halved),
    "threshold": ("work", thresholded),
    "sharpened": ("work", sharpened),
    "darkened": ("work", darkened),
    "smoothed": ("work", smoothed),
    "small": ("work", small),
    "small-darkened": ("small", darkened),
    "cutouts": ("full", cutouts),  # the pipeline passes its first pass's detections
    "unrolled": ("cutouts", unrolled),
    "turned": ("cutouts", turned),
    "completed": ("full", completed_cutouts),  # the pipeline passes its detections, as above
    "completed-unrolled": ("completed", unrolled_and_turned),
    "deconvolved": ("cutouts", deconvolved),
    "wide": ("full", wide_cutouts),  # the pipeline passes its detections, as above
    "fitted": ("wide", fitted),
    "cylinder": ("full", modelled),  # the pipeline passes its work copy
}
"""name: (the variant it is derived from, None for the decoded image; the transform)."""

LAZY = frozenset({"unrolled", "turned", "completed-unrolled", "deconvolved", "fitted", "cylinder"})
"""Variants whose views are made one at a time while they are searched (the search stops at
the first that reads); they cannot be the source of another variant."""


def make_views(name: str, gray: np.ndarray, made: dict[str, Iterable[View]]) -> Iterable[View]:
    """The named variant of `gray`, made at most once per call (memoised in `made`; a lazy
    variant's views are made as they are taken, and can be taken once)."""
    if name not in made:
        source_name, transform = VARIANTS[name]
        if source_name is None:
            made[name] = list(transform(View(gray)))
        else:
            sources = list(make_views(source_name, gray, made))
            views = (view for source in sources for view in transform(source))
            made[name] = views if name in LAZY else list(views)
    return made[name]
