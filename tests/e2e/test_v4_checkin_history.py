"""Under v4 a check-in's outcome is read from the passholder's transaction history, end to end.

v4's check-in answer has only points. The history (``GET /passholders/me/transactions``) names
the event, and settles a check-in whose answer never came: did a check-in land after the
moment it was sent? So under v4 no points are read before a check-in (the sandbox's request
counters show it), a timed-out check-in that UiTPAS saved is told saved exactly once, and one
it never saw is told not saved. The legacy road (points before and after) is in test_faults.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from datetime import timedelta

import pytest
from sqlalchemy import delete, insert

from bot.sandbox.telegram.client import BotCall, TgUser
from bot.sandbox.uitpas.data import NORMAL, OTHER
from storage.models import CheckinRecord, RecentCheckinCode, utcnow
from storage.repositories import CheckinRepository
from tests.support.harness import AN, JOHN, Harness, StartBot
from tests.support.images import qr_png

JAZZ_CODE = "12345678"  # happening now, 1 point, CC De Werf
THEATER_CODE = "https://test.uitpas.be/?qr=ndm24bawzzswzunwa2hotji8"  # 2 points
UNKNOWN_OUTCOME = "weet niet of je punt gespaard is"
pytestmark = pytest.mark.parametrize("backend", ["v4"])


async def photo(harness: Harness, code: str = JAZZ_CODE, user: TgUser = AN) -> BotCall:
    calls = await harness.telegram.calls()
    after = calls[-1].seq if calls else 0
    await harness.telegram.send_document(
        user, qr_png(code), file_name="qr.png", mime_type="image/png"
    )
    reply = await harness.telegram.wait_for_call(
        "sendMessage", chat_id=user.id, after=after, timeout=20
    )
    assert reply.ok, reply.description
    return reply


async def press_recheck(harness: Harness, reply: BotCall) -> BotCall:
    assert reply.buttons == [[("🔄 Is mijn punt gespaard?", "recheck")]]
    calls = await harness.telegram.calls()
    await harness.telegram.press_button(AN, reply.result["message_id"], "recheck", force=True)
    return await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id, after=calls[-1].seq)


async def link(harness: Harness, user: TgUser, number: str) -> None:
    """Logged in, and the sandbox's request counts started afresh: the login reads the pass
    once (for its messages), which is not the check-in's doing."""
    await harness.link(user, number)
    (await harness.sandbox.delete("/_sandbox/requests")).raise_for_status()


async def requests(harness: Harness) -> dict[str, int]:
    """How many requests each operation reached at the sandbox (``points`` is GET /passes)."""
    response = await harness.sandbox.get("/_sandbox/requests")
    response.raise_for_status()
    return response.json()


async def checkins_become(harness: Harness, expected: int, within: float = 10) -> None:
    deadline = time.monotonic() + within
    while await harness.sandbox_checkins(NORMAL) != expected:
        assert time.monotonic() < deadline, f"the sandbox never had {expected} check-ins"
        await asyncio.sleep(0.1)


async def records(harness: Harness) -> list[CheckinRecord]:
    return await CheckinRepository(harness.running.database).recent(AN.id, limit=20)


async def test_a_check_in_reads_no_points_before_and_names_the_event(harness: Harness) -> None:
    await link(harness, AN, NORMAL)
    reply = await photo(harness)
    assert "Je spaarde 1 punt bij <b>Jazz op de Grote Markt</b> (CC De Werf)." in reply.text
    assert "Je hebt nu in totaal 26 punten." in reply.text
    counts = await requests(harness)
    assert counts.get("checkin") == 1
    assert counts.get("transactions") == 1  # the event, from the check-in's line
    assert counts.get("points", 0) == 0  # nothing read before (nor after) the check-in


async def test_the_next_passholder_with_the_same_code_is_told_the_event_without_a_history(
    harness: Harness,
) -> None:
    """A code is one event's: once a history named it, the next passholder's check-in with
    that code names it without asking their history (one UiTPAS request less per check-in at
    an event); another code asks its own."""
    await link(harness, AN, NORMAL)
    await link(harness, JOHN, OTHER)
    first = await photo(harness)
    assert "Jazz op de Grote Markt" in first.text
    assert (await requests(harness)).get("transactions") == 1
    second = await photo(harness, user=JOHN)
    assert "Jazz op de Grote Markt" in second.text
    assert "(CC De Werf)" in second.text
    counts = await requests(harness)
    assert counts.get("checkin") == 2
    assert counts.get("transactions") == 1  # the second named the event from the first's
    third = await photo(harness, THEATER_CODE, user=JOHN)
    assert "You saved 2 points at <b>Theater: De Kleine Prins</b>" in third.text
    assert (await requests(harness)).get("transactions") == 2


async def test_a_timed_out_check_in_that_landed_is_told_saved_exactly_once(
    start_bot: StartBot,
) -> None:
    async with start_bot(uitpas_timeout_seconds=0.5) as harness:
        await link(harness, AN, NORMAL)
        # UiTPAS answers after the bot gave up, and saves the point all the same.
        await harness.fault(harness.api_path("checkin"), delay=1.5)
        reply = await photo(harness)
        assert UNKNOWN_OUTCOME in reply.text
        assert (await requests(harness)).get("points", 0) == 0  # none before the check-in
        await checkins_become(harness, 1)
        answer = await press_recheck(harness, reply)
        assert answer.text == (
            "✅ Over je vorige check-in: die is toch gelukt. Je spaarde 1 punt bij "
            "<b>Jazz op de Grote Markt</b> (CC De Werf).\nJe hebt nu in totaal 26 punten."
        )
        [record] = await records(harness)
        assert (record.result_code, record.points_saved, record.total_points) == (
            "RECONCILED_SAVED",
            1,
            26,
        )
        assert record.event_title == "Jazz op de Grote Markt"
        # Asked again: settled already, never told twice, never checked in twice.
        again = await press_recheck(harness, reply)
        assert again.text == "Er wacht geen check-in op een antwoord."
        assert await harness.sandbox_points(NORMAL) == 26
        assert await harness.sandbox_checkins(NORMAL) == 1
        assert (await requests(harness))["checkin"] == 1


async def test_the_next_check_in_tells_the_unknown_one_landed_and_reads_no_points_first(
    start_bot: StartBot,
) -> None:
    async with start_bot(uitpas_timeout_seconds=0.5) as harness:
        await link(harness, AN, NORMAL)
        await harness.fault(harness.api_path("checkin"), delay=1.5)
        assert UNKNOWN_OUTCOME in (await photo(harness)).text
        await checkins_become(harness, 1)
        reply = await photo(harness, THEATER_CODE)
        assert reply.text.startswith(
            "✅ Over je vorige check-in: die is toch gelukt. Je spaarde 1 punt bij "
            "<b>Jazz op de Grote Markt</b> (CC De Werf).\n\n"
        )
        assert "Je spaarde 2 punten bij <b>Theater: De Kleine Prins</b>" in reply.text
        assert "Je hebt nu in totaal 28 punten." in reply.text
        assert (await requests(harness)).get("points", 0) == 0
        codes = sorted(record.result_code for record in await records(harness))
        assert codes == ["ACTION_SUCCEEDED", "RECONCILED_SAVED"]
        assert await harness.sandbox_checkins(NORMAL) == 2


async def test_a_check_in_uitpas_never_saw_is_told_not_saved(start_bot: StartBot) -> None:
    async with start_bot(unknown_outcome_settle_seconds=0) as harness:
        await link(harness, AN, NORMAL)
        await harness.fault(harness.api_path("checkin"), close=True)  # cut before UiTPAS saw it
        reply = await photo(harness)
        assert UNKNOWN_OUTCOME in reply.text
        answer = await press_recheck(harness, reply)
        assert answer.text == (
            "Over je vorige check-in: die staat niet in je UiTPAS-geschiedenis, dus er is geen "
            "punt gespaard. Loopt de activiteit nog, stuur de foto dan opnieuw."
        )
        [record] = await records(harness)
        assert record.result_code == "RECONCILED_NOT_SAVED"
        assert await harness.sandbox_checkins(NORMAL) == 0
        assert (await requests(harness)).get("points", 0) == 0
        # Sent again, it is checked in now, once.
        assert "Je spaarde 1 punt bij" in (await photo(harness)).text
        assert await harness.sandbox_checkins(NORMAL) == 1


async def test_within_the_grace_period_an_absent_check_in_stays_unknown(harness: Harness) -> None:
    """UiTPAS may still be working on it: "not saved" would be a guess."""
    await link(harness, AN, NORMAL)
    await harness.fault(harness.api_path("checkin"), close=True)
    reply = await photo(harness)
    answer = await press_recheck(harness, reply)
    assert "Ik weet nog niet of je vorige check-in gelukt is" in answer.text
    [record] = await records(harness)
    assert record.result_code == "OUTCOME_UNKNOWN"


async def test_while_the_history_is_down_the_outcome_stays_unknown(start_bot: StartBot) -> None:
    """Past the grace period too: without the history, "not saved" would be a guess."""
    async with start_bot(unknown_outcome_settle_seconds=0) as harness:
        await link(harness, AN, NORMAL)
        await harness.fault(harness.api_path("checkin"), close=True)
        reply = await photo(harness)
        await harness.fault("me/transactions", status=503, body="down")
        answer = await press_recheck(harness, reply)
        assert "Ik weet nog niet of je vorige check-in gelukt is" in answer.text
        [record] = await records(harness)
        assert record.result_code == "OUTCOME_UNKNOWN"


async def _dead_instances_claim(harness: Harness, code: str, claimed_ago: float) -> None:
    """Leave the claim a dead instance leaves: unanswered, its lease lapsed, no points before
    (under v4 none are read)."""
    digest = hashlib.sha256(code.encode()).hexdigest()
    table = RecentCheckinCode.__table__  # type: ignore[attr-defined]
    async with harness.running.database.engine.begin() as connection:
        await connection.execute(
            delete(table).where(table.c.telegram_user_id == AN.id, table.c.code_digest == digest)
        )
        await connection.execute(
            insert(table).values(
                telegram_user_id=AN.id,
                code_digest=digest,
                claimed_at=utcnow() - timedelta(seconds=claimed_ago),
                result_code=None,
                holder="dead-instance",
                lease_until=utcnow() - timedelta(seconds=5),
                points_before=None,
                attempt=1,
            )
        )


async def test_a_dead_instances_check_in_found_in_the_history_is_told_not_repeated(
    harness: Harness,
) -> None:
    """It died after UiTPAS saved the point: the taker finds it in the history."""
    await link(harness, AN, NORMAL)
    await photo(harness)  # the point is saved: 26 (as if by the instance that died)
    await _dead_instances_claim(harness, JAZZ_CODE, claimed_ago=10)
    before = await requests(harness)
    reply = await photo(harness)
    assert "je spaarde er 1 punt mee" in reply.text
    assert "in totaal 26 punten" in reply.text
    after = await requests(harness)
    assert after["checkin"] == before["checkin"]  # never a second check-in
    assert after["transactions"] == before["transactions"] + 1
    assert await harness.sandbox_checkins(NORMAL) == 1


async def test_a_dead_instances_check_in_absent_from_the_history_is_done_by_the_taker(
    harness: Harness,
) -> None:
    """Its check-in is not in the history since its claim: the taker checks in, once, and
    reads no points before it."""
    await link(harness, AN, NORMAL)
    await _dead_instances_claim(harness, JAZZ_CODE, claimed_ago=30)
    reply = await photo(harness)
    assert "Je spaarde 1 punt bij <b>Jazz op de Grote Markt</b>" in reply.text
    counts = await requests(harness)
    assert counts["checkin"] == 1
    assert counts.get("points", 0) == 0
    assert await harness.sandbox_checkins(NORMAL) == 1


async def test_the_check_in_just_before_is_not_taken_for_the_unknown_one(
    start_bot: StartBot,
) -> None:
    """History lines are dated to the second: the line of the check-in answered just before
    may look as late as the unknown one. It is searched only after that answer came."""
    async with start_bot(unknown_outcome_settle_seconds=0) as harness:
        await link(harness, AN, NORMAL)
        assert "Je spaarde 1 punt" in (await photo(harness)).text
        await harness.fault(harness.api_path("checkin"), close=True)  # never reaches UiTPAS
        reply = await photo(harness, THEATER_CODE)
        answer = await press_recheck(harness, reply)
        assert "dus er is geen punt gespaard" in answer.text
        assert await harness.sandbox_checkins(NORMAL) == 1
