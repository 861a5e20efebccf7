"""The migrated schema is the models' schema: a model change without its migration fails here."""

from __future__ import annotations

from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import storage.models  # noqa: F401 - registers every table in SQLModel.metadata
from storage.database import Database

pytestmark = pytest.mark.empty_database


# Indexes the purges need that only the migrations declare (the models do not name them).
MIGRATION_ONLY_INDEXES = {"ix_checkins_created_at", "ix_handled_updates_claimed_at"}


def _expected(difference: Any) -> bool:
    return (
        isinstance(difference, tuple)
        and difference[0] == "remove_index"
        and difference[1].name in MIGRATION_ONLY_INDEXES
    )


def _differences(connection: Any) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return [d for d in compare_metadata(context, SQLModel.metadata) if not _expected(d)]


async def test_the_migrations_build_exactly_the_models(database_url: str) -> None:
    database = Database(database_url)
    try:
        await database.migrate()
        async with database.engine.connect() as connection:
            differences = await connection.run_sync(_differences)
    finally:
        await database.dispose()
    assert differences == []
