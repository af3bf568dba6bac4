"""Reminders to coaches who need something: one ``.eml`` draft each, for the officer to check
and send from Outlook, and a mail-merge CSV of the same people for Word or a mailing tool.

Written into a folder the officer names, each file whole or not at all and private to them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sassot_desktop import files
from sassot_desktop.db.engine import Database
from sassot_desktop.errors import UserError
from sassot_desktop.exchange.email_drafts import Draft, eml_bytes
from sassot_desktop.exchange.spreadsheets import Table, csv_bytes
from sassot_desktop.paths import make_private_dir
from sassot_desktop.progress import Progress
from sassot_desktop.standards.due import CoachStanding, coaches_due
from sassot_desktop.standards.status import Standing

CSV_HEADINGS = (
    "Person ID",
    "First name",
    "Last name",
    "Email",
    "District",
    "Status",
    "What is needed",
    "Earliest date",
    "Reminder",
)
SIGNATURE = "Workforce Development Team\nSport Across Staffordshire and Stoke-on-Trent (SASSOT)"


@dataclass(frozen=True)
class ReminderReport:
    folder: Path
    csv_file: Path
    drafts: int
    without_email: tuple[str, ...]  # names of coaches who got a CSV row but no draft

    @property
    def message(self) -> str:
        coaches = self.drafts + len(self.without_email)
        if coaches == 0:
            return "No coach needs a reminder: every coach meets the standards for now."
        drafts = "1 e-mail draft" if self.drafts == 1 else f"{self.drafts} e-mail drafts"
        text = f"Wrote {drafts} and {self.csv_file.name} ({coaches} coaches) to {self.folder}."
        if self.without_email:
            names = ", ".join(self.without_email[:5])
            more = f" and {len(self.without_email) - 5} more" if len(self.without_email) > 5 else ""
            text += f" No e-mail address for {names}{more}: they are in the CSV only."
        return text


def reminder_draft(coach: CoachStanding) -> Draft:
    """The e-mail to one coach, in the officer's plain words."""
    needs = coach.assessment.needs
    if len(needs) == 1:
        subject = f"Your coaching standards: {needs[0].sentence.removeprefix('Your ').rstrip('.')}"
        if needs[0].standing is Standing.MISSING:
            subject = f"Your coaching standards: we need your {needs[0].kind.label}"
    else:
        subject = f"Your coaching standards: {len(needs)} things to renew or send us"
    body = "\n".join(
        [
            f"Dear {coach.first_name},",
            "",
            "We keep a record of the checks and training every coach on the partnership's "
            "coach database needs (our minimum operating standards). Our records show:",
            "",
            *(f"  - {need.sentence}" for need in needs),
            "",
            "Please renew anything that has lapsed or is about to, and reply to this e-mail "
            "with a copy of the new certificate so that we can update our records. If you have "
            "already done so, a copy is all we need.",
            "",
            "Thank you for all you do for sport in Staffordshire and Stoke-on-Trent.",
            "",
            SIGNATURE,
            "",
        ]
    )
    return Draft(coach.name, coach.email or "", subject, body)


def draft_file_name(coach: CoachStanding) -> str:
    """ "Ó Brien Zoë 12.eml": sorted by last name in a folder, and never the same for two
    people, however long or odd their names (the id is kept whatever the name loses)."""
    name = files.safe_file_name(f"{coach.last_name} {coach.first_name}", longest=80)
    return f"{name} {coach.person_id}.eml".lstrip()


def reminder_table(coaches: Sequence[CoachStanding]) -> Table:
    return Table(
        "Standards reminders",
        CSV_HEADINGS,
        [
            (
                coach.person_id,
                coach.first_name,
                coach.last_name,
                coach.email,
                coach.district,
                coach.standing.label,
                coach.assessment.needs_text,
                coach.assessment.first_due,
                "\n".join(need.sentence for need in coach.assessment.needs),
            )
            for coach in coaches
        ],
    )


def write_reminders(
    db: Database,
    folder: str | os.PathLike[str],
    today: date,
    progress: Progress | None = None,
) -> ReminderReport:
    """Write a draft for every coach who needs something and has an e-mail address, and the
    CSV of all of them, into ``folder`` (made if need be)."""
    progress = progress or Progress()
    with db.read() as session:
        coaches = coaches_due(session, today)
    target = Path(folder).expanduser()
    try:
        make_private_dir(target)
    except OSError as error:
        raise UserError(
            f"Could not make the folder {target} ({error.strerror}); choose another folder."
        ) from error
    csv_file = files.write_atomically(
        target / f"Standards reminders {today:%Y-%m-%d}.csv",
        csv_bytes(reminder_table(coaches)).data,
    )
    drafts, without_email = 0, []
    for done, coach in enumerate(coaches):
        progress.report(done, len(coaches), f"Writing the reminder to {coach.name}…")
        if not coach.email:
            without_email.append(coach.name)
            continue
        files.write_atomically(target / draft_file_name(coach), eml_bytes(reminder_draft(coach)))
        drafts += 1
    return ReminderReport(target, csv_file, drafts, tuple(without_email))
