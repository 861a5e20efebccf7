"""End to end, over HTTP: leaving a family someone else manages, and the members' icons (v4).

publiq's dataset: FAMILY_KANSENTARIEF ("Nadia") manages a family that holds her daughter CHILD
("Lina"). Lina's account sees Nadia's family only through ``GET /passholders/{id}/families``
and leaves it with the ``DELETE`` of herself from it. Under legacy the bot keeps the cards on
the account that added them: there is nothing to leave and no icon, and both say so.
"""

from __future__ import annotations

import pytest

from bot.sandbox.uitpas.data import CHILD, FAMILY_KANSENTARIEF
from bot.uitpas.numbers import mask_uitpas_number
from tests.e2e.test_family import JAZZ_CODE, data_of, labels, with_family
from tests.e2e.test_points_and_promotions import press
from tests.support.harness import AN, Harness, say
from tests.support.images import poster_photo

CHILD_ID = "00000000-0000-4000-8000-" + CHILD[:12]


async def pressed(harness: Harness, message, data: str, method: str, **kw: bool):  # type: ignore[no-untyped-def]
    """Press a button; the bot's next ``method`` call (a new message, or the edit)."""
    after = (await harness.telegram.calls())[-1].seq
    await press(harness, AN, message, data, **kw)
    return await harness.telegram.wait_for_call(method, chat_id=AN.id, after=after)


async def confirmation(harness: Harness):  # type: ignore[no-untyped-def]
    await harness.telegram.send_text(AN, "/family leave")
    asked = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert (asked.text or "").startswith("Verlaat het gezin van Nadia?"), asked.text
    assert labels(asked) == ["✅ Ja, verlaat", "❌ Nee"]
    return asked


async def families(harness: Harness) -> dict[str, list[str]]:
    response = await harness.sandbox.get("/_sandbox/families")
    response.raise_for_status()
    return response.json()


# --- leaving -----------------------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["v4"])
async def test_a_member_sees_the_family_they_are_in_and_leaves_it(harness: Harness) -> None:
    await harness.link(AN, CHILD)
    await harness.telegram.send_text(AN, "/family")
    listing = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert "Je hoort ook bij het gezin van Nadia (sinds " in (listing.text or "")
    assert labels(listing) == ["🚪 Verlaat het gezin van Nadia"]
    assert CHILD_ID not in str(listing.buttons)  # button data name no passholder
    asked = await pressed(
        harness, listing, data_of(listing, "🚪 Verlaat"), "sendMessage"
    )  # the list stays; the question comes below it
    assert (asked.text or "").startswith("Verlaat het gezin van Nadia?")
    kept = await pressed(harness, asked, data_of(asked, "❌ Nee"), "editMessageText")
    assert kept.text == "Goed, je blijft in dat gezin."
    assert (await families(harness))[FAMILY_KANSENTARIEF] == [CHILD]

    asked = await confirmation(harness)
    left = await pressed(harness, asked, data_of(asked, "✅ Ja"), "editMessageText")
    assert left.text == "🚪 Je hoort niet meer bij het gezin van Nadia."
    assert (await families(harness))[FAMILY_KANSENTARIEF] == []
    # A second tap (the edit was slow) leaves nothing twice: there is no such family any more.
    after = (await harness.telegram.calls())[-1].seq
    await press(harness, AN, asked, data_of(asked, "✅ Ja"), force=True)
    again = await harness.telegram.wait_for_call("editMessageText", chat_id=AN.id, after=after)
    assert again.text == "Niemand anders heeft je aan zijn of haar gezin toegevoegd."
    assert "hoort ook bij" not in await say(harness, AN, "/family")

    # Nadia's account: Lina is gone from her chooser and her points.
    await say(harness, AN, "/unlink")
    await harness.link(AN, FAMILY_KANSENTARIEF)
    assert f"Lina ({mask_uitpas_number(CHILD)})" not in await say(harness, AN, "/points")
    await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert "Wie is er bij je" not in (reply.text or "")
    assert "Je spaarde 1 punt" in (reply.text or "")
    assert await harness.sandbox_checkins(CHILD) == 0


@pytest.mark.parametrize("backend", ["v4"])
async def test_each_refusal_of_a_leave_has_its_own_message(harness: Harness) -> None:
    await harness.link(AN, CHILD)
    path = f"/family-members/{CHILD_ID}"  # the DELETE of Lina from Nadia's family only
    forbidden = (
        '{"type": "https://api.publiq.be/probs/auth/forbidden", "title": "Forbidden",'
        ' "status": 403, "endUserMessage": {"nl": "Vraag Nadia om je uit het gezin te halen."}}'
    )
    await harness.fault(path, status=403, body=forbidden, content_type="application/problem+json")
    asked = await confirmation(harness)
    refused = await pressed(harness, asked, data_of(asked, "✅ Ja"), "editMessageText")
    assert "Vraag Nadia om je uit het gezin te halen." in (refused.text or "")  # UiTPAS's first
    assert "staat deze bot dit niet toe" not in (refused.text or "")  # not the bot's permission

    gone = '{"type": "about:blank", "title": "Not Found", "status": 404}'
    await harness.fault(path, status=404, body=gone, content_type="application/problem+json")
    asked = await confirmation(harness)
    refused = await pressed(harness, asked, data_of(asked, "✅ Ja"), "editMessageText")
    assert refused.text == (
        "UiTPAS vindt je niet (meer) in het gezin van Nadia: misschien ben je er al uit."
    )
    await harness.fault(path, status=403, body="", content_type="application/problem+json")
    asked = await confirmation(harness)
    refused = await pressed(harness, asked, data_of(asked, "✅ Ja"), "editMessageText")
    assert refused.text == "UiTPAS laat je het gezin van Nadia niet verlaten."
    assert (await families(harness))[FAMILY_KANSENTARIEF] == [CHILD]


@pytest.mark.parametrize("backend", ["v4"])
async def test_leave_without_another_family_and_by_a_wrong_name(harness: Harness) -> None:
    await with_family(harness)  # Nadia: she manages her family and is in no one else's
    assert "Niemand anders heeft je aan" in await say(harness, AN, "/family leave")
    await say(harness, AN, "/unlink")
    await harness.link(AN, CHILD)
    assert "Je hoort niet bij een gezin van „Marc”" in await say(harness, AN, "/family leave Marc")
    assert "Verlaat het gezin van Nadia?" in await say(harness, AN, "/family verlaat nadia")


async def test_legacy_has_no_family_to_leave_and_no_icons(harness: Harness) -> None:
    await with_family(harness)
    assert "er is geen gezin om te verlaten" in await say(harness, AN, "/family leave")
    text = await say(harness, AN, "/family icon Lina")
    assert "geen icoon" in text
    assert "/family rename" in text
    await harness.telegram.send_text(AN, "/family")
    listing = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert not listing.buttons  # no 🎨, no 🚪 under legacy


# --- icons -------------------------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["v4"])
async def test_an_icon_is_chosen_and_shown_in_the_list_and_the_chooser(harness: Harness) -> None:
    await with_family(harness)
    await harness.telegram.send_text(AN, "/family")
    listing = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert f"🐻 Lina ({mask_uitpas_number(CHILD)}): 2 punten" in (listing.text or "")
    assert labels(listing) == ["🎨 Nadia", "🎨 Lina"]
    picker = await pressed(harness, listing, data_of(listing, "🎨 Lina"), "sendMessage")
    assert picker.text == "🎨 Kies een icoon voor 🐻 Lina:"
    assert labels(picker) == ["🦊", "🐻", "🐼", "🐨", "🐯", "🦁", "🐸", "🐰"]
    changed = await pressed(harness, picker, data_of(picker, "🐸"), "editMessageText")
    assert changed.text == "🐸 Lina heeft een nieuw icoon."
    assert f"🐸 Lina ({mask_uitpas_number(CHILD)})" in await say(harness, AN, "/family")
    # One's own icon too, by command.
    await harness.telegram.send_text(AN, "/family icon nadia")
    picker = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert picker.text == "🎨 Kies een icoon voor 🦊 Nadia:"
    await pressed(harness, picker, data_of(picker, "🐼"), "editMessageText")
    await harness.telegram.send_photo(AN, poster_photo(JAZZ_CODE))
    chooser = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    assert labels(chooser)[:2] == ["✅ Nadia 🐼", "⬜ Lina 🐸"]


@pytest.mark.parametrize("backend", ["v4"])
async def test_a_bad_icon_or_member_changes_nothing(harness: Harness) -> None:
    await with_family(harness)
    assert "Ik vind niemand die „Bo”" in await say(harness, AN, "/family icon Bo")
    await harness.telegram.send_text(AN, "/family icon Lina")
    picker = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    forged = data_of(picker, "🐸").rsplit(":", 1)[0] + ":9"  # there is no tenth icon
    refused = await pressed(harness, picker, forged, "editMessageText", force=True)
    assert refused.text == "Dat icoon ken ik niet. Kies een van de iconen onder het bericht."
    assert "🐻 Lina (" in await say(harness, AN, "/family")


@pytest.mark.parametrize("backend", ["v4"])
async def test_the_list_stays_when_uitpas_does_not_tell_the_other_families(
    harness: Harness,
) -> None:
    await with_family(harness)
    await harness.fault("/families", status=403, body="", content_type="application/problem+json")
    text = await say(harness, AN, "/family")
    assert f"Lina ({mask_uitpas_number(CHILD)}): 2 punten" in text
    assert "hoort ook bij" not in text
