"""The notifications benchmark (issue 19): one full round over many passholders, against the
UiTPAS polling limit.

    .venv/bin/python -m benchmarks.notifications [--passholders 10000] [--api v4|legacy]
        [--database sqlite|postgresql] [--polls-per-second 100]

The sandbox gets ``--passholders`` more passholders (its control route ``POST
/_sandbox/passholders``); each is linked to a Telegram user in a fresh database and half of
them turn every kind on. Then one round of the real :class:`NotificationScheduler` (the real
UiTPAS client over HTTP, the real repositories, the poll budget in the database) looks at
everyone due. The digests go to a sender that only counts them: Telegram is not what is
measured here (its own limit is the send budget's business).

What is printed, beside its peer:
* UiTPAS requests of the round (the sandbox's own count), per passholder looked at, and the
  requests the unsubscribed half cost (must be 0);
* wall time of the round, and the time spent in the database (cursor execution, summed);
* the floor the polling limit puts under a round: ``looked / UITPAS_POLLS_PER_SECOND``, at the
  limit the run used (set high, so that the machine is measured) and at the default of 2/s
  (what a production round of this many passholders takes at least).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import event, insert

from bot.app import build_services
from bot.backends import make_backend
from bot.config import Settings
from bot.observability.metrics import Metrics
from bot.sandbox.server import serving
from bot.sandbox.stack import stack_settings
from bot.sandbox.uitpas.app import create_app
from bot.services.notifications.kinds import ALL_KINDS, Notice
from storage.database import Database
from storage.models import NotifySchedule, NotifySubscription, PassholderLink
from tests.support.harness import fresh_postgres_database

DEFAULT_POLLS_PER_SECOND = Settings.model_fields["uitpas_polls_per_second"].default
FIRST_USER_ID = 10_000_000


@contextlib.asynccontextmanager
async def _database_url(kind: str) -> AsyncIterator[str]:
    if kind == "postgresql":
        async with fresh_postgres_database() as url:
            yield url
        return
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{Path(folder) / 'bench.sqlite3'}"


class DatabaseTimer:
    """Sums the time statements spend in the database driver (cursor execution). Passholders
    are served side by side, so these overlap: the sum may exceed the wall time, and on
    SQLite it includes waiting for the one writer's lock."""

    def __init__(self, database: Database) -> None:
        self.seconds = 0.0
        self.statements = 0
        self._started: dict[int, float] = {}
        engine = database.engine.sync_engine
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, _conn: Any, cursor: Any, *_: Any) -> None:
        self._started[id(cursor)] = time.perf_counter()

    def _after(self, _conn: Any, cursor: Any, *_: Any) -> None:
        started = self._started.pop(id(cursor), None)
        if started is not None:
            self.seconds += time.perf_counter() - started
            self.statements += 1

    def reset(self) -> None:
        self.seconds, self.statements = 0.0, 0


async def _seed(database: Database, numbers: Sequence[str], subscribed: int) -> None:
    now = datetime.now(UTC)
    links = [
        {"telegram_user_id": FIRST_USER_ID + n, "uitpas_number": number, "language": "nl",
         "linked_at": now}
        for n, number in enumerate(numbers)
    ]  # fmt: skip
    kinds = [
        {"telegram_user_id": FIRST_USER_ID + n, "kind": kind, "since": now}
        for n in range(subscribed)
        for kind in ALL_KINDS
    ]
    due = [{"telegram_user_id": FIRST_USER_ID + n, "due_at": now} for n in range(subscribed)]
    async with database.engine.begin() as connection:
        for table, rows in (
            (PassholderLink, links),
            (NotifySubscription, kinds),
            (NotifySchedule, due),
        ):
            for start in range(0, len(rows), 2000):
                await connection.execute(insert(table), rows[start : start + 2000])


async def _requests(sandbox: httpx.AsyncClient) -> int:
    """What the sandbox counted (it counts passes and reward lists, not coupons)."""
    return sum((await sandbox.get("/_sandbox/requests")).json().values())


def _client_requests(metrics: Metrics) -> dict[str, int]:
    """Every request the bot's UiTPAS client made, per operation (its latency histogram)."""
    counted: dict[str, int] = {}
    for family in metrics.uitpas_seconds.collect():
        for sample in family.samples:
            if sample.name.endswith("_count"):
                operation = sample.labels.get("operation", "?")
                counted[operation] = counted.get(operation, 0) + int(sample.value)
    return counted


async def run(passholders: int, api: str, database_kind: str, polls_per_second: int) -> None:
    subscribed = passholders // 2
    with serving(create_app()) as sandbox_server:
        async with (
            _database_url(database_kind) as url,
            httpx.AsyncClient(base_url=sandbox_server.url, timeout=60) as sandbox,
        ):
            added = await sandbox.post(
                "/_sandbox/passholders", json={"count": passholders, "points": 12}
            )
            added.raise_for_status()
            numbers = added.json()["numbers"]
            settings = stack_settings(
                "http://127.0.0.1:9",  # no Telegram: digests are counted, not sent
                sandbox_server.url,
                url,
                backend=api,
                port=0,
                uitpas_polls_per_second=polls_per_second,
                quiet_hours="off",
            )
            database = Database(settings.database_url)
            await database.migrate()
            metrics = Metrics()
            backend = make_backend(settings, database, None, metrics)
            services = build_services(
                database, backend.uitpas, settings, trading=backend.trading, login=backend.login
            )
            scheduler = services.notifications
            assert scheduler is not None
            await _seed(database, numbers, subscribed)
            digests = 0

            async def count(user: int, language: str, notices: Sequence[Notice]) -> None:
                nonlocal digests
                digests += 1

            timer = DatabaseTimer(database)
            await sandbox.delete("/_sandbox/requests")
            before = _client_requests(metrics)
            started = time.perf_counter()
            report = await scheduler.run_round(count)
            wall = time.perf_counter() - started
            requests = await _requests(sandbox)
            made = {
                operation: count - before.get(operation, 0)
                for operation, count in _client_requests(metrics).items()
                if count - before.get(operation, 0)
            }
            db_seconds, statements = timer.seconds, timer.statements
            # The unsubscribed half: a second round finds nobody due, and asks UiTPAS nothing.
            await sandbox.delete("/_sandbox/requests")
            idle = await scheduler.run_round(count)
            idle_requests = await _requests(sandbox)
            await backend.uitpas.aclose()
            if backend.web is not None:
                await backend.web.stop()
            await database.dispose()
    looked = report.looked
    floor = looked / polls_per_second
    floor_default = looked / DEFAULT_POLLS_PER_SECOND
    print(f"notifications round: {passholders} passholders, {subscribed} subscribed to all "
          f"kinds, UiTPAS API {api}, {database_kind}")  # fmt: skip
    print(f"  looked at          {looked} (the {passholders - subscribed} others: "
          f"{idle.looked} looks, {idle_requests} UiTPAS requests)")  # fmt: skip
    print(f"  notices found      {report.found}, digests {digests}")
    sent = sum(made.values())
    print(f"  UiTPAS requests    {sent} sent by the client ({sent / max(looked, 1):.2f} per "
          f"passholder: {', '.join(f'{k} {v}' for k, v in sorted(made.items()))}); "
          f"{requests} counted by the sandbox (passes and reward lists)")  # fmt: skip
    print(f"  wall time          {wall:.1f} s ({looked / wall:.0f} passholders/s)")
    per_look = 1000 * db_seconds / max(looked, 1)
    print(f"  database time      {db_seconds:.1f} s in {statements} statements, summed over "
          f"concurrent looks ({per_look:.2f} ms per passholder)")  # fmt: skip
    print(f"  polling floor      {floor:.1f} s at UITPAS_POLLS_PER_SECOND={polls_per_second} "
          f"(measured {wall:.1f} s: {'the limit' if wall < floor * 1.2 else 'the machine'} "
          f"bounds it)")  # fmt: skip
    print(f"  at the default     {floor_default:.0f} s = {floor_default / 60:.0f} min at "
          f"{DEFAULT_POLLS_PER_SECOND}/s (NOTIFY_INTERVAL_SECONDS 3600: "
          f"{'fits' if floor_default <= 3600 else 'does not fit'} in one interval)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passholders", type=int, default=10_000)
    parser.add_argument("--api", choices=["v4", "legacy"], default="v4")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--polls-per-second", type=int, default=100)
    arguments = parser.parse_args()
    asyncio.run(
        run(arguments.passholders, arguments.api, arguments.database, arguments.polls_per_second)
    )


if __name__ == "__main__":
    main()
