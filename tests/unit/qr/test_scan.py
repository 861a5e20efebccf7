"""`uitpas-bot scan`: output in both modes and exit codes."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
import segno
from PIL import Image

from bot.qr.scan import main

URL = "https://uitpas.be/?qr=ndm24bawzzswzunwa2hotji8"


def _code_png(path: Path, *texts: str) -> Path:
    """Write a PNG with the given codes side by side."""
    parts = []
    for text in texts:
        buffer = io.BytesIO()
        segno.make(text, micro=False).save(buffer, kind="png", scale=6, border=4)
        parts.append(Image.open(io.BytesIO(buffer.getvalue())).convert("L"))
    width = sum(part.width for part in parts) or 100
    height = max((part.height for part in parts), default=100)
    img = Image.new("L", (width, height), 255)
    left = 0
    for part in parts:
        img.paste(part, (left, 0))
        left += part.width
    img.save(path)
    return path


@pytest.fixture
def images(tmp_path: Path) -> dict[str, Path]:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    return {
        "one": _code_png(tmp_path / "one.png", URL),
        "two": _code_png(tmp_path / "two.png", "left", "line 1\nline 2 "),
        "none": _code_png(tmp_path / "none.png"),
        "broken": broken,
        "missing": tmp_path / "missing.jpg",
    }


def _lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    out = capsys.readouterr().out
    assert out.endswith("\n")
    return out.splitlines()


def test_json_output(images: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    paths = [images[name] for name in ("one", "two", "none")]
    assert main(["--json", *map(str, paths)]) == 0
    records = [json.loads(line) for line in _lines(capsys)]
    assert [record["image"] for record in records] == list(map(str, paths))
    assert [record["codes"] for record in records] == [[URL], ["left", "line 1\nline 2 "], []]
    for record in records:
        assert set(record) == {"image", "codes", "ms"}
        assert isinstance(record["ms"], float)
        assert record["ms"] >= 0
        assert record["ms"] == round(record["ms"], 1)


def test_json_reports_unreadable_images_and_carries_on(
    images: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [images[name] for name in ("broken", "one", "missing")]
    assert main(["--json", *map(str, paths)]) == 1
    broken, one, missing = (json.loads(line) for line in _lines(capsys))
    assert set(broken) == {"image", "error"}
    assert broken["image"] == str(images["broken"])
    assert broken["error"]
    assert one["codes"] == [URL]
    assert set(missing) == {"image", "error"}
    assert "cannot read file" in missing["error"]


def test_text_output(images: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    paths = [images[name] for name in ("one", "two", "none")]
    assert main([str(path) for path in paths]) == 0
    one, two, none = _lines(capsys)
    assert re.fullmatch(rf"{re.escape(str(paths[0]))}: \d+\.\d ms: \"{re.escape(URL)}\"", one)
    # codes are quoted, so a line break inside one keeps the output one line per image
    assert two.endswith(': "left", "line 1\\nline 2 "')
    assert re.fullmatch(rf"{re.escape(str(paths[2]))}: \d+\.\d ms: no QR code found", none)


def test_text_output_for_unreadable_images(
    images: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(images["broken"]), str(images["none"])]) == 1
    broken, none = _lines(capsys)
    assert broken.startswith(f"{images['broken']}: unreadable: ")
    assert none.endswith("no QR code found")


def test_no_code_is_not_an_error(
    images: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(images["none"])]) == 0
    assert len(_lines(capsys)) == 1


@pytest.mark.parametrize(("argv", "code"), [([], 2), (["--bogus", "x.png"], 2), (["--help"], 0)])
def test_argument_handling_returns_instead_of_exiting(
    argv: list[str], code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == code
    capsys.readouterr()
