"""Metrics, update kinds and Bot API method labels, on their own (no bot running)."""

from __future__ import annotations

import pytest
from prometheus_client.parser import text_string_to_metric_families
from telegram import Chat, Message, MessageEntity, PhotoSize, Update, User

from bot.observability.metrics import Metrics
from bot.qr import AmbiguousPhoto, ImageUnreadable
from bot.telegram.request import bot_api_method
from bot.telegram.update_kind import update_kind

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def samples(metrics: Metrics) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of the rendered text, parsed back as Prometheus would read it."""
    body, content_type = metrics.render()
    assert content_type.startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(body.decode())
        for sample in family.samples
    }


def value(metrics: Metrics, name: str, **labels: str) -> float | None:
    return samples(metrics).get((name, frozenset(labels.items())))


def test_counters_and_histograms_read_back_from_the_exposition() -> None:
    metrics = Metrics()
    metrics.update_handled("photo", "ok", 0.084, 0.002)
    metrics.update_handled("photo", "ok", 0.3, 0.0)
    metrics.update_handled("command_start", "error", 0.01, 0.0)
    metrics.checkin_answered("ACTION_SUCCEEDED")
    metrics.checkin_answered("ACTION_SUCCEEDED")
    metrics.checkin_answered("INVALID_CODE")
    metrics.uitpas_request("checkin", "2xx", 0.12)
    metrics.telegram_request("sendMessage", "ok", 0.02)

    assert value(metrics, "uitpasbot_updates_total", kind="photo", outcome="ok") == 2
    assert value(metrics, "uitpasbot_updates_total", kind="command_start", outcome="error") == 1
    assert value(metrics, "uitpasbot_update_seconds_count", kind="photo") == 2
    assert value(metrics, "uitpasbot_update_seconds_sum", kind="photo") == pytest.approx(0.384)
    # 0.084 falls in the 0.1 bucket, 0.3 only from 0.5 up.
    assert value(metrics, "uitpasbot_update_seconds_bucket", kind="photo", le="0.1") == 1
    assert value(metrics, "uitpasbot_update_seconds_bucket", kind="photo", le="0.5") == 2
    assert value(metrics, "uitpasbot_update_lock_wait_seconds_count") == 3
    assert value(metrics, "uitpasbot_checkins_total", answer_code="ACTION_SUCCEEDED") == 2
    assert value(metrics, "uitpasbot_checkins_total", answer_code="INVALID_CODE") == 1
    assert (
        value(metrics, "uitpasbot_uitpas_request_seconds_count", operation="checkin", outcome="2xx")
        == 1
    )
    assert (
        value(
            metrics,
            "uitpasbot_telegram_request_seconds_count",
            method="sendMessage",
            outcome="ok",
        )
        == 1
    )


def test_each_instance_counts_only_its_own() -> None:
    first, second = Metrics(), Metrics()
    first.checkin_answered("ACTION_SUCCEEDED")
    assert value(first, "uitpasbot_checkins_total", answer_code="ACTION_SUCCEEDED") == 1
    assert value(second, "uitpasbot_checkins_total", answer_code="ACTION_SUCCEEDED") is None


def test_odd_answer_codes_become_one_label() -> None:
    metrics = Metrics()
    metrics.checkin_answered("weird code 0930056878802")
    metrics.checkin_answered("")
    assert value(metrics, "uitpasbot_checkins_total", answer_code="OTHER") == 2
    assert b"0930056878802" not in metrics.render()[0]


async def test_the_counting_decoder_counts_every_result_and_passes_it_on() -> None:
    metrics = Metrics()
    answers: list[list[str] | Exception] = [
        ["12345678"],
        [],
        AmbiguousPhoto("two codes"),
        ImageUnreadable("not an image"),
    ]

    async def decode(_image: bytes) -> list[str]:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    counted = metrics.counting_decoder(decode)
    assert await counted(b"") == ["12345678"]
    assert await counted(b"") == []
    with pytest.raises(AmbiguousPhoto):
        await counted(b"")
    with pytest.raises(ImageUnreadable):
        await counted(b"")
    for result in ("read", "no_code", "ambiguous", "unreadable"):
        assert value(metrics, "uitpasbot_qr_reads_total", result=result) == 1, result


def test_qr_results_exist_at_zero_before_the_first_photo() -> None:
    metrics = Metrics()
    for result in ("read", "no_code", "ambiguous", "unreadable"):
        assert value(metrics, "uitpasbot_qr_reads_total", result=result) == 0


def _message(text: str | None = None, **fields: object) -> Message:
    user = User(7, "u", False)
    entities = ()
    if text and text.startswith("/"):
        length = len(text.split()[0])
        entities = (MessageEntity(MessageEntity.BOT_COMMAND, 0, length),)
    return Message(
        1,
        None,  # type: ignore[arg-type]
        Chat(7, "private"),
        from_user=user,
        text=text,
        entities=entities,
        **fields,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        (_message("/start"), "command_start"),
        (_message("/Points@uitpas_bot"), "command_points"),
        (_message("/link 0930056878802"), "command_link"),
        (_message("/whatever you like"), "command_other"),
        (_message("0930056878802"), "message"),
        (_message(photo=(PhotoSize("f", "u", 10, 10),)), "photo"),
    ],
)
def test_update_kinds_name_only_known_commands(message: Message, kind: str) -> None:
    commands = {"start", "points", "link"}
    assert update_kind(Update(1, message=message), commands) == kind


def test_other_update_kinds() -> None:
    assert update_kind(Update(1, edited_message=_message("hi")), ()) == "edited_message"
    assert update_kind(Update(1), ()) == "other"
    assert update_kind(object(), ()) == "other"


@pytest.mark.parametrize(
    ("url", "label"),
    [
        (f"https://api.telegram.org/bot{TOKEN}/sendMessage", "sendMessage"),
        (f"https://api.telegram.org/bot{TOKEN}/getFile", "getFile"),
        (f"https://api.telegram.org/file/bot{TOKEN}/photos/file_1.jpg", "file_download"),
        (f"https://api.telegram.org/file/bot{TOKEN}/documents/abc", "file_download"),
        (f"https://api.telegram.org/bot{TOKEN}", "other"),
        (f"https://api.telegram.org/bot{TOKEN}/", "other"),
    ],
)
def test_bot_api_method_never_carries_the_token(url: str, label: str) -> None:
    assert bot_api_method(url, "https://api.telegram.org/file/bot") == label
