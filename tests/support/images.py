"""Images for tests, made on the spot: QR codes, photos of posters, things that are not images."""

from __future__ import annotations

import io

import segno
from PIL import Image, ImageDraw, ImageFilter


def qr_png(text: str, *, scale: int = 10) -> bytes:
    buffer = io.BytesIO()
    segno.make_qr(text, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def _qr_image(text: str, scale: int = 10) -> Image.Image:
    return Image.open(io.BytesIO(qr_png(text, scale=scale))).convert("RGB")


def poster_photo(*texts: str, size: tuple[int, int] = (2000, 1500), quality: int = 85) -> bytes:
    """A phone-like JPEG: codes side by side on a grey-ish poster, slightly rotated and soft."""
    canvas = Image.new("RGB", size, (205, 200, 190))
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((60, 60, size[0] - 60, size[1] - 60), fill=(245, 243, 238))
    step = size[0] // (len(texts) + 1)
    for index, text in enumerate(texts, start=1):
        code = _qr_image(text, scale=12)
        code.thumbnail((min(step - 80, 900), min(step - 80, 900)))
        canvas.paste(code, (step * index - code.width // 2, size[1] // 2 - code.height // 2))
    photo = canvas.rotate(4, expand=False, fillcolor=(90, 90, 90)).filter(
        ImageFilter.GaussianBlur(1.2)
    )
    buffer = io.BytesIO()
    photo.save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def photo_without_qr() -> bytes:
    image = Image.new("RGB", (1200, 900), (120, 160, 200))
    ImageDraw.Draw(image).ellipse((300, 200, 900, 700), fill=(240, 200, 40))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()
