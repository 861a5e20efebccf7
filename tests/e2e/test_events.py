"""What's on (issue 20): /events through the emulator, the bot and the Search API stand-in.

The real Application polls the emulator; a user shares a location or types words; the bot asks
the sandbox's Search API stand-in (mounted in the UiTPAS sandbox, over the same demo events)
and answers. Paging reads the location again from the message the list replies to.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.sandbox.telegram.client import BotCall, TgUser
from bot.sandbox.uitpas.data import KANSENTARIEF, NORMAL
from tests.support.groups import GROUP, announce, group_reply, is_card, make_group
from tests.support.harness import AN, JOHN, Harness, say
from tests.support.log_capture import CAPTURE
from tests.support.search_spec import asked, check_recorded_requests

GENT = (51.0543, 3.7174)  # Korenmarkt
WETTEREN = (51.0020, 3.8830)  # 12-14 km from Gent's and Aalst's events: only when widened
PARIS = (48.8566, 2.3522)
NAMUR = (50.4669, 4.8675)
ORGAN = "Orgelconcert in de kathedraal"
ATELIER = "Kinderatelier in het STAM"
FILM = "Zomerfilm op het Ladeuzeplein"
FILM_ID = "e1a0c1de-0008-4a6e-9f00-000000000008"


async def asked_queries(harness: Harness) -> list[str]:
    """What the bot asked the Search API stand-in, one readable query string each."""
    return [
        asked(pairs) for pairs in (await harness.sandbox.get("/_sandbox/search/requests")).json()
    ]


@pytest.fixture(autouse=True)
async def _requests_follow_the_spec(harness: Harness) -> AsyncIterator[None]:
    """After each test: every request the bot sent the stand-in is one the spec allows."""
    yield
    recorded = (await harness.sandbox.get("/_sandbox/search/requests")).json()
    check_recorded_requests(recorded)


async def share_location(harness: Harness, user: TgUser, spot: tuple[float, float]) -> BotCall:
    """Share ``spot`` in the private chat, as the 📍 button does; the bot's answer."""
    sent = await harness.telegram.send_raw(
        user, {"location": {"latitude": spot[0], "longitude": spot[1]}}
    )
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=user.id)
    assert reply.ok, reply.description
    assert reply.result["reply_to_message"]["message_id"] == sent["message_id"]
    return reply


async def events_reply(harness: Harness, user: TgUser, text: str) -> BotCall:
    await harness.telegram.send_text(user, text)
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=user.id)
    assert reply.ok, reply.description
    return reply


def titles(call: BotCall) -> list[str]:
    """The events' titles, in the order of their buttons ("1. Title")."""
    return [
        label.split(". ", 1)[1]
        for row in call.buttons
        for label, data in row
        if data and data.startswith("ev1:D:")
    ]


def button(call: BotCall, starts: str) -> str:
    return next(
        data for row in call.buttons for label, data in row if label.startswith(starts) and data
    )


async def press(harness: Harness, user: TgUser, call: BotCall, data: str, **kw: Any) -> str:
    return await harness.telegram.press_button(user, call.result["message_id"], data, **kw)


async def test_events_offers_a_location_button(harness: Harness) -> None:
    reply = await events_reply(harness, AN, "/events")
    keyboard = reply.params["reply_markup"]
    [[location_button]] = keyboard["keyboard"]
    assert location_button["request_location"] is True
    assert location_button["text"].startswith("📍")
    assert "bewaar" in (reply.text or "")  # says the location is not kept


async def test_a_location_lists_the_nearest_events_first(harness: Harness) -> None:
    reply = await share_location(harness, AN, GENT)
    assert titles(reply) == [ORGAN, ATELIER]
    text = reply.text or ""
    assert "binnen 10 km" in text
    assert text.index(ORGAN) < text.index(ATELIER)
    assert "Sint-Baafskathedraal, Gent · 0,7 km" in text
    assert "STAM, Gent · 1,3 km" in text
    assert "december" in text or "januari" in text or " 20" in text  # when, in words
    asked = await asked_queries(harness)
    assert len(asked) == 1
    assert "sort[distance]=asc" in asked[0]
    assert "distance=10km" in asked[0]
    assert "coordinates=51.054300,3.717400" in asked[0]
    assert "uitpas=true" in asked[0]


async def test_nothing_within_10_km_widens_once_and_pages_by_five(harness: Harness) -> None:
    first = await share_location(harness, JOHN, WETTEREN)
    text = first.text or ""
    assert "Nothing within 10 km" in text
    assert "within 30 km" in text
    assert "Page 1 of 2 · 6 found" in text
    assert len(titles(first)) == 5
    asked = await asked_queries(harness)
    assert ["distance=10km" in a for a in asked] == [True, False]
    assert "distance=30km" in asked[1]

    await press(harness, JOHN, first, button(first, "Next"))
    second = await harness.telegram.wait_for_call("editMessageText", chat_id=JOHN.id)
    assert second.ok, second.description
    assert "Page 2 of 2" in (second.text or "")
    assert len(titles(second)) == 1
    assert not set(titles(second)) & set(titles(first))
    asked = await asked_queries(harness)
    assert "start=5" in asked[-1]
    assert "distance=30km" in asked[-1]  # the radius of the first page, not widened again

    await press(harness, JOHN, second, button(second, "◀️"))
    back = await harness.telegram.wait_for_call("editMessageText", chat_id=JOHN.id)
    assert titles(back) == titles(first)


async def test_words_search_all_of_flanders(harness: Harness) -> None:
    reply = await events_reply(harness, AN, "/events film Leuven")
    assert titles(reply) == [FILM]
    assert "“film Leuven”" in (reply.text or "")
    asked = await asked_queries(harness)
    assert "text=film Leuven" in asked[0]


@pytest.mark.parametrize("words", ["vandaag", "today"])
async def test_time_words_narrow_the_dates(harness: Harness, words: str) -> None:
    reply = await events_reply(harness, JOHN, f"/events {words}")
    found = titles(reply)
    assert "Jazz op de Grote Markt" in found  # on right now
    assert "Voorleesuurtje in de bib" not in found  # in three days
    asked = await asked_queries(harness)
    assert "dateTo=" in asked[0]
    assert "text=" not in asked[0]  # the time word is no word to search for


async def test_an_events_details_with_link_and_announce_button(harness: Harness) -> None:
    reply = await events_reply(harness, AN, "/events film Leuven")
    await press(harness, AN, reply, button(reply, "1. "))
    detail = await harness.telegram.wait_for_call(
        "sendMessage", chat_id=AN.id, where=lambda c: FILM in (c.text or "")
    )
    text = detail.text or ""
    assert "Ladeuzeplein, 3000 Leuven" in text
    assert "Organisator: Cultuurcentrum Leuven" in text
    assert "dekentje" in text  # the description
    assert "van " in text
    assert " tot " in text
    links = dict(label_and_url for row in detail.buttons for label_and_url in row)
    assert links["🔗 Meer op UiTinVlaanderen"].startswith("https://www.uitinvlaanderen.be/")
    me = harness.running.application.bot.username
    assert links["📣 Aankondigen in een groep"] == f"https://t.me/{me}?startgroup=ev_{FILM_ID}"


@pytest.mark.parametrize("backend", ["v4"])
async def test_the_kansentarief_of_a_linked_passholder(harness: Harness) -> None:
    await harness.link(AN, KANSENTARIEF)
    reply = await share_location(harness, AN, GENT)
    text = reply.text or ""
    assert "Met je kansentarief: € 2,40" in text  # the organ concert, UiTPAS Regio Gent


@pytest.mark.parametrize("backend", ["v4"])
async def test_no_kansentarief_without_one(harness: Harness) -> None:
    await harness.link(AN, NORMAL)
    reply = await share_location(harness, AN, GENT)
    assert "kansentarief" not in (reply.text or "")


# --- bad input: each its own message --------------------------------------------------------


async def test_no_location_permission(harness: Harness) -> None:
    """A client that may not share the location sends the button's text instead."""
    text = await say(harness, AN, "📍 Deel mijn locatie")
    assert "kreeg je locatie niet" in text
    assert await asked_queries(harness) == []


@pytest.mark.parametrize("spot", [PARIS, NAMUR])
async def test_a_location_outside_flanders_and_brussels(
    harness: Harness, spot: tuple[float, float]
) -> None:
    reply = await share_location(harness, AN, spot)
    assert "buiten Vlaanderen en Brussel" in (reply.text or "")
    assert await asked_queries(harness) == []


async def test_nothing_found(harness: Harness) -> None:
    reply = await events_reply(harness, AN, "/events kantklossen")
    assert "geen UiTPAS-activiteiten voor “kantklossen”" in (reply.text or "")


async def test_an_empty_search(harness: Harness) -> None:
    reply = await events_reply(harness, AN, "/events ?!")
    assert "Waarnaar zal ik zoeken?" in (reply.text or "")
    assert await asked_queries(harness) == []


@pytest.mark.parametrize(
    "fault",
    [
        {"status": 503, "body": "<html>Service Unavailable</html>", "content_type": "text/html"},
        {"delay": 3.0},
    ],
)
async def test_the_search_api_down(harness: Harness, fault: dict[str, Any]) -> None:
    await harness.fault("/search/events", **fault)
    reply = await events_reply(harness, AN, "/events theater")
    assert "agenda antwoordt nu niet" in (reply.text or "")
    # Nothing else breaks: the next search works, and so does the rest of the bot.
    assert titles(await events_reply(harness, AN, "/events theater")) == [
        "Theater: De Kleine Prins"
    ]
    assert "UiTPAS" in await say(harness, AN, "/help")


# --- privacy ----------------------------------------------------------------------------------


async def test_the_location_is_neither_logged_nor_stored(harness: Harness) -> None:
    """The location serves one search: no log line and no database row holds it afterwards,
    and the list's buttons do not carry it (the next page reads the location message again)."""
    seen_lines, seen_raw = len(CAPTURE.lines), len(CAPTURE.raw)
    spot = (51.0461, 3.7249)  # a spot no other test uses
    first = await share_location(harness, JOHN, spot)
    await press(harness, JOHN, first, button(first, "1. "))
    await harness.telegram.wait_for_call("sendMessage", chat_id=JOHN.id)
    written = [text for _, text in CAPTURE.lines[seen_lines:] + CAPTURE.raw[seen_raw:]]
    assert written, "the capture saw nothing: it is not capturing"
    forms = ("51.0461", "51,0461", "3.7249", "3,7249")
    assert not [line for line in written for form in forms if form in line]
    assert not [data for row in first.buttons for _, data in row if data and "51" in data]
    path = harness.settings.sqlite_path
    if path is not None:
        stored = b"".join(p.read_bytes() for p in path.parent.glob(f"{path.name}*"))
        assert not [form for form in forms if form.encode() in stored]


# --- announce in one tap ----------------------------------------------------------------------


async def _preview(harness: Harness, user: TgUser = AN) -> BotCall:
    """The admin picked the group through the event's startgroup link: Telegram sends
    ``/start@bot ev_<id>`` there as them."""
    me = harness.running.application.bot.username
    return await group_reply(harness, user, f"/start@{me} ev_{FILM_ID}")


async def test_an_event_becomes_an_announcement_card_in_one_tap(harness: Harness) -> None:
    await make_group(harness)
    preview = await _preview(harness)
    text = preview.text or ""
    assert "Deze activiteit aankondigen?" in text
    assert FILM in text
    assert "Ladeuzeplein, Leuven" in text
    await press(harness, AN, preview, button(preview, "✅"), chat_id=GROUP)
    card = await harness.telegram.wait_for_call("sendMessage", chat_id=GROUP, where=is_card)
    assert card.ok, card.description
    assert FILM in (card.text or "")
    assert "Ladeuzeplein, Leuven" in (card.text or "")
    deleted = await harness.telegram.wait_for_call("deleteMessage", chat_id=GROUP)
    assert deleted.params["message_id"] == preview.result["message_id"]


async def test_the_admin_can_change_it_first(harness: Harness) -> None:
    await make_group(harness)
    preview = await _preview(harness)
    await press(harness, AN, preview, button(preview, "✏️"), chat_id=GROUP)
    edit = await harness.telegram.wait_for_call("sendMessage", chat_id=GROUP)
    line = (edit.text or "").split("<code>")[1].split("</code>")[0]
    assert line.startswith(f"/announce {FILM} | ")
    assert line.endswith(" | Ladeuzeplein, Leuven")
    card = await announce(harness, line.replace("Zomerfilm", "Filmavond"))
    assert "Filmavond op het Ladeuzeplein" in (card.text or "")


async def test_only_admins_announce_an_event(harness: Harness) -> None:
    await make_group(harness)
    refusal = await _preview(harness, JOHN)
    assert "beheerders" in (refusal.text or "") or "admins" in (refusal.text or "")
    preview = await _preview(harness)
    await press(harness, JOHN, preview, button(preview, "✅"), chat_id=GROUP, force=True)
    toast = await harness.telegram.wait_for_call("answerCallbackQuery")
    assert toast.params["text"] == "That button no longer works."  # it was made for An
    assert not [c for c in await harness.telegram.calls() if is_card(c)]


# --- inline mode ------------------------------------------------------------------------------


async def inline_answer(harness: Harness, user: TgUser, words: str) -> dict[str, Any]:
    query_id = await harness.telegram.inline_query(user, words)
    answered = await harness.telegram.wait_for_call("answerInlineQuery")
    assert answered.ok, answered.description
    answer = await harness.telegram.inline_answer(query_id)
    assert answer["answered"]
    return {"id": query_id, **answer["answer"]}


async def test_inline_mode_answers_with_events_to_share(harness: Harness) -> None:
    answer = await inline_answer(harness, JOHN, "film")
    [result] = answer["results"]
    assert result["type"] == "article"
    assert result["title"] == FILM
    assert "Ladeuzeplein, Leuven" in result["description"]
    assert FILM in result["input_message_content"]["message_text"]
    [[back]] = result["reply_markup"]["inline_keyboard"]
    me = harness.running.application.bot.username
    assert back["url"] == f"https://t.me/{me}?start=ev_{FILM_ID}"
    assert answer["button"]["start_parameter"] == "events"

    # Shared into a group, it is the user's message via the bot; its button opens the event.
    await make_group(harness)
    shared = await harness.telegram.choose_inline_result(
        JOHN, answer["id"], result["id"], chat_id=GROUP
    )
    assert shared["via_bot"]["username"] == me
    detail = await events_reply(harness, AN, f"/start ev_{FILM_ID}")
    assert "Organisator: Cultuurcentrum Leuven" in (detail.text or "")


async def test_inline_mode_shows_no_kansentarief(harness: Harness) -> None:
    """Shared results go to other people: nothing of the passholder's is in them."""
    answer = await inline_answer(harness, AN, "orgel")
    [result] = answer["results"]
    assert "kansentarief" not in str(result).lower()


async def test_an_empty_inline_query_offers_the_bot(harness: Harness) -> None:
    answer = await inline_answer(harness, AN, "  ")
    assert answer["results"] == []
    assert answer["button"]["start_parameter"] == "events"
    assert await asked_queries(harness) == []


async def test_inline_mode_with_the_search_api_down(harness: Harness) -> None:
    await harness.fault("/search/events", status=502, body="Bad Gateway")
    answer = await inline_answer(harness, AN, "film")
    assert answer["results"] == []  # answered at once, nothing claimed


async def test_the_inline_button_opens_the_location_prompt(harness: Harness) -> None:
    reply = await events_reply(harness, AN, "/start events")
    [[location_button]] = reply.params["reply_markup"]["keyboard"]
    assert location_button["request_location"] is True


async def test_a_live_location_is_one_search_not_one_a_minute(harness: Harness) -> None:
    live = {"latitude": GENT[0], "longitude": GENT[1], "live_period": 900}
    sent = await harness.telegram.send_raw(AN, {"location": live})
    first = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert titles(first) == [ORGAN, ATELIER]
    moved = {"message_id": sent["message_id"], "location": {**live, "latitude": 51.05}}
    await harness.telegram.send_raw(AN, moved, edited=True)
    assert "UiTPAS" in await say(harness, AN, "/help")  # the next answer is /help's
    assert len(await asked_queries(harness)) == 1
    sent_to_an = [
        c
        for c in await harness.telegram.calls()
        if c.method == "sendMessage" and c.chat_id == AN.id
    ]
    assert len(sent_to_an) == 2  # the list and /help: nothing for the live update


async def test_events_in_a_group_points_to_the_private_chat(harness: Harness) -> None:
    await make_group(harness)
    reply = await group_reply(harness, JOHN, "/events")
    assert reply.buttons  # the button to the private chat
    assert await asked_queries(harness) == []


async def test_legacy_asks_uitpas_nothing_for_a_kansentarief_it_never_names(
    harness: Harness,
) -> None:
    await harness.link(AN, KANSENTARIEF)
    await harness.sandbox.delete("/_sandbox/requests")
    reply = await share_location(harness, AN, GENT)
    assert "kansentarief" not in (reply.text or "")
    assert (await harness.sandbox.get("/_sandbox/requests")).json() == {}
