"""Notifications end to end (issue 19): the real bot, the emulator, the sandbox, both databases.

The rounds are driven by the test with a movable clock (the instance's own loop is off,
``reminders=False``), so "once and only once" is checked over many rounds without waiting;
the loops themselves run in the two-instance test on PostgreSQL
(test_notification_instances.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import time as wall
from collections.abc import Sequence
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.i18n import t
from bot.sandbox.telegram.client import TgUser
from bot.sandbox.uitpas.data import (
    FAMILY_KANSENTARIEF,
    KANSENTARIEF,
    KANSENTARIEF_EXPIRED,
    KANSENTARIEF_GRACE,
    KANSENTARIEF_OTHER_REGION,
    NORMAL,
    OTHER,
)
from bot.services.notifications import scheduler as scheduler_module
from bot.services.notifications.kinds import (
    ALL_KINDS,
    LAST_CHANCE,
    LEGACY_KINDS,
    WITHIN_REACH,
    Notice,
)
from bot.services.notifications.kinds import (
    KANSENTARIEF as TARIFF,
)
from bot.services.notifications.scheduler import CLAIM_BATCH, CLAIM_LEASE, RoundReport
from storage.models import SendWindow
from storage.notifications import NotificationRepository
from tests.support.groups import MovableClock, message_id
from tests.support.harness import AN, BACKENDS, JOHN, LEA, Harness, StartBot, button_data, say
from tests.support.images import poster_photo
from tests.support.notifications import (
    FAST,
    digests,
    look,
    scheduler,
    sender,
    turn_off,
    turn_on,
)

JAZZ_CODE = "12345678"  # the sandbox's event happening now, 1 point
BRUSSELS = ZoneInfo("Europe/Brussels")
MIA = TgUser(id=7091, first_name="Mia", username="mia_n", language_code="nl")


async def add_promotion(harness: Harness, promotion_id: str, title: str, points: int) -> None:
    body = {"id": promotion_id, "title": title, "points": points}
    (await harness.sandbox.post("/_sandbox/promotions", json=body)).raise_for_status()


async def remove_promotion(harness: Harness, promotion_id: str) -> None:
    (await harness.sandbox.delete(f"/_sandbox/promotions/{promotion_id}")).raise_for_status()


async def uitpas_requests(harness: Harness) -> int:
    response = await harness.sandbox.get("/_sandbox/requests")
    response.raise_for_status()
    return sum(response.json().values())


async def send_windows(harness: Harness, purpose: str) -> list[int]:
    """How many slots of the budget ``purpose`` were taken in each second (every instance's)."""
    async with harness.running.database.session() as session:
        rows = await session.exec(select(SendWindow.count).where(SendWindow.purpose == purpose))
        return list(rows)


async def check_in(harness: Harness, user: TgUser) -> None:
    await harness.telegram.send_photo(user, poster_photo(JAZZ_CODE))
    await harness.telegram.wait_for_call(
        "sendMessage", chat_id=user.id, where=lambda c: "✅" in (c.text or "")
    )


def texts(calls: Sequence) -> list[str]:  # type: ignore[type-arg]
    return [call.text or "" for call in calls]


@pytest.mark.parametrize("backend", BACKENDS)
async def test_within_reach_is_told_once_and_again_only_after_out_of_reach(
    start_bot: StartBot,
) -> None:
    """Legacy and v4: the points against the card system's rewards; NORMAL has 25 points."""
    clock = MovableClock()
    async with start_bot(clock=clock, reminders=False, **FAST) as harness:
        await add_promotion(harness, "901", "Wensdoos", 26)
        await harness.link(AN, NORMAL)
        await turn_on(harness, AN, WITHIN_REACH)
        first = await look(harness, clock)
        assert (first.looked, first.found) == (1, 0)  # the first look only learns what is
        await check_in(harness, AN)  # 26 points: the Wensdoos is within reach now
        found = await look(harness, clock)
        assert (found.looked, found.found, found.sent) == (1, 1, 1)
        [digest] = await digests(harness, AN)
        assert "Je hebt genoeg punten voor <b>Wensdoos</b> (26 punten)." in (digest.text or "")
        assert digest.buttons == [
            [("🔕 Stop: Genoeg punten voor een voordeel", digest.buttons[0][0][1])]
        ]
        for _ in range(4):  # many looks later, days apart: told once
            assert (await look(harness, clock, timedelta(days=1))).found == 0
        assert len(await digests(harness, AN)) == 1
        await remove_promotion(harness, "901")  # out of reach: forgotten
        assert (await look(harness, clock, timedelta(days=1))).found == 0
        await add_promotion(harness, "901", "Wensdoos", 26)  # within reach again: told again
        again = await look(harness, clock, timedelta(days=1))
        assert (again.found, again.sent) == (1, 1)
        assert len(await digests(harness, AN)) == 2


@pytest.mark.parametrize("backend", BACKENDS)
async def test_the_offer_under_the_link_turns_everything_on_in_one_tap(harness: Harness) -> None:
    """Legacy's /link and v4's login callback (a confirmation sent from the web route)."""
    confirmation_text = await harness.link(AN, NORMAL)
    assert "gekoppeld" in confirmation_text
    [confirmation] = [
        call
        for call in await harness.telegram.calls()
        if call.method == "sendMessage" and call.text == confirmation_text
    ]
    repository = NotificationRepository(harness.running.database)
    assert await repository.kinds(AN.id) == frozenset()  # nothing before the tap
    data = button_data(confirmation, "🔔 Ja")
    await harness.telegram.press_button(AN, message_id(confirmation), data)
    menu = await harness.telegram.wait_for_call("editMessageText", chat_id=AN.id)
    offered = LEGACY_KINDS if harness.backend == "legacy" else ALL_KINDS  # what the API knows
    assert await repository.kinds(AN.id) == frozenset(offered)
    assert [text for row in menu.buttons for text, _ in row] == [
        f"✅ {t('nl', f'notify_kind_{kind}')}" for kind in offered
    ]
    assert menu.buttons[0][0][0] == "✅ Genoeg punten voor een voordeel"


@pytest.mark.parametrize("backend", ["v4"])
async def test_each_v4_kind_fires_once_and_only_once(start_bot: StartBot) -> None:
    clock = MovableClock()
    async with start_bot(clock=clock, reminders=False, **FAST) as harness:
        people = {
            AN: KANSENTARIEF_GRACE,  # in its grace period now
            JOHN: KANSENTARIEF_EXPIRED,
            LEA: KANSENTARIEF_OTHER_REGION,  # coupons ending in 60 and 120 days
            MIA: KANSENTARIEF,  # ends in 200 days
        }
        for user, number in people.items():
            await harness.link(user, number)
            await turn_on(harness, user, *ALL_KINDS)
        await look(harness, clock, timedelta(0))
        [grace] = texts(await digests(harness, AN))
        assert "De einddatum van je kansentarief" in grace
        assert "Welkomstvoordeel dat je nog kan krijgen: <b>Test Welkomstvoordeel" in grace
        [expired] = texts(await digests(harness, JOHN))
        assert "Your kansentarief has expired." in expired
        [lea] = texts(await digests(harness, LEA))
        assert "coupon" not in lea  # her coupons end in 60 and 120 days: not yet
        [mia] = texts(await digests(harness, MIA))
        assert "kansentarief" not in mia  # 200 days left: not yet
        clock.advance(timedelta(days=55))  # LEA's first coupon now ends within 7 days
        await look(harness, clock, timedelta(0))
        coupon = texts(await digests(harness, LEA))[-1]
        assert "Ton coupon <b>Gratis naar de film</b> expire le" in coupon
        assert "Zwemmen" not in coupon  # 65 days left
        clock.advance(timedelta(days=120))  # MIA's kansentarief ends within 30 days
        await look(harness, clock, timedelta(0))
        assert "Je kansentarief loopt af op" in texts(await digests(harness, MIA))[-1]
        counts = {user: len(await digests(harness, user)) for user in people}
        for _ in range(3):
            await look(harness, clock, timedelta(days=1))
        after = {user: texts(await digests(harness, user)) for user in people}
        for user, sent in after.items():  # later digests never repeat a notice
            for line in "\n".join(sent[: counts[user]]).split("\n")[1:]:
                if line.strip() and not line.startswith("<b>"):
                    assert all(line not in later for later in sent[counts[user] :]), line


async def test_last_chance_and_quiet_hours_hold_then_one_digest_combines_them(
    start_bot: StartBot,
) -> None:
    clock = MovableClock()
    # 22:00 three days on: the Turnzakje (2 points, ends in 9 days) ends within a week then.
    evening = datetime.combine(
        (clock.now + timedelta(days=3)).astimezone(BRUSSELS).date(), time(22), BRUSSELS
    )
    clock.now = evening
    settings = {**FAST, "quiet_hours": "21-9"}
    async with start_bot(clock=clock, reminders=False, **settings) as harness:
        await add_promotion(harness, "902", "Spaarpot", 30)
        await harness.link(AN, NORMAL)
        await turn_on(harness, AN, WITHIN_REACH, LAST_CHANCE)
        held = await look(harness, clock, timedelta(0))
        assert (held.found, held.sent, held.held) >= (1, 0, 1)
        await remove_promotion(harness, "902")
        await add_promotion(harness, "902", "Spaarpot", 20)  # cheaper now: within reach
        later = await look(harness, clock, timedelta(hours=1))  # 23:00: quiet still
        assert (later.found, later.sent) == (1, 0)
        await look(harness, clock, timedelta(hours=8))  # 07:00: quiet still
        assert await digests(harness, AN) == []
        released = await look(harness, clock, timedelta(hours=2, minutes=30))  # 09:30
        assert released.sent == 1
        [digest] = await digests(harness, AN)
        text = digest.text or ""
        assert "<b>Genoeg punten voor een voordeel</b>" in text
        assert "<b>Spaarpot</b> (20 punten)" in text
        assert "<b>Laatste kans op een voordeel</b>" in text
        assert "⏳ <b>Turnzakje</b> kan je nog omruilen tot" in text
        assert [label for row in digest.buttons for label, _ in row] == [
            "🔕 Stop: Genoeg punten voor een voordeel",
            "🔕 Stop: Laatste kans op een voordeel",
        ]
        # One message a day: something new this afternoon waits for tomorrow.
        await add_promotion(harness, "903", "Koekjes", 10)
        await look(harness, clock, timedelta(hours=1))
        assert len(await digests(harness, AN)) == 1
        await look(harness, clock, timedelta(hours=23))  # next morning, after 9
        assert len(await digests(harness, AN)) == 2


async def test_stop_these_turns_that_kind_off(start_bot: StartBot) -> None:
    clock = MovableClock()
    clock.advance(timedelta(days=3))  # the Turnzakje is a last chance
    async with start_bot(clock=clock, reminders=False, **FAST) as harness:
        await harness.link(AN, NORMAL)
        await turn_on(harness, AN, WITHIN_REACH, LAST_CHANCE)
        await look(harness, clock, timedelta(0))
        [digest] = await digests(harness, AN)
        stop = button_data(digest, "🔕 Stop: Laatste kans")
        await harness.telegram.press_button(AN, message_id(digest), stop)
        answer = await harness.telegram.wait_for_call("answerCallbackQuery")
        assert answer.params.get("text") == "Uitgezet: Laatste kans op een voordeel"
        repository = NotificationRepository(harness.running.database)
        assert await repository.kinds(AN.id) == frozenset({WITHIN_REACH})


@pytest.mark.parametrize("how", ["stop", "menu"])
async def test_a_kind_turned_off_drops_what_of_it_waits_to_be_sent(
    start_bot: StartBot, how: str
) -> None:
    """A kind turned off while notices wait (here: the quiet hours), with the 🔕 Stop under an
    earlier digest or its toggle in /notifications, takes its waiting notices along: they are
    not sent in the morning; the other kinds' still are."""
    clock = MovableClock()
    morning = (clock.now + timedelta(days=3)).astimezone(BRUSSELS).date()
    clock.now = datetime.combine(morning, time(10), BRUSSELS)  # the Turnzakje is a last chance
    async with start_bot(
        clock=clock, reminders=False, **{**FAST, "quiet_hours": "21-9"}
    ) as harness:
        await harness.link(AN, NORMAL)
        await turn_on(harness, AN, WITHIN_REACH, LAST_CHANCE)
        await look(harness, clock, timedelta(0))
        [first] = await digests(harness, AN)
        assert "<b>Turnzakje</b>" in (first.text or "")
        # Twenty days on, at 22:00: the Gratis drankje (ends in 30 days) is a last chance and
        # the new Koekjes are within reach; both wait for the morning.
        clock.now = datetime.combine(morning + timedelta(days=20), time(22), BRUSSELS)
        await add_promotion(harness, "903", "Koekjes", 10)
        waiting = await look(harness, clock, timedelta(0))
        assert waiting.sent == 0
        assert waiting.held >= 2
        if how == "stop":
            stop = button_data(first, "🔕 Stop: Laatste kans")
            await harness.telegram.press_button(AN, message_id(first), stop)
            await harness.telegram.wait_for_call("answerCallbackQuery")
        else:
            await turn_off(harness, AN, LAST_CHANCE)
        released = await look(harness, clock, timedelta(hours=11, minutes=30))  # 09:30
        assert released.sent == 1
        second = (await digests(harness, AN))[-1]
        text = second.text or ""
        assert "<b>Koekjes</b>" in text
        assert "Gratis drankje" not in text
        assert "<b>Laatste kans op een voordeel</b>" not in text
        assert [label for row in second.buttons for label, _ in row] == [
            "🔕 Stop: Genoeg punten voor een voordeel"
        ]


async def test_a_blocked_bot_stops_everything_until_the_user_writes_again(
    start_bot: StartBot,
) -> None:
    clock = MovableClock()
    clock.advance(timedelta(days=3))
    async with start_bot(clock=clock, reminders=False, **FAST) as harness:
        await harness.link(AN, NORMAL)
        await turn_on(harness, AN, LAST_CHANCE)
        await harness.telegram.block_bot(AN)
        refused = await look(harness, clock, timedelta(0))
        assert (refused.found, refused.sent) == (1, 0)
        await harness.sandbox.delete("/_sandbox/requests")
        for _ in range(3):
            assert (await look(harness, clock, timedelta(days=1))).looked == 0
        assert await uitpas_requests(harness) == 0  # not even looked at
        await harness.telegram.block_bot(AN, blocked=False)
        await say(harness, AN, "/help")  # they write again: notices resume
        # Three weeks on, the Gratis drankje (ends in 30 days) is a last chance: it is told.
        resumed = await look(harness, clock, timedelta(days=18))
        assert (resumed.looked, resumed.sent) == (1, 1)
        [digest] = await digests(harness, AN)
        assert "<b>Gratis drankje</b>" in (digest.text or "")


async def test_a_passholder_with_everything_off_costs_no_uitpas_request(
    start_bot: StartBot,
) -> None:
    clock = MovableClock()
    async with start_bot(clock=clock, reminders=False, **FAST) as harness:
        await harness.link(AN, NORMAL)
        await harness.link(JOHN, NORMAL)
        await turn_on(harness, AN, WITHIN_REACH)
        await turn_off(harness, AN, WITHIN_REACH)  # and off again: everything off
        await harness.sandbox.delete("/_sandbox/requests")
        for _ in range(3):
            report = await look(harness, clock)
            assert report.looked == 0
        assert await uitpas_requests(harness) == 0
        # The count is real: one kind on, and the same rounds cost requests.
        await turn_on(harness, JOHN, WITHIN_REACH)
        assert (await look(harness, clock)).looked == 1
        assert await uitpas_requests(harness) >= 2  # the points and the rewards


async def test_a_restart_between_claim_and_send_loses_nothing_and_doubles_nothing(
    start_bot: StartBot,
) -> None:
    """The first instance claims An and dies while sending (the request never reaches
    Telegram); a second instance takes over once the lease lapsed and sends once."""
    clock = MovableClock()
    clock.advance(timedelta(days=3))  # the Turnzakje is a last chance
    async with start_bot(clock=clock, reminders=False, **FAST) as first:
        await first.link(AN, NORMAL)
        await turn_on(first, AN, LAST_CHANCE)
        sending = asyncio.Event()

        async def dies_while_sending(
            user_id: int, language: str, notices: Sequence[Notice]
        ) -> None:
            sending.set()
            await asyncio.Event().wait()  # never returns: the process is gone

        round_ = asyncio.create_task(scheduler(first).run_round(dies_while_sending))
        await asyncio.wait_for(sending.wait(), 10)
        round_.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await round_
        async with start_bot(clock=clock, reminders=False, polling=False, **FAST) as second:
            assert (await scheduler(second).run_round(sender(second))).sent == 0  # leased
            clock.advance(timedelta(minutes=3))  # the dead instance's lease lapsed
            taken = await scheduler(second).run_round(sender(second))
            assert (taken.looked, taken.found, taken.sent) == (1, 0, 1)  # found once, before
            for _ in range(3):
                await look(second, clock)
            [digest] = await digests(second, AN)
            assert "<b>Turnzakje</b>" in (digest.text or "")


async def test_a_claim_that_lapsed_before_its_turn_is_left_to_the_instance_that_took_it(
    start_bot: StartBot,
) -> None:
    """The first instance claimed An in a batch but came to her only after the lease lapsed;
    the second took her over meanwhile and is sending her digest. The first must neither look
    nor send: without the renewal it found the digest still held and sent it a second time."""
    clock = MovableClock()
    clock.advance(timedelta(days=3))  # the Turnzakje is a last chance
    async with start_bot(clock=clock, reminders=False, **FAST) as first:
        await first.link(AN, NORMAL)
        await turn_on(first, AN, LAST_CHANCE)
        repository = NotificationRepository(first.running.database)
        now = clock()
        [turn] = await repository.claim_due(
            now=now, holder=scheduler(first).holder, until=now + CLAIM_LEASE, batch=CLAIM_BATCH
        )
        clock.advance(CLAIM_LEASE + timedelta(minutes=1))  # the batch was slow
        async with start_bot(clock=clock, reminders=False, polling=False, **FAST) as second:
            sending, finish = asyncio.Event(), asyncio.Event()

            async def sends_slowly(user_id: int, language: str, notices: Sequence[Notice]) -> None:
                sending.set()
                await finish.wait()
                await sender(second)(user_id, language, notices)

            taking_over = asyncio.create_task(scheduler(second).run_round(sends_slowly))
            await asyncio.wait_for(sending.wait(), 10)
            late = RoundReport()
            await scheduler(first).serve(turn, sender(first), late)
            finish.set()
            taken = await taking_over
        assert (late.looked, late.sent) == (0, 0)
        assert (taken.looked, taken.found, taken.sent) == (1, 1, 1)
        [digest] = await digests(first, AN)
        assert "<b>Turnzakje</b>" in (digest.text or "")


async def test_unlink_and_forget_remove_subscriptions_and_what_was_told(
    start_bot: StartBot,
) -> None:
    clock = MovableClock()
    clock.advance(timedelta(days=3))
    async with start_bot(clock=clock, reminders=False, **FAST) as harness:
        repository = NotificationRepository(harness.running.database)
        await harness.link(AN, NORMAL)
        await turn_on(harness, AN, LAST_CHANCE)
        await look(harness, clock, timedelta(0))
        assert await repository.told(AN.id)
        await say(harness, AN, "/unlink")
        assert await repository.kinds(AN.id) == frozenset()
        assert await repository.told(AN.id) == {}
        held = await harness.running.services.personal_data.held(AN.id)
        assert not any(count for table, count in held.items() if table.startswith("notify_"))
        # Linked again and told again: the memory went with the link.
        await harness.link(AN, NORMAL)
        await turn_on(harness, AN, LAST_CHANCE)
        await look(harness, clock, timedelta(days=1))
        assert len(await digests(harness, AN)) == 2
        # Another card linked: the memory was about the old one, so it starts afresh.
        await harness.store_link(AN, OTHER)
        await look(harness, clock, timedelta(days=1))
        assert len(await digests(harness, AN)) == 3
        await harness.running.services.privacy.forget(AN.id)
        held = await harness.running.services.personal_data.held(AN.id)
        assert not any(held.values()), held


async def test_the_wish_button_in_a_reward_detail_marks_and_unmarks(harness: Harness) -> None:
    """Only on a reward the points do not cover yet: NORMAL has 25, the sportkamp costs 100."""
    await harness.link(AN, NORMAL)
    await harness.telegram.send_text(AN, "/promotions")
    listing = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    await harness.telegram.press_button(AN, message_id(listing), "promo:101", force=True)
    affordable = await harness.telegram.wait_for_call(("sendMessage", "sendPhoto"), chat_id=AN.id)
    assert not any(label.startswith("⭐") for row in affordable.buttons for label, _ in row)
    await harness.telegram.press_button(AN, message_id(listing), "promo:107", force=True)
    detail = await harness.telegram.wait_for_call(("sendMessage", "sendPhoto"), chat_id=AN.id)
    wish = button_data(detail, "⭐ Zeg het me")
    await harness.telegram.press_button(AN, message_id(detail), wish)
    edited = await harness.telegram.wait_for_call("editMessageReplyMarkup", chat_id=AN.id)
    assert edited.buttons[0][0][0] == "⭐ Niet meer op mijn wensenlijst"
    repository = NotificationRepository(harness.running.database)
    assert len(await repository.wishes(AN.id)) == 1
    await harness.telegram.press_button(AN, message_id(detail), wish)
    await harness.telegram.wait_for_call("editMessageReplyMarkup", chat_id=AN.id)
    assert await repository.wishes(AN.id) == frozenset()


@pytest.mark.parametrize("backend", ["v4"])
async def test_a_family_members_kansentarief_is_told_to_the_parent(start_bot: StartBot) -> None:
    """Nadia manages the family at UiTPAS; her daughter Lina has a kansentarief of her own."""
    clock = MovableClock()
    async with start_bot(clock=clock, reminders=False, **FAST) as harness:
        await harness.link(AN, FAMILY_KANSENTARIEF)
        await turn_on(harness, AN, TARIFF)
        assert (await look(harness, clock, timedelta(0))).found == 0  # a year left for both
        clock.advance(timedelta(days=340))  # both end within 30 days now
        await look(harness, clock, timedelta(0))
        [digest] = texts(await digests(harness, AN))
        assert "🤝 Je kansentarief loopt af op" in digest
        assert "👤 Voor Lina: 🤝 Je kansentarief loopt af op" in digest
        await look(harness, clock, timedelta(days=1))
        assert len(await digests(harness, AN)) == 1  # each told once


async def test_a_forged_or_someone_elses_notifications_button_changes_nothing(
    harness: Harness,
) -> None:
    await harness.link(AN, NORMAL)
    await harness.link(JOHN, NORMAL)
    johns_menu = await turn_on(harness, JOHN, WITHIN_REACH)  # John's own, signed for him
    repository = NotificationRepository(harness.running.database)
    await harness.telegram.send_text(AN, "/notifications")
    menu = await harness.telegram.wait_for_call("sendMessage", chat_id=AN.id)
    johns = button_data(johns_menu, "✅")
    for data in ("n1:T:reach:AAAAAAAAAAAA", johns, "n1:Y:forged"):
        query = await harness.telegram.press_button(AN, message_id(menu), data, force=True)
        answer = await harness.telegram.wait_for_call(
            "answerCallbackQuery", where=lambda c, q=query: c.params.get("callback_query_id") == q
        )
        assert answer.params.get("text") is None
    assert await repository.kinds(AN.id) == frozenset()
    assert await repository.kinds(JOHN.id) == frozenset({WITHIN_REACH})


async def test_looks_take_the_poll_budget_shared_by_instances(
    start_bot: StartBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """UITPAS_POLLS_PER_SECOND across instances: every look takes one slot of the budget in the
    database (purpose ``uitpas-poll``), and two instances looking side by side together stay
    within it in every second. Small batches, so that both instances get passholders."""
    monkeypatch.setattr(scheduler_module, "CLAIM_BATCH", 2)
    clock = MovableClock()
    settings = {**FAST, "uitpas_polls_per_second": 3}
    people = [TgUser(id=7300 + n, first_name=f"P{n}", language_code="nl") for n in range(8)]
    async with start_bot(clock=clock, reminders=False, **settings) as first:
        for user in people:
            await first.link(user, NORMAL)
        now = clock()
        repository = NotificationRepository(first.running.database)
        for user in people:
            await repository.set_kinds(user.id, [WITHIN_REACH], now=now)
        async with start_bot(clock=clock, reminders=False, polling=False, **settings) as second:
            started = wall.monotonic()
            reports = await asyncio.gather(
                scheduler(first).run_round(sender(first)),
                scheduler(second).run_round(sender(second)),
            )
            elapsed = wall.monotonic() - started
        assert [report.looked > 0 for report in reports] == [True, True]
        assert sum(report.looked for report in reports) == len(people)
        per_second = await send_windows(first, "uitpas-poll")
    assert sum(per_second) == len(people)  # one slot per look
    assert max(per_second) <= 3  # never more in one second, both instances together
    assert elapsed >= 1.0  # 8 looks at 3 a second span at least three seconds' windows


async def test_a_digest_telegram_did_not_take_is_tried_again_minutes_later(
    start_bot: StartBot,
) -> None:
    """The connection dropped before Telegram took the digest: it stays held and goes out
    five minutes on (SEND_AGAIN_AFTER), not at the next look an hour on; and only once."""
    clock = MovableClock()
    settings = {**FAST, "notify_interval_seconds": 3600.0}
    async with start_bot(clock=clock, reminders=False, **settings) as harness:
        await harness.link(AN, NORMAL)
        await NotificationRepository(harness.running.database).set_kinds(
            AN.id, [WITHIN_REACH], now=clock()
        )
        learnt = await look(harness, clock)  # the first look only learns what is
        assert (learnt.looked, learnt.sent) == (1, 0)
        await add_promotion(harness, "902", "Koffiebon", 20)  # NORMAL has 25: within reach
        await harness.telegram.drop_connection("sendMessage")
        failed = await look(harness, clock)
        assert (failed.found, failed.sent, failed.held) == (1, 0, 1)
        assert await digests(harness, AN) == []
        early = await look(harness, clock, timedelta(minutes=4))
        assert (early.looked, early.sent) == (0, 0)  # not due yet
        again = await look(harness, clock, timedelta(minutes=1))
        assert (again.looked, again.found, again.sent) == (1, 0, 1)
        [sent] = await digests(harness, AN)
        assert "Koffiebon" in (sent.text or "")
        later = await look(harness, clock, timedelta(hours=1))
        assert later.sent == 0
        assert len(await digests(harness, AN)) == 1


async def test_digests_take_the_bulk_send_budget(start_bot: StartBot) -> None:
    """BULK_SENDS_PER_SECOND covers the digests too, not only the reminders: a round that has
    something to tell many passholders sends at most that many digests in any second, so the
    replies users wait for keep Telegram's per-bot limit. Every digest still goes out."""
    clock = MovableClock()
    settings = {**FAST, "bulk_sends_per_second": 3}
    people = [TgUser(id=7400 + n, first_name=f"D{n}", language_code="nl") for n in range(7)]
    async with start_bot(clock=clock, reminders=False, **settings) as harness:
        for user in people:
            await harness.link(user, NORMAL)
        now = clock()
        repository = NotificationRepository(harness.running.database)
        for user in people:
            await repository.set_kinds(user.id, [WITHIN_REACH], now=now)
        learnt = await look(harness, clock)  # the first look only learns what is
        assert (learnt.looked, learnt.sent) == (len(people), 0)
        await add_promotion(harness, "902", "Koffiebon", 20)  # NORMAL has 25: within reach
        started = wall.monotonic()
        told = await look(harness, clock)
        elapsed = wall.monotonic() - started
        assert (told.found, told.sent) == (len(people), len(people))
        for user in people:
            assert len(await digests(harness, user)) == 1
        per_second = await send_windows(harness, "bulk")
    assert sum(per_second) == len(people)  # one slot per digest
    assert max(per_second) <= 3
    assert elapsed >= 1.0  # 7 digests at 3 a second: three windows, the middle one whole
