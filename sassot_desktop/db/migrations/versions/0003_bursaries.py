"""the coach bursary scheme: rounds, applications and their status changes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 23:05:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bursary_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("financial_year", sa.Integer(), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("budget_pence", sa.Integer(), nullable=False),
        sa.Column("most_per_award_pence", sa.Integer(), nullable=False),
        sa.Column("ring_fence_pence", sa.Integer(), nullable=False),
        sa.Column("ring_fence_until", sa.Date(), nullable=True),
        sa.Column("cost_code", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("budget_pence > 0", name="ck_bursary_round_budget"),
        sa.CheckConstraint("most_per_award_pence > 0", name="ck_bursary_round_most"),
        sa.CheckConstraint(
            "ring_fence_pence >= 0 AND ring_fence_pence <= budget_pence",
            name="ck_bursary_round_ring_fence",
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "bursary_application",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("ring_fence_group", sa.String(length=40), nullable=True),
        sa.Column("governing_body", sa.String(length=100), nullable=False),
        sa.Column("qualification", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=True),
        sa.Column("course_provider", sa.String(length=200), nullable=True),
        sa.Column("course_starts", sa.Date(), nullable=False),
        sa.Column("course_ends", sa.Date(), nullable=False),
        sa.Column("course_cost_pence", sa.Integer(), nullable=False),
        sa.Column("asked_pence", sa.Integer(), nullable=False),
        sa.Column("match_funding_pence", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("awarded_pence", sa.Integer(), nullable=True),
        sa.Column("evidence_due", sa.Date(), nullable=True),
        sa.Column("evidence_received_on", sa.Date(), nullable=True),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("payment_reference", sa.String(length=60), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('submitted', 'approved', 'declined', 'waiting list', 'offer sent', "
            "'accepted', 'evidence received', 'paid', 'lapsed', 'withdrawn')",
            name="ck_bursary_application_status",
        ),
        sa.CheckConstraint("asked_pence > 0", name="ck_bursary_application_asked"),
        sa.CheckConstraint(
            "awarded_pence IS NULL OR awarded_pence > 0", name="ck_bursary_application_awarded"
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["round_id"], ["bursary_round.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("bursary_application", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bursary_application_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_bursary_application_round_id"), ["round_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_bursary_application_status"), ["status"], unique=False)
    op.create_table(
        "bursary_status_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=False),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("reverses_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["application_id"], ["bursary_application.id"]),
        sa.ForeignKeyConstraint(["reverses_id"], ["bursary_status_change.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("bursary_status_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bursary_status_change_application_id"),
            ["application_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("bursary_status_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bursary_status_change_application_id"))
    op.drop_table("bursary_status_change")
    with op.batch_alter_table("bursary_application", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bursary_application_status"))
        batch_op.drop_index(batch_op.f("ix_bursary_application_round_id"))
        batch_op.drop_index(batch_op.f("ix_bursary_application_person_id"))
    op.drop_table("bursary_application")
    op.drop_table("bursary_round")
