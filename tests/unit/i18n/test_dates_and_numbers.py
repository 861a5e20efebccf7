"""Dates, times and numbers written the way each language writes them, French included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.i18n import t
from bot.i18n.dates import (
    clock_text,
    day_text,
    format_date,
    format_day_and_time,
    time_left_text,
    weekday_name,
    when_text,
)
from bot.i18n.numbers import decimal_text, number_text

BRUSSELS = ZoneInfo("Europe/Brussels")
NBSP, NNBSP = "\u00a0", "\u202f"
# Saturday 5 December 2026, 14:30 in Brussels (13:30 UTC).
AFTERNOON = datetime(2026, 12, 5, 13, 30, tzinfo=UTC)
EVENING = datetime(2026, 12, 5, 19, 0, tzinfo=UTC)  # 20:00 in Brussels
FIRST = datetime(2026, 12, 1, 8, 5, tzinfo=UTC)  # Tuesday 1 December, 09:05


@pytest.mark.parametrize(
    ("moment", "language", "expected"),
    [
        (AFTERNOON, "nl", "zaterdag 5 december 2026 om 14:30"),
        (AFTERNOON, "en", "Saturday 5 December 2026 at 14:30"),
        (AFTERNOON, "fr", f"samedi 5 décembre 2026 à 14{NBSP}h{NBSP}30"),
        (EVENING, "fr", f"samedi 5 décembre 2026 à 20{NBSP}h"),
        (FIRST, "fr", f"mardi 1er décembre 2026 à 9{NBSP}h{NBSP}05"),
        (FIRST, "nl", "dinsdag 1 december 2026 om 09:05"),
    ],
)
def test_when_text(moment: datetime, language: str, expected: str) -> None:
    assert when_text(moment, BRUSSELS, language) == expected  # type: ignore[arg-type]


def test_the_french_clock_uses_an_h_and_never_breaks() -> None:
    assert clock_text(AFTERNOON, BRUSSELS, "fr") == f"14{NBSP}h{NBSP}30"
    assert clock_text(EVENING, BRUSSELS, "fr") == f"20{NBSP}h"
    assert clock_text(AFTERNOON, BRUSSELS, "nl") == "14:30"
    assert clock_text(AFTERNOON, BRUSSELS) == "14:30"  # Dutch, the default


def test_french_dates_say_1er_for_the_first_of_the_month() -> None:
    assert format_date(FIRST, "fr") == "1er décembre 2026"
    assert format_date(AFTERNOON, "fr", with_year=False) == "5 décembre"
    assert format_date(FIRST, "nl") == "1 december 2026"
    assert day_text(FIRST, BRUSSELS, "fr") == "mardi 1er décembre 2026"


def test_french_months_and_weekdays_are_lower_case_with_their_accents() -> None:
    months = [format_date(datetime(2026, m, 10, 12, tzinfo=UTC), "fr") for m in (2, 8, 12)]
    assert months == ["10 février 2026", "10 août 2026", "10 décembre 2026"]
    assert [weekday_name(day, "fr") for day in (0, 6)] == ["lundi", "dimanche"]


def test_the_history_line_date_and_time() -> None:
    now = datetime(2026, 12, 20, tzinfo=UTC)
    assert format_day_and_time(AFTERNOON, "fr", now=now) == f"5 décembre à 14{NBSP}h{NBSP}30"
    assert format_day_and_time(AFTERNOON, "nl", now=now) == "5 december, 14:30"
    next_year = now + timedelta(days=365)
    expected = f"1er décembre 2026 à 9{NBSP}h{NBSP}05"
    assert format_day_and_time(FIRST, "fr", now=next_year) == expected


def test_time_left_in_french() -> None:
    assert time_left_text(timedelta(minutes=45), "fr") == "dans 45 minutes"
    assert time_left_text(timedelta(hours=1), "fr") == "dans 60 minutes"
    assert time_left_text(timedelta(hours=2), "fr") == "dans 2 heures"
    assert time_left_text(timedelta(days=3), "fr") == "dans 3 jours"
    assert time_left_text(timedelta(minutes=1), "fr") == "dans 1 minute"


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (7, "fr", "7"),
        (1250, "fr", f"1{NNBSP}250"),
        (1234567, "fr", f"1{NNBSP}234{NNBSP}567"),
        (-1250, "fr", f"-1{NNBSP}250"),
        (1250, "nl", "1250"),
        (1250, "en", "1250"),
    ],
)
def test_whole_numbers(value: int, language: str, expected: str) -> None:
    assert number_text(value, language) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (2.5, "fr", "2,5"),
        (2.5, "nl", "2,5"),
        (2.5, "en", "2.5"),
        (1234.56, "fr", f"1{NNBSP}234,6"),
        (20.04, "fr", "20,0"),
        (-0.01, "fr", "0,0"),
        (-2.5, "en", "-2.5"),
    ],
)
def test_decimals_with_a_comma_in_french(value: float, language: str, expected: str) -> None:
    assert decimal_text(value, language) == expected  # type: ignore[arg-type]


def test_numbers_in_messages_are_grouped_in_french() -> None:
    assert t("fr", "total", count=1250) == f"Tu as maintenant 1{NNBSP}250 points au total."
    assert t("fr", "total", count=1) == "Tu as maintenant 1 point au total."
    assert t("nl", "total", count=1250) == "Je hebt nu in totaal 1250 punten."


def test_french_punctuation_gets_its_no_break_space() -> None:
    text = t("fr", "start", name="Léa")
    assert f"Bonjour Léa{NBSP}!" in text
    assert f"Lie ta carte{NBSP}:" in text
    for mark in ":!?":
        assert f" {mark}" not in text
    assert t("fr", "card_coming_none") == f"🙋 Tu viens{NBSP}? Appuie sur «{NBSP}Je viens{NBSP}»."
