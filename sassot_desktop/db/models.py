"""The tables, as SQLAlchemy 2 models.

Conventions every table follows: instants are naive UTC ``DateTime`` (``clock.utc_now``), calendar
days are ``Date``, money is whole pence in an ``Integer``. Columns are plain and portable so that
the same schema runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    event,
    inspect,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, object_session, relationship

from sassot_desktop.clock import utc_now
from sassot_desktop.db.status import Status, certificate_earned


class Base(DeclarativeBase):
    pass


@compiles(String, "postgresql")
def _any_length_on_postgresql(type_: String, _compiler, **_kw) -> str:
    """A text column takes text of any length on PostgreSQL, as on SQLite.

    SQLite never enforced ``String(100)``, so names, clubs and venues longer than their
    columns have always been kept (an imported spreadsheet's cell, a pasted paragraph); on a
    server the same record would be refused with a database error. The lengths stay in the
    models as the size a screen plans for.
    """
    collation = f' COLLATE "{type_.collation}"' if type_.collation else ""
    return f"VARCHAR{collation}"


def folded_text(length: int) -> String:
    """Folded text the program itself makes (search words, sort keys), compared code point by
    code point on every database: PostgreSQL's "C" collation orders it as SQLite does, and lets
    a range of it ([word, next word)) be read straight from its index whatever the server's
    own locale (an en_GB collation skips spaces and punctuation and would not)."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    # Folded "last first" (no accents, lower case): the order of every list of people.
    sort_name: Mapped[str] = mapped_column(folded_text(210), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    postcode: Mapped[str | None] = mapped_column(String(10))
    district: Mapped[str | None] = mapped_column(String(40))
    club: Mapped[str | None] = mapped_column(String(200))
    sport: Mapped[str | None] = mapped_column(String(100))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    # When and how the person agreed to us holding their details; without it only the name
    # (and attendance) may be kept.
    consent_at: Mapped[datetime | None] = mapped_column(DateTime)
    consent_method: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # Equality monitoring (``people.equality``): special-category data, shown only on the
    # person's own page and in aggregate. None: not asked; "Prefer not to say" is an answer.
    gender: Mapped[str | None] = mapped_column(String(40))
    ethnicity: Mapped[str | None] = mapped_column(String(80))
    disability: Mapped[str | None] = mapped_column(String(40))
    # Which save of the record this is, and who made it (``record_versions``).
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    changed_by: Mapped[str | None] = mapped_column(String(100))

    bookings: Mapped[list[Booking]] = relationship(back_populates="person")
    __mapper_args__ = {"version_id_col": version}

    __table_args__ = (
        Index("ix_person_last_name", "last_name", "first_name"),
        Index("ix_person_email", "email"),
        Index("ix_person_postcode", "postcode"),
        Index("ix_person_club", "club"),
        Index("ix_person_district", "district"),
    )


class PersonRole(Base):
    """One of the parts a person plays for the partnership; a person may have several."""

    __tablename__ = "person_role"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20), primary_key=True)

    __table_args__ = (
        Index("ix_person_role_role", "role", "person_id"),
        CheckConstraint(
            "role IN ('coach', 'volunteer', 'young leader', 'tutor')", name="ck_person_role"
        ),
    )


class NotDuplicate(Base):
    """Two records the officer said are two people, so "Find duplicates" stops offering them."""

    __tablename__ = "not_duplicate"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    other_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    decided_by: Mapped[str] = mapped_column(String(100))


class PersonMerge(Base):
    """Two records of one person made one: what moved and what was removed, so it can be undone.

    Deliberately without foreign keys: the removed person no longer exists, and the kept one may
    later be merged or erased; ``undo`` is the JSON that ``people.merging`` writes and reads.
    """

    __tablename__ = "person_merge"

    id: Mapped[int] = mapped_column(primary_key=True)
    kept_id: Mapped[int] = mapped_column(Integer)
    removed_id: Mapped[int] = mapped_column(Integer)
    removed_name: Mapped[str] = mapped_column(String(210))
    undo: Mapped[str] = mapped_column(Text)
    merged_at: Mapped[datetime] = mapped_column(DateTime)
    merged_by: Mapped[str] = mapped_column(String(100))
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (Index("ix_person_merge_kept", "kept_id"),)


class PersonToken(Base):
    """One searchable word of a person (folded name part, email part, postcode, club word).

    Prefix search over this table is plain, indexed SQL that runs the same on SQLite and
    PostgreSQL; see ``people.search``.
    """

    __tablename__ = "person_token"

    token: Mapped[str] = mapped_column(folded_text(64), primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )

    __table_args__ = (
        Index("ix_person_token_person", "person_id", "token"),
        # The two columns are the whole row: a rowid beside them would be a third B-tree to
        # fill for each of the ~15 words of every person imported.
        {"sqlite_with_rowid": False},
    )


class Workshop(Base):
    __tablename__ = "workshop"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str] = mapped_column(String(100))
    date: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    venue_name: Mapped[str] = mapped_column(String(200))
    venue_address: Mapped[str | None] = mapped_column(String(300))
    venue_postcode: Mapped[str | None] = mapped_column(String(10))
    district: Mapped[str | None] = mapped_column(String(40))
    tutor: Mapped[str | None] = mapped_column(String(200))
    capacity: Mapped[int] = mapped_column(Integer)
    fee_pence: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str | None] = mapped_column(Text)
    # The standards record attending it earns (``standards.kinds.Kind``), if any.
    grants: Mapped[str | None] = mapped_column(String(20))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    register_closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    changed_by: Mapped[str | None] = mapped_column(String(100))

    bookings: Mapped[list[Booking]] = relationship(back_populates="workshop")
    __mapper_args__ = {"version_id_col": version}

    __table_args__ = (
        CheckConstraint("capacity >= 0", name="ck_workshop_capacity"),
        CheckConstraint("fee_pence >= 0", name="ck_workshop_fee"),
    )


class Booking(Base):
    """A person's place on one workshop, from booking to the night's outcome."""

    __tablename__ = "booking"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    # Booking time orders the waiting list; a re-booking after a cancellation starts again.
    booked_at: Mapped[datetime] = mapped_column(DateTime)
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False)
    # The instant of the tick, and the venue's wall-clock time that the printed register shows.
    arrived_at: Mapped[datetime | None] = mapped_column(DateTime)
    arrived_local: Mapped[time | None] = mapped_column(Time)
    # The officer's word on a certificate, where it differs from what the status earns.
    certificate_override: Mapped[bool | None] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    workshop: Mapped[Workshop] = relationship(back_populates="bookings")
    person: Mapped[Person] = relationship(back_populates="bookings")

    __table_args__ = (
        UniqueConstraint("workshop_id", "person_id", name="uq_booking_workshop_person"),
        CheckConstraint(
            "status IN ('booked', 'waiting', 'cancelled', 'attended', 'late', "
            "'left early', 'no-show')",
            name="ck_booking_status",
        ),
    )

    @property
    def earns_certificate(self) -> bool:
        return certificate_earned(Status(self.status), self.certificate_override)


class Certificate(Base):
    """A certificate issued for one booking: its verification code, and what it says.

    What was printed is kept, not looked up again, so that verifying a paper certificate
    years later answers for that paper even after the person or the workshop was edited.
    """

    __tablename__ = "certificate"

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id"), unique=True)
    # Canonical form, without the hyphens it is printed with (``certificates.codes``).
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(210))
    course: Mapped[str] = mapped_column(String(200))
    course_date: Mapped[date] = mapped_column(Date)
    venue: Mapped[str] = mapped_column(String(200))
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    issued_by: Mapped[str] = mapped_column(String(100))

    printings: Mapped[list[CertificatePrinting]] = relationship(
        back_populates="certificate", order_by="CertificatePrinting.printed_at"
    )


class CertificatePrinting(Base):
    """Each time a certificate was printed or saved: the first time, then every reprint."""

    __tablename__ = "certificate_printing"

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificate.id"), index=True)
    printed_at: Mapped[datetime] = mapped_column(DateTime)
    printed_by: Mapped[str] = mapped_column(String(100))
    reprint: Mapped[bool] = mapped_column(Boolean)

    certificate: Mapped[Certificate] = relationship(back_populates="printings")


class AuditEntry(Base):
    """Who did what, when: one row per operation that changed something."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_audit_subject", "subject", "subject_id"),)


class StandardRecord(Base):
    """One of a coach's checks or qualifications: a DBS check, safeguarding training, a first
    aid certificate or a coaching qualification (``standards.kinds.Kind``).

    ``booking_id`` names the attendance that made the record, for a workshop that grants it;
    undoing that attendance removes the record. Records the officer typed have none.
    """

    __tablename__ = "standard_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    taken_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    # A coaching qualification's awarding body, title and level; a course's title otherwise.
    governing_body: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str | None] = mapped_column(String(200))
    level: Mapped[str | None] = mapped_column(String(40))
    # A DBS check's disclosure level and certificate number (shown only in part).
    dbs_level: Mapped[str | None] = mapped_column(String(40))
    certificate_number: Mapped[str | None] = mapped_column(String(40))
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("booking.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint(
            "kind IN ('dbs', 'safeguarding', 'first aid', 'qualification')",
            name="ck_standard_record_kind",
        ),
        CheckConstraint(
            "expires_on IS NULL OR expires_on >= taken_on", name="ck_standard_record_expiry"
        ),
    )


class StandardValidity(Base):
    """How long a kind of record stays valid, where the officer changed it from the default
    (``standards.kinds.DEFAULT_VALIDITY_MONTHS``); ``months`` NULL means it never expires."""

    __tablename__ = "standard_validity"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    months: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint("months IS NULL OR months > 0", name="ck_standard_validity_months"),
    )


class Placement(Base):
    """A volunteer's role at a club or organisation, from its start to its end (open if none)."""

    __tablename__ = "placement"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    organisation: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(100))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="ck_placement_dates"),
    )


class VolunteerHours(Base):
    """Hours a volunteer gave on one day; they count only once the officer has approved them.

    Kept in whole minutes (a quarter of an hour is 15), never as a fraction of an hour.
    """

    __tablename__ = "volunteer_hours"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    placement_id: Mapped[int | None] = mapped_column(ForeignKey("placement.id"))
    worked_on: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    activity: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10), index=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(100))
    # Who approved or rejected them, and when; empty while they wait.
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by: Mapped[str | None] = mapped_column(String(100))

    __table_args__ = (
        CheckConstraint("minutes > 0", name="ck_volunteer_hours_minutes"),
        CheckConstraint(
            "status IN ('pending', 'approved', 'rejected')", name="ck_volunteer_hours_status"
        ),
    )


class HoursMilestone(Base):
    """A volunteer's approved hours reached 50, 100, 250 or 500: for the officer to mark."""

    __tablename__ = "hours_milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    hours: Mapped[int] = mapped_column(Integer)
    reached_at: Mapped[datetime] = mapped_column(DateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime)
    acknowledged_by: Mapped[str | None] = mapped_column(String(100))

    __table_args__ = (
        UniqueConstraint("person_id", "hours", name="uq_hours_milestone_person_hours"),
    )


class StepIntoSportAttendance(Base):
    """A volunteer at one year's Step into Sport conference, and the placement that followed."""

    __tablename__ = "step_into_sport_attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    conference_on: Mapped[date] = mapped_column(Date)
    # The club placement that counts them as placed; its start is when they were placed.
    placement_id: Mapped[int | None] = mapped_column(ForeignKey("placement.id"))

    __table_args__ = (
        UniqueConstraint("person_id", "conference_on", name="uq_step_into_sport_person_day"),
    )


class AwardRound(Base):
    """One year's volunteer and coach recognition awards."""

    __tablename__ = "award_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    ceremony_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AwardCategory(Base):
    __tablename__ = "award_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("award_round.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))

    __table_args__ = (UniqueConstraint("round_id", "name", name="uq_award_category_name"),)


class AwardNomination(Base):
    """Someone nominated in a category, by whom and why, and how far they went."""

    __tablename__ = "award_nomination"

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("award_category.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    nominated_by: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    stage: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        UniqueConstraint("category_id", "person_id", name="uq_award_nomination_person"),
        CheckConstraint(
            "stage IN ('nominated', 'shortlisted', 'winner')", name="ck_award_nomination_stage"
        ),
    )


class BursaryRound(Base):
    """One round of the coach bursary scheme: its budget, and the share held for the
    under-represented groups until a date."""

    __tablename__ = "bursary_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    financial_year: Mapped[int] = mapped_column(Integer)  # 2026 for 2026/27
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)
    budget_pence: Mapped[int] = mapped_column(Integer)
    most_per_award_pence: Mapped[int] = mapped_column(Integer)
    ring_fence_pence: Mapped[int] = mapped_column(Integer, default=0)
    ring_fence_until: Mapped[date | None] = mapped_column(Date)
    # The finance office's code the payments are booked against.
    cost_code: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    applications: Mapped[list[BursaryApplication]] = relationship(back_populates="round")

    __table_args__ = (
        CheckConstraint("budget_pence > 0", name="ck_bursary_round_budget"),
        CheckConstraint("most_per_award_pence > 0", name="ck_bursary_round_most"),
        CheckConstraint(
            "ring_fence_pence >= 0 AND ring_fence_pence <= budget_pence",
            name="ck_bursary_round_ring_fence",
        ),
    )


class BursaryApplication(Base):
    """A coach's application for help with one qualification, from submission to payment."""

    __tablename__ = "bursary_application"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("bursary_round.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    # The under-represented group the applicant belongs to for the ring-fence, as they told
    # us on the form; None when none applies or they preferred not to say.
    ring_fence_group: Mapped[str | None] = mapped_column(String(40))
    governing_body: Mapped[str] = mapped_column(String(100))
    qualification: Mapped[str] = mapped_column(String(200))
    level: Mapped[str | None] = mapped_column(String(20))
    course_provider: Mapped[str | None] = mapped_column(String(200))
    course_starts: Mapped[date] = mapped_column(Date)
    course_ends: Mapped[date] = mapped_column(Date)
    course_cost_pence: Mapped[int] = mapped_column(Integer)
    asked_pence: Mapped[int] = mapped_column(Integer)
    match_funding_pence: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str | None] = mapped_column(Text)
    submitted_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), index=True)
    awarded_pence: Mapped[int | None] = mapped_column(Integer)
    evidence_due: Mapped[date | None] = mapped_column(Date)
    evidence_received_on: Mapped[date | None] = mapped_column(Date)
    paid_on: Mapped[date | None] = mapped_column(Date)
    payment_reference: Mapped[str | None] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    changed_by: Mapped[str | None] = mapped_column(String(100))

    round: Mapped[BursaryRound] = relationship(back_populates="applications")
    person: Mapped[Person] = relationship()
    changes: Mapped[list[BursaryStatusChange]] = relationship(
        back_populates="application", order_by="BursaryStatusChange.id"
    )
    __mapper_args__ = {"version_id_col": version}

    __table_args__ = (
        CheckConstraint(
            "status IN ('submitted', 'approved', 'declined', 'waiting list', 'offer sent', "
            "'accepted', 'evidence received', 'paid', 'lapsed', 'withdrawn')",
            name="ck_bursary_application_status",
        ),
        CheckConstraint("asked_pence > 0", name="ck_bursary_application_asked"),
        CheckConstraint(
            "awarded_pence IS NULL OR awarded_pence > 0", name="ck_bursary_application_awarded"
        ),
    )


class BursaryStatusChange(Base):
    """One step of an application's workflow, kept for good: when, who, and why.

    A wrong step is never deleted; its reversal is a step of its own that names it.
    """

    __tablename__ = "bursary_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("bursary_application.id"), index=True)
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("bursary_status_change.id"))

    application: Mapped[BursaryApplication] = relationship(back_populates="changes")


class OfflineRegister(Base):
    """A workshop's register copied to a laptop for an evening with no network: by whom, on
    which computer, when, when its ticks last came back, and when the laptop's copy was
    removed: until then the laptop may still be ticking (``attendance.offline``)."""

    __tablename__ = "offline_register"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id"), index=True)
    taken_by: Mapped[str] = mapped_column(String(100))
    computer: Mapped[str] = mapped_column(String(100))
    taken_at: Mapped[datetime] = mapped_column(DateTime)
    uploaded_at: Mapped[datetime | None] = mapped_column(DateTime)
    removed_at: Mapped[datetime | None] = mapped_column(DateTime)


class UploadedTick(Base):
    """A tick made offline that has reached the server: its own id, so that an upload
    repeated after a dropped connection counts it once. ``booking_id`` is the server's
    booking it changed, if it changed one."""

    __tablename__ = "uploaded_tick"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    register_id: Mapped[int] = mapped_column(ForeignKey("offline_register.id"))
    booking_id: Mapped[int | None] = mapped_column(Integer, index=True)
    made_at: Mapped[datetime] = mapped_column(DateTime)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime)


# The records two officers may have open at once. SQLAlchemy bumps ``version`` on every change
# it writes and refuses a write made at a version the row has left; ``record_versions`` turns
# that into the choice the officer is offered.
VERSIONED = (Person, Workshop, BursaryApplication)


def _stamp_a_change(_mapper, _connection, record) -> None:
    """Who changed the record and when, whichever operation changed it (an edit, a merge, a
    bursary step), so that an officer told of the change is told the truth."""
    session = object_session(record)
    if session is None or not session.is_modified(record, include_collections=False):
        return
    record.changed_by = session.info.get("officer")
    if not inspect(record).attrs.updated_at.history.has_changes():
        record.updated_at = utc_now()


def _stamp_a_new_record(_mapper, _connection, record) -> None:
    session = object_session(record)
    record.changed_by = session.info.get("officer") if session is not None else None


for _model in VERSIONED:
    event.listen(_model, "before_update", _stamp_a_change)
    event.listen(_model, "before_insert", _stamp_a_new_record)
