"""Startup driver, the baseline: a bare PySide6 main window, shown; see ``startup.py``.

python bench/_startup_bare.py
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys  # noqa: E402

import _startup_probe as probe  # noqa: E402  (first: it notes when the driver began)
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("Bare window")
    window.resize(1280, 760)  # the app's main window size
    window.show()
    probe.report_when_usable(app, window)
    return app.exec()


if __name__ == "__main__":
    probe.exit_now(main())
