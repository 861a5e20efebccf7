"""The run-wide log leak check (tests/support/log_capture.py) can see, and can fail."""

from __future__ import annotations

import logging

from bot.sandbox.telegram import TelegramEmulator
from bot.sandbox.uitpas.auth import DEMO_CONSUMERS
from bot.sandbox.uitpas.data import NORMAL
from tests.support.log_capture import CAPTURE, demo_numbers, find_leaks


def test_the_capture_is_on_the_root_logger_and_sees_bot_and_library_records() -> None:
    assert CAPTURE in logging.getLogger().handlers
    before = len(CAPTURE.lines), len(CAPTURE.raw)
    logging.getLogger("bot.services.checkin").info("capture probe %d", 1)
    logging.getLogger("telegram.ext.Application").warning("library probe")
    assert len(CAPTURE.lines) == before[0] + 2
    assert len(CAPTURE.raw) == before[1] + 1  # only the bot's own record is kept raw
    assert CAPTURE.lines[-1] == ("telegram.ext.Application", CAPTURE.lines[-1][1])


def test_a_planted_token_secret_or_number_is_found() -> None:
    token, secret = TelegramEmulator().token, DEMO_CONSUMERS[0].secret
    lines = [
        ("httpx", f"POST https://api.telegram.org/bot{token}/getMe"),
        ("bot.x", f"signing with {secret}"),
        ("bot.y", "fine"),
    ]
    spaced = " ".join((NORMAL[:4], NORMAL[4:8], NORMAL[8:12], NORMAL[12:]))
    raw = [("bot.services.linking", f"linked {spaced}"), ("bot.z", f"card {NORMAL}")]
    found = {(leak.what, leak.check) for leak in find_leaks(lines, raw)}
    assert ("bot token", "formatted") in found
    assert (f"consumer secret {DEMO_CONSUMERS[0].key}", "formatted") in found
    assert (f"UiTPAS number {NORMAL[:4]}…{NORMAL[-3:]}", "raw bot record") in found
    assert len([f for f in found if f[1] == "raw bot record"]) == 1  # both forms, one number


def test_redaction_saves_the_formatted_line_but_not_the_raw_check() -> None:
    """A bot logger printing a number is caught even though the formatter would redact it."""
    record = logging.LogRecord("bot.leaky", logging.INFO, __file__, 1, "card %s", (NORMAL,), None)
    formatted = CAPTURE.format(record)
    assert NORMAL not in formatted
    leaks = find_leaks([("bot.leaky", formatted)], [("bot.leaky", record.getMessage())])
    assert [leak.check for leak in leaks] == ["raw bot record"]


def test_every_demo_number_is_watched() -> None:
    assert NORMAL in demo_numbers()
    assert len(demo_numbers()) >= 7
