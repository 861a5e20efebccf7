"""The reminder round's failure rules, on a real SQLite database with an in-process sender."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.services.reminders import ReminderNotSent, ReminderService
from storage.announcements import AnnouncementRepository
from storage.database import Database
from storage.models import Announcement
from tests.support.groups import MovableClock


async def _setup(tmp_path: Path) -> tuple[Database, AnnouncementRepository, MovableClock]:
    database = Database(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    await database.migrate()
    return database, AnnouncementRepository(database), MovableClock()


async def _announce(
    repository: AnnouncementRepository, clock: MovableClock, token: str
) -> Announcement:
    starts = clock.now + timedelta(hours=2)
    return await repository.add(
        Announcement(
            token=token,
            chat_id=-100,
            card_message_id=1,
            language="nl",
            title=token,
            place="Zaal",
            starts_at=starts,
            time_zone="Europe/Brussels",
            remind_at=starts - timedelta(hours=1),
        )
    )


async def test_rate_limited_is_retried_and_sent_once(tmp_path: Path) -> None:
    database, repository, clock = await _setup(tmp_path)
    try:
        await _announce(repository, clock, "retry")
        service = ReminderService(repository, clock, interval=1)
        attempts: list[str] = []

        async def flaky(announcement, left):  # type: ignore[no-untyped-def]
            attempts.append(announcement.token)
            if len(attempts) == 1:
                raise ReminderNotSent("rate_limited", retry=True)

        clock.advance(timedelta(hours=1, minutes=1))
        assert await service.send_due(flaky) == 0
        assert await service.send_due(flaky) == 1
        assert await service.send_due(flaky) == 0
        assert attempts == ["retry", "retry"]
        stored = await repository.by_token("retry")
        assert stored is not None
        assert stored.reminder_outcome == "sent"
    finally:
        await database.dispose()


async def test_possibly_delivered_is_never_retried(tmp_path: Path) -> None:
    database, repository, clock = await _setup(tmp_path)
    try:
        await _announce(repository, clock, "timeout")
        service = ReminderService(repository, clock, interval=1)
        attempts = 0

        async def timing_out(announcement, left):  # type: ignore[no-untyped-def]
            nonlocal attempts
            attempts += 1
            raise ReminderNotSent("timed_out", retry=False)

        clock.advance(timedelta(hours=1, minutes=1))
        for _ in range(3):
            await service.send_due(timing_out)
        assert attempts == 1
        stored = await repository.by_token("timeout")
        assert stored is not None
        assert stored.reminder_outcome == "timed_out"
    finally:
        await database.dispose()


async def test_reminder_missed_while_down_is_dropped_after_the_start(tmp_path: Path) -> None:
    database, repository, clock = await _setup(tmp_path)
    try:
        await _announce(repository, clock, "missed")
        service = ReminderService(repository, clock, interval=1)

        async def never(announcement, left):  # type: ignore[no-untyped-def]
            raise AssertionError("a reminder after the start is no reminder")

        clock.advance(timedelta(hours=2, minutes=5))
        assert await service.send_due(never) == 0
        stored = await repository.by_token("missed")
        assert stored is not None
        assert stored.reminder_outcome == "missed"
    finally:
        await database.dispose()


async def test_reminder_waits_for_the_card_id(tmp_path: Path) -> None:
    """Due while the card is still being posted: released, and sent once the id is stored."""
    database, repository, clock = await _setup(tmp_path)
    try:
        announcement = await _announce(repository, clock, "posting")
        assert announcement.id is not None
        await repository.set_card_message(announcement.id, None)  # type: ignore[arg-type]
        service = ReminderService(repository, clock, interval=1)
        sent: list[str] = []

        async def record(announcement, left):  # type: ignore[no-untyped-def]
            sent.append(announcement.token)

        clock.advance(timedelta(hours=1, minutes=1))
        assert await service.send_due(record) == 0
        await repository.set_card_message(announcement.id, 9)
        assert await service.send_due(record) == 1
        assert await service.send_due(record) == 0
        assert sent == ["posting"]
    finally:
        await database.dispose()
