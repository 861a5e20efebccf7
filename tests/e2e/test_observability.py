"""End to end: what the running bot counts, times and logs about the updates it handles.

The figures are read back from ``services.metrics.render()`` (what ``GET /metrics`` serves),
parsed as Prometheus would, and the per-update log lines from the records the bot really wrote.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.observability.logging_setup import JsonFormatter
from bot.sandbox.uitpas.data import NORMAL, OTHER
from tests.support.harness import AN, JOHN, Harness, say
from tests.support.images import poster_photo

JAZZ_CODE = "12345678"  # happening now, 1 point


def rendered(harness: Harness) -> str:
    body, _ = harness.running.services.metrics.render()
    return body.decode()


def value(harness: Harness, name: str, **labels: str) -> float:
    """One sample's value; 0 when the series does not exist (yet)."""
    for family in text_string_to_metric_families(rendered(harness)):
        for sample in family.samples:
            if sample.name == name and sample.labels == labels:
                return sample.value
    return 0.0


async def value_becomes(
    harness: Harness, expected: float, name: str, within: float = 10, **labels: str
) -> None:
    """The per-update figures are recorded as the handler returns, just after its reply."""
    deadline = time.monotonic() + within
    while value(harness, name, **labels) != expected:
        assert time.monotonic() < deadline, f"{name}{labels} never became {expected}"
        await asyncio.sleep(0.05)


def update_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "bot.updates"]


def assert_nothing_personal(harness: Harness, text: str) -> None:
    """No token anywhere, and no card-number-like run in a name, a help text or a label.

    Sample values are left out of the digit check: they are numbers, and a float such as a
    ``_created`` timestamp (1.7956721807305e+09) may hold thirteen digits in a row.
    """
    token = harness.settings.telegram_bot_token
    assert token is not None
    assert token.get_secret_value() not in text
    words = []
    for family in text_string_to_metric_families(text):
        words += [family.name, family.documentation]
        for sample in family.samples:
            words += [sample.name, *sample.labels, *sample.labels.values()]
    found = re.search(r"(?<!\d)\d{13}(?!\d)", "\n".join(words))
    assert found is None, f"a card-number-like run in the metrics: {found}"
    assert NORMAL not in text
    labels = {
        label
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        for label in sample.labels.values()
    }
    assert not {str(AN.id), str(JOHN.id)} & labels


async def test_a_photo_check_in_is_counted_timed_and_logged_once(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.updates")
    await say(harness, AN, f"/link {NORMAL}")
    await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    reply = await harness.telegram.wait_for_call(
        "sendMessage", chat_id=AN.id, where=lambda call: "Je spaarde" in (call.text or "")
    )
    assert reply.ok

    await value_becomes(harness, 1, "uitpasbot_updates_total", kind="photo", outcome="ok")
    assert value(harness, "uitpasbot_updates_total", kind="command_link", outcome="ok") == 1
    assert value(harness, "uitpasbot_update_seconds_count", kind="photo") == 1
    assert value(harness, "uitpasbot_update_seconds_sum", kind="photo") > 0
    assert value(harness, "uitpasbot_checkins_total", answer_code="ACTION_SUCCEEDED") == 1
    assert value(harness, "uitpasbot_qr_reads_total", result="read") == 1
    assert value(harness, "uitpasbot_qr_reads_total", result="no_code") == 0
    checkin_latency = "uitpasbot_uitpas_request_seconds_count"
    assert value(harness, checkin_latency, operation="checkin", outcome="2xx") == 1
    assert value(harness, checkin_latency, operation="points", outcome="2xx") >= 1
    telegram_latency = "uitpasbot_telegram_request_seconds_count"
    assert value(harness, telegram_latency, method="sendMessage", outcome="ok") >= 2
    assert value(harness, telegram_latency, method="getFile", outcome="ok") == 1
    assert value(harness, telegram_latency, method="file_download", outcome="ok") == 1

    lines = update_lines(caplog)
    assert [line.kind for line in lines] == ["command_link", "photo"]  # type: ignore[attr-defined]
    assert len({line.update_id for line in lines}) == 2  # type: ignore[attr-defined]
    photo = lines[1]
    assert re.fullmatch(r"update \d+ photo handled in \d+ ms", photo.getMessage())
    assert photo.outcome == "ok"  # type: ignore[attr-defined]
    assert photo.duration_ms > 0  # type: ignore[attr-defined]
    as_json = json.loads(JsonFormatter().format(photo))
    assert as_json["update_id"] == photo.update_id  # type: ignore[attr-defined]
    assert as_json["duration_ms"] == photo.duration_ms  # type: ignore[attr-defined]
    for line in lines:  # these fields only: nothing the user sent, nor who they are
        assert set(json.loads(JsonFormatter().format(line))) == {
            "time",
            "level",
            "logger",
            "message",
            "update_id",
            "kind",
            "duration_ms",
            "lock_wait_ms",
            "outcome",
        }
        assert NORMAL not in line.getMessage()
    assert_nothing_personal(harness, rendered(harness))


async def test_a_failed_update_is_counted_and_logged_as_an_error(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    """Telegram refuses the reply (403): the handler raises, PTB's error handler takes it."""
    caplog.set_level(logging.INFO, logger="bot.updates")
    await harness.telegram.inject_fault(
        "sendMessage", error_code=403, description="Forbidden: bot was blocked by the user"
    )
    await harness.telegram.send_text(JOHN, "/help")
    await value_becomes(harness, 1, "uitpasbot_updates_total", kind="command_help", outcome="error")
    assert value(harness, "uitpasbot_updates_total", kind="command_help", outcome="ok") == 0
    refused = "uitpasbot_telegram_request_seconds_count"
    assert value(harness, refused, method="sendMessage", outcome="error") == 1
    [line] = update_lines(caplog)
    assert re.fullmatch(r"update \d+ command_help failed after \d+ ms", line.getMessage())
    assert line.outcome == "error"  # type: ignore[attr-defined]


async def test_a_check_in_without_answer_is_counted_as_unknown(harness: Harness) -> None:
    await say(harness, AN, f"/link {NORMAL}")
    await harness.fault("enduser/checkin", close=True)
    await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    await value_becomes(harness, 1, "uitpasbot_checkins_total", answer_code="OUTCOME_UNKNOWN")
    latency = "uitpasbot_uitpas_request_seconds_count"
    assert value(harness, latency, operation="checkin", outcome="error") == 1
    assert value(harness, latency, operation="checkin", outcome="2xx") == 0
    assert value(harness, "uitpasbot_checkins_total", answer_code="ACTION_SUCCEEDED") == 0


async def test_unknown_commands_and_typed_numbers_leave_no_trace_in_the_labels(
    harness: Harness,
) -> None:
    await say(harness, AN, f"/frobnicate_zz {OTHER}")
    await say(harness, AN, NORMAL)  # a number typed without /link
    await value_becomes(harness, 1, "uitpasbot_updates_total", kind="command_other", outcome="ok")
    await value_becomes(harness, 1, "uitpasbot_updates_total", kind="message", outcome="ok")
    text = rendered(harness)
    assert "frobnicate" not in text
    assert_nothing_personal(harness, text)
