"""`uitpas-bot scan [--json] IMAGE...`: decode the QR codes in image files, one line per image.

A tool for operators and for checking the decoder on new photos without going through
Telegram. It prints the decoded texts, which is its purpose; the bot itself never logs them.

Exit codes:
    0  every image could be read (whether or not it held a QR code: "no code" is an answer,
       the same one the bot gives a passholder, not a failure of the command);
    1  at least one file was missing or not a decodable image (each is reported on its own
       line and the remaining images are still scanned);
    2  bad arguments (argparse's usage error).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bot.qr import ImageUnreadable, decode_qr

__all__ = ["ScanResult", "main", "scan_file"]


@dataclass(frozen=True, slots=True)
class ScanResult:
    """The outcome for one image: its codes and decode time, or why it could not be read."""

    image: str
    codes: tuple[str, ...] = ()
    ms: float = 0.0
    error: str | None = None

    def as_json(self) -> str:
        """One JSON object: `{"image", "codes", "ms"}`, or `{"image", "error"}` on failure.

        An unreadable image has no "codes" key, so a consumer cannot mistake it for an image
        without a code.
        """
        record: dict[str, object] = {"image": self.image}
        if self.error is None:
            record |= {"codes": list(self.codes), "ms": round(self.ms, 1)}
        else:
            record["error"] = self.error
        return json.dumps(record)

    def as_text(self) -> str:
        """One line for people: path, time, then the codes as JSON strings (so a line break
        or a trailing space inside a code stays visible and the line stays one line)."""
        if self.error is not None:
            return f"{self.image}: unreadable: {self.error}"
        if not self.codes:
            return f"{self.image}: {self.ms:.1f} ms: no QR code found"
        codes = ", ".join(json.dumps(code, ensure_ascii=False) for code in self.codes)
        return f"{self.image}: {self.ms:.1f} ms: {codes}"


def scan_file(path: Path) -> ScanResult:
    """Read and decode one file. `ms` is the decode time only (file reading excluded)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return ScanResult(image=str(path), error=f"cannot read file: {error.strerror or error}")
    started = time.perf_counter()
    try:
        codes = decode_qr(data)
    except ImageUnreadable as error:
        return ScanResult(image=str(path), error=str(error))
    elapsed_ms = (time.perf_counter() - started) * 1000
    return ScanResult(image=str(path), codes=tuple(codes), ms=elapsed_ms)


def main(argv: list[str]) -> int:
    """Run the command on `argv`, the arguments after `scan`; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="uitpas-bot scan",
        description="Decode the QR codes in image files (PNG, JPEG, WebP, GIF).",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object per image")
    parser.add_argument("images", nargs="+", type=Path, metavar="IMAGE")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help (0) or a usage error (2): return, don't exit
        return int(exit_.code or 0)

    any_unreadable = False
    for path in args.images:
        result = scan_file(path)
        any_unreadable |= result.error is not None
        print(result.as_json() if args.json else result.as_text(), flush=True)
    return 1 if any_unreadable else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
