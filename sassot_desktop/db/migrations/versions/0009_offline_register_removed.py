"""offline register removed: a register stays held until the laptop's copy is removed

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("offline_register", schema=None) as batch_op:
        batch_op.add_column(sa.Column("removed_at", sa.DateTime(), nullable=True))
    # Until now an upload released the register; those laptops will never say they removed
    # their copies, so a register uploaded before this revision counts as given back then.
    op.execute("UPDATE offline_register SET removed_at = uploaded_at WHERE uploaded_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("offline_register", schema=None) as batch_op:
        batch_op.drop_column("removed_at")
