"""Issuing a workshop's certificates: who has earned one, their codes, and each printing.

A certificate is issued (its code made) the first time it is prepared for printing and keeps
that code for ever; every time it is printed or saved is noted, so a second printing shows up
as a reprint. The certificate row keeps what was last printed on it, which is what
``verification`` answers with.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from sassot_desktop import audit
from sassot_desktop.certificates import codes
from sassot_desktop.clock import utc_now
from sassot_desktop.db.engine import require
from sassot_desktop.db.models import Booking, Certificate, CertificatePrinting, Person, Workshop
from sassot_desktop.documents.certificates import Certificate as CertificateText
from sassot_desktop.errors import UserError


@dataclass(frozen=True)
class IssuedCertificate:
    certificate_id: int
    text: CertificateText
    printed_before: bool


@dataclass(frozen=True)
class Printing:
    first_prints: int
    reprints: int

    @property
    def total(self) -> int:
        return self.first_prints + self.reprints


def certificates_to_print(session: Session, workshop_id: int) -> list[IssuedCertificate]:
    """Everyone whose attendance earns a certificate, in last-name order, each with its code.

    Codes are made for those who have none yet; the caller's transaction keeps them.
    """
    workshop = require(session, Workshop, workshop_id, "workshop")
    if workshop.cancelled_at is not None:
        raise UserError(
            f"“{workshop.title}” (workshop {workshop_id}) was cancelled: no one "
            "has a certificate from it."
        )
    rows = session.execute(
        select(Booking, Person, Certificate)
        .join(Person, Person.id == Booking.person_id)
        .outerjoin(Certificate, Certificate.booking_id == Booking.id)
        .where(Booking.workshop_id == workshop_id)
        .order_by(Person.sort_name, Person.id)
    ).all()
    printed = _printed_before(session, [c.id for _b, _p, c in rows if c is not None])
    issued = []
    for booking, person, certificate in rows:
        if not booking.earns_certificate:
            continue
        printed_before = certificate is not None and certificate.id in printed
        if certificate is None:
            certificate = _issue(session, booking, person, workshop)
        text = CertificateText(
            name=f"{person.first_name} {person.last_name}",
            course=workshop.title,
            date=workshop.date,
            venue=workshop.venue_name,
            tutor=workshop.tutor,
            code=codes.printed(certificate.code),
        )
        issued.append(IssuedCertificate(certificate.id, text, printed_before))
    return issued


def record_printing(
    session: Session, workshop_id: int, certificates: Sequence[IssuedCertificate]
) -> Printing:
    """Note that these certificates were printed (or saved to a file) just now, as shown."""
    now, actor = utc_now(), audit.current_actor(session)
    ids = [issued.certificate_id for issued in certificates]
    # Asked now, not taken from ``printed_before``: the same preview may print, then save.
    printed = _printed_before(session, ids)
    rows = {c.id: c for c in session.scalars(select(Certificate).where(Certificate.id.in_(ids)))}
    first_prints = reprints = 0
    for issued in certificates:
        certificate = rows[issued.certificate_id]
        reprint = certificate.id in printed
        # What the paper says is what verifying the code must answer, spelling fixes included.
        certificate.name = issued.text.name
        certificate.course = issued.text.course
        certificate.course_date = issued.text.date
        certificate.venue = issued.text.venue
        session.add(
            CertificatePrinting(
                certificate_id=certificate.id, printed_at=now, printed_by=actor, reprint=reprint
            )
        )
        reprints += reprint
        first_prints += not reprint
    if certificates:
        audit.record(
            session,
            "certificates printed",
            "workshop",
            workshop_id,
            first_prints=first_prints,
            reprints=reprints,
        )
    session.flush()
    return Printing(first_prints, reprints)


def _issue(session: Session, booking: Booking, person: Person, workshop: Workshop) -> Certificate:
    certificate = Certificate(
        booking_id=booking.id,
        code=_unused_code(session),
        name=f"{person.first_name} {person.last_name}",
        course=workshop.title,
        course_date=workshop.date,
        venue=workshop.venue_name,
        issued_at=utc_now(),
        issued_by=audit.current_actor(session),
    )
    session.add(certificate)
    session.flush()
    return certificate


def _unused_code(session: Session) -> str:
    # Two equal codes out of a trillion are unlikely, not impossible.
    while True:
        code = codes.new_code()
        if not session.scalar(select(exists().where(Certificate.code == code))):
            return code


def _printed_before(session: Session, certificate_ids: list[int]) -> set[int]:
    """Which of these certificates have been printed (or saved) at least once."""
    if not certificate_ids:
        return set()
    return set(
        session.scalars(
            select(CertificatePrinting.certificate_id)
            .where(CertificatePrinting.certificate_id.in_(certificate_ids))
            .distinct()
        )
    )
