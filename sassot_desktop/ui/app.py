"""Starting the window: the Qt application, the data folder, the first-start choice.

On the evening of a workshop the window must be there the moment the officer asks for it. So
when tonight's register can be read straight from the database file (``attendance.tonight``),
the window opens on it at once and the database layer loads in the background; anything the
officer does in that first second waits for it. Otherwise (first start, a database to migrate,
no workshop today) the database is opened first, as usual.

Either way, once the window is usable the database is checked and the day's backup taken in
the background (``ui.backups``): a check of every page costs 0.4 s on a 100,000-person
database, which the evening's first tick must not wait for. A database too damaged to open
at all is caught on the way in; the window then opens empty and offers the latest good backup.
Only one copy of the program opens a data folder at a time (``instance``).
"""

from __future__ import annotations

import logging
import sys

# The Qt-free modules of the start path come before PySide6: once it is loaded, PySide6 reads
# the source of every module imported after it (looking for its ``__feature__`` switches),
# which costs the window's first paint about 0.5 ms a module.
# The unused names are the check-in page's and the window's own Qt-free modules (settings: the
# status bar says where the records are), loaded here for that reason.
from sassot_desktop import (  # noqa: F401
    APP_NAME,
    formatting,
    instance,
    paths,
    progress,
    settings,
)
from sassot_desktop.attendance import roster  # noqa: F401
from sassot_desktop.attendance.tonight import read_tonight
from sassot_desktop.clock import venue_now
from sassot_desktop.db import (
    location,
    status,  # noqa: F401
)
from sassot_desktop.errors import UserError
from sassot_desktop.people import folding  # noqa: F401

# isort: split
from PySide6.QtCore import QTimer, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from sassot_desktop.ui.main_window import MainWindow, first_start_choice
from sassot_desktop.ui.messages import sentence_for, show_error

log = logging.getLogger(__name__)

SETTLE_MS = 200


def run(data_dir: str | None, offline_register=None) -> int:
    """Open the window on the data folder, or on a register taken offline (its file)."""
    previous = qInstallMessageHandler(_qt_message_to_log)
    try:
        return _run(data_dir, offline_register)
    finally:
        qInstallMessageHandler(previous)


def _run(data_dir: str | None, offline_register=None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("SASSOT")

    folders = paths.resolve(data_dir)
    try:
        lock = instance.claim(folders.data_dir)
    except instance.AlreadyOpen as refusal:
        _say_already_open(refusal.message)
        return 1
    log.info("%s started on %s", APP_NAME, folders.data_dir)
    try:
        if offline_register is not None:
            return _run_offline(app, folders, offline_register)
        return _run_window(app, data_dir, folders)
    finally:
        lock.release()


def _on_server(folders: paths.DataPaths) -> bool:
    """Whether the records are on the team's server, where the window takes the normal path:
    the file here is not the records. A mistyped address takes it too, to be told there."""
    try:
        return location.chosen_url(folders) is not None
    except UserError:
        return True


def _run_window(app: QApplication, data_dir: str | None, folders: paths.DataPaths) -> int:
    tonight = None if _on_server(folders) else read_tonight(folders.database, venue_now())
    if tonight is None:
        _set_icon(app)
        window = _open_then_show(data_dir, folders)
        if window is None:
            return 1
    else:
        window = MainWindow(paths=folders)
        window.check_in.show_register(tonight)
        window.show()

        def open_in_background() -> None:
            _set_icon(app)
            window.runner.run(
                lambda _progress: _open_database(data_dir),
                on_done=lambda workspace: (window.attach(workspace), _back_up_daily(window)),
                on_error=lambda error: _could_not_open(window, error),
                title="Opening the database",
                parent=window,
                quiet=True,
            )

        # Loading the database layer keeps the interpreter busy for half a second: let the
        # window paint and answer its first keys before that starts. The window's icon (an
        # SVG, read through the icon plug-in) can wait as well.
        QTimer.singleShot(SETTLE_MS, open_in_background)
    sys.excepthook = _report_to(window, str(folders.log_file))
    try:
        return app.exec()
    finally:
        if window.workspace is not None:
            window.workspace.close()


def _run_offline(app: QApplication, folders: paths.DataPaths, register_file) -> int:
    from sassot_desktop.attendance.offline import read_copy

    window = show_offline_register(folders, read_copy(register_file))
    sys.excepthook = _report_to(window, str(folders.log_file))
    try:
        return app.exec()
    finally:
        window.workspace.close()


def show_offline_register(folders: paths.DataPaths, copy) -> MainWindow:
    """The window on a register taken offline, open on its check-in."""
    from sassot_desktop.ui.offline_registers import open_copy_workspace

    _set_icon(QApplication.instance())
    window = MainWindow(open_copy_workspace(folders, copy))
    window.offline_registers.on_copy = True
    window.setWindowTitle(f"{APP_NAME} — offline register of {copy.title}")
    window.show()
    window.show_check_in(copy.workshop_id)
    return window


def _offline_copies(folders: paths.DataPaths) -> list:
    from sassot_desktop.attendance.offline import copies_in, folder_of

    return [copy for copy in copies_in(folder_of(folders.data_dir)) if copy.uploaded_at is None]


def _offer_offline(folders: paths.DataPaths, error: BaseException) -> MainWindow | None:
    """The server is out of reach and a register was taken offline here: offer to open it."""
    from PySide6.QtWidgets import QMessageBox

    copy = _offline_copies(folders)[0]
    box = QMessageBox(
        QMessageBox.Icon.Question,
        APP_NAME,
        f"{sentence_for(error)}\n\nThis computer has the register of {copy.described} "
        "taken offline. Open it and tick people in here? The ticks are uploaded later, back "
        "on the network.",
    )
    box.setAccessibleName("Server out of reach")
    open_button = box.addButton("&Open the offline register", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(open_button)
    box.exec()
    if box.clickedButton() is not open_button:
        return None
    return show_offline_register(folders, copy)


def _set_icon(app: QApplication) -> None:
    from importlib import resources

    from PySide6.QtGui import QIcon

    icon = resources.files("sassot_desktop.resources") / "sassot-workforce.svg"
    app.setWindowIcon(QIcon(str(icon)))


def tell(message: str) -> None:
    """Say something to the officer before there is a window to say it in."""
    from PySide6.QtWidgets import QMessageBox

    _app = QApplication.instance() or QApplication(sys.argv)  # noqa: F841 (kept alive)
    QMessageBox.critical(None, APP_NAME, message)


def _say_already_open(message: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, message)
    box.setAccessibleName("Already open")
    box.exec()


def _open_then_show(data_dir: str | None, folders: paths.DataPaths) -> MainWindow | None:
    from sassot_desktop.db.health import DamagedDatabase
    from sassot_desktop.ui import backups

    try:
        workspace = _open_database(data_dir)
    except DamagedDatabase as damage:
        window = MainWindow(paths=folders)
        window.show()
        backups.offer_restore(window, damage)
        return window
    except Exception as error:
        from PySide6.QtWidgets import QMessageBox

        if not isinstance(error, UserError):
            log.exception("Could not open the data folder")
        elif _on_server(folders) and _offline_copies(folders):
            return _offer_offline(folders, error)
        QMessageBox.critical(None, APP_NAME, sentence_for(error))
        return None
    window = MainWindow(workspace)
    window.show()
    if workspace.is_empty():
        window.show_workshops()
        first_start_choice(window)
    else:
        window.show_start_page()
        QTimer.singleShot(SETTLE_MS, lambda: backups.back_up_daily(window))
    return window


def _back_up_daily(window: MainWindow) -> None:
    from sassot_desktop.ui import backups

    backups.back_up_daily(window)


def _could_not_open(window: MainWindow, error: BaseException) -> None:
    from sassot_desktop.db.health import DamagedDatabase
    from sassot_desktop.ui import backups

    if isinstance(error, DamagedDatabase):
        backups.offer_restore(window, error)
    else:
        show_error(window, error, str(window.paths.log_file))


def _open_database(data_dir: str | None):
    """The data folder opened and migrated, with the database layer and every page loaded."""
    # Loaded here, off the GUI thread when this runs in the background, so that building the
    # other pages later does not stall the window.
    import sassot_desktop.ui.backups  # noqa: F401
    import sassot_desktop.ui.paper_register  # noqa: F401
    import sassot_desktop.ui.workshop_list  # noqa: F401
    import sassot_desktop.ui.workshop_page  # noqa: F401
    from sassot_desktop.workspace import open_workspace

    # Checked in the background once the window is usable (``back_up_daily``), not here.
    return open_workspace(data_dir, check=False)


def _qt_message_to_log(kind, _context, message: str) -> None:
    """Qt's own warnings belong in the log file with everything else, not on the terminal."""
    from PySide6.QtCore import QtMsgType

    level = logging.DEBUG if kind == QtMsgType.QtDebugMsg else logging.WARNING
    logging.getLogger("qt").log(level, message)


def _report_to(window, log_file: str):
    """An uncaught error in a slot: log the traceback, tell the officer in one sentence."""

    def hook(kind, error, traceback) -> None:
        from sassot_desktop.ui.backups import offer_restore_if_damaged

        log.error("Unexpected error", exc_info=(kind, error, traceback))
        if not offer_restore_if_damaged(window, error):
            show_error(window, error, log_file)

    return hook
