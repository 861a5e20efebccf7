"""Repositories: the only code that writes SQL, each method one short transaction.

Services receive these and never see a session, so the same service runs on SQLite and
PostgreSQL, and tests can read what was stored without knowing the schema.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import CTE, Select, bindparam, delete, exists, func, literal_column, update
from sqlalchemy import insert as sa_insert
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlmodel import col, select

from storage.database import Database
from storage.expiring import ExpiringValueRepository
from storage.models import (
    CheckinRecord,
    FamilyCard,
    InactiveUser,
    PassholderLink,
    PendingCheckin,
    ThrottleWindow,
    UitidLoginState,
    UitidToken,
    utcnow,
)
from storage.retry import transient_retry, unretried


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; everything stored here is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class LinkRepository:
    def __init__(self, database: Database) -> None:
        self._database = database
        table = PassholderLink.__table__  # type: ignore[attr-defined]
        # Built once: every check-in and most commands read the link (see Database.run).
        self._get = sa_select(table).where(table.c.telegram_user_id == bindparam("user"))
        self._remember_id = (
            update(table)
            .where(table.c.telegram_user_id == bindparam("user"))
            .values(passholder_id=bindparam("passholder_id"))
        )
        database.prebuilt(self._get, self._remember_id)

    @transient_retry
    async def get(self, telegram_user_id: int) -> PassholderLink | None:
        rows = await self._database.run(self._get, {"user": telegram_user_id})
        return PassholderLink.model_validate(rows[0]._mapping) if rows else None

    @transient_retry
    async def save(
        self,
        telegram_user_id: int,
        uitpas_number: str,
        language: str,
        *,
        passholder_id: str | None = None,
    ) -> None:
        """Link, or re-link to another card: the newest number a user gives wins (and the v4
        passholder id known with it, or none)."""
        async with self._database.session() as session:
            link = await session.get(PassholderLink, telegram_user_id)
            if link is None:
                link = PassholderLink(
                    telegram_user_id=telegram_user_id, uitpas_number="", language=""
                )
            link.uitpas_number = uitpas_number
            link.language = language
            link.linked_at = utcnow()
            link.passholder_id = passholder_id
            session.add(link)

    @transient_retry
    async def remember_passholder_id(self, telegram_user_id: int, passholder_id: str) -> None:
        """The v4 passholder id UiTPAS just named for this link (first known, or changed)."""
        await self._database.run_counting(
            self._remember_id, {"user": telegram_user_id, "passholder_id": passholder_id}
        )

    @transient_retry
    async def delete(self, telegram_user_id: int) -> bool:
        async with self._database.session() as session:
            result = await session.exec(
                delete(PassholderLink).where(
                    col(PassholderLink.telegram_user_id) == telegram_user_id
                )
            )
            return bool(result.rowcount)

    @transient_retry
    async def delete_for_user(self, telegram_user_id: int) -> int:
        return int(await self.delete(telegram_user_id))


_LINK_COLUMNS = tuple(PassholderLink.__table__.c.keys())  # type: ignore[attr-defined]


class CheckinRepository:
    def __init__(self, database: Database) -> None:
        self._database = database
        table = CheckinRecord.__table__  # type: ignore[attr-defined]
        # Built once: every check-in writes history and looks for unknown outcomes first.
        self._add = sa_insert(table)
        self._unresolved = (
            sa_select(table)
            .where(
                table.c.telegram_user_id == bindparam("user"),
                table.c.result_code == bindparam("code"),
                table.c.reconciled_at.is_(None),
            )
            .order_by(table.c.created_at, table.c.id)
        )

    @transient_retry
    async def add(self, record: CheckinRecord) -> None:
        await self._database.run(self._add, record.model_dump(exclude={"id"}))

    @transient_retry
    async def recent(
        self,
        telegram_user_id: int,
        limit: int = 5,
        *,
        result_codes: Collection[str] | None = None,
    ) -> list[CheckinRecord]:
        """The newest records first; ``result_codes`` keeps only those answers (e.g. successes)."""
        query = select(CheckinRecord).where(CheckinRecord.telegram_user_id == telegram_user_id)
        if result_codes is not None:
            query = query.where(col(CheckinRecord.result_code).in_(list(result_codes)))
        async with self._database.session() as session:
            rows = await session.exec(
                query.order_by(
                    col(CheckinRecord.created_at).desc(), col(CheckinRecord.id).desc()
                ).limit(limit)
            )
            records = list(rows)
        for record in records:
            record.created_at = _aware(record.created_at)
        return records

    @transient_retry
    async def delete_for_user(self, telegram_user_id: int) -> int:
        return await self._database.delete_matching(
            CheckinRecord.telegram_user_id, telegram_user_id
        )

    @transient_retry
    async def count_for_user(self, telegram_user_id: int) -> int:
        async with self._database.session() as session:
            rows = await session.exec(
                select(func.count())
                .select_from(CheckinRecord)
                .where(CheckinRecord.telegram_user_id == telegram_user_id)
            )
            return int(rows.one())

    @transient_retry
    async def purge_older_than(self, cutoff: datetime) -> int:
        """Delete history from before ``cutoff`` (the retention period); the number deleted."""
        return await self._database.delete_before(CheckinRecord.created_at, cutoff)

    @transient_retry
    async def unresolved(self, telegram_user_id: int, unknown_code: str) -> list[CheckinRecord]:
        """Check-ins with code ``unknown_code`` not reconciled yet, oldest first."""
        rows = await self._database.run(
            self._unresolved, {"user": telegram_user_id, "code": unknown_code}
        )
        return [CheckinRecord.model_validate(row._mapping) for row in rows]

    @transient_retry
    async def resolve(
        self,
        record_id: int,
        result_code: str,
        *,
        points_saved: int | None = None,
        total_points: int | None = None,
        event_title: str | None = None,
        organiser_name: str | None = None,
    ) -> bool:
        """Settle an unknown outcome once; False when another task already settled it.

        ``event_title`` and ``organiser_name`` when the settling named the event (v4's history).
        """
        async with self._database.session() as session:
            result = await session.exec(
                update(CheckinRecord)
                .where(col(CheckinRecord.id) == record_id)
                .where(col(CheckinRecord.reconciled_at).is_(None))
                .values(
                    result_code=result_code,
                    points_saved=points_saved,
                    total_points=total_points,
                    event_title=event_title,
                    organiser_name=organiser_name,
                    reconciled_at=utcnow(),
                )
            )
            return bool(result.rowcount)


class PendingCheckinRepository(ExpiringValueRepository):
    """At most one remembered code per user: the newest photo is the one they care about."""

    model = PendingCheckin
    value = "checkin_code"
    stamp = "created_at"

    async def remember(self, telegram_user_id: int, checkin_code: str) -> None:
        await self.put(telegram_user_id, checkin_code)

    async def forget(self, telegram_user_id: int) -> None:
        await self.delete_for_user(telegram_user_id)


# Told a user's family cards (each a dict of FamilyCard's columns, in id order) and the
# time.monotonic() at which the statement that read them started.
FamilyCardsReader = Callable[[int, list[dict[str, Any]], float], None]


@dataclass(frozen=True, slots=True)
class StoredLogin:
    """A passholder's UiTiD login as stored, still encrypted (see :class:`UitidToken`)."""

    refresh_token_encrypted: str = field(repr=False)
    access_token_encrypted: str | None = field(default=None, repr=False)
    access_expires_at: datetime | None = None

    @classmethod
    def from_row(cls, row: Any) -> StoredLogin | None:
        """From a row with the three columns (an outer join's: all None without a login)."""
        mapping = row._mapping
        refresh = mapping["refresh_token_encrypted"]
        if refresh is None:
            return None
        expires = mapping["access_expires_at"]
        return cls(
            refresh,
            mapping["access_token_encrypted"],
            _aware(expires) if expires is not None else None,
        )


# Told a user's stored login (None: none stored) and the time.monotonic() at which the
# statement that read it started.
LoginReader = Callable[[int, StoredLogin | None, float], None]


@dataclass(frozen=True, slots=True)
class PhotoCount:
    """A photo to count in its flood window with the claim of the update that brought it
    (:meth:`ThrottleRepository.counting_with`)."""

    telegram_user_id: int
    action: str
    window_start: datetime

    def parameters(self) -> dict[str, Any]:
        return {
            "user": self.telegram_user_id,
            "action": self.action,
            "window_start": self.window_start,
        }


@dataclass(frozen=True, slots=True)
class CountedPhoto:
    """What counting a photo read: the count including it, the user's link, and when the
    statement started (``time.monotonic()``), by which a later step judges the link's age."""

    count: int
    link: PassholderLink | None
    started: float


class ThrottleRepository:
    """Counters per user, action and time window, shared by every bot instance."""

    def __init__(
        self,
        database: Database,
        *,
        read_ahead: LoginReader | None = None,
        cards_ahead: FamilyCardsReader | None = None,
    ) -> None:
        """``read_ahead`` (v4): told the user's stored login (encrypted, None without one)
        read with a photo's count and link, in the same statement (PostgreSQL), so that the
        check-in's login does not read it again (``UitidSessions.read_ahead``).
        ``cards_ahead`` (legacy): told the user's family cards, read the same way, so that the
        family listing does not read them again (``storage.family.read_cards_ahead``)."""
        self._database = database
        postgresql = database.engine.dialect.name == "postgresql"
        self._read_ahead = read_ahead if postgresql else None
        self._cards_ahead = cards_ahead if postgresql else None
        table = ThrottleWindow.__table__  # type: ignore[attr-defined]
        # Built once: it runs for every photo (see Database.run).
        self._hit = (
            database.insert(table)
            .values(
                telegram_user_id=bindparam("user"),
                action=bindparam("action"),
                window_start=bindparam("window_start"),
                count=1,
            )
            .on_conflict_do_update(
                index_elements=["telegram_user_id", "action", "window_start"],
                set_={"count": table.c.count + 1},
            )
            .returning(table.c.count)
        )
        # The same, and the user's "blocked the bot" mark cleared (they wrote): one statement
        # on PostgreSQL (a data-modifying CTE), which SQLite does not have.
        inactive = InactiveUser.__table__  # type: ignore[attr-defined]
        self._seen_and_hit = None
        # A photo's count and the user's link in one round trip too (PostgreSQL: the upsert
        # as a CTE, the link joined to what it returns); ``seen`` also clears the mark.
        self._hit_and_link: dict[bool, Any] = {}
        if postgresql:
            seen = (
                delete(inactive).where(inactive.c.telegram_user_id == bindparam("user")).cte("seen")
            )
            self._seen_and_hit = self._hit.add_cte(seen)
            with_link = self._with_link(self._hit.cte("counted"))
            self._hit_and_link = {False: with_link, True: with_link.add_cte(seen)}
        self._links = LinkRepository(database)
        database.prebuilt(self._hit, self._seen_and_hit, *self._hit_and_link.values())

    def _with_link(self, counted: CTE) -> Select[Any]:
        """What a photo's count reads with it (PostgreSQL): the count ``counted`` returns,
        the user's link joined to it, and under v4 the stored login, under legacy the family
        cards: no row when ``counted`` returns none."""
        links = PassholderLink.__table__  # type: ignore[attr-defined]
        joined = counted.outerjoin(links, links.c.telegram_user_id == bindparam("user"))
        columns: list[Any] = [counted.c.count, links]
        if self._read_ahead is not None:  # v4: the login too
            tokens = UitidToken.__table__  # type: ignore[attr-defined]
            joined = joined.outerjoin(tokens, tokens.c.telegram_user_id == bindparam("user"))
            columns.extend(_login_columns())
        if self._cards_ahead is not None:  # legacy: the family cards, as one JSON array
            cards = FamilyCard.__table__  # type: ignore[attr-defined]
            card = func.json_build_object(
                *(x for c in cards.c for x in (literal_column(f"'{c.key}'"), c))
            )
            columns.append(
                sa_select(
                    func.coalesce(
                        func.json_agg(aggregate_order_by(card, cards.c.id)),
                        literal_column("'[]'::json"),
                    )
                )
                .where(cards.c.telegram_user_id == bindparam("user"))
                .scalar_subquery()
                .label("family_cards")
            )
        return sa_select(*columns).select_from(joined)

    def counting_with(self, claimed: CTE) -> Select[Any] | None:
        """A photo's count, its inactive mark cleared and what :meth:`hit_and_read_link`
        reads, as a statement built on ``claimed``, a data-modifying CTE (the claim of the
        update that brought the photo) that returns a row only when its claim was won: then
        the photo is counted and the mark cleared, else nothing is written and the statement
        returns no row. So a copy held by another instance, or one handled already, counts
        nothing, and a retry after a lost connection, which finds the claim taken, counts
        nothing again. Parameters: ``user``, ``action`` and ``window_start``
        (:meth:`PhotoCount.parameters`) besides the claim's; None on SQLite (no INSERT
        inside a WITH), where the photo is counted by its handler."""
        if not self._hit_and_link:
            return None
        table = ThrottleWindow.__table__  # type: ignore[attr-defined]
        inactive = InactiveUser.__table__  # type: ignore[attr-defined]
        won = sa_select(
            bindparam("user", type_=table.c.telegram_user_id.type),
            bindparam("action", type_=table.c.action.type),
            bindparam("window_start", type_=table.c.window_start.type),
            literal_column("1"),
        ).select_from(claimed)
        counted = (
            self._database.insert(table)
            .from_select(["telegram_user_id", "action", "window_start", "count"], won)
            .on_conflict_do_update(
                index_elements=["telegram_user_id", "action", "window_start"],
                set_={"count": table.c.count + 1},
            )
            .returning(table.c.count)
            .cte("counted")
        )
        seen = (
            delete(inactive)
            .where(
                inactive.c.telegram_user_id == bindparam("user"),
                exists(sa_select(literal_column("1")).select_from(claimed)),
            )
            .cte("seen")
        )
        return self._with_link(counted).add_cte(seen)

    def read_counted(self, telegram_user_id: int, row: Any, started: float) -> CountedPhoto:
        """The row of :meth:`counting_with`'s statement (or :meth:`hit_and_read_link`'s),
        which started at ``started`` (``time.monotonic()``): the read ahead handed on (the
        login, the family cards), the count and the link."""
        mapping = row._mapping
        if self._read_ahead is not None:
            self._read_ahead(telegram_user_id, StoredLogin.from_row(row), started)
        if self._cards_ahead is not None:
            cards = mapping["family_cards"]
            if isinstance(cards, str):  # json, not jsonb: the driver hands over the text
                cards = json.loads(cards)
            self._cards_ahead(telegram_user_id, cards, started)
        link = None
        if mapping["telegram_user_id"] is not None:
            link = PassholderLink.model_validate(
                {column: mapping[column] for column in _LINK_COLUMNS}
            )
        return CountedPhoto(int(mapping["count"]), link, started)

    async def link(self, telegram_user_id: int) -> PassholderLink | None:
        """The user's link alone (a count taken with the update's claim, its link read again)."""
        return await self._links.get(telegram_user_id)

    @transient_retry
    async def hit(
        self, telegram_user_id: int, action: str, window_start: datetime, *, seen: bool = False
    ) -> int:
        """Count one more ``action`` in the window; the count including this one.

        One atomic upsert, so two instances counting at the same moment both see the truth.
        ``seen``: also clear the user's inactive mark (:class:`UserStatusRepository`), in the
        same round trip where the database can: a photo is counted and is a sign of life.
        """
        parameters = {"user": telegram_user_id, "action": action, "window_start": window_start}
        if seen and self._seen_and_hit is not None:
            [row] = await self._database.run(self._seen_and_hit, parameters)
            return int(row[0])
        if seen:
            await self._database.delete_matching(InactiveUser.telegram_user_id, telegram_user_id)
        [row] = await self._database.run(self._hit, parameters)
        return int(row[0])

    @transient_retry
    async def hit_and_read_link(
        self, telegram_user_id: int, action: str, window_start: datetime, *, seen: bool = False
    ) -> tuple[int, PassholderLink | None]:
        """:meth:`hit`, and the user's link (what every photo reads next), in one round trip
        on PostgreSQL; two statements on SQLite, which has no INSERT inside a CTE."""
        statement = self._hit_and_link.get(seen)
        if statement is None:  # inside this method's retry: the unwrapped parts, the count
            # last, so a retry after a failed read never counts the photo twice
            link = await unretried(self._links.get)(telegram_user_id)
            count = await unretried(self.hit)(telegram_user_id, action, window_start, seen=seen)
            return count, link
        parameters = {"user": telegram_user_id, "action": action, "window_start": window_start}
        started = time.monotonic()
        [row] = await self._database.run(statement, parameters)
        counted = self.read_counted(telegram_user_id, row, started)
        return counted.count, counted.link

    @transient_retry
    async def purge_before(self, cutoff: datetime) -> int:
        return await self._database.delete_before(ThrottleWindow.window_start, cutoff)

    @transient_retry
    async def delete_for_user(self, telegram_user_id: int) -> int:
        return await self._database.delete_matching(
            ThrottleWindow.telegram_user_id, telegram_user_id
        )


class UserStatusRepository:
    """Users who blocked the bot: nothing is sent to them until they write again."""

    def __init__(self, database: Database) -> None:
        self._database = database

    @transient_retry
    async def mark_inactive(self, telegram_user_id: int, reason: str) -> None:
        async with self._database.session() as session:
            row = await session.get(InactiveUser, telegram_user_id)
            if row is None:
                row = InactiveUser(telegram_user_id=telegram_user_id, reason="")
            row.reason = reason[:200]
            row.since = utcnow()
            session.add(row)

    @transient_retry
    async def is_inactive(self, telegram_user_id: int) -> bool:
        async with self._database.session() as session:
            return await session.get(InactiveUser, telegram_user_id) is not None

    @transient_retry
    async def delete_for_user(self, telegram_user_id: int) -> int:
        """Also how a user becomes active again: they wrote to the bot."""
        return await self._database.delete_matching(InactiveUser.telegram_user_id, telegram_user_id)


class LoginStateRepository:
    """UiTiD logins in progress; each ``state`` can be taken once."""

    def __init__(self, database: Database) -> None:
        self._database = database

    @transient_retry
    async def add(self, login: UitidLoginState) -> None:
        """Store a new login; earlier unfinished logins of the same user stop working."""
        async with self._database.session() as session:
            await session.exec(
                delete(UitidLoginState).where(
                    col(UitidLoginState.telegram_user_id) == login.telegram_user_id
                )
            )
            session.add(login)

    @transient_retry
    async def take(self, state_hash: str) -> UitidLoginState | None:
        """The login for this state, removed in the same transaction (so used at most once)."""
        async with self._database.session() as session:
            login = await session.get(UitidLoginState, state_hash, with_for_update=True)
            if login is None:
                return None
            await session.delete(login)
        login.expires_at = _aware(login.expires_at)
        return login

    @transient_retry
    async def delete_for_user(self, telegram_user_id: int) -> int:
        return await self._database.delete_matching(
            UitidLoginState.telegram_user_id, telegram_user_id
        )


def _login_columns() -> list[Any]:
    tokens = UitidToken.__table__  # type: ignore[attr-defined]
    return [
        tokens.c.refresh_token_encrypted,
        tokens.c.access_token_encrypted,
        tokens.c.access_expires_at,
    ]


class UitidTokenRepository:
    """Encrypted logins; this class never sees a token in the clear.

    ``login`` and ``save`` run for every v4 check-in whose access token expired (UiTiD rotates
    the refresh token on each renewal), so they are single statements built once (see
    :meth:`Database.run`): a read, and one upsert instead of a read and a write.
    """

    def __init__(self, database: Database) -> None:
        self._database = database
        table = UitidToken.__table__  # type: ignore[attr-defined]
        self._get = sa_select(*_login_columns()).where(
            table.c.telegram_user_id == bindparam("user")
        )
        column = table.c
        written = {
            "refresh_token_encrypted": bindparam("encrypted"),
            "access_token_encrypted": bindparam("access", type_=column.access_token_encrypted.type),
            "access_expires_at": bindparam("access_expires", type_=column.access_expires_at.type),
            "updated_at": bindparam("now"),
        }
        self._save = (
            database.insert(table)
            .values(telegram_user_id=bindparam("user"), **written)
            .on_conflict_do_update(index_elements=["telegram_user_id"], set_=written)
        )
        database.prebuilt(self._get, self._save)

    @transient_retry
    async def login(self, telegram_user_id: int) -> StoredLogin | None:
        rows = await self._database.run(self._get, {"user": telegram_user_id})
        return StoredLogin.from_row(rows[0]) if rows else None

    async def get(self, telegram_user_id: int) -> str | None:
        """The refresh token alone (encrypted)."""
        login = await self.login(telegram_user_id)
        return login.refresh_token_encrypted if login else None

    @transient_retry
    async def save(
        self,
        telegram_user_id: int,
        encrypted: str,
        *,
        access_encrypted: str | None = None,
        access_expires_at: datetime | None = None,
    ) -> None:
        """A new login, or a renewed one: the refresh token and, when known, the access token
        that came with it (without one, an access token kept before is dropped: it belongs
        to the login this one replaces)."""
        await self._database.run(
            self._save,
            {
                "user": telegram_user_id,
                "encrypted": encrypted,
                "access": access_encrypted,
                "access_expires": access_expires_at,
                "now": utcnow(),
            },
        )

    @transient_retry
    async def delete_for_user(self, telegram_user_id: int) -> int:
        return await self._database.delete_matching(UitidToken.telegram_user_id, telegram_user_id)
