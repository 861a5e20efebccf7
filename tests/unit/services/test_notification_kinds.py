"""The notification kinds as pure functions (issue 19): a snapshot in, notices out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from bot.config import Settings
from bot.services.notifications.kinds import (
    ALL_KINDS,
    COUPONS,
    KANSENTARIEF,
    LAST_CHANCE,
    REACH_BASELINE,
    WELCOME,
    WITHIN_REACH,
    CouponState,
    MemberState,
    Notice,
    Reward,
    Snapshot,
    Tariff,
    findings,
)
from bot.services.notifications.quiet import QuietHours

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
BRUSSELS = ZoneInfo("Europe/Brussels")


def rewards(*items: Reward) -> tuple[Reward, ...]:
    return items


COFFEE = Reward("101", "Koffie", 5)
TICKET = Reward("102", "Ticket", 20, spotlight=True)
BOOK = Reward("103", "Boek", 30)


def test_within_reach_first_look_only_remembers() -> None:
    snapshot = Snapshot(points=25, rewards=rewards(COFFEE, TICKET, BOOK))
    found = findings(snapshot, [WITHIN_REACH], {}, NOW, first_look=True)
    assert found.notices == ()
    assert found.silent == {
        (WITHIN_REACH, "101"),
        (WITHIN_REACH, "102"),
        (WITHIN_REACH, REACH_BASELINE),
    }


def test_within_reach_turned_on_later_takes_its_own_first_look() -> None:
    """Another kind was on before: the passholder was looked at, but never for this one."""
    snapshot = Snapshot(points=25, rewards=rewards(COFFEE, TICKET, BOOK))
    found = findings(
        snapshot, [WITHIN_REACH], {LAST_CHANCE: frozenset({"x"})}, NOW, first_look=False
    )
    assert found.notices == ()
    assert (WITHIN_REACH, REACH_BASELINE) in found.silent


def test_within_reach_tells_what_became_affordable_wishes_and_spotlight_first() -> None:
    told = {WITHIN_REACH: frozenset({"101", REACH_BASELINE})}
    snapshot = Snapshot(points=30, rewards=rewards(COFFEE, TICKET, BOOK), wishes=frozenset({"103"}))
    found = findings(snapshot, [WITHIN_REACH], told, NOW, first_look=False)
    assert [n.subject for n in found.notices] == ["103", "102"]
    assert found.notices[0].wish


def test_within_reach_forgets_what_is_out_of_reach_again() -> None:
    told = {WITHIN_REACH: frozenset({"101", "102", REACH_BASELINE})}
    snapshot = Snapshot(points=10, rewards=rewards(COFFEE, TICKET))
    found = findings(snapshot, [WITHIN_REACH], told, NOW, first_look=False)
    assert found.notices == ()
    assert found.forget == {(WITHIN_REACH, "102")}


def test_sold_out_or_unknown_points_tell_nothing() -> None:
    sold_out = Reward("104", "Duoticket", 15, available=False)
    found = findings(Snapshot(points=99, rewards=(sold_out,)), ALL_KINDS, {}, NOW, first_look=False)
    assert found.notices == ()
    assert findings(Snapshot(), ALL_KINDS, {}, NOW, first_look=False).notices == ()


def test_last_chance_within_seven_days_and_affordable_only() -> None:
    ending = Reward("112", "Turnzakje", 2, ends_at=NOW + 6 * DAY)
    later = Reward("113", "Boekenbon", 2, ends_at=NOW + 8 * DAY)
    dear = Reward("114", "Film", 99, ends_at=NOW + DAY)
    flagged = Reward("115", "Laatste", 1, last_chance=True)
    snapshot = Snapshot(points=10, rewards=(ending, later, dear, flagged))
    found = findings(snapshot, [LAST_CHANCE], {}, NOW, first_look=True)
    assert [n.title for n in found.notices] == ["Turnzakje", "Laatste"]
    told = {LAST_CHANCE: frozenset(n.subject for n in found.notices)}
    assert findings(snapshot, [LAST_CHANCE], told, NOW, first_look=False).notices == ()


@pytest.mark.parametrize(
    ("tariff", "state"),
    [
        (Tariff("ACTIVE", NOW + 29 * DAY), "ending"),
        (Tariff("ACTIVE", NOW - DAY), "grace"),
        (Tariff("EXPIRED", NOW - 100 * DAY), "expired"),
        (Tariff("ACTIVE", NOW + 31 * DAY), None),
        (Tariff("NONE"), None),
    ],
)
def test_kansentarief_states(tariff: Tariff, state: str | None) -> None:
    found = findings(Snapshot(tariff=tariff), [KANSENTARIEF], {}, NOW, first_look=True)
    assert [n.state for n in found.notices] == ([state] if state else [])
    if state:
        told = {KANSENTARIEF: frozenset({found.notices[0].subject})}
        again = findings(Snapshot(tariff=tariff), [KANSENTARIEF], told, NOW, first_look=False)
        assert again.notices == ()


def test_coupons_ending_within_a_week() -> None:
    coupons = (
        CouponState("Film", NOW + 3 * DAY),
        CouponState("Zwemmen", NOW + 30 * DAY),
        CouponState("Oud", NOW + 2 * DAY, active=False),
    )
    found = findings(Snapshot(coupons=coupons), [COUPONS], {}, NOW, first_look=True)
    assert [n.title for n in found.notices] == ["Film"]


def test_welcome_and_kinds_that_are_off() -> None:
    welcome = (Reward("5688", "Welkom", 0),)
    snapshot = Snapshot(welcome=welcome, tariff=Tariff("EXPIRED"))
    assert [n.kind for n in findings(snapshot, [WELCOME], {}, NOW, first_look=True).notices] == [
        WELCOME
    ]
    assert findings(snapshot, [], {}, NOW, first_look=True).notices == ()


def test_a_notice_survives_its_json() -> None:
    notice = Notice(KANSENTARIEF, "grace:2026-11-01", state="grace", ends_at=NOW.isoformat())
    assert Notice.from_json(notice.to_json()) == notice
    assert notice.ends == NOW


def test_quiet_hours_across_midnight() -> None:
    quiet = QuietHours.parse("21-9", BRUSSELS)
    evening = datetime(2026, 12, 2, 22, 0, tzinfo=BRUSSELS)
    assert quiet.holds(evening)
    assert quiet.ends_after(evening) == datetime(2026, 12, 3, 9, 0, tzinfo=BRUSSELS)
    assert not quiet.holds(datetime(2026, 12, 3, 9, 0, tzinfo=BRUSSELS))
    assert quiet.holds(datetime(2026, 12, 3, 8, 59, tzinfo=BRUSSELS))
    early = datetime(2026, 12, 3, 3, 0, tzinfo=BRUSSELS)
    assert quiet.ends_after(early) == datetime(2026, 12, 3, 9, 0, tzinfo=BRUSSELS)


def test_quiet_hours_off_and_bad_input() -> None:
    assert not QuietHours.parse("off", BRUSSELS).holds(datetime(2026, 12, 2, 23, tzinfo=UTC))
    for bad in ("21", "9-9", "25-3", "nine-five"):
        with pytest.raises(ValueError, match="quiet hours"):
            QuietHours.parse(bad, BRUSSELS)


def test_quiet_hours_setting_is_checked_at_start() -> None:
    assert Settings(_env_file=None, quiet_hours=" 21-09 ").quiet_hours == "21-9"  # type: ignore[call-arg]
    assert Settings(_env_file=None, quiet_hours="OFF").quiet_hours == "off"  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="QUIET_HOURS"):
        Settings(_env_file=None, quiet_hours="25-3")  # type: ignore[call-arg]


def test_a_family_members_notices_are_theirs_and_remembered_apart() -> None:
    lina = MemberState("h1", "Lina", Tariff("ACTIVE", NOW + 10 * DAY))
    own = Tariff("ACTIVE", NOW + 10 * DAY)
    snapshot = Snapshot(tariff=own, members=(lina,))
    found = findings(snapshot, [KANSENTARIEF], {}, NOW, first_look=True)
    assert [(n.member, n.subject.startswith("h1/")) for n in found.notices] == [
        (None, False),
        ("Lina", True),
    ]
    told = {KANSENTARIEF: frozenset(n.subject for n in found.notices)}
    assert findings(snapshot, [KANSENTARIEF], told, NOW, first_look=False).notices == ()
    # Her coupons are not asked for when the kind is off.
    assert findings(snapshot, [COUPONS], {}, NOW, first_look=True).notices == ()
