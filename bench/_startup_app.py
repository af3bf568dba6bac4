"""Startup driver, the app: ``sassot-desktop --data-dir DIR``, until its start page is usable.

Runs the real start path, ``sassot_desktop.cli.main`` (which calls ``ui.app.run``), in the
order the installed ``sassot-desktop`` script runs it: the command line first, then the
window's module. One difference: the QApplication is created here, between the two, as a
subclass whose ``exec()`` first arranges for the READY line (see ``_startup_probe``) once the
main window has painted and its start page shows tonight's register (or the workshop list),
then quits. See ``startup.py``.

    python bench/_startup_app.py DIR
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys  # noqa: E402

import _startup_probe as probe  # noqa: E402  (first: it notes when the driver began)


def start_page_filled(window) -> bool:
    """Tonight's register is listed on the check-in page, or the workshop list is filled."""
    page = window.pages.currentWidget()
    if page is window.check_in:
        return page.model.rowCount() > 0
    return page is window.workshops and page.table.model().rowCount() > 0


def start_page(window) -> dict:
    page = window.pages.currentWidget()
    shown = "check-in" if page is window.check_in else type(page).__name__
    return {"page": shown, "title": window.check_in.title.text() if shown == "check-in" else ""}


def main(data_dir: str) -> int:
    from sassot_desktop import cli
    from sassot_desktop.ui import app as window_module  # noqa: F401 (what cli.main imports)

    # isort: split
    from PySide6.QtWidgets import QApplication, QMainWindow

    class ProbedApplication(QApplication):
        """``ui.app.run`` reuses this instance; by its ``exec()`` the window is up and filled."""

        def exec(self) -> int:
            window = next(w for w in self.topLevelWidgets() if isinstance(w, QMainWindow))
            probe.report_when_usable(
                self, window, lambda: start_page_filled(window), lambda: start_page(window)
            )
            return super().exec()

    app = ProbedApplication(sys.argv[:1])  # noqa: F841 (kept alive while the app runs)
    return cli.main(["--data-dir", data_dir])


if __name__ == "__main__":
    probe.exit_now(main(sys.argv[1]))
