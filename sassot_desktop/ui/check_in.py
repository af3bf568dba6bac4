"""The check-in screen: type a few letters of a name, press Enter, the next arrival is in.

Every tick is committed before the screen changes, so what the officer sees is on disk.

At start-up this page paints tonight's register (read straight from the file) before the
database layer has loaded, so this module imports nothing of it at the top: the operations
are imported when first used, and anything the officer asks for in that first second waits
for the database to open (``attach``).
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.attendance.roster import BookingSnapshot, Headcount, RosterEntry, TickResult
from sassot_desktop.attendance.tonight import Register
from sassot_desktop.db.status import Status
from sassot_desktop.formatting import clock, long_date
from sassot_desktop.people import folding
from sassot_desktop.ui.messages import confirm, show_error
from sassot_desktop.ui.roster_model import RosterModel
from sassot_desktop.ui.widgets import (
    SearchField,
    back_button,
    fit_columns,
    heading,
    label_for,
    page_shortcut,
    record_table,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from sassot_desktop.db.engine import Database

# One register operation: given the ``register`` module and a session, do the work.
Operation = Callable[[ModuleType, "Session"], Any]


class _Undo(NamedTuple):  # not a dataclass: making one costs the first paint ~1 ms
    description: str
    snapshots: tuple[BookingSnapshot, ...]


class CheckInPage(QWidget):
    back_requested = Signal(int)  # the workshop's id
    register_closed = Signal(int)  # the workshop's id: its attendance is final, time to sync

    def __init__(self, db: Database | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db  # None while the database is still opening at start-up
        self._waiting: list[Callable[[], None]] = []
        self.workshop_id: int | None = None
        self._undo: list[_Undo] = []
        self._entries: list[RosterEntry] = []
        self._build()

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = heading()
        self.details = QLabel()
        self.details.setWordWrap(True)
        back = back_button(
            self, "Back to workshop", lambda: self.back_requested.emit(self.workshop_id or 0)
        )

        self.banner = heading(scale=1.35)
        self.banner.setAccessibleName("Headcount")

        self.search = SearchField()
        self.search.setPlaceholderText("Type a name and press Enter to tick them in")
        search_label = label_for("F&ind arriving person:", self.search, "Find arriving person")
        self.search.textChanged.connect(self._filter)
        self.search.activated.connect(self._search_entered)

        tick = QPushButton("&Tick in")
        tick.setToolTip("Tick the highlighted person in (Enter)")
        tick.setAccessibleName("Tick in")
        tick.clicked.connect(self.tick_current)
        walk_in = QPushButton("Add &walk-in…  Ctrl+N")
        walk_in.setAccessibleName("Add walk-in")
        walk_in.clicked.connect(self.add_walk_in)
        self.undo_button = QPushButton("&Undo  Ctrl+Z")
        self.undo_button.setAccessibleName("Undo")
        self.undo_button.clicked.connect(self.undo)

        self.feedback = QLabel(" ")
        self.feedback.setObjectName("feedback")
        self.feedback.setAccessibleName("Last action")
        self.feedback.setWordWrap(True)

        self.model = RosterModel(self, at_the_door=True)
        self.table = record_table(
            self.model, "Booked people", many=True, headings=self.model.COLUMNS
        )
        fit_columns(self.table, self.model.words())
        self.table.doubleClicked.connect(lambda _index: self.tick_current())
        self.search.drive(self.table)

        status_row = QHBoxLayout()
        status_row.addWidget(QLabel("Mark highlighted as:"))
        for text, status in (
            ("&Attended", Status.ATTENDED),
            ("&Late", Status.LATE),
            ("Left &early", Status.LEFT_EARLY),
            ("&No-show", Status.NO_SHOW),
            ("Not a&rrived", Status.BOOKED),
        ):
            button = QPushButton(text)
            button.setAccessibleName(f"Mark as {text.replace('&', '').lower()}")
            button.clicked.connect(lambda _checked=False, s=status: self.mark(s))
            status_row.addWidget(button)
        status_row.addStretch(1)
        close = QPushButton("&Close register…")
        close.setToolTip("Mark everyone still expected as a no-show (Ctrl+Shift+C)")
        close.setAccessibleName("Close register")
        close.clicked.connect(self.close_register)
        status_row.addWidget(close)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.details)
        top.addLayout(titles, 1)
        back_column = QVBoxLayout()  # the button level with the title, however it wraps
        back_column.addWidget(back)
        back_column.addStretch(1)
        top.addLayout(back_column)

        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(tick)
        search_row.addWidget(walk_in)
        search_row.addWidget(self.undo_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(search_row)
        layout.addWidget(self.feedback)
        layout.addWidget(self.table, 1)
        layout.addLayout(status_row)

        page_shortcut(self, "Undo", QKeySequence.StandardKey.Undo, self.undo)
        page_shortcut(self, "Add walk-in", "Ctrl+N", self.add_walk_in)
        page_shortcut(self, "Find", QKeySequence.StandardKey.Find, self.focus_search)
        page_shortcut(self, "Close register", "Ctrl+Shift+C", self.close_register)
        self.table.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        # Space on the table ticks the highlighted person, as Enter does in the search field.
        if watched is self.table and event.type() == event.Type.KeyPress:
            from PySide6.QtCore import Qt  # not at the top: see ``table_model``

            if event.key() == Qt.Key.Key_Space:
                self.tick_current()
                return True
            if (
                event.text()
                and event.text().isprintable()
                and not event.modifiers()
                & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            ):
                self.search.setFocus()
                self.search.insert(event.text())
                return True
        return super().eventFilter(watched, event)

    # -- the database ----------------------------------------------------------------------
    def attach(self, db: Database) -> None:
        """The database is open: do what the officer asked for while it was opening."""
        self._db = db
        waiting, self._waiting = self._waiting, []
        for request in waiting:
            request()

    def _write(self, operation: Operation, done: Callable[[Any], None]) -> None:
        """Run one register operation in its own transaction, then show what it did."""
        if self._db is None:
            self._waiting.append(lambda: self._write(operation, done))
            self._say("Opening the database…", warn=True)
            return
        from sassot_desktop.attendance import register

        try:
            with self._db.write() as session:
                result = operation(register, session)
        except Exception as error:
            show_error(self, error)
            return
        done(result)

    # -- showing a workshop ----------------------------------------------------------------
    def show_workshop(self, workshop_id: int) -> None:
        from sassot_desktop.attendance import register

        with self._db.read() as session:
            self.show_register(register.read_register(session, workshop_id))

    def show_register(self, sheet: Register) -> None:
        """Show a register already read (at start-up, before the database layer is loaded)."""
        if sheet.heading.id != self.workshop_id:
            self._undo.clear()
            self.feedback.setText(" ")
        self.workshop_id = sheet.heading.id
        self._show(sheet)
        self.search.clear()
        self._filter("")
        self.focus_search()

    def forget_register(self) -> None:
        """The database was replaced (a restore): what is on screen and its undo are stale."""
        self.workshop_id = None
        self._undo.clear()
        self.undo_button.setEnabled(False)
        self.feedback.setText(" ")

    def _show(self, sheet: Register) -> None:
        top = sheet.heading
        self.title.setText(f"Check-in: {top.title}")
        where = ", ".join(part for part in (top.venue_name, top.district) if part)
        tutor = f" · Tutor: {top.tutor}" if top.tutor else ""
        self.details.setText(
            f"{long_date(top.date)} · {clock(top.start_time)}–{clock(top.end_time)}"
            f" · {where}{tutor}"
        )
        self._entries = sheet.entries
        self.banner.setText(Headcount.of(self._entries).text)
        self.undo_button.setEnabled(bool(self._undo))

    def focus_search(self) -> None:
        # A closing dialog does not always hand activation back to the main window.
        self.window().activateWindow()
        self.search.setFocus()
        self.search.selectAll()

    def reload(self) -> None:
        if self.workshop_id is None or self._db is None:
            return
        from sassot_desktop.attendance import register

        with self._db.read() as session:
            self._show(register.read_register(session, self.workshop_id))
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        words = folding.words(text)
        shown = [e for e in self._entries if e.status is not Status.CANCELLED and e.matches(words)]
        if words:
            # Enter ticks the top match: put people still expected above those already in.
            shown.sort(key=lambda e: e.status is not Status.BOOKED)
        self.model.set_rows(shown)
        if shown:
            self.table.selectRow(0)

    def current_entry(self) -> RosterEntry | None:
        return self.model.row(self.table.currentIndex().row())

    def selected_entries(self) -> list[RosterEntry]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        entries = [self.model.row(row) for row in rows]
        return [e for e in entries if e is not None] or (
            [self.current_entry()] if self.current_entry() else []
        )

    # -- actions ---------------------------------------------------------------------------
    def _search_entered(self) -> None:
        # Enter on an empty field would tick whoever sorts first: a slip, not an arrival.
        if not self.search.text().strip():
            self._say("Type a few letters of a name, then press Enter.", warn=True)
            return
        self.tick_current()

    def tick_current(self) -> None:
        entry = self.current_entry()
        if entry is None:
            typed = self.search.text().strip()
            self._say(
                f"Nobody booked matches “{typed}”. Press Ctrl+N to add them as a walk-in."
                if typed
                else "Type a name to find who has arrived.",
                warn=True,
            )
            return
        self._write(
            lambda register, session: register.check_in(session, entry.booking_id), self._ticked
        )

    def _ticked(self, result: TickResult) -> None:
        if result.undo:
            self._undo.append(_Undo(f"tick for {result.name}", result.undo))
        self.search.clear()
        self.reload()
        self._say(result.message, warn=result.already_in)
        self.focus_search()

    def mark(self, status: Status) -> None:
        entries = self.selected_entries()
        if not entries:
            return
        ids = [e.booking_id for e in entries]
        self._write(
            lambda register, session: register.set_status(session, ids, status),
            lambda snapshots: self._marked(entries, status, snapshots),
        )

    def _marked(
        self, entries: list[RosterEntry], status: Status, snapshots: tuple[BookingSnapshot, ...]
    ) -> None:
        word = "not yet arrived" if status is Status.BOOKED else status.value
        names = entries[0].name if len(entries) == 1 else f"{len(entries)} people"
        if snapshots:
            self._undo.append(_Undo(f"marking {names} as {word}", snapshots))
        self.reload()
        self._say(f"{names} marked as {word}.")

    def add_walk_in(self) -> None:
        if self.workshop_id is None:
            return
        if self._db is None:
            self._waiting.append(self.add_walk_in)
            self._say("Opening the database…", warn=True)
            return
        from sassot_desktop.ui.walk_in_dialog import WalkInDialog

        dialog = WalkInDialog(self._db, self.workshop_id, self)
        dialog.recorded.connect(self._walk_in_recorded)
        # Back to the search for the next arrival, however the dialog was closed.
        dialog.finished.connect(lambda _result: self.focus_search())
        dialog.open()

    def _walk_in_recorded(self, result: TickResult) -> None:
        if result.undo:
            what = "walk-in" if result.walk_in else "tick for"
            self._undo.append(_Undo(f"{what} {result.name}", result.undo))
        self.reload()
        self._say(
            f"Walk-in: {result.message}" if result.walk_in else result.message,
            warn=result.already_in,
        )

    def undo(self) -> None:
        if not self._undo:
            self._say("Nothing to undo.", warn=True)
            return
        last = self._undo.pop()
        self._write(
            lambda register, session: register.restore(session, last.snapshots),
            lambda _nothing: self._undone(last),
        )

    def _undone(self, last: _Undo) -> None:
        self.reload()
        self._say(f"Undone: {last.description}.")
        self.focus_search()

    def close_register(self) -> None:
        expected = Headcount.of(self._entries).not_arrived
        confirm(
            self,
            "Close the register",
            f"Close the register? {expected} {'person' if expected == 1 else 'people'} not yet "
            "arrived will be marked as no-show. You can undo this with Ctrl+Z.",
            "Close register",
            self._close_register_confirmed,
        )

    def _close_register_confirmed(self) -> None:
        workshop_id = self.workshop_id
        self._write(
            lambda register, session: register.close_register(session, workshop_id),
            self._closed,
        )

    def _closed(self, snapshots: tuple[BookingSnapshot, ...]) -> None:
        self._undo.append(_Undo("closing the register", snapshots))
        self.reload()
        self._say(f"Register closed: {len(snapshots)} marked as no-show.")
        self.register_closed.emit(self.workshop_id)

    def _say(self, text: str, warn: bool = False) -> None:
        colour = "#8a5a00" if warn else "#1d6b2a"
        self.feedback.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.feedback.setText(text)
