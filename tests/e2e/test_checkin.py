"""End to end, over HTTP: a QR photo in Telegram becomes a UiTPAS check-in and a reply.

The sandbox holds the truth about points, so each test also checks there that the bot never
claims a point UiTPAS did not save, and never saves one it did not claim.
"""

from __future__ import annotations

import asyncio
import hashlib
import socket
from datetime import timedelta

import pytest
from sqlalchemy import delete, insert

from bot.demo.webchat.personas import spaced
from bot.sandbox.telegram.client import BotCall, TgUser
from bot.sandbox.uitpas.data import BLOCKED, DELETED, GROUP, LOCAL_STOCK, NORMAL, OTHER, UNKNOWN
from bot.uitpas.numbers import mask_uitpas_number
from storage.models import CheckinRecord, RecentCheckinCode, utcnow
from storage.repositories import CheckinRepository
from tests.support.harness import AN, BACKENDS, JOHN, Harness, StartBot, say
from tests.support.images import photo_without_qr, poster_photo, qr_png

JAZZ_CODE = "12345678"  # happening now, 1 point, CC De Werf
THEATER_CODE = "https://test.uitpas.be/?qr=ndm24bawzzswzunwa2hotji8"  # starts in 3 h, 2 points
EXPIRED_CODE = "https://uitpas.be/?qr=rommelmarkt7xq2"  # ended yesterday
NOT_YET_CODE = "87654321"  # in three days


async def send_photo(harness: Harness, user: TgUser, image: bytes) -> BotCall:
    await harness.telegram.send_photo(user, image)
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=user.id)
    assert reply.ok, reply.description
    return reply


async def linked(harness: Harness, user: TgUser = AN, number: str = NORMAL) -> None:
    """Link the card as the backend under test does (a number, or a UiTiD login)."""
    await harness.link(user, number)


def saved_text(harness: Harness, saved: str, event: str) -> str:
    """What a success says, on both backends: v4's check-in answer has only points, so the
    event and its place come from the check-in's line in the passholder's history."""
    at = " at" if saved.startswith("You") else " bij"
    return f"{saved}{at} <b>{event}</b> (CC De Werf)"


@pytest.mark.parametrize("backend", BACKENDS)
async def test_photo_of_a_poster_saves_a_point_and_shows_the_spotlight(harness: Harness) -> None:
    await linked(harness)
    reply = await send_photo(harness, AN, poster_photo(JAZZ_CODE))
    assert saved_text(harness, "Je spaarde 1 punt", "Jazz op de Grote Markt") in reply.text
    assert "Je hebt nu in totaal 26 punten." in reply.text
    buttons = [button for row in reply.buttons for button in row]
    assert ("Gratis koffie in de foyer · 5 punten", "promo:101") in buttons
    assert all(data and data.startswith("promo:") for _, data in buttons)
    # The spotlight's promotions, none of the others, and not the sold-out one (issue 15.2).
    assert len(buttons) == 4
    assert "promo:104" not in [data for _, data in buttons]
    assert await harness.sandbox_points(NORMAL) == 26


@pytest.mark.parametrize("backend", BACKENDS)
async def test_english_reply_and_url_code_sent_as_a_file(harness: Harness) -> None:
    await linked(harness, JOHN)
    await harness.telegram.send_document(
        JOHN, qr_png(THEATER_CODE), file_name="poster.png", mime_type="image/png"
    )
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=JOHN.id)
    assert saved_text(harness, "You saved 2 points", "Theater: De Kleine Prins") in reply.text
    assert "Your total is now 27 points." in reply.text


@pytest.mark.parametrize("backend", BACKENDS)
async def test_history_records_the_check_in(harness: Harness) -> None:
    await linked(harness)
    await send_photo(harness, AN, poster_photo(JAZZ_CODE))
    [record] = await CheckinRepository(harness.running.database).recent(AN.id)
    assert record.result_code == "ACTION_SUCCEEDED"
    assert record.event_title == "Jazz op de Grote Markt"
    assert record.organiser_name == "CC De Werf"
    assert (record.points_saved, record.total_points) == (1, 26)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (BLOCKED, "Je UiTPAS is geblokkeerd"),
        (DELETED, "de kaart is verwijderd"),
        (LOCAL_STOCK, "Je UiTPAS is momenteel niet actief"),
        (GROUP, "Met een groepspas kun je niet zelf inchecken"),
        (UNKNOWN, f"UiTPAS kent het gekoppelde nummer {mask_uitpas_number(UNKNOWN)} niet"),
    ],
)
async def test_card_problems_each_get_their_own_message(
    harness: Harness, number: str, expected: str
) -> None:
    if number == DELETED:  # no longer linked today (issue 15.3): deleted since it was linked
        await harness.store_link(AN, number)
    else:
        await linked(harness, AN, number)
    reply = await send_photo(harness, AN, poster_photo(JAZZ_CODE))
    assert expected in reply.text
    assert "Je spaarde" not in reply.text
    assert number not in reply.text


# Under v4 Dutch users read UiTPAS's own endUserMessage.nl (the sandbox's legacy messages).
@pytest.mark.parametrize(
    ("code", "expected", "expected_v4"),
    [
        (
            EXPIRED_CODE,
            "De check-in code van <b>Rommelmarkt aan de Dender</b> is niet meer",
            "🚫 Deze check-in code is niet (meer) geldig.",
        ),
        (NOT_YET_CODE, "is niet meer (of nog niet) geldig", "Deze check-in code is niet (meer)"),
        ("99999999", "UiTPAS kent deze check-in code niet", "🚫 Ongeldige check-in code."),
    ],
)
@pytest.mark.parametrize("backend", BACKENDS)
async def test_code_problems_save_nothing(
    harness: Harness, code: str, expected: str, expected_v4: str
) -> None:
    await linked(harness)
    reply = await send_photo(harness, AN, poster_photo(code))
    assert (expected_v4 if harness.backend == "v4" else expected) in reply.text
    assert await harness.sandbox_points(NORMAL) == 25


async def test_server_side_number_refusal(harness: Harness) -> None:
    await linked(harness)
    await harness.fault(
        "enduser/checkin",
        status=400,
        body='{"code": "PARSE_INVALID_UITPASNUMBER", "message": "Invalid uitpas number"}',
        content_type="application/json",
    )
    reply = await send_photo(harness, AN, poster_photo(JAZZ_CODE))
    assert "aanvaardt je gekoppelde nummer niet" in reply.text


@pytest.mark.parametrize("backend", BACKENDS)
async def test_second_check_in_shows_what_uitpas_said(start_bot: StartBot) -> None:
    # Without the repeat window the second photo reaches UiTPAS, which refuses it.
    async with start_bot(checkin_repeat_seconds=0) as harness:
        await linked(harness)
        await send_photo(harness, AN, poster_photo(JAZZ_CODE))
        reply = await send_photo(harness, AN, poster_photo(JAZZ_CODE))
        if harness.backend == "v4":  # checkin-not-allowed, with UiTPAS's own words for the user
            assert reply.text == "🚫 Je hebt vandaag al punten gespaard voor dit evenement."
        else:
            assert "Het maximum is bereikt" in reply.text
            assert "UiTPAS zegt: <i>Je hebt vandaag al punten gespaard" in reply.text
            assert "MAXIMUM_REACHED" not in reply.text
        assert await harness.sandbox_points(NORMAL) == 26
        assert await harness.sandbox_checkins(NORMAL) == 1


@pytest.mark.parametrize("backend", BACKENDS)
async def test_the_same_code_again_soon_is_answered_without_asking_uitpas(
    harness: Harness,
) -> None:
    await linked(harness)
    await send_photo(harness, AN, poster_photo(JAZZ_CODE))
    requests_before = await checkin_requests(harness)
    reply = await send_photo(harness, AN, poster_photo(JAZZ_CODE))
    assert reply.text == (
        "✅ Deze code heb je net al gescand: je spaarde er 1 punt mee. "
        "Nog eens sturen spaart niets extra.\nJe hebt nu in totaal 26 punten."
    )
    assert await checkin_requests(harness) == requests_before  # UiTPAS was not asked again
    assert await harness.sandbox_points(NORMAL) == 26
    # Another code is a new check-in; a refusal is not remembered: the next photo asks again
    # (the cause, say an expired login, may have been fixed in between).
    for _ in range(2):
        reply = await send_photo(harness, AN, poster_photo(EXPIRED_CODE))
        assert "geldig" in reply.text  # expired: each backend in its own words
    assert await checkin_requests(harness) == requests_before + 2


async def test_a_code_without_answer_may_be_sent_again(start_bot: StartBot) -> None:
    """A timeout leaves no claim behind: the passholder's next photo of the code is tried."""
    async with start_bot() as harness:
        await linked(harness)
        await harness.fault(harness.api_path("checkin"), status=503)
        reply = await send_photo(harness, AN, poster_photo(JAZZ_CODE))
        assert "net al" not in reply.text
        reply = await send_photo(harness, AN, poster_photo(JAZZ_CODE))
        assert saved_text(harness, "Je spaarde 1 punt", "Jazz op de Grote Markt") in reply.text
        assert await harness.sandbox_points(NORMAL) == 26


async def checkin_requests(harness: Harness) -> int:
    response = await harness.sandbox.get("/_sandbox/requests")
    response.raise_for_status()
    return int(response.json().get("checkin", 0))


async def test_unknown_code_without_message_is_handled(harness: Harness) -> None:
    await linked(harness)
    await harness.fault(
        "enduser/checkin",
        status=200,
        body='{"code": "SOMETHING_NEW"}',
        content_type="application/json",
    )
    reply = await send_photo(harness, AN, poster_photo(JAZZ_CODE))
    assert "geen punt gespaard en zei niet waarom" in reply.text
    assert "SOMETHING_NEW" not in reply.text


@pytest.mark.parametrize("backend", BACKENDS)
async def test_timeout_is_honest_and_recorded_as_unknown(start_bot: StartBot) -> None:
    async with start_bot(uitpas_timeout_seconds=0.5) as harness:
        await linked(harness)
        await harness.fault(harness.api_path("checkin"), delay=2.0)
        reply = await send_photo(harness, AN, poster_photo(JAZZ_CODE))
        assert "weet niet of je punt gespaard is" in reply.text
        [record] = await CheckinRepository(harness.running.database).recent(AN.id)
        assert record.result_code == "OUTCOME_UNKNOWN"


@pytest.mark.parametrize("backend", BACKENDS)
async def test_html_error_page_is_not_taken_for_an_answer(harness: Harness) -> None:
    await linked(harness)
    await harness.fault(
        harness.api_path("checkin"),
        status=502,
        body="<html><body><h1>502 Bad Gateway</h1></body></html>",
        content_type="text/html",
    )
    reply = await send_photo(harness, AN, poster_photo(JAZZ_CODE))
    assert "UiTPAS antwoordde niet" in reply.text
    assert "Je spaarde" not in reply.text


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_refused_connection_saves_nothing_and_says_so(start_bot: StartBot) -> None:
    url = f"http://127.0.0.1:{closed_port()}/uitid/rest"
    async with start_bot(uitpas_api_url=url) as harness:
        await linked(harness)
        reply = await send_photo(harness, AN, poster_photo(JAZZ_CODE))
        assert "UiTPAS antwoordde niet. Er is geen punt gespaard" in reply.text
        assert await CheckinRepository(harness.running.database).recent(AN.id) == []


async def test_photo_without_qr_code_gets_advice(harness: Harness) -> None:
    await linked(harness)
    reply = await send_photo(harness, AN, photo_without_qr())
    assert "Ik vind geen QR-code" in reply.text
    assert "schittering" in reply.text


async def test_photo_before_linking_is_checked_in_after_linking(harness: Harness) -> None:
    reply = await send_photo(harness, AN, poster_photo(JAZZ_CODE))
    assert "Stuur nu je UiTPAS-nummer" in reply.text
    assert await harness.sandbox_points(NORMAL) == 25
    await harness.telegram.send_text(AN, spaced(NORMAL))
    confirmation = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert "Ik check nu je QR-code in" in confirmation.text
    result = await harness.telegram.wait_for_call(
        "sendMessage", chat_id=AN.id, after=confirmation.seq
    )
    assert "Je spaarde 1 punt bij <b>Jazz op de Grote Markt</b>" in result.text
    assert await harness.sandbox_points(NORMAL) == 26


async def test_remembered_code_is_used_once(harness: Harness) -> None:
    await send_photo(harness, AN, poster_photo(JAZZ_CODE))
    await say(harness, AN, NORMAL)
    await harness.telegram.wait_for_call(
        "sendMessage", chat_id=AN.id, where=lambda call: "Je spaarde" in (call.text or "")
    )
    assert "gekoppeld.\nStuur op een activiteit" in await say(harness, AN, f"/link {NORMAL}")
    assert await harness.sandbox_checkins(NORMAL) == 1


async def test_unlink_forgets_a_remembered_code(harness: Harness) -> None:
    await send_photo(harness, AN, poster_photo(JAZZ_CODE))
    await say(harness, AN, "/unlink")
    assert "Stuur op een activiteit" in await say(harness, AN, NORMAL)
    assert await harness.sandbox_checkins(NORMAL) == 0


async def test_several_codes_in_one_photo_uses_the_check_in(harness: Harness) -> None:
    await linked(harness)
    reply = await send_photo(harness, AN, poster_photo("https://www.cc-dewerf.be", THEATER_CODE))
    assert "Er stonden 2 QR-codes op de foto" in reply.text
    assert "Je spaarde 2 punten" in reply.text


async def test_a_link_to_another_website_is_not_followed(harness: Harness) -> None:
    await linked(harness)
    reply = await send_photo(harness, AN, poster_photo("https://example.com/<b>win</b>"))
    assert "verwijst naar een website (example.com)" in reply.text
    assert await harness.sandbox_checkins(NORMAL) == 0


async def test_a_file_that_is_not_an_image(harness: Harness) -> None:
    await linked(harness)
    await harness.telegram.send_document(
        AN, b"%PDF-1.4 not really", file_name="affiche.pdf", mime_type="application/pdf"
    )
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert "Dit bestand is geen afbeelding" in reply.text


async def test_a_corrupt_image_file(harness: Harness) -> None:
    await linked(harness)
    truncated = qr_png(JAZZ_CODE)[:300]
    await harness.telegram.send_document(AN, truncated, file_name="qr.png", mime_type="image/png")
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert "Ik kan deze afbeelding niet openen" in reply.text


async def test_a_file_over_20_mb_is_refused_before_download(harness: Harness) -> None:
    await linked(harness)
    huge = qr_png(JAZZ_CODE) + bytes(21 * 1024 * 1024)
    await harness.telegram.send_document(AN, huge, file_name="qr.png", mime_type="image/png")
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert "Dit bestand is 21,0 MB" in reply.text
    calls = await harness.telegram.calls()
    assert not [call for call in calls if call.method == "getFile"]


async def press(
    harness: Harness, user: TgUser, reply: BotCall, data: str, *, force: bool = False
) -> BotCall:
    message_id = reply.result["message_id"]
    query_id = await harness.telegram.press_button(user, message_id, data, force=force)
    answer = await harness.telegram.wait_for_call("answerCallbackQuery")
    assert answer.params["callback_query_id"] == query_id
    return await harness.telegram.wait_for_call(("sendMessage", "sendPhoto"), chat_id=user.id)


@pytest.mark.parametrize("backend", BACKENDS)
async def test_spotlight_button_shows_the_promotion_with_its_picture(harness: Harness) -> None:
    await linked(harness)
    reply = await send_photo(harness, AN, poster_photo(JAZZ_CODE))
    detail = await press(harness, AN, reply, "promo:101")
    assert detail.method == "sendPhoto"
    assert detail.params["photo"].endswith("/media/promotions/101-0.png")
    assert "<b>Gratis koffie in de foyer</b>" in detail.text
    assert "Een koffie of thee naar keuze." in detail.text
    assert "Nodig: <b>5 punten</b>" in detail.text
    assert "Je hebt 26 punten: genoeg om dit om te ruilen." in detail.text
    assert "Onbeperkt beschikbaar." in detail.text


@pytest.mark.parametrize("backend", BACKENDS)
async def test_spotlight_button_without_picture_and_out_of_reach(harness: Harness) -> None:
    await linked(harness, JOHN, OTHER)  # 3 points
    reply = await send_photo(harness, JOHN, poster_photo(JAZZ_CODE))
    # Sold out, so without a button now: a button from an older message still opens it.
    detail = await press(harness, JOHN, reply, "promo:104", force=True)
    assert detail.method == "sendMessage"
    assert "<b>Duoticket museum</b>" in detail.text
    assert "You have 4 points: you need 11 more points." in detail.text
    assert "🚫 Sold out" in detail.text
    assert "0 left." not in detail.text  # "sold out" said it once


@pytest.mark.parametrize(
    ("key", "secret"),
    [("demo-key", "wrong-secret"), ("limited-key", "limited-secret")],
    ids=["wrong-secret", "missing-permission"],
)
async def test_a_misconfigured_bot_says_so_and_logs_for_the_operator(
    start_bot: StartBot, key: str, secret: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with start_bot(uitpas_consumer_key=key, uitpas_consumer_secret=secret) as harness:
        await linked(harness)
        reply = await send_photo(harness, AN, poster_photo(JAZZ_CODE))
        assert "UiTPAS weigert deze bot" in reply.text
        assert await harness.sandbox_points(NORMAL) == 25
    assert "check UITPAS_CONSUMER_KEY" in caplog.text


async def _dead_instances_claim(
    harness: Harness, code: str, points_before: int, *, claimed_ago: float = 30.0
) -> None:
    """Leave the claim a dead instance leaves: unanswered, its lease lapsed a while ago."""
    digest = hashlib.sha256(code.encode()).hexdigest()
    database = harness.running.database
    table = RecentCheckinCode.__table__  # type: ignore[attr-defined]
    values = {
        "claimed_at": utcnow() - timedelta(seconds=claimed_ago),
        "result_code": None,
        "points_saved": None,
        "total_points": None,
        "holder": "dead-instance",
        "lease_until": utcnow() - timedelta(seconds=10),
        "points_before": points_before,
        "attempt": 1,
    }
    async with database.engine.begin() as connection:
        await connection.execute(
            delete(table).where(table.c.telegram_user_id == AN.id, table.c.code_digest == digest)
        )
        await connection.execute(
            insert(table).values(telegram_user_id=AN.id, code_digest=digest, **values)
        )


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_dead_instances_saved_check_in_is_told_not_repeated(harness: Harness) -> None:
    """It died after UiTPAS saved the point: the taker sees the points and says so."""
    await linked(harness)
    await send_photo(harness, AN, poster_photo(JAZZ_CODE))  # the point is saved: 26
    await _dead_instances_claim(harness, JAZZ_CODE, points_before=25)
    requests_before = await checkin_requests(harness)
    reply = await send_photo(harness, AN, poster_photo(JAZZ_CODE))
    assert "je spaarde er 1 punt mee" in reply.text
    assert "in totaal 26 punten" in reply.text
    assert await checkin_requests(harness) == requests_before  # never a second check-in
    assert await harness.sandbox_points(NORMAL) == 26


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_dead_instances_check_in_still_at_uitpas_is_waited_for_not_repeated(
    start_bot: StartBot,
) -> None:
    """UITPAS_TIMEOUT_SECONDS (8 s here) longer than the dead instance's lease: its lease lapsed
    while its request is still at UiTPAS, which saves the point 4 s after it arrived. The taker
    must not read "points unchanged" as "never arrived": it waits out the dead request's
    timeout (under its own heartbeat), then sees the point and says so; one check-in request.
    Without the wait it checks in again (a second request, "maximum reached" or a point).
    """
    async with start_bot(uitpas_timeout_seconds=8.0) as harness:
        await linked(harness)
        await harness.fault(harness.api_path("checkin"), delay=4.0)
        requests_before = await checkin_requests(harness)
        # The dead instance's request: at UiTPAS (the fault taken), saved 4 s after arriving.
        dead_call = asyncio.create_task(
            harness.running.backend.uitpas.checkin(NORMAL, JAZZ_CODE, telegram_user_id=AN.id)
        )
        for _ in range(250):
            if not (await harness.sandbox.get("/_sandbox/faults")).json():
                break
            await asyncio.sleep(0.02)
        # Its claim, as of just now (it claims right before it calls); its lease lapsed.
        await _dead_instances_claim(harness, JAZZ_CODE, points_before=25, claimed_ago=0.0)
        try:
            await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
            reply = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id, timeout=20)
        finally:
            await asyncio.gather(dead_call, return_exceptions=True)
        assert "je spaarde er 1 punt mee" in reply.text
        assert "in totaal 26 punten" in reply.text
        assert await checkin_requests(harness) == requests_before + 1  # the dead one's only
        assert await harness.sandbox_points(NORMAL) == 26


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_dead_instances_recorded_check_in_is_not_recorded_twice(harness: Harness) -> None:
    """It died after UiTPAS saved the point and after writing it to history, before marking the
    code answered: the taker tells the passholder, and history keeps one row for the point."""
    await linked(harness)
    await _dead_instances_claim(harness, JAZZ_CODE, points_before=25, claimed_ago=1.0)
    answer = await harness.running.backend.uitpas.checkin(NORMAL, JAZZ_CODE, telegram_user_id=AN.id)
    assert answer.succeeded
    history = CheckinRepository(harness.running.database)
    await history.add(
        CheckinRecord(
            telegram_user_id=AN.id,
            result_code=answer.code,
            points_saved=answer.saved_points,
            total_points=answer.points,
        )
    )
    requests_before = await checkin_requests(harness)
    reply = await send_photo(harness, AN, poster_photo(JAZZ_CODE))
    assert "je spaarde er 1 punt mee" in reply.text
    assert await checkin_requests(harness) == requests_before
    rows = await history.recent(AN.id, limit=10)
    assert [row.points_saved for row in rows] == [1], [row.result_code for row in rows]


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_dead_instances_unsent_check_in_is_done_by_the_taker(harness: Harness) -> None:
    """It died before calling UiTPAS (the points did not move): the taker checks in, once."""
    await linked(harness)
    await _dead_instances_claim(harness, JAZZ_CODE, points_before=25)
    requests_before = await checkin_requests(harness)
    reply = await send_photo(harness, AN, poster_photo(JAZZ_CODE))
    assert saved_text(harness, "Je spaarde 1 punt", "Jazz op de Grote Markt") in reply.text
    assert await checkin_requests(harness) == requests_before + 1
    assert await harness.sandbox_points(NORMAL) == 26
