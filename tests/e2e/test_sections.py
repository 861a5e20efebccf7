"""End to end, over HTTP: /promotions in sections, like publiq's app (issue 17).

Under the whole list the bot offers its sections: in the spotlight, last chance (UiTPAS's
``lastChance``), online (redeemed in the chat). Each edits the message in place, pages, opens
details as the whole list does, and keeps the filter "only what I can get", which never lists
a reward that is sold out or cannot be traded now.
"""

from __future__ import annotations

import pytest

from bot.sandbox.uitpas.data import KANSENTARIEF, NORMAL, ONLINE_LAST_UNIT
from tests.e2e.test_points_and_promotions import data_of, edited, entries, press, send
from tests.e2e.test_redemption import redeem_elsewhere
from tests.support.harness import AN, BACKENDS, Harness

V4 = pytest.mark.parametrize("backend", ["v4"])
ONLINE = [
    "✅ Muziekles proefles · 6 punten",
    "✅ Filmticket openluchtcinema · 10 punten",
    "✅ Boekenbon van 5 euro · 25 punten",
    "Test Online Voordeel - 10/dag · 160 punten",  # publiq's online test reward
]


def labels(call) -> list[str]:  # type: ignore[no-untyped-def]
    return [text for row in call.buttons for text, _ in row]


@V4
async def test_the_list_offers_its_sections_and_each_edits_in_place(harness: Harness) -> None:
    await harness.link(AN, NORMAL)
    listing = await send(harness, AN, "/promotions")
    assert {"⭐ In de kijker (5)", "⏳ Laatste kans (1)", "🛒 Online (4)"} <= set(labels(listing))
    await press(harness, AN, listing, data_of(listing, "🛒 Online"))
    online = await edited(harness, listing)
    assert "🛒 <b>Online</b>" in online.text
    assert entries(online) == ONLINE
    assert "📋 Alles (19)" in labels(online)
    await press(harness, AN, online, data_of(online, "⏳ Laatste kans"))
    last = await edited(harness, listing)
    assert entries(last) == ["✅ Turnzakje · 2 punten"]
    await press(harness, AN, last, data_of(last, "⭐ In de kijker"))
    spotlight = await edited(harness, listing)
    assert len(entries(spotlight)) == 5
    assert all("⭐" in entry for entry in entries(spotlight))


@V4
async def test_only_what_i_can_get_within_a_section_never_lists_sold_out(
    harness: Harness,
) -> None:
    await redeem_elsewhere(harness, KANSENTARIEF, ONLINE_LAST_UNIT)  # the last cinema ticket
    await harness.link(AN, NORMAL)
    listing = await send(harness, AN, "/promotions")
    await press(harness, AN, listing, data_of(listing, "🛒 Online"))
    online = await edited(harness, listing)
    assert "Filmticket openluchtcinema · 10 punten (uitverkocht)" in entries(online)
    await press(harness, AN, online, data_of(online, "✅ Alleen wat ik kan krijgen"))
    mine = await edited(harness, listing)
    assert "🛒 <b>Online</b>" in mine.text  # the filter keeps the section
    assert entries(mine) == [ONLINE[0], ONLINE[2]]


@V4
async def test_a_section_entry_opens_the_detail_with_its_redeem_button(harness: Harness) -> None:
    await harness.link(AN, NORMAL)
    listing = await send(harness, AN, "/promotions")
    await press(harness, AN, listing, data_of(listing, "🛒 Online"))
    online = await edited(harness, listing)
    await press(harness, AN, online, data_of(online, "✅ Boekenbon"))
    detail = await harness.telegram.wait_for_call(("sendMessage", "sendPhoto"), chat_id=AN.id)
    assert "<b>Boekenbon van 5 euro</b>" in detail.text
    assert any("Online omruilen" in label for label in labels(detail))


@pytest.mark.parametrize("backend", BACKENDS)
async def test_legacy_has_no_online_section(harness: Harness) -> None:
    await harness.link(AN, NORMAL)
    listing = await send(harness, AN, "/promotions")
    found = labels(listing)
    assert "⭐ In de kijker (5)" in found
    if harness.backend == "legacy":  # legacy says nothing of online, last chance, welcome, near
        assert not [
            label
            for label in found
            if any(word in label for word in ("Online", "Laatste", "Welkom", "buurt"))
        ]


@V4
async def test_welcome_rewards_you_can_still_get_and_rewards_near_you(harness: Harness) -> None:
    """Asked per passholder when opened: ``type=WELCOME`` with ``isRedeemableByPassholderId``
    (publiq's expired welcome test reward is not among them), and ``organizerPostalCode``
    (An lives in 9000, where publiq's test organizer is)."""
    await harness.link(AN, NORMAL)
    listing = await send(harness, AN, "/promotions")
    await press(harness, AN, listing, data_of(listing, "🎁 Welkomstvoordelen"))
    welcome = await edited(harness, listing)
    assert "🎁 <b>Welkomstvoordelen</b> die je nog kan krijgen" in welcome.text
    assert entries_by_id(welcome) == ["✅ Test Welkomstvoordeel Regio Gent · 0 punten"]
    await press(harness, AN, welcome, data_of(welcome, "📍 In de buurt"))
    near = await edited(harness, listing)
    assert entries_by_id(near) == [
        "Test Voordeel Regio Gent · 120 punten",
        "Test Voordeel Regio Gent - 1/week · 140 punten",
        "Test Online Voordeel - 10/dag · 160 punten",
    ]
    await press(harness, AN, near, data_of(near, "Test Voordeel Regio Gent · 120"))
    detail = await harness.telegram.wait_for_call(("sendMessage", "sendPhoto"), chat_id=AN.id)
    assert "<b>Test Voordeel Regio Gent</b>" in detail.text


def entries_by_id(call) -> list[str]:  # type: ignore[no-untyped-def]
    """Entries of a passholder's own section: opened by id, not by the whole list's entry."""
    return [
        text for row in call.buttons for text, data in row if data and data.startswith("promo:")
    ]


@V4
async def test_a_section_pages_and_keeps_itself_and_the_filter(harness: Harness) -> None:
    """Issue 17: "each section pages". Three more online rewards make the online section
    seven, over two pages; ▶️ and ◀️ stay in the section, with the filter as it was."""
    for number, points in (("161", 1), ("162", 2), ("163", 3)):
        response = await harness.sandbox.post(
            "/_sandbox/promotions",
            json={"id": number, "title": f"E-book {number}", "points": points, "online": True},
        )
        response.raise_for_status()
    await harness.link(AN, NORMAL)
    listing = await send(harness, AN, "/promotions")
    assert "🛒 Online (7)" in labels(listing)
    await press(harness, AN, listing, data_of(listing, "🛒 Online"))
    first = await edited(harness, listing)
    assert "Pagina 1 van 2" in first.text
    assert len(entries(first)) == 5
    await press(harness, AN, first, data_of(first, "Volgende"))
    second = await edited(harness, listing)
    assert "🛒 <b>Online</b>" in second.text
    assert "Pagina 2 van 2" in second.text
    assert entries(second) == ONLINE[2:]  # the cheapest first: the three e-books on page 1
    await press(harness, AN, second, data_of(second, "◀️"))
    back = await edited(harness, listing)
    assert "🛒 <b>Online</b>" in back.text
    assert "Pagina 1 van 2" in back.text
    assert entries(back) == entries(first)
