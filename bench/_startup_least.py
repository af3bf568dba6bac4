"""Startup driver, a floor: the least window a check-in screen can be; see ``startup.py``.

No data folder, no log, no database: a heading, a search field and a table of 28 rows of
text (tonight's register is 28 people), a menu bar and a status bar, shown and focused. It
shows what any real screen built on PySide6 costs over the bare window on this machine,
before the program does any work of its own. Like the app's first paint, it names nothing of
``Qt`` (its cells keep Qt's own alignment): the first use of the Qt namespace builds its 93
Python enums, about 120 million instructions.

    python bench/_startup_least.py
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys  # noqa: E402

import _startup_probe as probe  # noqa: E402  (first: it notes when the driver began)
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

ROWS, COLUMNS = 28, 5


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Least check-in window")
    window.resize(1280, 760)
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(QLabel("Check-in: Emergency First Aid"))
    search = QLineEdit()
    search.setPlaceholderText("Type a name")
    layout.addWidget(search)
    table = QTableWidget(ROWS, COLUMNS)
    for row in range(ROWS):
        for column in range(COLUMNS):
            table.setItem(row, column, QTableWidgetItem(f"Person {row} column {column}"))
    layout.addWidget(table)
    window.setCentralWidget(page)
    window.menuBar().addMenu("&File")
    window.statusBar().showMessage("Ready")
    window.show()
    search.setFocus()
    probe.report_when_usable(app, window)
    return app.exec()


if __name__ == "__main__":
    probe.exit_now(main())
