"""Finding a check-in's line in a v4 transaction history (newest first)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.uitpas.models import Event, Transaction, TransactionsAnswer
from bot.uitpas.v4.client import CheckinEventCache

SENT = datetime(2026, 12, 1, 20, 0, 0, 600_000, tzinfo=UTC)


def history(*lines: Transaction) -> TransactionsAnswer:
    return TransactionsAnswer("ACTION_SUCCEEDED", transactions=lines)


def line(title: str, seconds: float, points: int) -> Transaction:
    at = (SENT + timedelta(seconds=seconds)).replace(microsecond=0)  # dated to the second
    return Transaction(title=title, location="CC De Werf", created=at, points=points)


def test_a_line_dated_to_the_second_of_sending_counts() -> None:
    jazz = line("Jazz", 0.2, 1)  # 20:00:00, before the .6 s it was sent at
    assert history(jazz).saved_since(SENT) == jazz
    assert history(jazz).saved_since(SENT, points=1) == jazz
    assert history(jazz).saved_since(SENT, points=2) is None


def test_older_lines_and_spent_points_do_not_count() -> None:
    older = line("Jazz", -5, 1)
    spent = line("Gratis koffie", 3, -4)
    assert history(spent, older).saved_since(SENT) is None


def test_the_newest_matching_line_is_taken() -> None:
    theater, jazz = line("Theater", 4, 2), line("Jazz", 1, 1)
    assert history(theater, jazz).saved_since(SENT) == theater
    assert history(theater, jazz).saved_since(SENT, points=1) == jazz
    assert theater.event is not None
    assert theater.event.title == "Theater"
    assert Transaction(title=None).event is None


def test_it_is_counted_how_many_lines_could_be_the_check_in() -> None:
    """Only a line that can be nothing but the check-in's names its code's event for the
    next passholders (bot.uitpas.v4.client.CheckinEventCache)."""
    theater, jazz, older = line("Theater", 4, 1), line("Jazz", 1, 1), line("Jazz", -5, 1)
    assert history(jazz, older).saved_count_since(SENT, points=1) == 1
    assert history(theater, jazz, older).saved_count_since(SENT, points=1) == 2
    assert history(theater, jazz).saved_count_since(SENT, points=2) == 0


def test_an_event_is_kept_per_code_for_a_while() -> None:
    events = CheckinEventCache(60)
    jazz = Event(title="Jazz")
    events.keep("12345678", jazz)
    assert events.get("12345678") == jazz
    assert events.get("87654321") is None
    never = CheckinEventCache(0)
    never.keep("12345678", jazz)
    assert never.get("12345678") is None
