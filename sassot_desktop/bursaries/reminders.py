"""Reminders to coaches whose evidence is late or nearly due: a draft e-mail each, which the
officer opens in Outlook, reads and sends."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sassot_desktop import files
from sassot_desktop.bursaries.targets import EvidenceAwaited
from sassot_desktop.bursaries.wording import LetterWording
from sassot_desktop.documents.partnership import PARTNERSHIP
from sassot_desktop.exchange.email_drafts import Draft, eml_bytes
from sassot_desktop.formatting import long_date


@dataclass(frozen=True)
class RemindersWritten:
    folder: Path
    drafts: int
    without_email: tuple[str, ...]

    @property
    def message(self) -> str:
        text = f"Wrote {self.drafts} reminder{'s' if self.drafts != 1 else ''} to {self.folder}."
        if self.without_email:
            text += f" No e-mail address for {', '.join(self.without_email)}: ring or write."
        return text


def write_reminders(
    awaited: list[EvidenceAwaited],
    folder: str | os.PathLike[str],
    wording: LetterWording | None = None,
) -> RemindersWritten:
    wording = wording or LetterWording()
    target = Path(folder)
    written = 0
    missing = []
    for item in awaited:
        if not item.email:
            missing.append(item.person)
            continue
        late = "was due" if item.overdue else "is due"
        draft = Draft(
            to_name=item.person,
            to_address=item.email,
            subject=f"Coach bursary: evidence for {item.qualification}",
            body=(
                f"Dear {item.person},\n\n"
                f"The evidence for your coach bursary towards {item.qualification} {late} "
                f"by {long_date(item.evidence_due)}: a copy of your qualification certificate "
                "and the invoice or receipt for the course. Please send them to "
                f"{wording.send_evidence_to}.\n\nWithout them the offer lapses and the money "
                "returns to the scheme for other coaches.\n\nWith best wishes,\n"
                f"{wording.signed_by}\n{PARTNERSHIP}\n"
            ),
        )
        name = files.safe_file_name(f"Reminder {item.application_id} {item.person}") + ".eml"
        files.write_atomically(target / name, eml_bytes(draft))
        written += 1
    return RemindersWritten(target, written, tuple(missing))
