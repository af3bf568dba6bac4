"""offline registers: who has a workshop's register offline, and the ticks already uploaded

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "offline_register",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("taken_by", sa.String(length=100), nullable=False),
        sa.Column("computer", sa.String(length=100), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshop.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("offline_register", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_offline_register_workshop_id"), ["workshop_id"], unique=False
        )

    op.create_table(
        "uploaded_tick",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("register_id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["register_id"], ["offline_register.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("uploaded_tick", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_uploaded_tick_booking_id"), ["booking_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("uploaded_tick", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_uploaded_tick_booking_id"))
    op.drop_table("uploaded_tick")
    with op.batch_alter_table("offline_register", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offline_register_workshop_id"))
    op.drop_table("offline_register")
