"""record versions: who changed a person, workshop or bursary application last, and at which save

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 08:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLES = ("person", "workshop", "bursary_application")


def upgrade() -> None:
    # Every record kept so far is at its first version; who last changed it is not known.
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), server_default="1", nullable=False)
            )
            batch_op.add_column(sa.Column("changed_by", sa.String(length=100), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("changed_by")
            batch_op.drop_column("version")
