"""End to end: the bot's /announce questions and admin errors do not clutter the group
(issue 15, point 16).

- a question of the step-by-step /announce is deleted once the admin answered it;
- one nobody answered is deleted when its draft lapses (an hour), by the reminders' loop, which
  reads the draft's time from the database: whichever instance runs, after any restart;
- /cancel that drops a draft takes its question along;
- an admin's mistake ("reply to a card with /stats") is said privately, naming the group, and in
  the group only when the admin never opened the private chat.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from storage.models import AnnouncementDraft
from tests.support.groups import (
    GROUP,
    MovableClock,
    announce,
    from_now,
    group_reply,
    group_texts,
    make_group,
    message_id,
    typed,
)
from tests.support.harness import AN, Harness, StartBot, say

FAST = {"reminder_interval_seconds": 0.05}


async def question(harness: Harness, text: str, reply_to: int | None = None) -> int:
    """Send ``text`` as the admin (a reply to ``reply_to``); the id of the bot's question."""
    asked = await group_reply(harness, AN, text, reply_to_message_id=reply_to)
    return message_id(asked)


async def remembered(harness: Harness, asked: int) -> None:
    """Until the bot has stored its question with the draft (it does so after sending it): a
    clock moved on before that lapses the draft mid-update, with no question to delete."""
    for _ in range(100):
        async with harness.running.database.session() as session:
            draft = await session.get(AnnouncementDraft, (GROUP, AN.id))
        if draft is not None and draft.prompt_message_id == asked:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the draft never remembered its question {asked}")


async def still_there(harness: Harness, message: int) -> bool:
    return any(m["message_id"] == message for m in await harness.telegram.chat_messages(GROUP))


async def test_each_answered_question_is_deleted(start_bot: StartBot) -> None:
    clock = MovableClock()
    async with start_bot(clock=clock) as harness:
        await make_group(harness)
        first = await question(harness, "/announce")
        second = await question(harness, "Filmavond", reply_to=first)
        deleted = await harness.telegram.wait_for_call("deleteMessage", chat_id=GROUP)
        assert deleted.ok
        assert deleted.params["message_id"] == first
        third = await question(harness, typed(from_now(clock, days=2)), reply_to=second)
        await harness.telegram.wait_for_call(
            "deleteMessage", chat_id=GROUP, where=lambda c: c.params["message_id"] == second
        )
        await harness.telegram.send_text(AN, "De Kelder", chat_id=GROUP, reply_to_message_id=third)
        await harness.telegram.wait_for_call(
            "deleteMessage", chat_id=GROUP, where=lambda c: c.params["message_id"] == third
        )
        for asked in (first, second, third):
            assert not await still_there(harness, asked)


async def test_an_abandoned_question_is_deleted_when_its_draft_lapses(
    start_bot: StartBot,
) -> None:
    clock = MovableClock()
    async with start_bot(clock=clock, **FAST) as harness:
        await make_group(harness)
        asked = await question(harness, "/announce")
        await remembered(harness, asked)
        clock.advance(timedelta(minutes=30))
        assert await still_there(harness, asked)  # half an hour: still a question
        clock.advance(timedelta(minutes=31))
        deleted = await harness.telegram.wait_for_call(
            "deleteMessage", chat_id=GROUP, where=lambda c: c.params["message_id"] == asked
        )
        assert deleted.ok
        assert not await still_there(harness, asked)


async def test_cancel_takes_the_question_of_the_dropped_draft_along(harness: Harness) -> None:
    await make_group(harness)
    asked = await question(harness, "/announce")
    dropped = await group_reply(harness, AN, "/cancel")
    assert "geschrapt" in (dropped.text or "")
    assert not await still_there(harness, asked)


async def test_an_admin_mistake_is_said_privately(harness: Harness) -> None:
    await make_group(harness)
    await say(harness, AN, "/start")  # the admin has opened the private chat
    await harness.telegram.send_text(AN, "/stats", chat_id=GROUP)
    private = await harness.telegram.wait_for_call(
        "sendMessage", chat_id=AN.id, where=lambda c: "/stats" in (c.text or "")
    )
    assert "In <b>De Kelder</b>:" in (private.text or "")
    texts = [m.get("text") or "" for m in await harness.telegram.chat_messages(GROUP)]
    assert not [text for text in texts if text.startswith("Antwoord") or "/stats" in text[1:]]


async def test_every_admin_mistake_on_a_card_is_said_privately(start_bot: StartBot) -> None:
    """/cancel on a card already cancelled, /remind on it, and a /remind whose moment has
    passed are the admin's business too: told privately, naming the group, never in the group."""
    clock = MovableClock()
    async with start_bot(clock=clock) as harness:
        await make_group(harness)
        await say(harness, AN, "/start")  # the admin has opened the private chat
        card = await announce(harness, f"/announce Fuif | {typed(from_now(clock, hours=3))} | Zaal")
        late = await announce(
            harness, f"/announce Quiz | {typed(from_now(clock, minutes=30))} | Zaal"
        )
        await harness.telegram.send_text(
            AN, "/remind 2h", chat_id=GROUP, reply_to_message_id=message_id(late)
        )
        too_late = await harness.telegram.wait_for_call(
            "sendMessage", chat_id=AN.id, where=lambda c: "al voorbij" in (c.text or "")
        )
        assert "In <b>De Kelder</b>:" in (too_late.text or "")
        done = await group_reply(harness, AN, "/cancel", reply_to_message_id=message_id(card))
        assert "geannuleerd" in (done.text or "")
        for command in ("/cancel", "/remind 1h"):
            await harness.telegram.send_text(
                AN, command, chat_id=GROUP, reply_to_message_id=message_id(card)
            )
            said = await harness.telegram.wait_for_call(
                "sendMessage", chat_id=AN.id, where=lambda c: "al geannuleerd" in (c.text or "")
            )
            assert "In <b>De Kelder</b>:" in (said.text or "")
        texts = await group_texts(harness)
        assert not [t for t in texts if "al geannuleerd" in t or "al voorbij" in t]


async def test_an_admin_mistake_without_a_private_chat_stays_in_the_group(
    harness: Harness,
) -> None:
    await make_group(harness)
    reply = await group_reply(harness, AN, "/stats")
    assert "/stats" in (reply.text or "")
