"""Migrated databases to copy: a test's database starts at the newest revision in milliseconds.

Migrating an empty database from scratch costs ~50 ms on SQLite and ~200 ms on PostgreSQL, and
most tests start a bot on a fresh one. So each test process migrates one template per dialect,
the first time a test needs it, and every test gets a copy of it: the SQLite file through the
backup API, the PostgreSQL database with ``CREATE DATABASE ... TEMPLATE`` (~40 ms, as fast as
an empty one). The copies are as fresh as before (nothing but the schema); the bot's own
migration at start then finds them at head. The full migration path still runs in every test
process, and tests that migrate themselves, side by side, ask for an empty database with
``@pytest.mark.empty_database``.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from storage.database import Database
from tests.support.harness import POSTGRES_URL


async def _migrate(url: str) -> None:
    database = Database(url)
    try:
        await database.migrate()
    finally:
        await database.dispose()


class SqliteTemplate:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._made = False

    async def copy_to(self, path: Path) -> None:
        if not self._made:
            await _migrate(f"sqlite:///{self.path}")
            self._made = True
        source, copy = sqlite3.connect(self.path), sqlite3.connect(path)
        try:
            source.backup(copy)
        finally:
            source.close()
            copy.close()


class PostgresTemplate:
    def __init__(self) -> None:
        self.name: str | None = None

    async def made(self) -> str:
        """The template's name; migrated the first time (PostgreSQL is known to answer)."""
        if self.name is None:
            name = f"uitpas_bot_test_template_{uuid.uuid4().hex[:12]}"
            await _execute(f'CREATE DATABASE "{name}"')
            try:
                await _migrate(make_url(POSTGRES_URL).set(database=name).render_as_string(False))
            except BaseException:
                await _execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                raise
            self.name = name
        return self.name

    def drop(self) -> None:
        """At the end of the session, outside any test's event loop (in a thread of its own)."""
        if self.name is None:
            return
        statement = f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'
        thread = threading.Thread(target=asyncio.run, args=(_execute(statement),))
        thread.start()
        thread.join(timeout=30)
        self.name = None


@dataclass
class Templates:
    sqlite: SqliteTemplate
    postgres: PostgresTemplate


async def _execute(statement: str) -> None:
    admin = await asyncpg.connect(POSTGRES_URL)
    try:
        await admin.execute(statement)
    finally:
        await admin.close()
