"""Photos of the sandbox's check-in posters as the bot downloads them from Telegram.

The load benchmark needs what a busy entrance produces: many passholders photographing the
printed poster of an event that the sandbox knows, so that every photo decodes to a real
check-in code. `benchmarks/posters.py` makes the hard cases for the decoder (far, dim, steep,
glare on half the photos); this module makes the ordinary ones, in the proportions a queue at
the door would: the poster is the sandbox's own printable page (`bot.sandbox.uitpas.posters`),
photographed by a phone in colour from an arm's length to a few metres, a little turned and
tilted, under hall lighting, slightly soft and noisy. Then it goes through the Telegram
emulator's own photo processing (`bot.sandbox.telegram.photos.renditions`) and the largest
rendition is kept: a JPEG of 1280 px on the long side at quality 80, what `photo[-1]` holds.

Photo `i` of seed `s` depends on `(s, i)` and its code only, so the same arguments give the
same bytes on every machine and run.

    telegram_sized_posters(codes, count=100, seed=2024) -> list[bytes]
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache

import cv2
import numpy as np

from bot.sandbox.telegram.photos import renditions
from bot.sandbox.uitpas.data import Event, Organiser, demo_data
from bot.sandbox.uitpas.posters import poster

__all__ = ["PHONE_SIZE", "poster_photo", "telegram_sized_posters"]

PHONE_SIZE = (1600, 1200)
"""The camera frame (width, height in landscape): a 4:3 photo larger than Telegram's 1280 px,
so that the emulator's downscale (Lanczos) and re-encode happen as in production. Phones take
12 MP; that much more resolution would only be thrown away by the downscale, and would make
generating a thousand photos slow."""

PHONE_JPEG_QUALITY = 92
"""What the phone uploads: its own JPEG, which Telegram then decodes and re-encodes."""

_ORGANISER = Organiser("00000000-0000-4000-8000-00000000b001", "Benchmark")


def telegram_sized_posters(codes: list[str], count: int, seed: int = 2024) -> list[bytes]:
    """`count` Telegram-sized JPEGs; photo `i` shows the poster of `codes[i % len(codes)]`."""
    if not codes:
        raise ValueError("at least one check-in code is needed")
    return [poster_photo(codes[index % len(codes)], seed, index) for index in range(count)]


def poster_photo(code: str, seed: int, index: int) -> bytes:
    """Photo `index` of `seed` of the poster carrying `code`, as Telegram's largest rendition."""
    rng = np.random.default_rng([seed, index])
    photo = _photograph(_sheet(code), rng)
    bgr = cv2.cvtColor(photo, cv2.COLOR_RGB2BGR)
    ok, jpeg = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, PHONE_JPEG_QUALITY])
    if not ok:
        raise RuntimeError("OpenCV could not encode the photo")
    return renditions(jpeg.tobytes())[-1].jpeg


@lru_cache(maxsize=64)
def _sheet(code: str) -> np.ndarray:
    """The sandbox's printable poster for `code`, RGB (the demo event's own title if it is one)."""
    now = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    event = next((e for e in demo_data(now).events if e.checkin_code == code), None)
    if event is None:
        event = Event("bench", "Check-in", _ORGANISER, now, now + timedelta(hours=2), code)
    return np.asarray(poster(event).convert("RGB"))


def _photograph(sheet: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The sheet on a wall, seen by a phone aimed at its code: pose, light, optics, sensor."""
    width, height = PHONE_SIZE if rng.random() < 0.4 else PHONE_SIZE[::-1]
    wall = rng.normal(rng.integers(90, 210, 3), 12, (height // 16, width // 16, 3))
    scene = cv2.resize(np.clip(wall, 0, 255).astype(np.uint8), (width, height))

    # Pose: the code's width as a share of the frame's short side (the distance), a small
    # in-plane turn and a perspective tilt (corners pulled by up to `tilt` of the sheet).
    sheet_h, sheet_w = sheet.shape[:2]
    code_share = float(rng.uniform(0.3, 0.8))
    scale = code_share * min(width, height) / (0.8 * sheet_w)  # the code is 80% of the width
    w, h = sheet_w * scale, sheet_h * scale
    corners = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    tilt = float(rng.uniform(0, 0.1))
    corners += rng.uniform(-tilt, tilt, corners.shape) * np.array([w, h])
    theta = np.deg2rad(float(rng.normal(0, 6)))
    turn = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    aim = np.array([width / 2, height / 2]) + rng.normal(0, 0.04, 2) * [width, height]
    # The code's centre sits 57% down the sheet: put that point where the phone aims.
    placed = (corners - [0, h * 0.07]) @ turn.T + aim
    source = np.float32([[0, 0], [sheet_w, 0], [sheet_w, sheet_h], [0, sheet_h]])
    matrix = cv2.getPerspectiveTransform(source, placed.astype(np.float32))
    image = cv2.warpPerspective(
        sheet,
        matrix,
        (width, height),
        dst=scene.copy(),
        flags=cv2.INTER_AREA,
        borderMode=cv2.BORDER_TRANSPARENT,
    ).astype(np.float32)

    # Light: a hall's exposure and colour cast, falling off across the frame; now and then
    # a soft reflection of a ceiling lamp. Both vary slowly, so they are drawn at 1/8 size.
    small_h, small_w = height // 8, width // 8
    ys, xs = np.mgrid[0:small_h, 0:small_w].astype(np.float32)
    direction = rng.normal(0, 1, 2)
    ramp = xs * direction[0] + ys * direction[1]
    ramp = (ramp - ramp.min()) / max(float(np.ptp(ramp)), 1e-6)
    gain = float(rng.uniform(0.55, 1.0)) * (1 - float(rng.uniform(0, 0.35)) * ramp)
    glare = np.zeros_like(gain)
    if rng.random() < 0.15:
        gx, gy = (aim + rng.normal(0, 0.2, 2) * [width, height]) / 8
        radius = float(rng.uniform(0.05, 0.1)) * small_w
        glare = float(rng.uniform(60, 140)) * np.exp(
            -((xs - gx) ** 2 + (ys - gy) ** 2) / (2 * radius**2)
        )
    gain = cv2.resize(gain, (width, height), interpolation=cv2.INTER_LINEAR)
    glare = cv2.resize(glare, (width, height), interpolation=cv2.INTER_LINEAR)
    cast = rng.uniform(0.9, 1.05, 3).astype(np.float32)
    image = image * gain[..., None] * cast + glare[..., None]

    # Optics and sensor: slightly soft, sometimes a little shake; noise.
    if rng.random() < 0.15:
        length = int(rng.integers(5, 11))
        kernel = np.zeros((length, length), np.float32)
        kernel[length // 2, :] = 1 / length
        spin = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), rng.uniform(0, 180), 1)
        kernel = cv2.warpAffine(kernel, spin, (length, length))
        image = cv2.filter2D(image, -1, kernel / max(float(kernel.sum()), 1e-6))
    else:
        image = cv2.GaussianBlur(image, (0, 0), float(rng.uniform(0.6, 1.6)))
    # Sensor noise, mostly in luminance (phones suppress chroma noise).
    noise = rng.standard_normal((height, width, 1), dtype=np.float32) * float(rng.uniform(2, 8))
    image += noise
    return np.clip(image, 0, 255).astype(np.uint8)
