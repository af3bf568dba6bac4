"""Starting the window: the Qt application, the data folder, the first-start choice."""

from __future__ import annotations

import logging
import sys
from importlib import resources

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from sassot_desktop import APP_NAME
from sassot_desktop.errors import UserError
from sassot_desktop.ui.messages import sentence_for

log = logging.getLogger(__name__)


def run(data_dir: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("SASSOT")
    icon = resources.files("sassot_desktop.resources") / "sassot-workforce.svg"
    app.setWindowIcon(QIcon(str(icon)))

    from sassot_desktop.workspace import open_workspace

    try:
        workspace = open_workspace(data_dir)
    except Exception as error:
        if not isinstance(error, UserError):
            log.exception("Could not open the data folder")
        QMessageBox.critical(None, APP_NAME, sentence_for(error))
        return 1

    from sassot_desktop.ui.main_window import MainWindow, first_start_choice

    window = MainWindow(workspace)
    sys.excepthook = _report_to(window, str(workspace.paths.log_file))
    window.show()
    if workspace.is_empty():
        window.show_workshops()
        first_start_choice(window)
    else:
        window.show_start_page()
    try:
        return app.exec()
    finally:
        workspace.close()


def _report_to(window, log_file: str):
    """An uncaught error in a slot: log the traceback, tell the officer in one sentence."""

    def hook(kind, error, traceback) -> None:
        log.error("Unexpected error", exc_info=(kind, error, traceback))
        from sassot_desktop.ui.messages import show_error

        show_error(window, error, log_file)

    return hook
