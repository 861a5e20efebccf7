"""End to end: group privacy where the bot is NOT a group admin (issue 15, point 15).

Such a bot cannot delete members' messages, and in privacy mode it sees only commands and
replies to its own messages. What it does then:

- ``/link <number>`` in the group: the number stays visible, so the bot says so in the private
  chat and advises deleting it (in the group, without the number, when it may not write
  privately yet);
- ``/points`` in the group: the answer goes privately and the group gets a short pointer that
  says so, with nothing personal in it;
- a member's photo of a QR poster (a reply to the bot, so the bot sees it): checked in
  privately, and the group gets the pointer with the button to the private chat.
"""

from __future__ import annotations

from bot.sandbox.uitpas.data import NORMAL, OTHER
from bot.uitpas.numbers import mask_uitpas_number
from tests.support.groups import GROUP, MIA, group_texts, make_group, message_id
from tests.support.harness import JOHN, Harness, say
from tests.support.images import poster_photo

JAZZ_CODE = "12345678"


def assert_nothing_personal(texts: list[str], *numbers: str) -> None:
    for text in texts:
        for number in numbers:
            assert number not in text
            assert mask_uitpas_number(number) not in text
        assert "punten" not in text
        assert "points" not in text


async def test_link_with_a_number_the_bot_cannot_delete_is_flagged_privately(
    harness: Harness,
) -> None:
    await make_group(harness)  # the bot is an ordinary member: it may not delete
    await say(harness, JOHN, "/start")  # John has opened the private chat
    sent = await harness.telegram.send_text(JOHN, f"/link {NORMAL}", chat_id=GROUP)
    refused = await harness.telegram.wait_for_call("deleteMessage", chat_id=GROUP)
    assert not refused.ok
    warning = await harness.telegram.wait_for_call(
        "sendMessage", chat_id=JOHN.id, after=refused.seq
    )
    text = warning.text or ""
    assert "<b>De Kelder</b>" in text
    assert "could not delete" in text
    assert "delete it yourself" in text
    assert NORMAL not in text
    assert any(
        m["message_id"] == sent["message_id"] for m in await harness.telegram.chat_messages(GROUP)
    )
    assert_nothing_personal(await group_texts(harness), NORMAL)


async def test_link_in_the_group_without_a_private_chat_advises_in_the_group(
    harness: Harness,
) -> None:
    await make_group(harness)
    await harness.telegram.send_text(MIA, f"/link {NORMAL}", chat_id=GROUP)
    await harness.telegram.wait_for_call("deleteMessage", chat_id=GROUP)
    pointer = await harness.telegram.wait_for_call(
        "sendMessage", chat_id=GROUP, where=lambda call: "verwijder" in (call.text or "").lower()
    )
    assert "Verwijder je bericht met je nummer zelf" in (pointer.text or "")
    assert_nothing_personal(await group_texts(harness), NORMAL)


async def test_points_in_the_group_leaves_a_pointer_without_personal_data(
    harness: Harness,
) -> None:
    await make_group(harness)
    await say(harness, JOHN, f"/link {OTHER}")
    await harness.telegram.send_text(JOHN, "/points", chat_id=GROUP)
    private = await harness.telegram.wait_for_call("sendMessage", chat_id=JOHN.id)
    assert "<b>3 points</b>" in (private.text or "")
    pointer = await harness.telegram.wait_for_call("sendMessage", chat_id=GROUP)
    assert "answered you privately" in (pointer.text or "")
    username = harness.running.application.bot.username
    assert pointer.buttons == [[("Open private chat", f"https://t.me/{username}")]]
    assert_nothing_personal(await group_texts(harness), OTHER)


async def test_a_poster_photo_replying_to_the_bot_gets_the_private_chat_button(
    harness: Harness,
) -> None:
    await make_group(harness)
    await say(harness, JOHN, f"/link {NORMAL}")
    [hello] = [
        m for m in await harness.telegram.chat_messages(GROUP) if "/announce" in (m["text"] or "")
    ]
    await harness.telegram.send_photo(
        JOHN, poster_photo(JAZZ_CODE), chat_id=GROUP, reply_to_message_id=hello["message_id"]
    )
    result = await harness.telegram.wait_for_call(
        "sendMessage", chat_id=JOHN.id, where=lambda call: "saved" in (call.text or "")
    )
    assert "You saved 1 point" in (result.text or "")
    pointer = await harness.telegram.wait_for_call(
        "sendMessage", chat_id=GROUP, where=lambda call: bool(call.buttons)
    )
    assert "answered you privately" in (pointer.text or "")
    assert message_id(pointer)
    assert_nothing_personal(await group_texts(harness), NORMAL)
