"""The card picture (issue 16): a Code 128 barcode that zxing-cpp reads back to the exact
13-digit number, straight from the PNG and after JPEG compression as Telegram applies it."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image

from bot.sandbox.uitpas.data import CHILD, FAMILY_KANSENTARIEF, NORMAL
from bot.services.card import grouped, render_card


def read(image: Image.Image) -> list[tuple[str, str]]:
    return [(r.format.name, r.text) for r in zxingcpp.read_barcodes(image)]


def as_jpeg(png: bytes, quality: int, width: int | None = None) -> Image.Image:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if width is not None:  # a smaller size of the photo (Telegram keeps up to 1280 px)
        image.thumbnail((width, width))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return Image.open(io.BytesIO(out.getvalue()))


@pytest.mark.parametrize("number", [NORMAL, FAMILY_KANSENTARIEF, CHILD])
def test_the_barcode_reads_back_to_the_number(number: str) -> None:
    png = render_card(number, "Lina", "UiTPAS Regio Gent")
    assert png.startswith(b"\x89PNG")
    assert read(Image.open(io.BytesIO(png))) == [("Code128", number)]


@pytest.mark.parametrize(("quality", "width"), [(85, None), (40, None), (70, 800), (60, 640)])
def test_the_barcode_survives_jpeg_compression(quality: int, width: int | None) -> None:
    png = render_card(CHILD, "Lina", None)
    assert read(as_jpeg(png, quality, width)) == [("Code128", CHILD)]


def test_the_number_is_printed_in_groups() -> None:
    assert grouped(CHILD) == "0900 0119 0341 7"
