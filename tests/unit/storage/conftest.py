"""Fixtures of the storage tests: two instances on one database."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from storage.database import Database


@pytest.fixture
async def two_instances(database_url: str) -> AsyncIterator[tuple[Database, Database]]:
    first, second = Database(database_url), Database(database_url)
    if first.engine.dialect.name == "postgresql":  # side by side, as instances start
        await asyncio.gather(first.migrate(), second.migrate())
    else:  # several instances need PostgreSQL; SQLite serves one, migrated once
        await first.migrate()
    try:
        yield first, second
    finally:
        await first.dispose()
        await second.dispose()
