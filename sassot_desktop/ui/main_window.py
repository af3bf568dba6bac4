"""The main window: the pages of the evening's work, their menus and shortcuts."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QStackedWidget, QWidget

from sassot_desktop import APP_NAME, __version__, demo
from sassot_desktop.attendance.register import workshop_to_check_in
from sassot_desktop.clock import venue_now
from sassot_desktop.ui.check_in import CheckInPage
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.paper_register import PaperRegisterPage
from sassot_desktop.ui.runner import Runner
from sassot_desktop.ui.workshop_editor import WorkshopEditor
from sassot_desktop.ui.workshop_list import WorkshopListPage
from sassot_desktop.ui.workshop_page import WorkshopPage
from sassot_desktop.workspace import Workspace


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        db = workspace.db
        self.runner = Runner(self)
        self.setWindowTitle(APP_NAME)
        # Window size and place live beside the data, like everything else the program keeps.
        self._settings = QSettings(
            str(workspace.paths.data_dir / "window.ini"), QSettings.Format.IniFormat
        )
        if not self.restoreGeometry(self._settings.value("geometry", QByteArray())):
            self.resize(1280, 760)

        self.pages = QStackedWidget()
        self.workshops = WorkshopListPage(db)
        self.workshop = WorkshopPage(db)
        self.check_in = CheckInPage(db)
        self.paper_register = PaperRegisterPage(db)
        for page in (self.workshops, self.workshop, self.check_in, self.paper_register):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)

        self.workshops.open_requested.connect(self.show_workshop)
        self.workshops.new_requested.connect(self.new_workshop)
        self.workshop.back_requested.connect(self.show_workshops)
        self.workshop.check_in_requested.connect(self.show_check_in)
        self.workshop.paper_register_requested.connect(self.show_paper_register)
        self.check_in.back_requested.connect(self.show_workshop)
        self.paper_register.back_requested.connect(self.show_workshop)

        self._build_menus()
        where = QLabel(f"Data: {workspace.paths.data_dir}")
        where.setAccessibleName("Data folder")
        self.statusBar().addPermanentWidget(where)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&New workshop…", "Ctrl+Shift+N", self.new_workshop)
        self._action(file_menu, "Load &demo data…", None, self.offer_demo_data)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        go_menu = self.menuBar().addMenu("&Go")
        self._action(go_menu, "&Workshops", "Ctrl+1", self.show_workshops)
        self._action(go_menu, "Today's &check-in", "Ctrl+T", self.show_todays_check_in)
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, f"&About {APP_NAME}", None, self.about)

    def _action(self, menu, text: str, keys, slot) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # -- navigation ------------------------------------------------------------------------
    def show_start_page(self) -> None:
        """Today's check-in when a workshop is on today, otherwise the workshop list."""
        with self.workspace.db.read() as session:
            todays = workshop_to_check_in(session, venue_now())
        if todays is not None:
            self.show_check_in(todays)
        else:
            self.show_workshops()

    def show_workshops(self) -> None:
        self.workshops.reload()
        if self.workshop.workshop_id is not None:
            self.workshops.select_workshop(self.workshop.workshop_id)
        self.pages.setCurrentWidget(self.workshops)
        self.workshops.table.setFocus()

    def show_workshop(self, workshop_id: int) -> None:
        self._go(self.workshop, workshop_id)

    def show_check_in(self, workshop_id: int) -> None:
        self._go(self.check_in, workshop_id)

    def show_paper_register(self, workshop_id: int) -> None:
        self._go(self.paper_register, workshop_id)

    def show_todays_check_in(self) -> None:
        with self.workspace.db.read() as session:
            todays = workshop_to_check_in(session, venue_now())
        if todays is None:
            self.statusBar().showMessage("No workshop is on today.", 5000)
            return
        self.show_check_in(todays)

    def _go(self, page, workshop_id: int) -> None:
        try:
            page.show_workshop(workshop_id)
        except Exception as error:
            show_error(self, error, str(self.workspace.paths.log_file))
            return
        self.pages.setCurrentWidget(page)

    # -- actions ---------------------------------------------------------------------------
    def new_workshop(self) -> None:
        editor = WorkshopEditor(self.workspace.db, parent=self)
        editor.saved.connect(lambda workshop_id, _message: self.show_workshop(workshop_id))
        editor.open()

    def offer_demo_data(self) -> None:
        if demo.holds_data(self.workspace.db):
            QMessageBox.information(
                self,
                APP_NAME,
                "Demo data can only be loaded into an empty data folder, so nothing of yours "
                "is overwritten.",
            )
            return
        self.load_demo_data()

    def load_demo_data(self) -> None:
        db = self.workspace.db
        self.runner.run(
            lambda progress: demo.fill(db, progress=progress),
            on_done=lambda _result: self.show_start_page(),
            on_error=lambda error: show_error(self, error, str(self.workspace.paths.log_file)),
            title="Loading demo data",
            parent=self,
        )

    def about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__}<br>Workshops, bookings and check-in for Sport "
            f"Across Staffordshire and Stoke-on-Trent.<br><br>Data folder: "
            f"{self.workspace.paths.data_dir}<br>Log file: {self.workspace.paths.log_file}",
        )

    def closeEvent(self, event) -> None:
        # Wait for background work so no transaction is cut off half way.
        self.runner.wait(10_000)
        self._settings.setValue("geometry", self.saveGeometry())
        self._settings.sync()
        super().closeEvent(event)


def first_start_choice(window: MainWindow) -> None:
    """On an empty database: offer demo data or an empty start."""
    box = QMessageBox(window)
    box.setWindowTitle(f"Welcome to {APP_NAME}")
    box.setAccessibleName("First start")
    box.setText("There are no workshops or people here yet.")
    box.setInformativeText(
        "Load demo data to try the program with a realistic year, including a workshop "
        "tonight, or start empty to enter your own."
    )
    load = box.addButton("Load demo data", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Start empty", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(load)
    box.setTextFormat(Qt.TextFormat.PlainText)

    def chosen(_result: int) -> None:
        if box.clickedButton() is load:
            window.load_demo_data()

    box.finished.connect(chosen)
    box.open()
