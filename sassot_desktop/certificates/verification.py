"""Answering "is this certificate ours?" from the code printed on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sassot_desktop.certificates import codes
from sassot_desktop.db.models import Certificate, CertificatePrinting
from sassot_desktop.errors import NotFound


@dataclass(frozen=True)
class Verified:
    code: str  # as printed
    name: str
    course: str
    course_date: date
    venue: str
    issued_at: datetime  # UTC
    printings: int


def verify(session: Session, typed: str) -> Verified:
    """The certificate with this code, or ``NotFound`` saying why it is not one of ours."""
    code = codes.canonical(typed)
    if not codes.is_valid(code):
        raise NotFound(
            f"“{typed.strip()}” is not a certificate code: a code has 9 letters and digits "
            "(like 7K4-MQ2-X9R), and one of these is mistyped or missing."
        )
    certificate = session.scalar(select(Certificate).where(Certificate.code == code))
    if certificate is None:
        raise NotFound(f"No certificate with the code {codes.printed(code)} was issued here.")
    printings = session.scalar(
        select(func.count()).where(CertificatePrinting.certificate_id == certificate.id)
    )
    return Verified(
        code=codes.printed(code),
        name=certificate.name,
        course=certificate.course,
        course_date=certificate.course_date,
        venue=certificate.venue,
        issued_at=certificate.issued_at,
        printings=printings,
    )
