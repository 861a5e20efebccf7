"""The combined statements of a photo's check-in (issue 21): each does the work of two or three
statements in one round trip on PostgreSQL (and falls back to them on SQLite), and keeps every
guarantee of the statements it replaces: racing duplicates check in once, a lost connection is
retried without counting twice, /forget still finds every row."""

from __future__ import annotations

import asyncio
import contextvars
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from storage import retry
from storage.announcements import AnnouncementMemberRepository, AnnouncementRepository
from storage.coordination import (
    EarlierCheckin,
    HandledUpdateRepository,
    Lease,
    RecentCheckinCodeRepository,
    TakenOver,
    UpdateClaim,
)
from storage.database import Database
from storage.family import FamilyCardRepository, read_cards_ahead
from storage.models import Announcement, CheckinRecord, FamilyCard
from storage.repositories import (
    CheckinRepository,
    CountedPhoto,
    LinkRepository,
    PhotoCount,
    StoredLogin,
    ThrottleRepository,
    UitidTokenRepository,
    UserStatusRepository,
)
from tests.e2e.test_database_faults import terminate_backends

pytestmark = pytest.mark.empty_database

T0 = datetime(2026, 11, 26, 12, 0, 0, tzinfo=UTC)
UNKNOWN = "OUTCOME_UNKNOWN"
DIGEST = "d" * 64


def _codes(database: Database, holder: str) -> RecentCheckinCodeRepository:
    return RecentCheckinCodeRepository(
        database, repeat_window=timedelta(minutes=5), lease=Lease(timedelta(seconds=15), holder)
    )


async def _lose_the_connections(database: Database, database_url: str) -> None:
    """What a PostgreSQL restart does to pooled connections (they die under the next
    statement); on SQLite, the file locked by another writer for longer than its timeout."""
    if database.engine.dialect.name == "postgresql":
        assert await terminate_backends(database_url), "the pool held no connection to lose"
        return
    real_run = database.run
    failures = [OperationalError("INSERT", {}, Exception("database is locked"))]

    async def locked_once(statement: Any, parameters: dict[str, Any]) -> list[Any]:
        if failures:
            raise failures.pop()
        return await real_run(statement, parameters)

    database.run = locked_once  # type: ignore[method-assign]


async def test_the_flood_count_reads_the_link_and_clears_the_inactive_mark(
    two_instances: tuple[Database, Database],
) -> None:
    first, second = two_instances
    throttles = [ThrottleRepository(first), ThrottleRepository(second)]
    count, link = await throttles[0].hit_and_read_link(7, "checkin", T0)
    assert (count, link) == (1, None)  # not linked
    await LinkRepository(first).save(7, "0930000420206", "en")
    await UserStatusRepository(first).mark_inactive(7, "blocked")
    # Both instances count in one window (the limit is shared), each reading the link.
    counted = await asyncio.gather(
        *(throttles[i % 2].hit_and_read_link(7, "checkin", T0, seen=True) for i in range(6))
    )
    assert sorted(count for count, _ in counted) == [2, 3, 4, 5, 6, 7]
    assert {(link.uitpas_number, link.language) for _, link in counted if link} == {
        ("0930000420206", "en")
    }
    assert all(link is not None for _, link in counted)
    assert not await UserStatusRepository(second).is_inactive(7)
    # Without ``seen`` the mark stays (a document, which the activity tracker handles).
    await UserStatusRepository(first).mark_inactive(7, "blocked")
    assert (await throttles[1].hit_and_read_link(7, "checkin", T0))[0] == 8
    assert await UserStatusRepository(first).is_inactive(7)
    # Another window, another user: counted apart; /forget deletes the counters.
    assert (await throttles[0].hit_and_read_link(7, "checkin", T0 + timedelta(minutes=1)))[0] == 1
    assert await throttles[0].hit_and_read_link(8, "checkin", T0) == (1, None)
    assert await throttles[1].delete_for_user(7) == 2


async def test_racing_copies_of_one_code_check_in_once_and_share_the_answer(
    two_instances: tuple[Database, Database],
) -> None:
    """A duplicate delivery on either instance: one claim wins, every other copy sees the
    running check-in, then its answer; the history gets the one row."""
    first, second = two_instances
    codes = [_codes(first, "one"), _codes(second, "two")]
    claims = await asyncio.gather(
        *(
            codes[i % 2].claim_and_look(7, DIGEST, unknown_code=UNKNOWN, points_before=3, now=T0)
            for i in range(10)
        )
    )
    winners = [claimed for claimed, _ in claims if claimed is None]
    assert len(winners) == 1
    assert all(
        isinstance(claimed, EarlierCheckin) and claimed.result_code is None
        for claimed, _ in claims
        if claimed is not None
    )
    assert not any(waiting for _, waiting in claims)  # no unknown outcome in the history
    record = CheckinRecord(
        telegram_user_id=7, result_code="ACTION_SUCCEEDED", points_saved=1, total_points=26
    )
    await codes[1].answered_with_record(record, DIGEST, points_saved=1, total_points=26)
    again, _ = await codes[0].claim_and_look(
        7, DIGEST, unknown_code=UNKNOWN, now=T0 + timedelta(minutes=1)
    )
    assert isinstance(again, EarlierCheckin)
    assert (again.result_code, again.points_saved, again.total_points) == (
        "ACTION_SUCCEEDED",
        1,
        26,
    )
    history = CheckinRepository(first)
    [row] = await history.recent(7)
    assert (row.result_code, row.points_saved, row.total_points) == ("ACTION_SUCCEEDED", 1, 26)
    # /forget: the history row and the claim, each found by its repository.
    assert await history.delete_for_user(7) == 1
    assert await codes[0].delete_for_user(7) == 1


async def test_the_code_claim_says_whether_an_unknown_outcome_waits(
    two_instances: tuple[Database, Database],
) -> None:
    first, second = two_instances
    codes, history = _codes(first, "one"), CheckinRepository(second)
    assert await codes.claim_and_look(7, DIGEST, unknown_code=UNKNOWN, now=T0) == (None, False)
    await history.add(CheckinRecord(telegram_user_id=7, result_code=UNKNOWN, points_before=25))
    await history.add(CheckinRecord(telegram_user_id=8, result_code=UNKNOWN))  # someone else's
    claimed, waiting = await codes.claim_and_look(
        7, "e" * 64, unknown_code=UNKNOWN, points_before=25, now=T0
    )
    assert (claimed, waiting) == (None, True)
    # Lost to a running claim: what it lost to, and still the unknown outcome.
    running, waiting = await _codes(second, "two").claim_and_look(
        7, "e" * 64, unknown_code=UNKNOWN, now=T0 + timedelta(seconds=1)
    )
    assert isinstance(running, EarlierCheckin)
    assert running.result_code is None
    assert waiting
    # Its instance died: taken over once the lease lapsed, with its points before.
    taken, _ = await _codes(second, "two").claim_and_look(
        7, "e" * 64, unknown_code=UNKNOWN, now=T0 + timedelta(seconds=16)
    )
    assert taken == TakenOver(points_before=25, claimed_at=T0)
    # Settled: nothing waits any more.
    [unknown] = await history.unresolved(7, UNKNOWN)
    assert unknown.id is not None
    assert await history.resolve(unknown.id, "RECONCILED_SAVED", points_saved=1)
    assert (await codes.claim_and_look(7, "f" * 64, unknown_code=UNKNOWN, now=T0)) == (None, False)


async def test_a_lost_connection_is_retried_without_counting_or_claiming_twice(
    two_instances: tuple[Database, Database],
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(retry, "DELAYS", (0.05, 0.1, 0.2, 0.5))
    database, _ = two_instances
    throttle, codes = ThrottleRepository(database), _codes(database, "one")
    await LinkRepository(database).save(7, "0930000420206", "nl")
    assert (await throttle.hit_and_read_link(7, "checkin", T0))[0] == 1  # a pooled connection

    await _lose_the_connections(database, database_url)
    count, link = await throttle.hit_and_read_link(7, "checkin", T0, seen=True)
    assert count == 2
    assert link is not None
    assert link.uitpas_number == "0930000420206"

    await _lose_the_connections(database, database_url)
    assert await codes.claim_and_look(7, DIGEST, unknown_code=UNKNOWN, now=T0) == (None, False)

    await _lose_the_connections(database, database_url)
    record = CheckinRecord(telegram_user_id=7, result_code="ACTION_SUCCEEDED", points_saved=1)
    await codes.answered_with_record(record, DIGEST, points_saved=1, total_points=None)
    assert len(await CheckinRepository(database).recent(7)) == 1  # written once
    repeated, _ = await codes.claim_and_look(7, DIGEST, unknown_code=UNKNOWN, now=T0)
    assert isinstance(repeated, EarlierCheckin)
    assert repeated.result_code == "ACTION_SUCCEEDED"


async def test_the_answer_reads_the_announcements_the_check_in_counts_for(
    two_instances: tuple[Database, Database],
) -> None:
    """The answer's statement also reads the announcements the user opened around now (one
    round trip on PostgreSQL, where the count of a saved check-in used to read them apart):
    the same ones as the separate read; on SQLite it does not read them (None)."""
    first, second = two_instances
    announcements, members = AnnouncementRepository(first), AnnouncementMemberRepository(second)
    window = timedelta(hours=5)

    async def announced(token: str, starts_at: datetime, *, cancelled: bool = False) -> int:
        added = await announcements.add(
            Announcement(
                token=token,
                chat_id=-100777,
                language="nl",
                title="Filmavond",
                place="De Kelder",
                starts_at=starts_at,
                time_zone="Europe/Brussels",
                checkin_code="https://uitpas.be/?qr=" + token,
                cancelled_at=T0 if cancelled else None,
            )
        )
        assert added.id is not None
        return added.id

    opened = await announced("now", T0 + timedelta(hours=1))
    unopened = await announced("unopened", T0)
    later = await announced("later", T0 + timedelta(days=2))
    cancelled = await announced("cancelled", T0, cancelled=True)
    for announcement_id in (opened, later, cancelled):
        await members.mark_opened(announcement_id, 7, T0)
    await members.mark_opened(unopened, 8, T0)  # someone else opened it
    codes = _codes(first, "one")
    assert await codes.claim_and_look(7, DIGEST, unknown_code=UNKNOWN, now=T0) == (None, False)
    record = CheckinRecord(telegram_user_id=7, result_code="ACTION_SUCCEEDED", points_saved=1)
    found = await codes.answered_with_record(
        record, DIGEST, points_saved=1, total_points=26, opened_between=(T0 - window, T0 + window)
    )
    apart = await members.opened_around(7, T0, window)
    assert [a.id for a in apart] == [opened]
    if first.engine.dialect.name == "postgresql":
        assert found is not None
        assert [(a.id, a.checkin_code, a.starts_at) for a in found] == [
            (a.id, a.checkin_code, a.starts_at) for a in apart
        ]
    else:
        assert found is None
    # Written all the same: the history row and the answer kept for repeats.
    [row] = await CheckinRepository(second).recent(7)
    assert (row.result_code, row.points_saved) == ("ACTION_SUCCEEDED", 1)
    repeated, _ = await codes.claim_and_look(7, DIGEST, unknown_code=UNKNOWN, now=T0)
    assert isinstance(repeated, EarlierCheckin)
    assert (repeated.result_code, repeated.total_points) == ("ACTION_SUCCEEDED", 26)
    # Nothing opened around then: an empty list, the writes done.
    assert await codes.claim_and_look(7, "e" * 64, unknown_code=UNKNOWN, now=T0) == (None, False)
    found = await codes.answered_with_record(
        record,
        "e" * 64,
        points_saved=1,
        total_points=27,
        opened_between=(T0 + timedelta(days=9), T0 + timedelta(days=10)),
    )
    assert found == ([] if first.engine.dialect.name == "postgresql" else None)
    assert len(await CheckinRepository(second).recent(7)) == 2


def _updates(database: Database, holder: str) -> HandledUpdateRepository:
    return HandledUpdateRepository(database, lease=Lease(timedelta(seconds=15), holder))


async def test_the_update_claim_marks_the_updates_handled_before_it_finished(
    two_instances: tuple[Database, Database],
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The finished marks of updates this instance handled ride on its next claim (one
    statement on PostgreSQL): from then on their copies are dropped everywhere; until then
    a copy on another instance is held (asked again), never taken over while the lease runs.
    A lost connection is retried: the marks and the claim land once."""
    monkeypatch.setattr(retry, "DELAYS", (0.05, 0.1, 0.2, 0.5))
    first, second = two_instances
    mine, other = _updates(first, "one"), _updates(second, "two")
    assert await mine.claim(1, now=T0) is UpdateClaim.MINE
    assert await mine.claim(2, now=T0) is UpdateClaim.MINE
    # 1 and 2 handled, marks not written yet: another instance's copy is held.
    assert await other.claim(1, now=T0 + timedelta(seconds=1)) is UpdateClaim.HELD
    assert await mine.claim(3, now=T0 + timedelta(seconds=1), finishing=(1, 2)) is UpdateClaim.MINE
    for handled in (1, 2):
        assert await other.claim(handled, now=T0 + timedelta(hours=1)) is UpdateClaim.FINISHED
    # 3 itself is not finished by its claim: held, then taken over once its lease lapsed.
    assert await other.claim(3, now=T0 + timedelta(seconds=2)) is UpdateClaim.HELD
    assert await other.claim(3, now=T0 + timedelta(seconds=17)) is UpdateClaim.MINE
    # Lost to another instance, the marks are written all the same.
    assert await mine.claim(4, now=T0) is UpdateClaim.MINE
    assert await mine.claim(3, now=T0 + timedelta(seconds=18), finishing=(4,)) is UpdateClaim.HELD
    assert await other.claim(4, now=T0 + timedelta(hours=1)) is UpdateClaim.FINISHED
    # Without a claim to ride on: all at once.
    assert await mine.claim(5, now=T0) is UpdateClaim.MINE
    assert await mine.claim(6, now=T0) is UpdateClaim.MINE
    assert await mine.finish_many((5, 6, 4)) == 2  # 4 was marked already
    assert await other.claim(6, now=T0 + timedelta(hours=1)) is UpdateClaim.FINISHED

    await _lose_the_connections(first, database_url)
    assert await mine.claim(7, now=T0) is UpdateClaim.MINE
    await _lose_the_connections(first, database_url)
    assert await mine.claim(8, now=T0, finishing=(7,)) is UpdateClaim.MINE
    assert await other.claim(7, now=T0 + timedelta(hours=1)) is UpdateClaim.FINISHED
    assert await other.claim(8, now=T0 + timedelta(seconds=1)) is UpdateClaim.HELD
    await _lose_the_connections(first, database_url)
    assert await mine.finish_many((8,)) == 1
    assert await other.claim(8, now=T0 + timedelta(hours=1)) is UpdateClaim.FINISHED


async def test_a_photo_s_count_reads_the_refresh_token_under_v4(
    two_instances: tuple[Database, Database],
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With a reader (v4), the flood count's statement also reads the stored login, its
    access token too (PostgreSQL; on SQLite the login reads it itself, and the reader is not
    told)."""
    monkeypatch.setattr(retry, "DELAYS", (0.05, 0.1, 0.2, 0.5))
    first, second = two_instances
    told: list[tuple[int, StoredLogin | None]] = []
    throttle = ThrottleRepository(
        first, read_ahead=lambda user, login, _at: told.append((user, login))
    )
    await LinkRepository(second).save(7, "0930000420206", "nl")
    count, link = await throttle.hit_and_read_link(7, "checkin", T0, seen=True)
    assert count == 1
    assert link is not None
    expires = T0 + timedelta(hours=24)
    await UitidTokenRepository(second).save(
        7, "encrypted-7", access_encrypted="access-7", access_expires_at=expires
    )
    await _lose_the_connections(first, database_url)
    assert (await throttle.hit_and_read_link(7, "checkin", T0))[0] == 2  # retried, once
    assert (await throttle.hit_and_read_link(8, "checkin", T0))[1] is None  # no link, no token
    if first.engine.dialect.name == "postgresql":
        assert told == [(7, None), (7, StoredLogin("encrypted-7", "access-7", expires)), (8, None)]
    else:
        assert told == []
    # Without a reader (legacy) the statement reads no token.
    assert (await ThrottleRepository(first).hit_and_read_link(7, "checkin", T0))[0] == 3
    assert len(told) == (3 if first.engine.dialect.name == "postgresql" else 0)


async def test_a_photo_s_count_reads_the_family_cards_under_legacy(
    two_instances: tuple[Database, Database],
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With a cards reader (legacy), the flood count's statement also reads the bot's own
    family cards (PostgreSQL), which the family listing then takes instead of reading them,
    once and in this update only; on SQLite the listing reads them itself."""
    monkeypatch.setattr(retry, "DELAYS", (0.05, 0.1, 0.2, 0.5))
    first, second = two_instances
    told: list[tuple[int, list[dict[str, Any]]]] = []

    def keep(user: int, cards: list[dict[str, Any]], started: float) -> None:
        told.append((user, cards))
        read_cards_ahead(user, cards, started)

    throttle = ThrottleRepository(first, cards_ahead=keep)
    cards = FamilyCardRepository(second)
    await LinkRepository(second).save(7, "0930000420206", "nl")
    assert await cards.add(7, "0930000420214", "Mila")
    assert await cards.add(7, "0930000420222", "Lou")
    assert await cards.add(8, "0930000420230", "Noor")  # someone else's
    stored = [(c.id, c.uitpas_number, c.first_name) for c in await cards.cards(7)]
    assert len(stored) == 2

    await _lose_the_connections(first, database_url)
    count, link = await throttle.hit_and_read_link(7, "checkin", T0, seen=True)
    assert count == 1  # retried, counted once
    assert link is not None
    if first.engine.dialect.name != "postgresql":
        assert told == []
        return
    [(user, ahead)] = told
    assert user == 7
    assert [(c["id"], c["uitpas_number"], c["first_name"]) for c in ahead] == stored
    removed = stored[0][0]
    assert removed is not None
    assert await cards.remove(7, removed)  # from here on only a read sees it gone

    async def another_update() -> list[FamilyCard]:
        return await FamilyCardRepository(first).cards(7)

    assert len(await asyncio.create_task(another_update(), context=contextvars.Context())) == 1
    taken = await FamilyCardRepository(first).cards(7)  # this update: the cards read ahead
    assert [(c.id, c.first_name) for c in taken] == [(i, n) for i, _, n in stored]
    assert taken[0].added_at is not None
    assert len(await FamilyCardRepository(first).cards(7)) == 1  # once only: read again
    # No cards: an empty list, read ahead all the same.
    await throttle.hit_and_read_link(9, "checkin", T0)
    assert told[-1] == (9, [])
    assert await FamilyCardRepository(first).cards(9) == []


def _counting_updates(
    database: Database, holder: str, photos: ThrottleRepository
) -> HandledUpdateRepository:
    return HandledUpdateRepository(
        database, lease=Lease(timedelta(seconds=15), holder), photos=photos
    )


async def test_the_update_claim_counts_a_private_photo_once_and_only_when_won(
    two_instances: tuple[Database, Database],
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On PostgreSQL the claim of an update bringing a private photo also counts the photo,
    clears the inactive mark and reads the link and the refresh token, in its one statement,
    only when the claim is won: a copy held by the other instance, or one handled already,
    counts nothing; racing copies count once; a lost connection is retried, counting once.
    On SQLite the claim counts nothing (None) and the handler counts (hit_and_read_link)."""
    monkeypatch.setattr(retry, "DELAYS", (0.05, 0.1, 0.2, 0.5))
    first, second = two_instances
    postgresql = first.engine.dialect.name == "postgresql"
    told: list[tuple[int, str | None]] = []

    def reader(user: int, login: StoredLogin | None, _started: float) -> None:
        told.append((user, login.refresh_token_encrypted if login else None))

    flood = ThrottleRepository(first, read_ahead=reader)
    mine = _counting_updates(first, "one", flood)
    other = _counting_updates(second, "two", ThrottleRepository(second, read_ahead=reader))
    await LinkRepository(second).save(7, "0930000420206", "nl")
    await UitidTokenRepository(second).save(7, "encrypted-7")
    status = UserStatusRepository(second)
    await status.mark_inactive(7, "blocked")
    photo = PhotoCount(7, "checkin", T0)
    handled = 0

    async def handled_photo(claimed: CountedPhoto | None) -> int:
        """What the photo's handler counts: the claim's count, or its own (SQLite)."""
        nonlocal handled
        handled += 1
        if claimed is not None:
            return claimed.count
        return (await flood.hit_and_read_link(7, "checkin", T0, seen=True))[0]

    claim, counted = await mine.claim_counting(1, photo, now=T0)
    assert claim is UpdateClaim.MINE
    assert (counted is not None) is postgresql
    if counted is not None:
        assert counted.count == 1
        assert counted.link is not None
        assert (counted.link.uitpas_number, counted.link.language) == ("0930000420206", "nl")
        assert told == [(7, "encrypted-7")]
        assert not await status.is_inactive(7)  # cleared by the claim
    else:
        assert await status.is_inactive(7)  # the handler clears it, with its count
    assert await handled_photo(counted) == 1
    assert not await status.is_inactive(7)

    # A copy held by this instance's lease, then one handled already: nothing counted.
    await status.mark_inactive(7, "blocked")
    held = await other.claim_counting(1, photo, now=T0 + timedelta(seconds=1))
    assert held == (UpdateClaim.HELD, None)
    assert await mine.finish_many((1,), now=T0 + timedelta(seconds=2)) == 1
    finished = await other.claim_counting(1, photo, now=T0 + timedelta(hours=1))
    assert finished == (UpdateClaim.FINISHED, None)
    assert await status.is_inactive(7)  # not cleared by a copy either

    # With the earlier marks riding along; lost to another instance, the marks land anyway.
    claim, counted = await mine.claim_counting(2, photo, now=T0, finishing=())
    assert claim is UpdateClaim.MINE
    assert await handled_photo(counted) == 2
    claim, counted = await mine.claim_counting(3, photo, now=T0, finishing=(2,))
    assert claim is UpdateClaim.MINE
    assert await handled_photo(counted) == 3
    assert await other.claim(2, now=T0 + timedelta(hours=1)) is UpdateClaim.FINISHED
    assert await other.claim_counting(3, photo, now=T0, finishing=(99,)) == (
        UpdateClaim.HELD,
        None,
    )

    # Ten racing copies of one update on both instances: one wins, the photo counts once.
    racing = await asyncio.gather(
        *((mine, other)[i % 2].claim_counting(4, photo, now=T0) for i in range(10))
    )
    winners = [counted for claim, counted in racing if claim is UpdateClaim.MINE]
    assert len(winners) == 1
    assert all(claim is UpdateClaim.HELD for claim, _ in racing if claim is not UpdateClaim.MINE)
    assert all(counted is None for claim, counted in racing if claim is not UpdateClaim.MINE)
    assert await handled_photo(winners[0]) == 4

    # A lost connection: retried, the claim won and the photo counted once.
    await _lose_the_connections(first, database_url)
    claim, counted = await mine.claim_counting(5, photo, now=T0)
    assert claim is UpdateClaim.MINE
    assert await handled_photo(counted) == 5
    await _lose_the_connections(first, database_url)
    claim, counted = await mine.claim_counting(6, photo, now=T0, finishing=(5,))
    assert claim is UpdateClaim.MINE
    assert await handled_photo(counted) == 6
    assert await other.claim(5, now=T0 + timedelta(hours=1)) is UpdateClaim.FINISHED

    # Counted exactly once per handled photo, whichever statement counted it.
    assert (await ThrottleRepository(second).hit(7, "checkin", T0)) == handled + 1
    assert len(told) == (handled if postgresql else 0)
    # Without a link: none read, counted all the same.
    claim, counted = await mine.claim_counting(7, PhotoCount(8, "checkin", T0), now=T0)
    assert claim is UpdateClaim.MINE
    if counted is not None:
        assert (counted.count, counted.link) == (1, None)
        assert told[-1] == (8, None)


async def test_the_update_claim_reads_the_family_cards_under_legacy(
    two_instances: tuple[Database, Database],
) -> None:
    """Legacy: the claim's statement reads the bot's family cards ahead as the flood
    statement did (PostgreSQL), for the family listing of the same update to take."""
    first, second = two_instances
    flood = ThrottleRepository(first, cards_ahead=read_cards_ahead)
    mine = _counting_updates(first, "one", flood)
    cards = FamilyCardRepository(second)
    assert await cards.add(7, "0930000420214", "Mila")
    claim, counted = await mine.claim_counting(1, PhotoCount(7, "checkin", T0), now=T0)
    assert claim is UpdateClaim.MINE
    assert await cards.add(7, "0930000420222", "Lou")  # only a read sees it
    taken = await FamilyCardRepository(first).cards(7)
    if first.engine.dialect.name == "postgresql":
        assert counted is not None
        assert counted.count == 1
        assert [c.first_name for c in taken] == ["Mila"]  # the cards read with the claim
    else:
        assert counted is None
        assert [c.first_name for c in taken] == ["Mila", "Lou"]
    assert len(await FamilyCardRepository(first).cards(7)) == 2  # taken once
