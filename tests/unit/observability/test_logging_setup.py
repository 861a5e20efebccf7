"""Secrets and personal data never reach the log output."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from bot.observability.logging_setup import (
    JsonFormatter,
    RedactingFormatter,
    configure_logging,
    redact,
    redact_secrets,
)

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
NUMBER = "0930056878802"


def test_bot_token_card_number_and_codes_are_redacted() -> None:
    line = (
        "POST http://x/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getUpdates "
        "GET /uitpas/enduser/0930056878802 https://uitpas.be/?qr=secretcode"
    )
    cleaned = redact(line)
    assert "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw" not in cleaned
    assert "0930056878802" not in cleaned
    assert "secretcode" not in cleaned


def test_tracebacks_are_redacted_too() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter("%(message)s"))
    logger = logging.getLogger("test-redaction")
    logger.addHandler(handler)
    try:
        raise ValueError("card 0930056878802 refused")
    except ValueError:
        logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    assert "0930056878802" not in stream.getvalue()
    assert "<uitpas-number>" in stream.getvalue()


def test_configured_secrets_are_redacted_whatever_their_shape() -> None:
    redact_secrets("short:tok3n-x", None, "")
    assert redact("url http://h/botshort:tok3n-x/getMe") == "url http://h/bot<secret>/getMe"


@pytest.fixture
def restored_root() -> Iterator[logging.Logger]:
    """configure_logging replaces the root handlers; put the test run's own back after."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield root
    root.handlers[:] = handlers
    root.setLevel(level)


def test_json_lines_carry_extras_and_are_redacted(
    restored_root: logging.Logger, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = 'se"cr\\et-with-quotes'  # a quote and a backslash: JSON escapes both
    redact_secrets(secret)
    configure_logging("INFO", "json")
    log = logging.getLogger("bot.test-json")
    log.info("update %s photo handled in %d ms", 12, 84, extra={"update_id": 12, "duration_ms": 84})
    log.warning(
        "card %s via http://x/bot%s/getMe and %s",
        NUMBER,
        TOKEN,
        secret,
        extra={"answer_code": "ACTION_SUCCEEDED", "number": 1234567890123, "codes": [NUMBER]},
    )
    try:
        raise ValueError(f"refused {NUMBER}")
    except ValueError:
        log.exception("check-in failed", extra={"qr_codes": 1})
    output = capsys.readouterr().err
    first, second, third = (json.loads(line) for line in output.splitlines())

    assert first["message"] == "update 12 photo handled in 84 ms"
    assert (first["update_id"], first["duration_ms"]) == (12, 84)
    assert (first["level"], first["logger"]) == ("INFO", "bot.test-json")
    written = datetime.fromisoformat(first["time"])
    assert written.utcoffset() == timedelta(0)
    assert second["answer_code"] == "ACTION_SUCCEEDED"
    assert second["number"] == "<uitpas-number>"  # an int is checked as text too
    assert second["codes"] == ["<uitpas-number>"]
    expected = "card <uitpas-number> via http://x/bot<bot-token>/getMe and <secret>"
    assert second["message"] == expected
    assert third["qr_codes"] == 1
    assert "ValueError: refused <uitpas-number>" in third["exc_info"]
    for leaked in (NUMBER, "1234567890123", TOKEN, "cr\\et", json.dumps(secret)[1:-1]):
        assert leaked not in output


def test_text_stays_the_default(
    restored_root: logging.Logger, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("INFO")
    logging.getLogger("bot.test-text").info("plain %s", NUMBER)
    line = capsys.readouterr().err.strip()
    assert line.endswith("INFO bot.test-text: plain <uitpas-number>")


def test_json_formatter_survives_values_json_cannot_encode() -> None:
    record = logging.LogRecord("bot.x", logging.INFO, __file__, 1, "odd", (), None)
    record.when = datetime(2025, 1, 1)  # type: ignore[attr-defined]
    record.blob = {"n": NUMBER, 3: object}  # type: ignore[attr-defined]
    entry = json.loads(JsonFormatter().format(record))
    assert entry["when"] == "datetime.datetime(2025, 1, 1, 0, 0)"
    assert entry["blob"] == {"n": "<uitpas-number>", "3": "<class 'object'>"}
