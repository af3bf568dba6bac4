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
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from sassot_desktop.db.status import Status, certificate_earned


class Base(DeclarativeBase):
    pass


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    # Folded "last first" (no accents, lower case): the order of every list of people.
    sort_name: Mapped[str] = mapped_column(String(210), index=True)
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

    bookings: Mapped[list[Booking]] = relationship(back_populates="person")

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

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )

    __table_args__ = (Index("ix_person_token_person", "person_id", "token"),)


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
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    register_closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    bookings: Mapped[list[Booking]] = relationship(back_populates="workshop")

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
