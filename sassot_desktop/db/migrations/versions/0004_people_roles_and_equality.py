"""people: roles, equality monitoring, pairs that are not duplicates, and merges that can be undone

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 23:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("gender", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("ethnicity", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("disability", sa.String(length=40), nullable=True))
        # The people screen sorts by these; without an index each sort reads every person.
        batch_op.create_index("ix_person_last_name", ["last_name", "first_name"], unique=False)
        batch_op.create_index("ix_person_email", ["email"], unique=False)
        batch_op.create_index("ix_person_postcode", ["postcode"], unique=False)
        batch_op.create_index("ix_person_club", ["club"], unique=False)
        batch_op.create_index("ix_person_district", ["district"], unique=False)

    op.create_table(
        "person_role",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", "role"),
        sa.CheckConstraint(
            "role IN ('coach', 'volunteer', 'young leader', 'tutor')", name="ck_person_role"
        ),
    )
    with op.batch_alter_table("person_role", schema=None) as batch_op:
        batch_op.create_index("ix_person_role_role", ["role", "person_id"], unique=False)

    op.create_table(
        "not_duplicate",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["other_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", "other_id"),
    )

    op.create_table(
        "person_merge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kept_id", sa.Integer(), nullable=False),
        sa.Column("removed_id", sa.Integer(), nullable=False),
        sa.Column("removed_name", sa.String(length=210), nullable=False),
        sa.Column("undo", sa.Text(), nullable=False),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.Column("merged_by", sa.String(length=100), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("person_merge", schema=None) as batch_op:
        batch_op.create_index("ix_person_merge_kept", ["kept_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("person_merge", schema=None) as batch_op:
        batch_op.drop_index("ix_person_merge_kept")
    op.drop_table("person_merge")
    op.drop_table("not_duplicate")
    with op.batch_alter_table("person_role", schema=None) as batch_op:
        batch_op.drop_index("ix_person_role_role")
    op.drop_table("person_role")
    with op.batch_alter_table("person", schema=None) as batch_op:
        for index in ("district", "club", "postcode", "email", "last_name"):
            batch_op.drop_index(f"ix_person_{index}")
        batch_op.drop_column("disability")
        batch_op.drop_column("ethnicity")
        batch_op.drop_column("gender")
