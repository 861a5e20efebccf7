"""Generated check-in posters, photographed badly and sent through Telegram, from a seed.

The shared photo set is ZXing's: product codes, business cards, T-shirts, mostly scanned in
the 2000s. What passholders send is different: an event's check-in code (8 digits or a
`https://uitpas.be/?qr=...` URL) on a poster or flyer, photographed with a phone in a hall at
an angle, at a distance, under uneven light, with a shadow or a reflection across it, and then
shrunk by Telegram to 1280 px and recompressed as JPEG (quality ~80). This module makes such
photos, so that the decoder can be measured on the case that matters.

Image `i` of seed `s` depends on `(s, i)` only (its own `numpy` generator), so a subset, or
one image named in a test, is the same image whatever else was generated. The photos are
generated at benchmark time, never committed.

    posters(seed=2024, count=200) -> list[Poster]
"""

from __future__ import annotations

import io
import string
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np
import segno
from PIL import Image

TELEGRAM_MAX_SIDE = 1280
"""Telegram's photo size: the longest side is scaled down to 1280 px."""

TELEGRAM_JPEG_QUALITY = 80

_ALPHABET = string.ascii_lowercase + string.digits


@dataclass(frozen=True, slots=True)
class Poster:
    """One generated photo: a name that says how it was made, the code's text, JPEG bytes."""

    name: str
    expected: str
    data: bytes


def posters(seed: int = 2024, count: int = 200) -> list[Poster]:
    """`count` photos of check-in posters, the same for the same seed."""
    return [poster(seed, index) for index in range(count)]


def poster(seed: int, index: int) -> Poster:
    """Photo `index` of `seed`: a random code, poster, camera pose and lighting."""
    rng = np.random.default_rng([seed, index])
    if rng.random() < 0.5:
        text = "".join(rng.choice(list(string.digits), 8))
    else:
        text = "https://uitpas.be/?qr=" + "".join(rng.choice(list(_ALPHABET), 24))
    sheet = _poster_sheet(text, rng)
    photo, effects = _photograph(sheet, rng)
    data = telegram_jpeg(photo)
    return Poster(f"poster-{seed}-{index:03d} {' '.join(effects)}", text, data)


def telegram_jpeg(gray: np.ndarray) -> bytes:
    """What Telegram does to a photo: longest side at most 1280 px, JPEG quality 80."""
    return telegram_treatment(Image.fromarray(gray))


def telegram_photo(data: bytes) -> bytes:
    """An image file as Telegram delivers it when sent as a photo (colour kept, alpha on white)."""
    with Image.open(io.BytesIO(data)) as img:
        img.load()
        if img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info:
            rgba = img.convert("RGBA")
            img = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
        return telegram_treatment(img.convert("RGB") if img.mode != "L" else img)


def telegram_treatment(img: Image.Image) -> bytes:
    """Scale so the longest side is at most 1280 px (Lanczos), then JPEG quality 80."""
    scale = TELEGRAM_MAX_SIDE / max(img.size)
    if scale < 1:
        size = (round(img.width * scale), round(img.height * scale))
        img = img.resize(size, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=TELEGRAM_JPEG_QUALITY)
    return buffer.getvalue()


@dataclass(frozen=True, slots=True)
class CodeBox:
    """Where the code sits on a sheet: its top-left corner and side in sheet pixels, and its
    size in modules (without the quiet zone)."""

    left: int
    top: int
    side: int
    modules: int


Damage = Callable[[np.ndarray, str], np.ndarray]
"""Changes a code's module matrix (0 dark, 255 light, one pixel per module) before it is
printed; gets the error-correction level ("l", "m", "q") too."""


def _poster_sheet(text: str, rng: np.random.Generator) -> np.ndarray:
    return poster_sheet(text, rng)[0]


def poster_sheet(
    text: str, rng: np.random.Generator, damage: Damage | None = None
) -> tuple[np.ndarray, CodeBox]:
    """A white A-format sheet with title bars, text-like lines and the code, gray uint8, and
    where the code is on it. `damage`, if given, edits the modules before printing (it must
    not draw from `rng`, so that a sheet without damage is the same sheet)."""
    width, height = 1000, 1414
    sheet = np.full((height, width), 250, dtype=np.uint8)
    # A dark title band and rows of "text" (short dark bars), as posters have.
    cv2.rectangle(sheet, (60, 60), (940, int(rng.integers(160, 260))), int(rng.integers(0, 90)), -1)
    y = 300
    while y < 760:
        x = 60
        while x < 900:
            length = int(rng.integers(20, 120))
            cv2.rectangle(sheet, (x, y), (min(x + length, 940), y + 14), 40, -1)
            x += length + int(rng.integers(12, 30))
        y += int(rng.integers(28, 48))
    level = str(rng.choice(["l", "m", "q"]))
    modules = code_modules(text, level)
    if damage is not None:
        modules = damage(modules, level)
    side = int(rng.integers(340, 520))
    code = cv2.resize(modules, (side, side), interpolation=cv2.INTER_NEAREST)
    code = np.where(code > 127, 250, int(rng.integers(0, 60))).astype(np.uint8)
    left, top = (width - side) // 2 + int(rng.integers(-60, 60)), 820
    sheet[top : top + side, left : left + side] = code
    return sheet, CodeBox(left, top, side, modules.shape[0])


def code_modules(text: str, level: str) -> np.ndarray:
    """The QR code of `text` (never a Micro QR), one pixel per module, no quiet zone: 0 dark,
    255 light."""
    qr = segno.make(text, micro=False, error=level)
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=1, border=0)
    return np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("L")).copy()


def _photograph(sheet: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, list[str]]:
    """The sheet as a phone sees it: posed in a scene, then light, blur and sensor noise."""
    effects: list[str] = []
    scene_w, scene_h = (1600, 1200) if rng.random() < 0.5 else (1200, 1600)
    background = rng.normal(int(rng.integers(60, 200)), 25, (scene_h // 8, scene_w // 8))
    scene = cv2.resize(np.clip(background, 0, 255).astype(np.uint8), (scene_w, scene_h))

    # Pose: the poster's height as a share of the scene (distance), in-plane rotation and a
    # perspective tilt (each corner pulled by up to `tilt` of the poster's size).
    distance = float(rng.uniform(0.25, 0.95))
    if distance < 0.4:
        effects.append("far")
    height = distance * min(scene_w, scene_h) * 1.3
    width = height * sheet.shape[1] / sheet.shape[0]
    angle = float(rng.normal(0, 12)) if rng.random() < 0.85 else float(rng.uniform(0, 360))
    if abs(angle) > 20:
        effects.append("rotated")
    tilt = float(rng.uniform(0, 0.25))
    if tilt > 0.12:
        effects.append("angled")
    corners = np.array(
        [
            [-width / 2, -height / 2],
            [width / 2, -height / 2],
            [width / 2, height / 2],
            [-width / 2, height / 2],
        ]
    )
    corners += rng.uniform(-tilt, tilt, corners.shape) * np.array([width, height])
    theta = np.deg2rad(angle)
    rotation = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    # Centre on the code (the passholder aims at it), give or take.
    centre = np.array([scene_w / 2, scene_h / 2]) + rng.normal(0, 0.05, 2) * [scene_w, scene_h]
    placed = corners @ rotation.T + centre
    source = np.array(
        [[0, 0], [sheet.shape[1], 0], [sheet.shape[1], sheet.shape[0]], [0, sheet.shape[0]]],
        dtype=np.float32,
    )
    # Shift so the code (lower middle of the sheet), not the sheet's centre, is in view.
    placed[:, 1] -= height * 0.22
    matrix = cv2.getPerspectiveTransform(source, placed.astype(np.float32))
    warped = cv2.warpPerspective(sheet, matrix, (scene_w, scene_h), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(
        np.full(sheet.shape, 255, np.uint8), matrix, (scene_w, scene_h), flags=cv2.INTER_NEAREST
    )
    image = np.where(mask > 0, warped, scene).astype(np.float32)

    # Light: dim halls (low gain), a gradient across the frame, a hard-edged shadow, glare.
    gain = float(rng.uniform(0.35, 1.0))
    if gain < 0.55:
        effects.append("dim")
    ys, xs = np.mgrid[0:scene_h, 0:scene_w].astype(np.float32)
    direction = rng.normal(0, 1, 2)
    ramp = (xs * direction[0] + ys * direction[1]) / (np.hypot(*direction) * max(scene_w, scene_h))
    ramp = (ramp - ramp.min()) / max(float(np.ptp(ramp)), 1e-6)
    uneven = float(rng.uniform(0, 0.7))
    if uneven > 0.4:
        effects.append("uneven")
    image *= gain * (1 - uneven * ramp)
    if rng.random() < 0.3:
        effects.append("shadow")
        normal = rng.normal(0, 1, 2)
        offset = float(rng.uniform(0.3, 0.7))
        side = (xs / scene_w - 0.5) * normal[0] + (ys / scene_h - 0.5) * normal[1]
        edge = np.clip(side / 0.01 + (offset - 0.5) * 10, 0, 1)
        image *= 1 - float(rng.uniform(0.3, 0.6)) * cv2.GaussianBlur(edge, (0, 0), 6)
    if rng.random() < 0.3:
        effects.append("glare")
        gx, gy = centre + rng.normal(0, 0.12, 2) * [scene_w, scene_h]
        radius = float(rng.uniform(0.04, 0.12)) * scene_w
        spot = np.exp(-((xs - gx) ** 2 + (ys - gy) ** 2) / (2 * radius**2))
        image += float(rng.uniform(120, 260)) * spot

    # Optics and sensor: defocus or motion blur, noise.
    roll = rng.random()
    if roll < 0.3:
        effects.append("blur")
        image = cv2.GaussianBlur(image, (0, 0), float(rng.uniform(1.5, 4.0)))
    elif roll < 0.45:
        effects.append("motion")
        length = int(rng.integers(7, 21))
        kernel = np.zeros((length, length), np.float32)
        kernel[length // 2, :] = 1 / length
        turn = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), rng.uniform(0, 180), 1)
        kernel = cv2.warpAffine(kernel, turn, (length, length))
        image = cv2.filter2D(image, -1, kernel / max(float(kernel.sum()), 1e-6))
    else:
        image = cv2.GaussianBlur(image, (0, 0), 0.8)
    sigma = float(rng.uniform(2, 14))
    if sigma > 9:
        effects.append("noisy")
    image += rng.standard_normal(image.shape, dtype=np.float32) * sigma
    return np.clip(image, 0, 255).astype(np.uint8), effects or ["plain"]
