"""Secrets and personal data never reach the log output."""

from __future__ import annotations

import io
import logging

from bot.logging_setup import RedactingFormatter, redact, redact_secrets


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
