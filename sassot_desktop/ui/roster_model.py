"""The table of one workshop's bookings, as check-in, the workshop page and the paper
register show it."""

from __future__ import annotations

from datetime import time
from functools import cache

from sassot_desktop.attendance.roster import RosterEntry
from sassot_desktop.db.status import Status
from sassot_desktop.formatting import clock
from sassot_desktop.ui.table_model import BACKGROUND_ROLE, TOOL_TIP_ROLE, RowTableModel

_ARRIVED = "#e3f4e1"
_AWAY = "#f4f4f4"


@cache
def _background(colour: str):
    # Made on first need: QBrush and QColor cost the first paint 7 ms to load, and at the
    # start of an evening nobody has arrived yet.
    from PySide6.QtGui import QBrush, QColor

    return QBrush(QColor(colour))


class RosterModel(RowTableModel[RosterEntry]):
    COLUMNS = ("Name", "Club / organisation", "Status", "Arrived", "Walk-in", "Certificate")
    DECORATION_ROLES = frozenset((BACKGROUND_ROLE, TOOL_TIP_ROLE))

    def __init__(self, parent=None, at_the_door: bool = False) -> None:
        super().__init__(parent)
        # At the door a booked person is someone still expected.
        self._booked_text = "not yet arrived" if at_the_door else Status.BOOKED.value

    def text(self, entry: RosterEntry, column: int) -> str:
        if column == 0:
            return entry.name
        if column == 1:
            return entry.club or ""
        if column == 2:
            return self._booked_text if entry.status is Status.BOOKED else entry.status.value
        if column == 3:
            return clock(entry.arrived_local)
        if column == 4:
            return "walk-in" if entry.walk_in else ""
        return "yes" if entry.earns_certificate else ""

    def words(self) -> dict[int, list[str]]:
        """Every text the columns after the name and club can hold, as ``text`` writes them."""
        statuses = [self._booked_text, *(status.value for status in Status)]
        return {2: statuses, 3: [clock(time(23, 59))], 4: ["walk-in"], 5: ["yes"]}

    def decoration(self, entry: RosterEntry, column: int, role: int):
        if role == BACKGROUND_ROLE:
            if entry.status.is_present:
                return _background(_ARRIVED)
            if entry.status in (Status.NO_SHOW, Status.CANCELLED, Status.WAITING):
                return _background(_AWAY)
        if role == TOOL_TIP_ROLE and column == 0:
            return entry.name
        return None
