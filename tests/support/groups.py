"""Helpers for group tests: a group with an admin and members, announcing, a movable clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.sandbox.telegram.client import BotCall, TgUser
from tests.support.harness import AN, JOHN, Harness

BRUSSELS = ZoneInfo("Europe/Brussels")
GROUP = -1001000000001
MIA = TgUser(id=7003, first_name="Mia", username="mia", language_code="nl")


class MovableClock:
    """The bot's clock in a test: real time at the start, then moved forward on purpose."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


def typed(moment: datetime) -> str:
    """A moment as an admin types it: ``12/12/2026 20:00`` in Brussels time."""
    return moment.astimezone(BRUSSELS).strftime("%d/%m/%Y %H:%M")


def from_now(clock: MovableClock, **delta: float) -> datetime:
    """A whole minute ``delta`` from the clock's now (typed times have no seconds)."""
    return (clock.now + timedelta(**delta)).replace(second=0, microsecond=0)


async def make_group(harness: Harness, *, bot_status: str = "member") -> None:
    """The group with AN as creator, JOHN and MIA as members; waits for the bot's hello."""
    members = {AN: "creator", JOHN: "member", MIA: "member"}
    await harness.telegram.create_group(GROUP, "De Kelder", members, bot_status=bot_status)
    await harness.telegram.wait_for_call(
        "sendMessage", chat_id=GROUP, where=lambda call: "/announce" in (call.text or "")
    )


def is_card(call: BotCall) -> bool:
    return any(data and data.startswith("rsvp:") for row in call.buttons for _, data in row)


async def announce(
    harness: Harness, text: str, *, user: TgUser = AN, reply_to: int | None = None
) -> BotCall:
    """Send ``text`` in the group and return the card the bot posts."""
    await harness.telegram.send_text(user, text, chat_id=GROUP, reply_to_message_id=reply_to)
    card = await harness.telegram.wait_for_call("sendMessage", chat_id=GROUP, where=is_card)
    assert card.ok, card.description
    return card


async def group_reply(harness: Harness, user: TgUser, text: str, **fields: Any) -> BotCall:
    """Send ``text`` in the group and return the bot's next message there."""
    await harness.telegram.send_text(user, text, chat_id=GROUP, **fields)
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=GROUP)
    assert reply.ok, reply.description
    return reply


def token_of(card: BotCall) -> str:
    for row in card.buttons:
        for _, data in row:
            if data and data.startswith("rsvp:"):
                return data.removeprefix("rsvp:")
    raise AssertionError("no RSVP button on the card")


def message_id(call: BotCall) -> int:
    return int(call.result["message_id"])


async def group_texts(harness: Harness) -> list[str]:
    """Everything the bot sent or edited into the group, in order."""
    return [
        call.text or ""
        for call in await harness.telegram.calls()
        if call.chat_id == GROUP and call.method in ("sendMessage", "editMessageText")
    ]
