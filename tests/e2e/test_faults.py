"""UiTPAS and Telegram failing at the worst moment, injected per test, end to end.

UiTPAS faults come from the sandbox's fault middleware (in front of the real endpoints, as a
proxy would fail); Telegram faults from the emulator (an error answer, or a connection cut
before or after the method took effect). The sandbox is the truth about points: every test
checks that the bot neither claims a point UiTPAS did not save nor checks in twice.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.sandbox.telegram.app import FILE_DOWNLOAD
from bot.sandbox.telegram.client import BotCall, TgUser
from bot.sandbox.uitpas.data import NORMAL
from storage.repositories import CheckinRepository, UserStatusRepository
from tests.support.harness import AN, JOHN, Harness, StartBot, say
from tests.support.images import poster_photo, qr_png

JAZZ_CODE = "12345678"  # 1 point
THEATER_CODE = "https://test.uitpas.be/?qr=ndm24bawzzswzunwa2hotji8"  # 2 points
UNKNOWN_OUTCOME = "weet niet of je punt gespaard is"
NO_ANSWER = "UiTPAS antwoordde niet"
INTERNAL_ERROR = "Er ging bij mij iets mis"


async def linked(harness: Harness, user: TgUser = AN) -> None:
    await say(harness, user, f"/link {NORMAL}")


async def photo(harness: Harness, user: TgUser = AN, code: str = JAZZ_CODE) -> BotCall:
    await harness.telegram.send_document(
        user, qr_png(code), file_name="qr.png", mime_type="image/png"
    )
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=user.id, timeout=20)
    assert reply.ok, reply.description
    return reply


async def records(harness: Harness) -> list:
    return await CheckinRepository(harness.running.database).recent(AN.id, limit=20)


async def sandbox_points_become(harness: Harness, expected: int, within: float = 10) -> None:
    deadline = time.monotonic() + within
    while await harness.sandbox_points(NORMAL) != expected:
        assert time.monotonic() < deadline, f"sandbox points never became {expected}"
        await asyncio.sleep(0.1)


async def press_recheck(harness: Harness, reply: BotCall) -> BotCall:
    assert reply.buttons == [[("🔄 Is mijn punt gespaard?", "recheck")]]
    await harness.telegram.press_button(AN, reply.result["message_id"], "recheck", force=True)
    return await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)


# --- UiTPAS -------------------------------------------------------------------------------

UITPAS_FAULTS = {
    "500-json-garbage": {"status": 500, "body": '{"error": ', "content_type": "application/json"},
    "502-html-page": {
        "status": 502,
        "body": "<html><h1>502</h1></html>",
        "content_type": "text/html",
    },
    "503-plain": {"status": 503, "body": "Service Unavailable", "content_type": "text/plain"},
    "200-malformed-json": {
        "status": 200,
        "body": '{"code": "ACTI',
        "content_type": "application/json",
    },
    "200-json-without-code": {"status": 200, "body": "[1, 2]", "content_type": "application/json"},
    "200-xml-garbage": {
        "status": 200,
        "body": "<response><code>",
        "content_type": "application/xml",
    },
    "200-empty": {"status": 200, "body": "", "content_type": "application/json"},
    "dropped-mid-answer": {"close": True},
}


@pytest.mark.parametrize("fault", sorted(UITPAS_FAULTS))
async def test_uitpas_failures_are_told_honestly_and_never_claim_a_point(
    harness: Harness, fault: str
) -> None:
    await linked(harness)
    await harness.fault("enduser/checkin", **UITPAS_FAULTS[fault])
    reply = await photo(harness)
    assert NO_ANSWER in reply.text
    assert "Je spaarde" not in reply.text
    assert await harness.sandbox_points(NORMAL) == 25
    [record] = await records(harness)
    assert record.result_code == "OUTCOME_UNKNOWN"  # the request went out: unknown, not failed
    assert record.points_before == 25
    assert reply.buttons  # and the passholder can ask later what became of it


async def test_xml_where_json_was_expected_is_still_read(harness: Harness) -> None:
    await linked(harness)
    response = await harness.sandbox.post("/_sandbox/settings", json={"format": "xml"})
    response.raise_for_status()
    reply = await photo(harness)
    assert "Je spaarde 1 punt" in reply.text
    assert await harness.sandbox_points(NORMAL) == 26


async def test_timeout_then_recheck_finds_the_point_was_saved(start_bot: StartBot) -> None:
    async with start_bot(uitpas_timeout_seconds=0.5) as harness:
        await linked(harness)
        await harness.fault("enduser/checkin", delay=1.0)  # answers after the bot gave up
        reply = await photo(harness)
        assert UNKNOWN_OUTCOME in reply.text
        await sandbox_points_become(harness, 26)  # UiTPAS did save it, later
        answer = await press_recheck(harness, reply)
        assert "die is toch gelukt. UiTPAS spaarde 1 punt; je hebt nu in totaal 26" in answer.text
        [record] = await records(harness)
        assert (record.result_code, record.points_saved, record.total_points) == (
            "RECONCILED_SAVED",
            1,
            26,
        )
        assert await harness.sandbox_checkins(NORMAL) == 1  # never retried into a second


async def test_a_dropped_check_in_is_settled_as_not_saved_after_the_grace_period(
    start_bot: StartBot,
) -> None:
    async with start_bot(unknown_outcome_settle_seconds=0) as harness:
        await linked(harness)
        await harness.fault("enduser/checkin", close=True)  # cut before UiTPAS saw it
        reply = await photo(harness)
        answer = await press_recheck(harness, reply)
        assert "daarbij is geen punt gespaard (je punten bleven 25)" in answer.text
        [record] = await records(harness)
        assert record.result_code == "RECONCILED_NOT_SAVED"
        again = await harness.telegram.press_button(
            AN, reply.result["message_id"], "recheck", force=True
        )
        assert again
        nothing = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
        assert "Er wacht geen check-in op een antwoord" in nothing.text


async def test_unchanged_points_within_the_grace_period_stay_unknown(harness: Harness) -> None:
    """UiTPAS may still be working on a timed-out request: "not saved" would be a guess."""
    await linked(harness)
    await harness.fault("enduser/checkin", close=True)
    reply = await photo(harness)
    answer = await press_recheck(harness, reply)
    assert "Ik weet nog niet of je vorige check-in gelukt is" in answer.text
    assert answer.buttons  # ask again later
    [record] = await records(harness)
    assert record.result_code == "OUTCOME_UNKNOWN"


async def test_recheck_while_the_points_endpoint_is_down_stays_unknown(harness: Harness) -> None:
    await linked(harness)
    await harness.fault("enduser/checkin", close=True)
    reply = await photo(harness)
    await harness.fault(f"enduser/{NORMAL}", status=503, body="down")
    answer = await press_recheck(harness, reply)
    assert "Ik weet nog niet" in answer.text
    [record] = await records(harness)
    assert record.result_code == "OUTCOME_UNKNOWN"


async def test_the_next_check_in_reports_what_became_of_the_unknown_one(
    start_bot: StartBot,
) -> None:
    async with start_bot(uitpas_timeout_seconds=0.5) as harness:
        await linked(harness)
        await harness.fault("enduser/checkin", delay=1.0)
        assert UNKNOWN_OUTCOME in (await photo(harness)).text
        await sandbox_points_become(harness, 26)
        reply = await photo(harness, code=THEATER_CODE)
        assert reply.text.startswith("✅ Over je vorige check-in: die is toch gelukt.")
        assert "Je spaarde 2 punten" in reply.text
        assert "Je hebt nu in totaal 28 punten." in reply.text
        codes = sorted(record.result_code for record in await records(harness))
        assert codes == ["ACTION_SUCCEEDED", "RECONCILED_SAVED"]


async def test_points_unknown_before_sending_means_no_recheck_offered(harness: Harness) -> None:
    """Without the points before, a later comparison would be a guess: no button, and the row
    is settled as unclear on the next check-in rather than counted either way."""
    await linked(harness)
    await harness.fault(f"enduser/{NORMAL}", status=503, body="down")
    await harness.fault("enduser/checkin", close=True)
    reply = await photo(harness)
    assert UNKNOWN_OUTCOME in reply.text
    assert reply.buttons == []
    next_reply = await photo(harness, code=THEATER_CODE)
    assert "ik kan niet zeggen of die gelukt is" in next_reply.text
    assert "Je spaarde 2 punten" in next_reply.text


async def test_promotion_button_while_uitpas_is_down(harness: Harness) -> None:
    await linked(harness)
    reply = await photo(harness)
    await harness.fault("pointsPromotion/101", status=503, body="down", times=None)
    query_id = await harness.telegram.press_button(AN, reply.result["message_id"], "promo:101")
    await harness.telegram.wait_for_call("answerCallbackQuery")
    answer = await harness.telegram.callback_answer(query_id)
    assert NO_ANSWER in answer["answer"]["text"]
    assert answer["answer"]["show_alert"]


# --- Telegram -----------------------------------------------------------------------------


async def test_429_retry_after_is_honoured(harness: Harness) -> None:
    await harness.telegram.inject_fault(
        "sendMessage", error_code=429, description="Too Many Requests: retry after 2", retry_after=2
    )
    started = time.monotonic()
    await harness.telegram.send_text(AN, "/help")
    refused = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert refused.error_code == 429
    sent = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id, after=refused.seq)
    assert sent.ok
    assert time.monotonic() - started >= 2.0
    calls = [c for c in await harness.telegram.calls() if c.method == "sendMessage"]
    assert len(calls) == 2  # one refusal, one success: no duplicate, no error message


async def test_a_user_who_blocked_the_bot_is_marked_inactive_until_they_write(
    harness: Harness,
) -> None:
    """An blocks the bot while UiTPAS is slow: the answer to her photo gets a real 403."""
    statuses = UserStatusRepository(harness.running.database)
    await linked(harness)
    await harness.fault("enduser/checkin", delay=1.0)
    await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    await harness.telegram.block_bot(AN)
    refused = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert refused.error_code == 403
    deadline = time.monotonic() + 5
    while not await statuses.is_inactive(AN.id):
        assert time.monotonic() < deadline, "the blocked user was never marked inactive"
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)
    after = [c for c in await harness.telegram.calls(after=refused.seq) if c.method != "getUpdates"]
    assert after == []  # no retry and no "something went wrong" after a 403
    [record] = await records(harness)
    assert record.result_code == "ACTION_SUCCEEDED"  # the check-in itself is kept
    await harness.telegram.block_bot(AN, blocked=False)
    assert "/link" in await say(harness, AN, "/help")
    assert not await statuses.is_inactive(AN.id)


async def test_a_photo_makes_a_user_who_had_blocked_the_bot_active_again(
    harness: Harness,
) -> None:
    """A private photo clears the mark in the flood counter's statement (one round trip on
    PostgreSQL), not in the activity tracker's: it must clear it all the same."""
    statuses = UserStatusRepository(harness.running.database)
    await linked(harness)
    await statuses.mark_inactive(AN.id, "Forbidden: bot was blocked by the user")
    await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert reply.ok
    assert not await statuses.is_inactive(AN.id)


async def test_403_on_any_send_marks_the_user_inactive(harness: Harness) -> None:
    statuses = UserStatusRepository(harness.running.database)
    await harness.telegram.inject_fault(
        "sendMessage", error_code=403, description="Forbidden: bot was blocked by the user"
    )
    await harness.telegram.send_text(JOHN, "/help")
    await harness.telegram.wait_for_call("sendMessage", chat_id=JOHN.id)
    deadline = time.monotonic() + 5
    while not await statuses.is_inactive(JOHN.id):
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)


async def test_a_5xx_on_send_is_retried_once(harness: Harness) -> None:
    await harness.telegram.inject_fault("sendMessage", error_code=502, description="Bad Gateway")
    await harness.telegram.send_text(AN, "/help")
    failed = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert failed.error_code == 502
    sent = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id, after=failed.seq)
    assert sent.ok
    assert "/link" in sent.text


@pytest.mark.parametrize(
    "fault",
    [
        {"error_code": 502, "description": "Bad Gateway", "times": 3},
        {"error_code": 500, "description": "Internal Server Error", "times": 2},
        {"drop": True, "times": 2, "processed": False},
        {"drop": True, "times": 1, "processed": True},  # updates handed out, answer lost
    ],
    ids=["502x3", "500x2", "dropped", "dropped-after-processing"],
)
async def test_get_updates_failures_lose_no_update(harness: Harness, fault: dict) -> None:
    fault = dict(fault)
    if fault.pop("drop", False):
        await harness.telegram.drop_connection("getUpdates", **fault)
    else:
        await harness.telegram.inject_fault("getUpdates", **fault)
    await harness.telegram.send_text(AN, "/help")
    await harness.telegram.send_text(JOHN, "/help")
    for user in (AN, JOHN):
        # after=0, not after John's push: An may have had his answer before John wrote.
        reply = await harness.telegram.wait_for_call(
            "sendMessage", chat_id=user.id, after=0, timeout=30
        )
        assert reply.ok
    await asyncio.sleep(0.5)
    calls = [c for c in await harness.telegram.calls() if c.method == "sendMessage"]
    assert len(calls) == 2  # each update handled exactly once


@pytest.mark.parametrize(
    "fault",
    [
        {"drop": True, "method": FILE_DOWNLOAD, "times": 2},
        {"drop": False, "method": FILE_DOWNLOAD, "error_code": 502, "description": "Bad Gateway"},
        {"drop": False, "method": "getFile", "error_code": 502, "description": "Bad Gateway"},
        {"drop": True, "method": "getFile", "times": 1},
    ],
    ids=["download-dropped-twice", "download-502", "getFile-502", "getFile-dropped"],
)
async def test_file_download_failures_are_retried(harness: Harness, fault: dict) -> None:
    fault = dict(fault)
    await linked(harness)
    method = fault.pop("method")
    if fault.pop("drop"):
        await harness.telegram.drop_connection(method, **fault)
    else:
        await harness.telegram.inject_fault(method, **fault)
    await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id, timeout=20)
    assert "Je spaarde 1 punt" in reply.text


async def test_a_download_that_keeps_failing_asks_for_the_photo_again(harness: Harness) -> None:
    await linked(harness)
    await harness.telegram.drop_connection(FILE_DOWNLOAD, times=10)
    await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id, timeout=20)
    assert "Ik kon je foto niet ophalen bij Telegram" in reply.text
    assert await harness.sandbox_checkins(NORMAL) == 0
    await harness.telegram.clear_faults()
    await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    again = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id, timeout=20)
    assert "Je spaarde 1 punt" in again.text
