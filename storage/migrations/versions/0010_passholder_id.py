"""v4: the passholder's UiTPAS id on the link (issue 21), so a check-in asks no /passholders/me.

Revision ID: 0010_passholder_id
Revises: 0009_notifications
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_passholder_id"
down_revision: str | None = "0009_notifications"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable: links made before are filled in by their next family read (a check-in's).
    with op.batch_alter_table("passholder_links") as table:
        table.add_column(sa.Column("passholder_id", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("passholder_links") as table:
        table.drop_column("passholder_id")
