"""Alembic environment: migrations run on a connection the application hands over.

``storage.database.Database.migrate`` passes its own connection in ``config.attributes`` so that
one engine, one driver and one URL serve both the bot and its migrations. ``alembic`` on the
command line (for autogenerate) builds a synchronous engine from ``DATABASE_URL``.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from storage import models  # noqa: F401  (registers the tables on SQLModel.metadata)

target_metadata = SQLModel.metadata


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = os.environ.get("DATABASE_URL", "sqlite:///uitpas-bot.sqlite3")
    with create_engine(url.replace("+aiosqlite", "").replace("+asyncpg", "")).connect() as conn:
        _run(conn)
        conn.commit()
