"""Decode rate and speed on the shared QR photos: each library alone vs. bot.qr.decode_qr.

    .venv/bin/python benchmarks/decode.py [--photos DIR] [--repeat N]

The libraries alone get the grayscale pixels (`load_gray`), so their figures are the decoder
call only, as in the photo set's README. `decode_qr` gets the file's bytes, so its figures
include decoding the PNG; the `load_gray` row shows what that part costs.

A read counts when the expected text is among the results; a *wrong* image is one where a
result is neither the expected text nor a code known to be in the image too. Line breaks are
compared as LF, as the manifest stores them (the codes themselves mostly carry CRLF). These two
rules are the same as in tests/test_qr.py.

Times are the median over `--repeat` runs per image, after one warm-up call per decoder.
Texts are never printed.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import zxingcpp
from pyzbar import pyzbar

from bot.qr import decode_qr, load_gray

EXTRA_CODES = {
    "zxing-qrcode-2/16.png": "[内側QRコード]\n\n*ダブルQR*\nhttp://d-qr.net/ex/",
}
"""2-16 holds a second QR code inside the first; the manifest names the outer one only."""


@dataclass(frozen=True, slots=True)
class Photo:
    name: str
    expected: str
    data: bytes
    gray: np.ndarray


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    read: int
    wrong: int
    total: int
    times_ms: list[float]


def default_photos() -> Path:
    shared = os.environ.get("UITPAS_SHARED_DIR") or Path(__file__).resolve().parents[2] / "shared"
    return Path(shared) / "qr-photos"


def load_photos(directory: Path) -> list[Photo]:
    with (directory / "manifest.csv").open(newline="", encoding="utf-8") as rows:
        photos = []
        for row in csv.DictReader(rows):
            data = (directory / row["image"]).read_bytes()
            photos.append(Photo(row["image"], row["expected"], data, load_gray(data)))
        return photos


def same_text(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------- the decoders


def zxing_alone(photo: Photo) -> list[str]:
    """zxing-cpp's defaults, QR family only, Plain text (HRI would escape control chars)."""
    barcodes = zxingcpp.read_barcodes(
        photo.gray, formats=zxingcpp.BarcodeFormat.QRCode, text_mode=zxingcpp.TextMode.Plain
    )
    return [barcode.text for barcode in barcodes]


def pyzbar_alone(photo: Photo) -> list[str]:
    """pyzbar's defaults, QR only: zbar converts the payload to UTF-8 by its own guess."""
    found = pyzbar.decode(photo.gray, symbols=[pyzbar.ZBarSymbol.QRCODE])
    return [symbol.data.decode("utf-8", "replace") for symbol in found]


def opencv_single(photo: Photo) -> list[str]:
    """OpenCV's classic detector, its usual one-code call (the multi-code call reads fewer)."""
    try:
        data, _, _ = cv2.QRCodeDetector().detectAndDecodeBytes(photo.gray)
    except cv2.error:
        return []
    return [data.decode("utf-8", "replace")] if data else []


def opencv_aruco(photo: Photo) -> list[str]:
    """OpenCV's ArUco-based detector, all codes: the call decode_qr's last fallback makes."""
    try:
        ok, payloads, _, _ = cv2.QRCodeDetectorAruco().detectAndDecodeBytesMulti(photo.gray)
    except cv2.error:
        return []
    return [data.decode("utf-8", "replace") for data in payloads if data] if ok else []


def ours(photo: Photo) -> list[str]:
    return decode_qr(photo.data)


def image_decoding(photo: Photo) -> list[str]:
    load_gray(photo.data)
    return []


DECODERS: dict[str, Callable[[Photo], list[str]]] = {
    "zxing-cpp alone": zxing_alone,
    "pyzbar alone": pyzbar_alone,
    "OpenCV QRCodeDetector alone": opencv_single,
    "OpenCV QRCodeDetectorAruco alone": opencv_aruco,
    "decode_qr (from file bytes)": ours,
    "  of which load_gray": image_decoding,
}


# ---------------------------------------------------------------------------- measuring


def measure(
    name: str, decode: Callable[[Photo], list[str]], photos: list[Photo], repeat: int
) -> Row:
    decode(photos[0])  # warm-up: first-call initialisation is not per-image cost
    read = wrong = 0
    times_ms = []
    for photo in photos:
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            texts = decode(photo)
            runs.append((time.perf_counter() - started) * 1000)
        times_ms.append(statistics.median(runs))
        allowed = {same_text(photo.expected)}
        if photo.name in EXTRA_CODES:
            allowed.add(EXTRA_CODES[photo.name])
        found = {same_text(text) for text in texts}
        read += same_text(photo.expected) in found
        wrong += bool(found - allowed)
    return Row(name, read, wrong, len(photos), times_ms)


def table(rows: list[Row]) -> str:
    width = max(len(row.name) for row in rows)
    lines = [
        f"{'decoder':<{width}}  {'read':>13}  {'wrong':>5}  {'median ms':>9}  "
        f"{'p95 ms':>7}  {'max ms':>7}"
    ]
    for row in rows:
        p95 = statistics.quantiles(row.times_ms, n=20, method="inclusive")[18]
        rate = f"{row.read}/{row.total} {100 * row.read / row.total:4.1f}%" if row.read else "-"
        lines.append(
            f"{row.name:<{width}}  {rate:>13}  {row.wrong if row.read else '-':>5}  "
            f"{statistics.median(row.times_ms):9.1f}  {p95:7.1f}  {max(row.times_ms):7.1f}"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=Path, default=default_photos(), help="photo set folder")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per image (median)")
    args = parser.parse_args(argv)
    if not (args.photos / "manifest.csv").is_file():
        print(f"no manifest.csv in {args.photos}", file=sys.stderr)
        return 2
    photos = load_photos(args.photos)
    print(f"{len(photos)} photos in {args.photos}, {os.cpu_count()} CPUs, repeat {args.repeat}")
    print(table([measure(name, f, photos, args.repeat) for name, f in DECODERS.items()]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
