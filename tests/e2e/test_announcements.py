"""End to end, over HTTP: admins announce events in a group, members RSVP and save their point.

The bot runs against the Telegram emulator (with group privacy mode) and the UiTPAS sandbox,
on SQLite and PostgreSQL. Time-dependent parts use a clock the test moves forward.
"""

from __future__ import annotations

from datetime import timedelta

from bot.sandbox.uitpas.data import NORMAL
from tests.support.groups import (
    GROUP,
    MIA,
    MovableClock,
    announce,
    from_now,
    group_reply,
    group_texts,
    make_group,
    message_id,
    token_of,
    typed,
)
from tests.support.harness import AN, JOHN, Harness, StartBot, say
from tests.support.images import poster_photo

THEATER_CODE = "https://test.uitpas.be/?qr=ndm24bawzzswzunwa2hotji8"  # sandbox: starts in 3 h
JAZZ_CODE = "12345678"  # sandbox: happening now


async def test_one_line_announcement_posts_a_card(start_bot: StartBot) -> None:
    clock = MovableClock()
    async with start_bot(clock=clock) as harness:
        await make_group(harness)
        when = from_now(clock, days=3)
        card = await announce(harness, f"/announce Filmavond | {typed(when)} | Jeugdhuis De Kelder")
        assert "📣 <b>Filmavond</b>" in card.text
        assert f"{when.astimezone().strftime('%Y')}" in card.text
        assert "Jeugdhuis De Kelder" in card.text
        assert "Kom je? Tik op ‘Ik kom’." in card.text
        [[coming], [save]] = card.buttons
        assert coming[0] == "🙋 Ik kom"
        username = harness.running.application.bot.username
        assert save == ("⭐ Spaar mijn punt", f"https://t.me/{username}?start=a_{token_of(card)}")
        assert len(token_of(card)) >= 22  # unguessable, not a database id


async def test_dutch_date_words_and_the_group_time_zone(harness: Harness) -> None:
    await make_group(harness)
    card = await announce(harness, "/announce Quiz | overmorgen om 20u30 | Zaal Volta")
    assert "om 20:30" in card.text  # Brussels time as typed, whatever the server's zone


async def test_rsvp_toggles_and_the_card_counts_without_names(harness: Harness) -> None:
    await make_group(harness)
    card = await announce(harness, "/announce Filmavond | morgen 20:00 | De Kelder")
    card_id, data = message_id(card), f"rsvp:{token_of(card)}"

    async def press(user, expected_count_text):  # type: ignore[no-untyped-def]
        query = await harness.telegram.press_button(user, card_id, data, chat_id=GROUP)
        edit = await harness.telegram.wait_for_call("editMessageText", chat_id=GROUP)
        assert expected_count_text in (edit.text or "")
        return await harness.telegram.callback_answer(query)

    answer = await press(JOHN, "1 persoon komt")
    assert answer["answer"]["text"].startswith("Noted: you're coming")  # John reads English
    await press(MIA, "2 personen komen")
    answer = await press(JOHN, "1 persoon komt")
    assert answer["answer"]["text"] == "OK, you're off the list."
    for text in await group_texts(harness):
        assert "John" not in text
        assert "Mia" not in text
    [card_now] = [
        m for m in await harness.telegram.chat_messages(GROUP) if m["message_id"] == card_id
    ]
    assert "1 persoon komt" in card_now["text"]


async def test_rsvp_closes_when_the_event_starts(start_bot: StartBot) -> None:
    clock = MovableClock()
    async with start_bot(clock=clock, reminders=False) as harness:
        await make_group(harness)
        card = await announce(harness, f"/announce Fuif | {typed(from_now(clock, hours=2))} | Zaal")
        clock.advance(timedelta(hours=2, minutes=1))
        query = await harness.telegram.press_button(
            JOHN, message_id(card), f"rsvp:{token_of(card)}", chat_id=GROUP
        )
        await harness.telegram.wait_for_call("answerCallbackQuery")
        answer = await harness.telegram.callback_answer(query)
        assert answer["answer"]["text"] == "This event has already started; RSVPs are closed."
        assert not [c for c in await harness.telegram.calls() if c.method == "editMessageText"]


async def test_non_admin_is_refused_and_the_command_removed(harness: Harness) -> None:
    await make_group(harness, bot_status="administrator")
    sent = await harness.telegram.send_text(
        JOHN, "/announce Fuif | morgen 22:00 | Zaal", chat_id=GROUP
    )
    refusal = await harness.telegram.wait_for_call("sendMessage", chat_id=GROUP)
    assert refusal.text == "Sorry, only this group's admins can do that. 🙂"
    deleted = await harness.telegram.wait_for_call("deleteMessage", chat_id=GROUP)
    assert deleted.ok
    assert deleted.params["message_id"] == sent["message_id"]
    assert all(
        m["message_id"] != sent["message_id"] for m in await harness.telegram.chat_messages(GROUP)
    )


async def test_non_admin_refused_where_the_bot_cannot_delete(harness: Harness) -> None:
    await make_group(harness)
    for command in ("/announce Fuif | morgen 22:00 | Zaal", "/stats", "/cancel"):
        refusal = await group_reply(harness, MIA, command)
        assert refusal.text == "Sorry, dat kunnen alleen de beheerders van deze groep. 🙂"
    calls = await harness.telegram.calls()
    assert not any(
        call.method == "sendMessage" and call.buttons for call in calls if call.chat_id == GROUP
    )


async def test_anonymous_admin_posting_as_the_group_may_announce(harness: Harness) -> None:
    await make_group(harness)
    group_chat = {"id": GROUP, "type": "supergroup", "title": "De Kelder"}
    anonymous = {
        "id": 1087968824,
        "is_bot": True,
        "first_name": "Group",
        "username": "GroupAnonymousBot",
    }
    await harness.telegram.send_raw(
        AN,
        {
            "from": anonymous,
            "sender_chat": group_chat,
            "text": "/announce Fuif | morgen 22:00 | Zaal",
        },
        chat_id=GROUP,
    )
    card = await harness.telegram.wait_for_call("sendMessage", chat_id=GROUP)
    assert "📣 <b>Fuif</b>" in (card.text or "")


async def test_admin_status_is_cached_for_a_few_minutes(harness: Harness) -> None:
    await make_group(harness)
    await announce(harness, "/announce Een | morgen 20:00 | Zaal")
    await announce(harness, "/announce Twee | morgen 21:00 | Zaal")
    lookups = [call for call in await harness.telegram.calls() if call.method == "getChatMember"]
    assert len(lookups) == 1


async def test_step_by_step_survives_a_restart_and_explains_bad_dates(start_bot: StartBot) -> None:
    clock = MovableClock()
    async with start_bot(clock=clock) as harness:
        await make_group(harness)
        prompt = await group_reply(harness, AN, "/announce")
        assert "Hoe heet het evenement?" in (prompt.text or "")
        assert prompt.params["reply_markup"]["force_reply"] is True
        prompt = await group_reply(harness, AN, "Quizavond", reply_to_message_id=message_id(prompt))
        assert "Wanneer is <b>Quizavond</b>?" in (prompt.text or "")
    async with start_bot(clock=clock) as harness:  # the draft is in the database, not in memory
        prompt = await group_reply(harness, AN, "blabla", reply_to_message_id=message_id(prompt))
        assert "Die datum en dat uur begrijp ik niet." in (prompt.text or "")
        assert "Wanneer is <b>Quizavond</b>?" in (prompt.text or "")
        prompt = await group_reply(
            harness, AN, "1/1/2020 20:00", reply_to_message_id=message_id(prompt)
        )
        assert "woensdag 1 januari 2020 om 20:00 is al voorbij." in (prompt.text or "")
        prompt = await group_reply(harness, AN, "morgen", reply_to_message_id=message_id(prompt))
        assert "Ik mis het uur." in (prompt.text or "")
        when = from_now(clock, days=2)
        prompt = await group_reply(harness, AN, typed(when), reply_to_message_id=message_id(prompt))
        assert "Waar is <b>Quizavond</b>?" in (prompt.text or "")
        # Somebody else replying to the question does not answer it.
        await harness.telegram.send_text(
            MIA, "Bij mij thuis", chat_id=GROUP, reply_to_message_id=message_id(prompt)
        )
        card = await announce(harness, "Café De Hoek", reply_to=message_id(prompt))
        assert "📍 Café De Hoek" in (card.text or "")
        assert "Bij mij thuis" not in (card.text or "")


async def test_one_line_with_a_bad_date_asks_for_the_date_again(harness: Harness) -> None:
    await make_group(harness)
    prompt = await group_reply(harness, AN, "/announce Fuif | 31/02 20:00 | Zaal")
    assert "Die dag bestaat niet." in (prompt.text or "")
    assert "Wanneer is <b>Fuif</b>?" in (prompt.text or "")
    card = await announce(harness, "morgen 20:00", reply_to=message_id(prompt))
    assert "📍 Zaal" in (card.text or "")


async def test_weekday_that_does_not_match_the_date(harness: Harness) -> None:
    await make_group(harness)
    prompt = await group_reply(harness, AN, "/announce Fuif | ma 1/1/2030 20:00 | Zaal")
    assert "1 januari 2030 valt op een dinsdag. Klopt de dag?" in (prompt.text or "")


async def test_deep_link_with_the_poster_code_checks_in_privately(harness: Harness) -> None:
    await make_group(harness, bot_status="administrator")
    await say(harness, JOHN, f"/link {NORMAL}")
    poster = await harness.telegram.send_photo(AN, poster_photo(THEATER_CODE), chat_id=GROUP)
    in_three_hours = await _now_plus(hours=3)
    card = await announce(
        harness, f"/announce Theater | {in_three_hours} | CC De Werf", reply_to=poster["message_id"]
    )
    assert "tik tijdens het evenement op ‘Spaar mijn punt’, dan check ik je in" in (card.text or "")
    # The poster (whose code would let anyone check in from home) is removed from the group.
    deleted = await harness.telegram.wait_for_call("deleteMessage", chat_id=GROUP, after=card.seq)
    assert deleted.ok
    assert all(
        m["message_id"] != poster["message_id"] for m in await harness.telegram.chat_messages(GROUP)
    )

    await harness.telegram.send_text(JOHN, f"/start a_{token_of(card)}")
    head = await harness.telegram.wait_for_call("sendMessage", chat_id=JOHN.id)
    assert "📣 <b>Theater</b>" in (head.text or "")
    result = await harness.telegram.wait_for_call("sendMessage", chat_id=JOHN.id, after=head.seq)
    assert "You saved 2 points at <b>Theater: De Kleine Prins</b>" in (result.text or "")
    assert await harness.sandbox_points(NORMAL) == 27

    stats = await group_reply(harness, AN, "/stats", reply_to_message_id=message_id(card))
    assert "Openden het privégesprek: 1" in (stats.text or "")
    assert "Spaarden hun punt via de bot: 1" in (stats.text or "")
    _assert_nothing_personal(await group_texts(harness))
    # The admin's poster was not taken for a check-in of the admin.
    assert not [
        c
        for c in await harness.telegram.calls()
        if c.method == "sendMessage" and c.chat_id == AN.id
    ]


async def test_deep_link_without_code_asks_for_the_photo_and_counts_it(harness: Harness) -> None:
    await make_group(harness)
    card = await announce(harness, f"/announce Jazz | {await _now_plus(hours=1)} | Grote Markt")
    assert "stuur me ter plaatse een foto van de check-in QR-code" in (card.text or "")
    await harness.telegram.send_text(JOHN, f"/start a_{token_of(card)}")
    opened = await harness.telegram.wait_for_call("sendMessage", chat_id=JOHN.id)
    assert "📣 <b>Jazz</b>" in (opened.text or "")
    assert "send me a photo of the check-in QR code here" in (opened.text or "")
    assert "Link your UiTPAS now" in (opened.text or "")
    await say(harness, JOHN, f"/link {NORMAL}")
    await harness.telegram.send_photo(JOHN, poster_photo(JAZZ_CODE))
    saved = await harness.telegram.wait_for_call("sendMessage", chat_id=JOHN.id)
    assert "You saved 1 point" in (saved.text or "")
    stats = await group_reply(harness, AN, "/stats", reply_to_message_id=message_id(card))
    assert "Spaarden hun punt via de bot: 1" in (stats.text or "")


async def test_unknown_deep_link_token(harness: Harness) -> None:
    text = await say(harness, JOHN, "/start a_notarealtokenatall12345")
    assert "I don't know this announcement" in text


async def test_check_in_opens_five_hours_before_the_start(start_bot: StartBot) -> None:
    clock = MovableClock()
    async with start_bot(clock=clock) as harness:
        await make_group(harness)
        await say(harness, JOHN, f"/link {NORMAL}")
        poster = await harness.telegram.send_photo(AN, poster_photo(THEATER_CODE), chat_id=GROUP)
        starts = from_now(clock, days=2, hours=3)
        card = await announce(
            harness,
            f"/announce Theater | {typed(starts)} | CC De Werf",
            reply_to=poster["message_id"],
        )
        await harness.telegram.send_text(JOHN, f"/start a_{token_of(card)}")
        wait = await harness.telegram.wait_for_call("sendMessage", chat_id=JOHN.id)
        assert "Check-in opens" in (wait.text or "")
        [[(label, data)]] = wait.buttons
        assert label == "✅ Check in now"
        clock.advance(timedelta(days=2))  # now 3 h before the start: the window is open
        await harness.telegram.press_button(JOHN, message_id(wait), data or "", chat_id=JOHN.id)
        await harness.telegram.wait_for_call(
            "sendMessage", chat_id=JOHN.id, where=lambda c: "Theater" in (c.text or "")
        )
        result = await harness.telegram.wait_for_call(
            "sendMessage", chat_id=JOHN.id, where=lambda c: "saved" in (c.text or "")
        )
        assert "You saved 2 points" in (result.text or "")


async def test_cancel_on_the_card_strikes_it_and_stops_the_reminder(start_bot: StartBot) -> None:
    clock = MovableClock()
    async with start_bot(clock=clock, reminder_interval_seconds=0.05) as harness:
        await make_group(harness)
        card = await announce(harness, f"/announce Fuif | {typed(from_now(clock, hours=3))} | Zaal")
        refusal = await group_reply(harness, JOHN, "/cancel", reply_to_message_id=message_id(card))
        assert "only this group's admins" in (refusal.text or "")
        done = await group_reply(harness, AN, "/cancel", reply_to_message_id=message_id(card))
        assert "<b>Fuif</b> is geannuleerd" in (done.text or "")
        [edited] = [c for c in await harness.telegram.calls() if c.method == "editMessageText"]
        assert "Gaat niet door" in (edited.text or "")
        assert not edited.buttons
        again = await group_reply(harness, AN, "/cancel", reply_to_message_id=message_id(card))
        assert "was al geannuleerd" in (again.text or "")
        clock.advance(timedelta(hours=2, minutes=5))
        assert await harness.running.services.reminders.send_due(_never) == 0


async def test_remind_moves_the_reminder(start_bot: StartBot) -> None:
    clock = MovableClock()
    async with start_bot(clock=clock, reminders=False) as harness:
        await make_group(harness)
        card = await announce(harness, f"/announce Fuif | {typed(from_now(clock, hours=3))} | Zaal")
        usage = await group_reply(
            harness, AN, "/remind binnenkort", reply_to_message_id=message_id(card)
        )
        assert "/remind 30m" in (usage.text or "")
        moved = await group_reply(harness, AN, "/remind 30m", reply_to_message_id=message_id(card))
        assert "De herinnering voor <b>Fuif</b> gaat uit op" in (moved.text or "")
        reminders = harness.running.services.reminders
        sent: list[str] = []

        async def record(announcement, left):  # type: ignore[no-untyped-def]
            sent.append(announcement.title)

        clock.advance(timedelta(hours=2, minutes=15))  # 45 min before: the old moment, not the new
        assert await reminders.send_due(record) == 0
        clock.advance(timedelta(minutes=16))
        assert await reminders.send_due(record) == 1
        assert sent == ["Fuif"]
        late = await group_reply(harness, AN, "/remind 10m", reply_to_message_id=message_id(card))
        assert "al verstuurd" in (late.text or "")


async def test_commands_need_a_reply_to_the_card(harness: Harness) -> None:
    await make_group(harness)
    reply = await group_reply(harness, AN, "/stats")
    assert reply.text == "Antwoord met /stats op de aankondiging zelf."


async def test_admin_menu_in_groups_and_nothing_personal(harness: Harness) -> None:
    admins = await harness.telegram.commands("nl", scope={"type": "all_chat_administrators"})
    assert [c["command"] for c in admins] == ["announce", "cancel", "remind", "stats"]
    assert await harness.telegram.commands("nl", scope={"type": "all_group_chats"}) == []
    assert await harness.telegram.commands("") == []  # groups fall back to the default scope


async def test_announce_in_private_points_to_groups(harness: Harness) -> None:
    text = await say(harness, JOHN, "/announce Fuif | morgen 20:00 | Zaal")
    assert "Announcing works in a group" in text


async def _never(announcement, left) -> None:  # type: ignore[no-untyped-def]
    raise AssertionError(f"no reminder expected, got one for {announcement.title}")


async def _now_plus(**delta: float) -> str:
    clock = MovableClock()
    return typed(from_now(clock, **delta) + timedelta(minutes=1))


def _assert_nothing_personal(texts: list[str]) -> None:
    for text in texts:
        assert NORMAL not in text
        assert "ndm24" not in text
        assert "punten" not in text
        assert "0930" not in text
