"""v4: the passholder's access token beside the refresh token, so any instance reuses it.

publiq asks clients to cache a user access token "for as long as possible" (24 h at UiTiD).
Kept only in one instance's memory, every other instance, and every restart, refreshed the
login instead, rotating the refresh token each time. Encrypted like the refresh token.

Revision ID: 0011_access_token
Revises: 0010_passholder_id
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_access_token"
down_revision: str | None = "0010_passholder_id"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable: logins stored before have none; their next renewal stores one.
    with op.batch_alter_table("uitid_tokens") as table:
        table.add_column(sa.Column("access_token_encrypted", sa.Text(), nullable=True))
        table.add_column(sa.Column("access_expires_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("uitid_tokens") as table:
        table.drop_column("access_expires_at")
        table.drop_column("access_token_encrypted")
