"""volunteering: placements, hours, milestones, Step into Sport, awards

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 22:56:47
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "award_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("ceremony_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "award_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["award_round.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "name", name="uq_award_category_name"),
    )
    with op.batch_alter_table("award_category", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_award_category_round_id"), ["round_id"], unique=False)

    op.create_table(
        "hours_milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column("reached_at", sa.DateTime(), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledged_by", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "hours", name="uq_hours_milestone_person_hours"),
    )
    with op.batch_alter_table("hours_milestone", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hours_milestone_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "placement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=100), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="ck_placement_dates"),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_placement_person_id"), ["person_id"], unique=False)

    op.create_table(
        "award_nomination",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("nominated_by", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "stage IN ('nominated', 'shortlisted', 'winner')", name="ck_award_nomination_stage"
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["award_category.id"],
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("category_id", "person_id", name="uq_award_nomination_person"),
    )
    with op.batch_alter_table("award_nomination", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_award_nomination_category_id"), ["category_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_award_nomination_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "step_into_sport_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("conference_on", sa.Date(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "conference_on", name="uq_step_into_sport_person_day"),
    )
    with op.batch_alter_table("step_into_sport_attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_step_into_sport_attendance_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "volunteer_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=True),
        sa.Column("worked_on", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("activity", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'rejected')", name="ck_volunteer_hours_status"
        ),
        sa.CheckConstraint("minutes > 0", name="ck_volunteer_hours_minutes"),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("volunteer_hours", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_volunteer_hours_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_volunteer_hours_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("volunteer_hours", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_volunteer_hours_status"))
        batch_op.drop_index(batch_op.f("ix_volunteer_hours_person_id"))

    op.drop_table("volunteer_hours")
    with op.batch_alter_table("step_into_sport_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_step_into_sport_attendance_person_id"))

    op.drop_table("step_into_sport_attendance")
    with op.batch_alter_table("award_nomination", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_award_nomination_person_id"))
        batch_op.drop_index(batch_op.f("ix_award_nomination_category_id"))

    op.drop_table("award_nomination")
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_placement_person_id"))

    op.drop_table("placement")
    with op.batch_alter_table("hours_milestone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hours_milestone_person_id"))

    op.drop_table("hours_milestone")
    with op.batch_alter_table("award_category", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_award_category_round_id"))

    op.drop_table("award_category")
    op.drop_table("award_round")
