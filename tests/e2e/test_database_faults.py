"""The database away for a moment: a locked SQLite file, a restarted PostgreSQL server.

Neither may lose a link or a check-in, and the bot must recover without a restart.

"The PostgreSQL server restarted" is simulated by terminating every backend connection of the
bot's own test database (``pg_terminate_backend``): that is exactly what clients see while a
server restarts (their connections die under them), without stopping the shared server other
test runs use. A real restart also refuses new connections for a few seconds; the retry
delays (``storage.retry.DELAYS``, about 8 s in all) are sized for that.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from bot.sandbox.uitpas.data import NORMAL, OTHER
from storage.repositories import CheckinRepository, LinkRepository
from tests.support.harness import AN, JOHN, Harness, StartBot, say
from tests.support.images import qr_png

JAZZ_CODE = "12345678"


async def photo(harness: Harness, user=AN) -> str:  # type: ignore[no-untyped-def]
    await harness.telegram.send_document(
        user, qr_png(JAZZ_CODE), file_name="qr.png", mime_type="image/png"
    )
    reply = await harness.telegram.wait_for_call("sendMessage", chat_id=user.id, timeout=30)
    assert reply.ok
    return reply.text or ""


# --- SQLite -------------------------------------------------------------------------------


class WriteLock:
    """Another process-like writer holding the SQLite file's write lock for ``seconds``."""

    def __init__(self, path: Path, seconds: float) -> None:
        self._path, self._seconds = path, seconds
        self.held = threading.Event()
        self._thread = threading.Thread(target=self._hold, daemon=True)

    def _hold(self) -> None:
        connection = sqlite3.connect(self._path, isolation_level=None)
        try:
            connection.execute("BEGIN IMMEDIATE")  # the write lock, readers still read (WAL)
            self.held.set()
            time.sleep(self._seconds)
            connection.execute("COMMIT")
        finally:
            connection.close()

    def __enter__(self) -> WriteLock:
        self._thread.start()
        assert self.held.wait(5)
        return self

    def __exit__(self, *_: object) -> None:
        self._thread.join()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_locked_sqlite_file_delays_but_loses_nothing(
    start_bot: StartBot, database_url: str
) -> None:
    path = Path(make_url(database_url).database or "")
    async with start_bot() as harness:
        await say(harness, AN, f"/link {NORMAL}")
        # Longer than SQLite's 5 s busy timeout, so the bot's own retry has to carry it.
        with WriteLock(path, seconds=6.5):
            linked = asyncio.create_task(say(harness, JOHN, f"/link {OTHER}"))
            checked_in = asyncio.create_task(photo(harness, AN))
            results = await asyncio.gather(linked, checked_in)
        assert "is linked" in results[0]
        assert "Je spaarde 1 punt" in results[1]
        assert await LinkRepository(harness.running.database).get(JOHN.id) is not None
        [record] = await CheckinRepository(harness.running.database).recent(AN.id)
        assert record.result_code == "ACTION_SUCCEEDED"
        # And afterwards everything simply works, no restart needed.
        assert "/link" in await say(harness, AN, "/help")


# --- PostgreSQL ---------------------------------------------------------------------------


async def terminate_backends(database_url: str) -> int:
    """What a server restart does to every client: their connections die."""
    url = make_url(database_url)
    admin = await asyncpg.connect(url.set(database="postgres").render_as_string(False))
    try:
        rows = await admin.fetch(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = $1 AND pid <> pg_backend_pid()",
            url.database,
        )
        return len(rows)
    finally:
        await admin.close()


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_postgres_restart_loses_no_link_or_check_in(
    start_bot: StartBot, database_url: str
) -> None:
    async with start_bot() as harness:
        await say(harness, AN, f"/link {NORMAL}")
        assert await terminate_backends(database_url) >= 1  # the bot's pooled connections
        assert "Je spaarde 1 punt" in await photo(harness, AN)
        assert await terminate_backends(database_url) >= 1
        assert "is linked" in await say(harness, JOHN, f"/link {OTHER}")
        assert await terminate_backends(database_url) >= 1
        assert "/link" in await say(harness, AN, "/help")
        links = LinkRepository(harness.running.database)
        assert (await links.get(AN.id)).uitpas_number == NORMAL  # type: ignore[union-attr]
        assert (await links.get(JOHN.id)).uitpas_number == OTHER  # type: ignore[union-attr]
        [record] = await CheckinRepository(harness.running.database).recent(AN.id)
        assert record.result_code == "ACTION_SUCCEEDED"


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_connections_killed_during_a_burst_lose_nothing(
    start_bot: StartBot, database_url: str
) -> None:
    """Backends killed every 50 ms while two users link and check in at the same time."""
    async with start_bot() as harness:
        stop = asyncio.Event()

        async def killer() -> int:
            killed = 0
            while not stop.is_set():
                killed += await terminate_backends(database_url)
                await asyncio.sleep(0.05)
            return killed

        killing = asyncio.create_task(killer())
        try:
            an = await say(harness, AN, f"/link {NORMAL}")
            john = await say(harness, JOHN, f"/link {OTHER}")
            an_photo, john_photo = await asyncio.gather(photo(harness, AN), photo(harness, JOHN))
        finally:
            stop.set()
            killed = await killing
        assert killed >= 1
        assert "gekoppeld" in an
        assert "is linked" in john
        assert "Je spaarde 1 punt" in an_photo
        assert "You saved 1 point" in john_photo
        repository = CheckinRepository(harness.running.database)
        assert len(await repository.recent(AN.id)) == 1
        assert len(await repository.recent(JOHN.id)) == 1
