"""Typed dates and reminder lengths: the shapes admins use, and clear refusals for the rest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.services.announcements import ReminderNotUnderstood, parse_reminder, split_one_line
from bot.services.when import WhenNotUnderstood, WhenProblem, parse_when

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)  # Friday 27 November 2026, 11:00 in Brussels


def local(typed: str) -> str:
    return parse_when(typed, NOW, BRUSSELS).astimezone(BRUSSELS).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("za 12/12 20:00", "2026-12-12 20:00"),
        ("12/12 20:00", "2026-12-12 20:00"),
        ("12/12/2026 20u", "2026-12-12 20:00"),
        ("12-12-26 20:00", "2026-12-12 20:00"),
        ("12.12.2026 20.00", "2026-12-12 20:00"),
        ("2026-12-12 19:30", "2026-12-12 19:30"),
        ("morgen 20u", "2026-11-28 20:00"),
        ("morgen om 20u30", "2026-11-28 20:30"),
        ("overmorgen 14h", "2026-11-29 14:00"),
        ("vandaag 21:00", "2026-11-27 21:00"),
        ("tomorrow 8pm", "2026-11-28 20:00"),
        ("Saturday 8:30 pm", "2026-11-28 20:30"),
        ("zaterdag om 14u30", "2026-11-28 14:30"),
        ("vrijdag 10:00", "2026-12-04 10:00"),  # today's 10:00 has passed: next Friday
        ("vr 20:00", "2026-11-27 20:00"),
        ("12 december 20:00", "2026-12-12 20:00"),
        ("za 12 dec 2026 om 20:00", "2026-12-12 20:00"),
        ("December 12, 8pm", "2026-12-12 20:00"),
        ("1/1 20:00", "2027-01-01 20:00"),  # January: next year
        ("29/3 02:30", "2027-03-29 02:30"),
        # French (issue 15, point 18), as the French catalogue's examples write it.
        ("sam 12/12 20:00", "2026-12-12 20:00"),
        ("demain 20h", "2026-11-28 20:00"),
        ("après-demain à 14 h 30", "2026-11-29 14:30"),
        ("aujourd'hui 21:00", "2026-11-27 21:00"),
        ("samedi à 20h", "2026-11-28 20:00"),
        ("12 décembre 19:30", "2026-12-12 19:30"),
        ("1er décembre 20 h", "2026-12-01 20:00"),
        ("sam 12 déc 2026 à 20 h 30", "2026-12-12 20:30"),
        ("mardi 8 décembre 18h", "2026-12-08 18:00"),
        ("8 mars 18:00", "2027-03-08 18:00"),
    ],
)
def test_understood(typed: str, expected: str) -> None:
    assert local(typed) == expected


def test_result_is_utc_from_the_group_time_zone() -> None:
    moment = parse_when("12/12 20:00", NOW, BRUSSELS)
    assert moment == datetime(2026, 12, 12, 19, 0, tzinfo=UTC)
    summer = parse_when("1/7/2027 20:00", NOW, BRUSSELS)
    assert summer == datetime(2027, 7, 1, 18, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("blabla", WhenProblem.UNREADABLE),
        ("12/12", WhenProblem.NO_TIME),
        ("morgen", WhenProblem.NO_TIME),
        ("31/2 20:00", WhenProblem.NO_SUCH_DATE),
        ("12/13 20:00", WhenProblem.NO_SUCH_DATE),
        ("25:00 morgen", WhenProblem.UNREADABLE),
        ("vr 12/12 20:00", WhenProblem.WEEKDAY_MISMATCH),  # 12/12/2026 is a Saturday
        ("ven 12/12 20:00", WhenProblem.WEEKDAY_MISMATCH),
        ("demain", WhenProblem.NO_TIME),
        ("31 février 20 h", WhenProblem.NO_SUCH_DATE),
        ("vandaag 09:00", WhenProblem.PAST),
        ("25/11 20:00", WhenProblem.PAST),  # two days ago, not next year
        ("1/1/2020 20:00", WhenProblem.PAST),
        ("1/1/2029 20:00", WhenProblem.TOO_FAR),
        ("", WhenProblem.NO_TIME),
    ],
)
def test_refused_with_a_reason(typed: str, problem: WhenProblem) -> None:
    with pytest.raises(WhenNotUnderstood) as caught:
        parse_when(typed, NOW, BRUSSELS)
    assert caught.value.problem is problem


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("30m", timedelta(minutes=30)),
        ("30", timedelta(minutes=30)),
        ("2u", timedelta(hours=2)),
        ("1 uur", timedelta(hours=1)),
        ("1h30", timedelta(hours=1, minutes=30)),
        ("1d", timedelta(days=1)),
        ("1j", timedelta(days=1)),
        ("2 jours", timedelta(days=2)),
        ("2 heures", timedelta(hours=2)),
        ("uit", None),
        ("off", None),
    ],
)
def test_reminder_lengths(typed: str, expected: timedelta | None) -> None:
    assert parse_reminder(typed) == expected


@pytest.mark.parametrize("typed", ["", "soon", "-5m", "30 dagen", "0m"])
def test_reminder_lengths_refused(typed: str) -> None:
    with pytest.raises(ReminderNotUnderstood):
        parse_reminder(typed)


def test_one_line_parts() -> None:
    assert split_one_line("Filmavond | vr 12/12 20:00 | Jeugdhuis") == [
        "Filmavond",
        "vr 12/12 20:00",
        "Jeugdhuis",
    ]
    assert split_one_line("Filmavond") == ["Filmavond", "", ""]
    assert split_one_line("A | b | Zaal | achteraan") == ["A", "b", "Zaal | achteraan"]
