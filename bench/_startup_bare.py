"""Startup driver, the baseline: a bare PySide6 main window, shown; see ``startup.py``.

With ``--with-orm`` it imports SQLAlchemy's ORM first: the floor for any window that reads
its data through the chosen database layer.

    python bench/_startup_bare.py [--with-orm]
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys  # noqa: E402

import _startup_probe as probe  # noqa: E402  (first: it notes when the driver began)
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402


def main() -> int:
    if "--with-orm" in sys.argv:
        import sqlalchemy.orm  # noqa: F401

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Bare window")
    window.resize(1280, 760)  # the app's main window size
    window.show()
    probe.report_when_usable(app, window)
    return app.exec()


if __name__ == "__main__":
    probe.exit_now(main())
