"""The README's first command: ``uitpas-bot demo`` plays the whole flow and says what happened."""

from __future__ import annotations

import subprocess
import sys

from bot.demo.script import run_demo
from bot.sandbox.uitpas.data import NORMAL
from bot.uitpas.numbers import mask_uitpas_number

MASKED = mask_uitpas_number(NORMAL)


async def test_demo_links_checks_in_and_opens_a_promotion() -> None:
    lines: list[str] = []
    assert await run_demo(lines.append) == 0
    transcript = "\n".join(lines)
    assert f"Je UiTPAS {MASKED} is gekoppeld" in transcript
    assert "Je spaarde 1 punt bij Jazz op de Grote Markt (CC De Werf)" in transcript
    assert "Je hebt nu in totaal 26 punten." in transcript
    assert "👤 An tikt op [ " in transcript
    assert "Nodig: " in transcript


async def test_demo_under_v4_logs_in_with_uitid() -> None:
    lines: list[str] = []
    assert await run_demo(lines.append, backend="v4") == 0
    transcript = "\n".join(lines)
    assert "tik /link en meld je aan met je UiTiD" in transcript
    assert "[ Aanmelden met UiTiD ]" in transcript
    assert f"je UiTPAS {MASKED} is gekoppeld" in transcript
    assert "Je spaarde 1 punt bij Jazz op de Grote Markt (CC De Werf)" in transcript
    assert "Je hebt nu in totaal 26 punten." in transcript
    assert "Nodig: " in transcript


def test_run_without_token_names_the_variable_and_points_to_demo(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "TELEGRAM_BOT_TOKEN": ""},
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN is not set" in result.stderr
    assert "uitpas-bot demo" in result.stderr
