"""In groups the bot never shows personal data: a member's QR photo is checked in privately."""

from __future__ import annotations

from bot.sandbox.uitpas.data import NORMAL, OTHER
from tests.support.groups import GROUP, MIA, group_texts, make_group
from tests.support.harness import JOHN, Harness, say
from tests.support.images import photo_without_qr, poster_photo

JAZZ_CODE = "12345678"


async def test_qr_photo_in_the_group_is_checked_in_privately(harness: Harness) -> None:
    await make_group(harness, bot_status="administrator")  # the bot sees every group message
    await say(harness, JOHN, f"/link {NORMAL}")
    await harness.telegram.send_photo(JOHN, photo_without_qr(), chat_id=GROUP)
    await harness.telegram.send_photo(JOHN, poster_photo(JAZZ_CODE), chat_id=GROUP)
    intro = await harness.telegram.wait_for_call("sendMessage", chat_id=JOHN.id)
    assert "You sent a QR code in <b>De Kelder</b>" in (intro.text or "")
    result = await harness.telegram.wait_for_call("sendMessage", chat_id=JOHN.id, after=intro.seq)
    assert "You saved 1 point" in (result.text or "")
    assert await harness.sandbox_points(NORMAL) == 26
    # In the group only a pointer to the private chat (issue 15.15): no result, nothing
    # personal, and no reaction to the ordinary photo.
    said = [text for text in await group_texts(harness) if "/announce" not in text]
    assert said == [
        "📬 John, I answered you privately, so your UiTPAS details stay out of the group."
    ]


async def test_member_the_bot_cannot_write_to_is_pointed_to_the_private_chat(
    harness: Harness,
) -> None:
    await make_group(harness, bot_status="administrator")
    await harness.telegram.send_photo(MIA, poster_photo(JAZZ_CODE), chat_id=GROUP)
    refused = await harness.telegram.wait_for_call(
        "sendMessage", chat_id=MIA.id, where=lambda call: not call.ok
    )
    assert refused.error_code == 403
    pointer = await harness.telegram.wait_for_call("sendMessage", chat_id=GROUP)
    assert "Mia, ik kan je nog geen privébericht sturen" in (pointer.text or "")
    username = harness.running.application.bot.username
    assert pointer.buttons == [[("Open privégesprek", f"https://t.me/{username}")]]


async def test_personal_command_in_a_group_is_answered_privately(harness: Harness) -> None:
    """/points sent in a group: the balance goes to the private chat, never to the group."""
    await make_group(harness)
    await say(harness, JOHN, f"/link {OTHER}")
    await harness.telegram.send_text(JOHN, "/points", chat_id=GROUP)
    private = await harness.telegram.wait_for_call("sendMessage", chat_id=JOHN.id)
    assert "<b>3 points</b>" in (private.text or "")
    # John's pointer in the group comes after his private answer; waited for here, so it
    # cannot be taken for the answer to Mia's command below.
    answered = await harness.telegram.wait_for_call("sendMessage", chat_id=GROUP, after=private.seq)
    assert "John, I answered you privately" in (answered.text or "")
    await harness.telegram.send_text(MIA, "/points@uitpas_test_bot", chat_id=GROUP)
    pointer = await harness.telegram.wait_for_call("sendMessage", chat_id=GROUP)
    assert "privégesprek" in (pointer.text or "")
    texts = await group_texts(harness)
    assert [text for text in texts if "points" in text or "punten" in text] == []
    assert [text for text in texts if "1000" in text] == []


async def test_history_and_notifications_in_a_group_point_to_the_private_chat(
    harness: Harness,
) -> None:
    """Like /promotions: a personal command that is not answered privately in the group gets
    the pointer, not silence (the member would not know why nothing happened)."""
    await make_group(harness)
    await say(harness, JOHN, f"/link {OTHER}")
    username = harness.running.application.bot.username
    after = 0
    for command in ("/history", "/notifications"):
        await harness.telegram.send_text(JOHN, command, chat_id=GROUP)
        pointer = await harness.telegram.wait_for_call(
            "sendMessage",
            chat_id=GROUP,
            after=after,
            where=lambda call: "private chat" in (call.text or ""),
        )
        after = pointer.seq
        assert pointer.buttons == [[("Open private chat", f"https://t.me/{username}")]]
    texts = await group_texts(harness)
    assert [text for text in texts if "point" in text and "private" not in text] == []
