"""Correcting an application before it is decided: the qualification, the course, the money
asked and why. Once money is awarded the details are fixed; a reversal comes first."""

from __future__ import annotations

import dataclasses
from datetime import date

from sqlalchemy.orm import Session

from sassot_desktop import audit, record_versions
from sassot_desktop.bursaries.applications import (
    EDITED,
    ApplicationDetails,
    checked_values,
    get_application,
)
from sassot_desktop.bursaries.budget import lock_round
from sassot_desktop.bursaries.money import pounds_text
from sassot_desktop.bursaries.workflow import BursaryStatus
from sassot_desktop.clock import utc_now
from sassot_desktop.db.models import BursaryApplication
from sassot_desktop.errors import UserError
from sassot_desktop.formatting import short_date

# Still waiting for a decision: what the coach asked for may still be put right.
EDITABLE = (BursaryStatus.SUBMITTED, BursaryStatus.WAITING_LIST)


@dataclasses.dataclass(frozen=True)
class Edited:
    application_id: int
    changes: tuple[str, ...]
    also_kept: str = ""  # a colleague's changes kept with the officer's

    @property
    def message(self) -> str:
        if not self.changes:
            said = f"Application {self.application_id}: nothing was changed."
        else:
            said = f"Application {self.application_id} changed: {'; '.join(self.changes)}."
        return f"{said} {self.also_kept}".strip()


# The application form's fields, as it labels them: what a colleague's change is shown by.
FORM_FIELDS = {
    "governing_body": "Governing body",
    "qualification": "Qualification",
    "level": "Level",
    "course_provider": "Course provider",
    "course_starts": "Course starts",
    "course_ends": "Course ends",
    "course_cost_pence": "Course cost",
    "asked_pence": "Amount asked",
    "match_funding_pence": "Club match funding",
    "ring_fence_group": "Ring-fence group",
    "reason": "Why",
}


def edit_application(
    session: Session,
    application_id: int,
    details: ApplicationDetails,
    loaded: record_versions.Loaded | None = None,
) -> Edited:
    """Save the corrected details; the coach and the date it came in stay as they were.

    ``loaded`` is what the form showed: a colleague's change since then is kept, and a field
    both of them changed raises ``record_versions.EditConflict`` with nothing saved.
    """
    round_id = get_application(session, application_id).round_id
    # The same lock as the workflow's steps: an approval in another window cannot slip in
    # between our check of the status and our writing of the amount asked.
    lock_round(session, round_id)
    application = session.get(BursaryApplication, application_id, populate_existing=True)
    _check_editable(application)
    details = dataclasses.replace(
        details, person_id=application.person_id, submitted_on=application.submitted_on
    )
    theirs = record_versions.snapshot(application, FORM_FIELDS)
    merged = record_versions.merge(
        "bursary application", FORM_FIELDS, loaded, theirs, checked_values(details)
    )
    # Checked again: a colleague's course cost and the officer's amount asked must still add up.
    values = checked_values(dataclasses.replace(details, **merged.values))
    before = ApplicationDetails.of(application)
    changes = tuple(_what_changed(before, values))
    if changes:
        for key, value in values.items():
            setattr(application, key, value)
        application.updated_at = utc_now()
        record_versions.write_now(session, "bursary application")
        audit.record(
            session,
            EDITED,
            "bursary application",
            application.id,
            changes=list(changes),
            status=application.status,
        )
    return Edited(application.id, changes, merged.also_kept)


def _check_editable(application: BursaryApplication) -> None:
    status = BursaryStatus(application.status)
    if status not in EDITABLE:
        raise edit_refusal(application.id, status)


def edit_refusal(application_id: int, status: BursaryStatus) -> UserError:
    """Why an application of ``status`` cannot be edited, and what to do instead."""
    if status.holds_award:
        return UserError(
            f"Application {application_id} is {status}, so its details are fixed: reverse its "
            "steps back to before the approval first (Reverse last step, with a reason), "
            "then edit it."
        )
    return UserError(
        f"Application {application_id} is {status}: reverse that step first (Reverse last "
        "step, with a reason) if it was a mistake, then edit it."
    )


def _what_changed(before: ApplicationDetails, after: dict) -> list[str]:
    """One phrase per change, for the history. The ring-fence group is special-category
    data, so its values are never written there; nor the reason, which can run long."""
    old = dataclasses.asdict(before)
    changed = {key for key, value in after.items() if old[key] != value}
    phrases = []
    for key, words in (
        ("governing_body", "governing body"),
        ("qualification", "qualification"),
        ("level", "level"),
        ("course_provider", "course provider"),
    ):
        if key in changed:
            phrases.append(f"{words} {_text(old[key])} → {_text(after[key])}")
    if changed & {"course_starts", "course_ends"}:
        phrases.append(
            f"course dates {_dates(old['course_starts'], old['course_ends'])} → "
            f"{_dates(after['course_starts'], after['course_ends'])}"
        )
    for key, words in (
        ("course_cost_pence", "course cost"),
        ("asked_pence", "amount asked"),
        ("match_funding_pence", "match funding"),
    ):
        if key in changed:
            phrases.append(f"{words} {pounds_text(old[key])} → {pounds_text(after[key])}")
    if "reason" in changed:
        phrases.append("why it is asked for")
    if "ring_fence_group" in changed:
        phrases.append("ring-fence group")
    return phrases


def _text(value: str | None) -> str:
    return f"“{value}”" if value else "none"


def _dates(starts: date, ends: date) -> str:
    return short_date(starts) if starts == ends else f"{short_date(starts)}–{short_date(ends)}"
