"""Writing the offer and decline letters of a batch of applications: one PDF each, and a draft
e-mail with the letter attached for every coach with an address. Runs in the background."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from sassot_desktop import files
from sassot_desktop.bursaries.applications import qualification_name
from sassot_desktop.bursaries.wording import LetterWording
from sassot_desktop.bursaries.workflow import BursaryStatus
from sassot_desktop.db.engine import Database
from sassot_desktop.db.models import BursaryApplication, BursaryStatusChange, Person
from sassot_desktop.documents.bursary_letters import DECLINE, OFFER, BursaryLetter
from sassot_desktop.documents.partnership import PARTNERSHIP
from sassot_desktop.errors import UserError
from sassot_desktop.progress import Progress

OFFERED = (
    BursaryStatus.APPROVED,
    BursaryStatus.OFFER_SENT,
    BursaryStatus.ACCEPTED,
)


@dataclass(frozen=True)
class LettersWritten:
    folder: Path
    letters: int
    drafts: int
    skipped: int  # applications with no letter to write (not approved or declined)

    @property
    def message(self) -> str:
        text = f"Wrote {self.letters} letter{'s' if self.letters != 1 else ''}"
        emails = f"{self.drafts} draft e-mail{'s' if self.drafts != 1 else ''}"
        text += f" and {emails} to {self.folder}."
        if self.skipped:
            text += (
                f" {self.skipped} application{'s were' if self.skipped != 1 else ' was'} "
                "neither approved nor declined and got no letter."
            )
        return text


def letters_for(
    session: Session,
    application_ids: list[int],
    today: date,
    wording: LetterWording | None = None,
) -> list[tuple[BursaryLetter, str | None]]:
    """The letter each application is owed, with the coach's e-mail address (if any)."""
    wording = wording or LetterWording()
    rows = session.execute(
        select(BursaryApplication, Person)
        .join(Person, Person.id == BursaryApplication.person_id)
        .where(BursaryApplication.id.in_(application_ids))
        .order_by(Person.sort_name, BursaryApplication.id)
    ).all()
    letters = []
    for application, person in rows:
        status = BursaryStatus(application.status)
        if status in OFFERED:
            kind = OFFER
        elif status is BursaryStatus.DECLINED:
            kind = DECLINE
        else:
            continue
        letter = BursaryLetter(
            kind=kind,
            dated=today,
            name=f"{person.first_name} {person.last_name}",
            application_id=application.id,
            qualification=qualification_name(application),
            round_name=application.round.name,
            asked_pence=application.asked_pence,
            awarded_pence=application.awarded_pence if kind == OFFER else None,
            evidence_due=application.evidence_due if kind == OFFER else None,
            send_evidence_to=wording.send_evidence_to,
            office_address=tuple(wording.address_lines),
            signed_by=wording.signed_by,
            reason=_decline_reason(session, application.id) if kind == DECLINE else None,
        )
        letters.append((letter, person.email))
    return letters


def _decline_reason(session: Session, application_id: int) -> str | None:
    return session.scalar(
        select(BursaryStatusChange.reason)
        .where(
            BursaryStatusChange.application_id == application_id,
            BursaryStatusChange.to_status == BursaryStatus.DECLINED.value,
            BursaryStatusChange.reverses_id.is_(None),
        )
        .order_by(BursaryStatusChange.id.desc())
        .limit(1)
    )


def letter_file_name(letter: BursaryLetter) -> str:
    kind = "Offer" if letter.kind == OFFER else "Decline"
    return files.safe_file_name(f"{kind} {letter.application_id} {letter.name}") + ".pdf"


def write_letters(
    db: Database,
    application_ids: list[int],
    folder: str | os.PathLike[str],
    today: date,
    progress: Progress | None = None,
    wording: LetterWording | None = None,
) -> LettersWritten:
    """A PDF for each letter, and beside it an ``.eml`` draft with the letter attached;
    ``wording`` is the office's (``wording.letter_wording``), the defaults when None."""
    from sassot_desktop.documents.bursary_letters import build_letters
    from sassot_desktop.exchange.email_drafts import Attachment, Draft, eml_bytes

    progress = progress or Progress()
    with db.read() as session:
        owed = letters_for(session, application_ids, today, wording)
    if not owed:
        raise UserError(
            "None of the chosen applications is approved or declined, so there is no letter "
            "to write; approve or decline them first."
        )
    target = Path(folder)
    drafts = 0
    for done, (letter, email) in enumerate(owed):
        progress.report(done, len(owed), f"Letter {done + 1} of {len(owed)}: {letter.name}")
        pdf = build_letters([letter])
        name = letter_file_name(letter)
        files.write_atomically(target / name, pdf)
        if email:
            draft = Draft(
                to_name=letter.name,
                to_address=email,
                subject=f"{letter.title}: {letter.qualification}",
                body=_email_body(letter),
                attachments=[Attachment(name, pdf)],
            )
            files.write_atomically(target / (name[: -len(".pdf")] + ".eml"), eml_bytes(draft))
            drafts += 1
    progress.report(len(owed), len(owed), "Letters written")
    return LettersWritten(target, len(owed), drafts, len(set(application_ids)) - len(owed))


def _email_body(letter: BursaryLetter) -> str:
    first_line = (
        "Please find attached our offer of a coach bursary"
        if letter.kind == OFFER
        else "Please find attached our reply to your coach bursary application"
    )
    return (
        f"Dear {letter.name},\n\n{first_line} for {letter.qualification}.\n\n"
        f"With best wishes,\n{letter.signed_by}\n{PARTNERSHIP}\n"
    )
