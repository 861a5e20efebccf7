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


def _encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def cmyk_jpeg(text: str) -> bytes:
    """A QR code as a CMYK JPEG, as print workflows export them."""
    return _encode(_qr_image(text).convert("CMYK"), "JPEG", quality=90)


def animated_gif(first: str, second: str) -> bytes:
    """Two frames with different codes; the first is the one a viewer shows first."""
    one = _qr_image(first, scale=8).convert("L")
    two = _qr_image(second, scale=8).convert("L").resize(one.size)
    return _encode(one, "GIF", save_all=True, append_images=[two], duration=100)


def tiny_png() -> bytes:
    return _encode(Image.new("RGB", (1, 1), (255, 255, 255)), "PNG")


def png_bomb(side: int = 20_000) -> bytes:
    """A valid 1-bit PNG of side x side white pixels (400 MP at 20000) in a few tens of KiB."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    row = b"\x00" + b"\xff" * ((side + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )
