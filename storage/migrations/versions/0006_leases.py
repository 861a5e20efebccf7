"""Claims are leases: holder and lease expiry on handled updates and check-in code claims.

Revision ID: 0006_leases
Revises: 0005_scale
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_leases"
down_revision: str | None = "0005_scale"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Rows claimed before this migration have no lease: they count as lapsed (taken over).
    for table in ("handled_updates", "recent_checkin_codes"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("holder", sa.String(length=64), nullable=True))
            batch.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("recent_checkin_codes") as batch:
        batch.add_column(sa.Column("points_before", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("attempt", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )


def downgrade() -> None:
    with op.batch_alter_table("recent_checkin_codes") as batch:
        batch.drop_column("attempt")
        batch.drop_column("points_before")
    for table in ("recent_checkin_codes", "handled_updates"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("lease_until")
            batch.drop_column("holder")
