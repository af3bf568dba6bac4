"""The real check-in screen, ticking arrivals by typing their names and pressing Enter.

Run by ``test_durability`` as ``python check_in_screen_forever.py DATA_DIR``. After each Enter
it reports ``TICKED <booking id>`` for whoever the screen now shows as in: what the officer
has seen. The test kills it part-way and checks every reported tick is on disk.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from sassot_desktop.db.models import Status  # noqa: E402
from sassot_desktop.ui.main_window import MainWindow  # noqa: E402
from sassot_desktop.workspace import open_workspace  # noqa: E402


def main(data_dir: str) -> None:
    app = QApplication(sys.argv[:1])
    window = MainWindow(open_workspace(data_dir))
    window.show()
    window.show_start_page()
    screen = window.check_in
    expected = [e for e in screen.model.rows() if e.status is Status.BOOKED]
    print(f"BOOKED {len(expected)}", flush=True)
    for entry in expected:
        before = _arrived(screen)
        for character in f"{entry.first_name} {entry.last_name}":
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                screen.search,
                Qt.Key.Key_unknown,
                character,
                Qt.KeyboardModifier.NoModifier,
            )
        QTest.keyClick(screen.search, Qt.Key.Key_Return)
        app.processEvents()
        # Two people may share a name: report whoever the screen now shows as newly in.
        for booking_id in _arrived(screen) - before:
            print(f"TICKED {booking_id}", flush=True)
    print("DONE", flush=True)
    while True:
        time.sleep(60)


def _arrived(screen) -> set[int]:
    """Bookings the screen shows as in (the search is empty after each tick: everyone shows)."""
    return {entry.booking_id for entry in screen.model.rows() if entry.status.is_present}


if __name__ == "__main__":
    main(sys.argv[1])
