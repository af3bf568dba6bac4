"""minimum operating standards: coaches' checks and qualifications, their validity, and what
a workshop grants

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 23:05:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.add_column(sa.Column("grants", sa.String(length=20), nullable=True))
    op.create_table(
        "standard_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("governing_body", sa.String(length=100), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("level", sa.String(length=40), nullable=True),
        sa.Column("dbs_level", sa.String(length=40), nullable=True),
        sa.Column("certificate_number", sa.String(length=40), nullable=True),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('dbs', 'safeguarding', 'first aid', 'qualification')",
            name="ck_standard_record_kind",
        ),
        sa.CheckConstraint(
            "expires_on IS NULL OR expires_on >= taken_on", name="ck_standard_record_expiry"
        ),
        sa.ForeignKeyConstraint(["booking_id"], ["booking.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("booking_id"),
    )
    with op.batch_alter_table("standard_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_standard_record_person_id"), ["person_id"], unique=False
        )
    op.create_table(
        "standard_validity",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("months", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("months IS NULL OR months > 0", name="ck_standard_validity_months"),
        sa.PrimaryKeyConstraint("kind"),
    )


def downgrade() -> None:
    op.drop_table("standard_validity")
    with op.batch_alter_table("standard_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_standard_record_person_id"))
    op.drop_table("standard_record")
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.drop_column("grants")
