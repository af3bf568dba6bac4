"""What a workshop's printed sign-in sheet lists: its heading and everyone holding a place."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from sassot_desktop.attendance.register import read_register
from sassot_desktop.documents import WALK_IN_ROWS

if TYPE_CHECKING:
    from sassot_desktop.documents.sign_in_sheet import SignInSheet


def sign_in_sheet(
    session: Session, workshop_id: int, printed_on: date, walk_in_rows: int = WALK_IN_ROWS
) -> SignInSheet:
    """Everyone booked (walk-ins already recorded included), by last name; not the waiting
    list, not cancellations."""
    # Here, not at the top: the sheet's builder loads ReportLab, which the window need not
    # load until a sheet is asked for (and then in the background).
    from sassot_desktop.documents.sign_in_sheet import SheetPerson, SheetWorkshop, SignInSheet

    register = read_register(session, workshop_id)
    top = register.heading
    return SignInSheet(
        workshop=SheetWorkshop(
            title=top.title,
            date=top.date,
            start_time=top.start_time,
            end_time=top.end_time,
            venue=top.venue_name or "",
            district=top.district,
            tutor=top.tutor,
        ),
        people=tuple(
            SheetPerson(entry.name, entry.club or "")
            for entry in register.entries
            if entry.status.holds_place
        ),
        printed_on=printed_on,
        walk_in_rows=walk_in_rows,
    )
