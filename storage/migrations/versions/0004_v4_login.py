"""UiTiD logins in progress and passholders' encrypted refresh tokens (v4 backend).

Revision ID: 0004_v4_login
Revises: 0003_announcements
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_v4_login"
down_revision: str | None = "0003_announcements"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "uitid_login_states",
        sa.Column("state_hash", sa.String(length=64), nullable=False),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False),
        sa.Column("code_verifier", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("state_hash"),
    )
    op.create_index(
        "ix_uitid_login_states_telegram_user_id", "uitid_login_states", ["telegram_user_id"]
    )
    op.create_table(
        "uitid_tokens",
        sa.Column("telegram_user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("refresh_token_encrypted", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("telegram_user_id"),
    )


def downgrade() -> None:
    op.drop_table("uitid_tokens")
    op.drop_index("ix_uitid_login_states_telegram_user_id", table_name="uitid_login_states")
    op.drop_table("uitid_login_states")
