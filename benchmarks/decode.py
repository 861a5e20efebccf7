"""Decode rate and speed: each library alone, "any of them", and our pipeline, on three sets.

    .venv/bin/python -m benchmarks.decode [--photos DIR] [--posters N] [--hard N] [--seed S]
                                          [--repeat N] [--sets real,telegram,posters,hard]
    .venv/bin/python -m benchmarks.decode --quick   # only the hard sets, 12 per category

Sets, all measured in one run with the same images for every row:
  real      the real photos (`tests/data/qr-photos`), as they are;
  telegram  the same photos as Telegram delivers them (longest side 1280 px, JPEG quality 80);
  posters   N generated check-in posters photographed badly, Telegram-compressed
            (benchmarks/posters.py; the same images for the same seed);
  hard      N generated photos per category of benchmarks/hard_photos.py (perspective,
            glare, spots, curved, damaged, motion, defocus), as the phone saved them and as
            Telegram delivers them: a table with a column per category, plus photos of the
            same posters without a code (the cost of a photo nothing reads).

Every row gets the same grayscale pixels (`load_gray`, timed separately in the last row), so
the figures are the decoder call only. "any of the four" counts an image read when zxing-cpp,
pyzbar, QRCodeDetector or QRCodeDetectorAruco reads it, and wrong when any of them returns a
wrong text; its time is the four added up (running them all is what "any" costs). "any of the
five" adds WeChat. A read counts when the expected text is among the results; an image is
*wrong* when a result is neither the expected text nor a code known to be in the image too.
Line breaks are compared as LF, as the manifest stores them. These rules are the same as in
tests/unit/qr/test_qr.py, and so is the one manifest correction (`MANIFEST_CORRECTIONS`).

Times are the median over `--repeat` runs per image, after one warm-up call per decoder, in
wall time or (`--clock cpu`, for a machine shared with other work) the process's CPU time.
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
from importlib.metadata import version
from pathlib import Path

import cv2
import numpy as np
import zxingcpp
from pyzbar import pyzbar

from benchmarks.hard_photos import CATEGORIES, NO_CODE, SPOTS_ANY, hard_photo
from benchmarks.posters import posters, telegram_photo
from bot.qr import decode_gray, load_gray

EXTRA_CODES = {
    "zxing-qrcode-2/16.png": "[内側QRコード]\n\n*ダブルQR*\nhttp://d-qr.net/ex/",
}
"""2-16 holds a second QR code inside the first; the manifest names the outer one only."""

MANIFEST_CORRECTIONS = {
    "zxing-qrcode-2/13.png": (
        "The 2005 USGS aerial photography of the Washington Monument is censored."
    ),
}
"""ZXing's truth for 2-13 says "photograph"; the code says "photography". 2-12 is a photo of
the same poster and its truth says "photography"; zxing-cpp, zbar, OpenCV and WeChat all read
"photography" from 2-13 variants, each after Reed-Solomon correction (which covers the
length field, so a dropped "y" would not survive it). See README, "QR decoding"."""


@dataclass(frozen=True, slots=True)
class Photo:
    name: str
    expected: str
    gray: np.ndarray


@dataclass(slots=True)
class Row:
    name: str
    found: list[list[str]]
    times_ms: list[float]


def default_photos() -> Path:
    """ZXing's black-box photos, shipped with the tests (tests/data/qr-photos/ATTRIBUTION)."""
    return Path(__file__).resolve().parents[1] / "tests" / "data" / "qr-photos"


def load_real(directory: Path, *, telegram: bool) -> tuple[list[Photo], list[bytes]]:
    """The real photos (or their Telegram copies) and the bytes they were loaded from."""
    photos, files = [], []
    with (directory / "manifest.csv").open(newline="", encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            data = (directory / row["image"]).read_bytes()
            if telegram:
                data = telegram_photo(data)
            expected = MANIFEST_CORRECTIONS.get(row["image"], row["expected"])
            photos.append(Photo(row["image"], expected, load_gray(data)))
            files.append(data)
    return photos, files


def same_text(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------- the decoders


Clock = Callable[[], float]
"""Where per-image times are read: `time.perf_counter` (wall), or with `--clock cpu`
`time.process_time` (the process's CPU time, all threads), which on a machine shared with
other work measures what a decode costs rather than how long it waited for a core."""


def zxing_alone(gray: np.ndarray) -> list[str]:
    """zxing-cpp's defaults, QR family only, Plain text (HRI would escape control chars)."""
    barcodes = zxingcpp.read_barcodes(
        gray, formats=zxingcpp.BarcodeFormat.QRCode, text_mode=zxingcpp.TextMode.Plain
    )
    return [barcode.text for barcode in barcodes]


def pyzbar_alone(gray: np.ndarray) -> list[str]:
    """pyzbar's defaults, QR only: zbar converts the payload to UTF-8 by its own guess."""
    found = pyzbar.decode(gray, symbols=[pyzbar.ZBarSymbol.QRCODE])
    return [symbol.data.decode("utf-8", "replace") for symbol in found]


def opencv_single(gray: np.ndarray) -> list[str]:
    """OpenCV's classic detector, its usual one-code call (the multi-code call reads fewer)."""
    try:
        data, _, _ = cv2.QRCodeDetector().detectAndDecodeBytes(gray)
    except cv2.error:
        return []
    return [data.decode("utf-8", "replace")] if data else []


def opencv_aruco(gray: np.ndarray) -> list[str]:
    """OpenCV's ArUco-based detector, all codes."""
    try:
        ok, payloads, _, _ = cv2.QRCodeDetectorAruco().detectAndDecodeBytesMulti(gray)
    except cv2.error:
        return []
    return [data.decode("utf-8", "replace") for data in payloads if data] if ok else []


def wechat_alone(gray: np.ndarray) -> list[str]:
    """OpenCV-contrib's WeChat reader without CNN models (what the pipeline uses), raw: any
    text it returns, not only ASCII."""
    try:
        texts, _ = cv2.wechat_qrcode.WeChatQRCode().detectAndDecode(gray)
    except UnicodeDecodeError:
        return ["\ufffd"]  # it read bytes that are not UTF-8: certainly not the expected text
    return list(texts)


def ours(gray: np.ndarray) -> list[str]:
    return list(decode_gray(gray).texts)


LIBRARIES: dict[str, Callable[[np.ndarray], list[str]]] = {
    "zxing-cpp alone": zxing_alone,
    "pyzbar alone": pyzbar_alone,
    "OpenCV QRCodeDetector alone": opencv_single,
    "OpenCV QRCodeDetectorAruco alone": opencv_aruco,
    "OpenCV WeChatQRCode alone (no CNN)": wechat_alone,
}
FOUR = list(LIBRARIES)[:4]


def measure(
    name: str,
    decode: Callable[[np.ndarray], list[str]],
    photos: list[Photo],
    repeat: int,
    clock: Clock = time.perf_counter,
) -> Row:
    decode(photos[0].gray)  # warm-up: first-call initialisation is not per-image cost
    found, times_ms = [], []
    for photo in photos:
        runs = []
        for _ in range(repeat):
            started = clock()
            texts = decode(photo.gray)
            runs.append((clock() - started) * 1000)
        times_ms.append(statistics.median(runs))
        found.append(texts)
    return Row(name, found, times_ms)


def union(name: str, rows: list[Row]) -> Row:
    """What running all of `rows` and keeping every text would give, at their summed cost."""
    found = [[text for row in rows for text in row.found[i]] for i in range(len(rows[0].found))]
    times = [sum(row.times_ms[i] for row in rows) for i in range(len(rows[0].times_ms))]
    return Row(name, found, times)


def score(row: Row, photos: list[Photo]) -> tuple[int, int]:
    read = wrong = 0
    for photo, texts in zip(photos, row.found, strict=True):
        allowed = {same_text(photo.expected)}
        if photo.name in EXTRA_CODES:
            allowed.add(EXTRA_CODES[photo.name])
        found = {same_text(text) for text in texts}
        read += same_text(photo.expected) in found
        wrong += bool(found - allowed)
    return read, wrong


def table(rows: list[Row], photos: list[Photo]) -> str:
    width = max(len(row.name) for row in rows)
    lines = [
        f"{'decoder':<{width}}  {'read':>13}  {'wrong':>5}  {'median ms':>9}  "
        f"{'p95 ms':>7}  {'max ms':>7}"
    ]
    for row in rows:
        p95 = statistics.quantiles(row.times_ms, n=20, method="inclusive")[18]
        if row.found:
            read, wrong = score(row, photos)
            rate, wrongs = f"{read}/{len(photos)} {100 * read / len(photos):4.1f}%", str(wrong)
        else:
            rate, wrongs = "-", "-"
        lines.append(
            f"{row.name:<{width}}  {rate:>13}  {wrongs:>5}  "
            f"{statistics.median(row.times_ms):9.1f}  {p95:7.1f}  {max(row.times_ms):7.1f}"
        )
    return "\n".join(lines)


def run_set(title: str, photos: list[Photo], files: list[bytes], repeat: int, clock: Clock) -> None:
    rows = [measure(name, decode, photos, repeat, clock) for name, decode in LIBRARIES.items()]
    by_name = {row.name: row for row in rows}
    rows.append(union("any of the four", [by_name[name] for name in FOUR]))
    rows.append(union("any of the five", rows[:5]))
    rows.append(measure("our pipeline (decode_gray)", ours, photos, repeat, clock))
    loading = Row("  image decoding (load_gray)", [], [])
    for data in files:
        runs = []
        for _ in range(repeat):
            started = clock()
            load_gray(data)
            runs.append((clock() - started) * 1000)
        loading.times_ms.append(statistics.median(runs))
    rows.append(loading)
    print(f"\n{title}: {len(photos)} images")
    print(table(rows, photos), flush=True)


def run_hard(seed: int, count: int, repeat: int, clock: Clock) -> None:
    """The per-category tables: every row on the same photos, a column per category."""
    made = [hard_photo(seed, category, i) for category in CATEGORIES for i in range(count)]
    # The spots as first drawn, before those beyond error correction are drawn again: the
    # unrestricted figure, a column of its own (and in the times: photos within budget are
    # the same photos as in "spots").
    made += [hard_photo(seed, "spots", i, spots_any=True) for i in range(count)]
    blank = [hard_photo(seed, NO_CODE, i) for i in range(count)]
    for copy in ("camera", "telegram"):
        photos = [Photo(p.name, p.expected, load_gray(getattr(p, copy))) for p in made]
        empty = [Photo(p.name, p.expected, load_gray(getattr(p, copy))) for p in blank]
        rows = [measure(name, decode, photos, repeat, clock) for name, decode in HARD_ROWS.items()]
        rows.insert(3, union("any of these three", rows[:3]))
        idle = [measure(name, decode, empty, repeat, clock) for name, decode in HARD_ROWS.items()]
        idle.insert(3, union("any of these three", idle[:3]))
        what = (
            "as saved by the phone (1920x1440, JPEG q92)"
            if copy == "camera"
            else ("after Telegram (1280 px, JPEG q80)")
        )
        print(f"\nhard photos, {what}: {count} per category, seed {seed}")
        print(category_table(rows, photos, idle), flush=True)


HARD_ROWS: dict[str, Callable[[np.ndarray], list[str]]] = {
    "zxing-cpp alone": zxing_alone,
    "pyzbar alone": pyzbar_alone,
    "OpenCV QRCodeDetector alone": opencv_single,
    "our pipeline (decode_gray)": ours,
}
"""The hard sets' rows (before "any of these three" is put in after the first three)."""


def category_table(rows: list[Row], photos: list[Photo], idle: list[Row]) -> str:
    """Read counts per category, wrong texts over all of them, times over the photos with a
    code and over those without (`idle`: the same posters, no code). "spots" keeps its spots
    within the code's error correction (the generator draws them again until they are);
    `SPOTS_ANY` ("spots(any)") is the same photos as first drawn, some beyond what any
    reader can restore, shown beside it so that the unrestricted figure stays visible."""
    categories = [
        c for c in (*CATEGORIES, SPOTS_ANY) if any(p.name.startswith(c + "-") for p in photos)
    ]
    if SPOTS_ANY in categories and "spots" in categories:
        categories.remove(SPOTS_ANY)
        categories.insert(categories.index("spots") + 1, SPOTS_ANY)
    picks = {c: [i for i, p in enumerate(photos) if p.name.startswith(c + "-")] for c in categories}
    width = max(len(row.name) for row in rows)
    head = "".join(f"  {c[:11]:>11}" for c in categories)
    lines = [
        f"{'decoder':<{width}}{head}  {'wrong':>5}  {'med ms':>6}  {'p95 ms':>6}  "
        f"{'no code: med':>12}  {'p95 ms':>6}"
    ]
    for row, blank in zip(rows, idle, strict=True):
        cells = ""
        for category in categories:
            picked = picks[category]
            sub = Row(row.name, [row.found[i] for i in picked], [])
            read, _ = score(sub, [photos[i] for i in picked])
            cells += f"  {f'{read}/{len(picked)} {100 * read // len(picked):3d}%':>11}"
        _, wrong = score(row, photos)
        wrong += sum(bool(texts) for texts in blank.found)  # any text from a blank is wrong
        lines.append(
            f"{row.name:<{width}}{cells}  {wrong:>5}  {statistics.median(row.times_ms):6.1f}  "
            f"{_p95(row.times_ms):6.1f}  {statistics.median(blank.times_ms):12.1f}  "
            f"{_p95(blank.times_ms):6.1f}"
        )
    return "\n".join(lines)


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=Path, default=default_photos(), help="photo set folder")
    parser.add_argument("--posters", type=int, default=200, help="generated posters")
    parser.add_argument("--seed", type=int, default=2024, help="seed of the generated posters")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per image (median)")
    parser.add_argument("--hard", type=int, default=30, help="hard photos per category")
    parser.add_argument(
        "--clock", choices=["wall", "cpu"], default="wall", help="time per image: wall or CPU"
    )
    parser.add_argument("--sets", default="real,telegram,posters,hard", help="which sets to run")
    parser.add_argument(
        "--quick", action="store_true", help="only the hard sets, 12 per category, 1 run each"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.sets, args.hard, args.repeat = "hard", 12, 1
    if not (args.photos / "manifest.csv").is_file():
        print(f"no manifest.csv in {args.photos}", file=sys.stderr)
        return 2
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    started = time.perf_counter()
    print(
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start, "
        f"{args.clock} clock, "
        f"OpenCV {cv2.__version__}, zxing-cpp {version('zxing-cpp')}, "
        f"repeat {args.repeat}, posters seed {args.seed}"
    )
    chosen = args.sets.split(",")
    if "real" in chosen:
        run_set(
            f"real ({args.photos})", *load_real(args.photos, telegram=False), args.repeat, clock
        )
    if "telegram" in chosen:
        run_set(
            "telegram (same photos, 1280 px, JPEG q80)",
            *load_real(args.photos, telegram=True),
            args.repeat,
            clock,
        )
    if "posters" in chosen:
        made = posters(args.seed, args.posters)
        photos = [Photo(p.name, p.expected, load_gray(p.data)) for p in made]
        run_set(
            f"posters (generated, seed {args.seed})",
            photos,
            [p.data for p in made],
            args.repeat,
            clock,
        )
    if "hard" in chosen:
        run_hard(args.seed, args.hard, args.repeat, clock)
    print(
        f"\n{time.perf_counter() - started:.0f} s in all; "
        f"load average {os.getloadavg()[0]:.1f} at the end"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
