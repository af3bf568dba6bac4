"""The main window: the pages of the evening's work, their menus and shortcuts.

The window can open on tonight's check-in before the database has (``attach``): the other
pages, which need the database layer from their first line, are built once it is open. That
is why they are imported in ``attach`` rather than at the top. Opened that way, the parts the
first paint does not show (the shared drive, the offline registers, the status bar's notes)
are built just after it (``_finish_building``); the menus and their shortcuts come before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QWidget

from sassot_desktop import APP_NAME, __version__
from sassot_desktop.clock import venue_now
from sassot_desktop.paths import DataPaths
from sassot_desktop.ui.check_in import CheckInPage
from sassot_desktop.ui.first_paint import after_first_paint
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.runner import Runner
from sassot_desktop.ui.widgets import plain_action

if TYPE_CHECKING:
    from sassot_desktop.ui.offline_registers import OfflineRegisters
    from sassot_desktop.ui.shared_drive import SharedDrive
    from sassot_desktop.workspace import Workspace

# The start-up sync waits until the window has painted and answered its first keys.
START_SYNC_DELAY_MS = 1500


class MainWindow(QMainWindow):
    def __init__(
        self,
        workspace: Workspace | None = None,
        parent: QWidget | None = None,
        paths: DataPaths | None = None,
    ) -> None:
        """Open on ``workspace``, or on just its ``paths`` until ``attach`` brings the rest."""
        super().__init__(parent)
        self.paths = workspace.paths if workspace is not None else paths
        self.workspace: Workspace | None = None
        self._waiting: list[Callable[[], None]] = []
        self.printing = None  # the sign-in sheet or certificates being previewed
        # Pages most evenings never open, built the first time they are shown.
        self.standards = self.bursaries = self.volunteering = self.award_rounds = None
        self.runner = Runner(self)
        self.setWindowTitle(APP_NAME)
        # Window size and place live beside the data, like everything else the program keeps.
        self._settings = QSettings(
            str(self.paths.data_dir / "window.ini"), QSettings.Format.IniFormat
        )
        if not self.restoreGeometry(self._settings.value("geometry", QByteArray())):
            self.resize(1280, 760)

        self.pages = QStackedWidget()
        self.check_in = CheckInPage()
        self.pages.addWidget(self.check_in)
        self.setCentralWidget(self.pages)
        self.check_in.back_requested.connect(self.show_workshop)
        self._build_menus()
        self.statusBar()  # there at the first paint, so the notes that follow move nothing

        self.shared_drive: SharedDrive | None = None
        self.offline_registers: OfflineRegisters | None = None
        if workspace is not None:
            self.attach(workspace)
        else:
            after_first_paint(self, self._finish_building)

    def _finish_building(self) -> None:
        """The shared drive, the offline registers and the status bar's notes: nothing the
        officer needs in the window's first moment, so on the evening they come after it."""
        if self.shared_drive is not None:
            return
        from sassot_desktop.ui.offline_registers import OfflineRegisters
        from sassot_desktop.ui.shared_drive import SharedDrive

        self.shared_drive = SharedDrive(self, self.paths)
        self.check_in.register_closed.connect(lambda _id: self.shared_drive.sync_automatically())
        self.offline_registers = registers = OfflineRegisters(self, self.paths, self.runner)
        registers.said.connect(lambda message: self.statusBar().showMessage(message, 15_000))
        registers.changed.connect(lambda: self.workspace and self.workshop.reload())
        where = QLabel(f"Data: {where_the_records_are(self.paths)}")
        where.setAccessibleName("Data folder")
        self.statusBar().addPermanentWidget(where)

    def attach(self, workspace: Workspace) -> None:
        """The database is open: build the pages that need it and do what was asked meanwhile."""
        from sassot_desktop.ui.paper_register import PaperRegisterPage
        from sassot_desktop.ui.workshop_list import WorkshopListPage
        from sassot_desktop.ui.workshop_page import WorkshopPage

        self._finish_building()
        self.workspace = workspace
        db = workspace.db
        self.workshops = WorkshopListPage(db)
        self.workshop = WorkshopPage(db)
        self.paper_register = PaperRegisterPage(db)
        for page in (self.workshops, self.workshop, self.paper_register):
            self.pages.addWidget(page)
        self.workshops.open_requested.connect(self.show_workshop)
        self.workshops.new_requested.connect(self.new_workshop)
        self.workshops.export_requested.connect(self.export_workshops)
        self.workshop.back_requested.connect(self.show_workshops)
        self.workshop.check_in_requested.connect(self.show_check_in)
        self.workshop.paper_register_requested.connect(self.show_paper_register)
        self.workshop.sign_in_sheet_requested.connect(self.print_sign_in_sheet)
        self.workshop.certificates_requested.connect(self.print_certificates)
        self.workshop.export_requested.connect(self.export_attendance)
        self.workshop.take_offline_requested.connect(self.offline_registers.take)
        self.workshop.upload_requested.connect(self.offline_registers.upload)
        self.offline_registers.db = db
        self.paper_register.back_requested.connect(self.show_workshop)
        self._attach_people(workspace)
        self.check_in.attach(db)
        self.shared_drive.db = db
        waiting, self._waiting = self._waiting, []
        for request in waiting:
            request()
        drive = self.shared_drive
        QTimer.singleShot(START_SYNC_DELAY_MS, drive, drive.sync_automatically)

    def upload_offline(self) -> None:
        if self._when_open(self.upload_offline):
            self.offline_registers.upload()

    def list_offline_registers(self) -> None:
        if self._when_open(self.list_offline_registers):
            self.offline_registers.show_list()

    def _attach_people(self, workspace: Workspace) -> None:
        from sassot_desktop.ui.duplicates import DuplicatesPage
        from sassot_desktop.ui.people_list import PeopleListPage
        from sassot_desktop.ui.person_page import PersonPage
        from sassot_desktop.ui.standards_filter import add_standards_filter

        self.people = PeopleListPage(workspace.db, self.runner)
        add_standards_filter(self.people)
        self.person = PersonPage(workspace)
        self.duplicates = DuplicatesPage(workspace, self.runner)
        for page in (self.people, self.person, self.duplicates):
            self.pages.addWidget(page)
        self.people.open_requested.connect(self.show_person)
        self.people.duplicates_requested.connect(self.show_duplicates)
        self.person.back_requested.connect(self.show_people)
        self.person.workshop_requested.connect(self.show_workshop)
        self.duplicates.back_requested.connect(self.show_people)
        self.duplicates.merged.connect(
            lambda message: self.statusBar().showMessage(message, 10_000)
        )
        self._attach_equality_report(workspace)

    def _attach_equality_report(self, workspace: Workspace) -> None:
        from sassot_desktop.ui.equality_report import EqualityReportPage

        self.equality = EqualityReportPage(workspace, self.runner)
        self.pages.addWidget(self.equality)
        self.people.equality_requested.connect(self.show_equality_report)
        self.equality.back_requested.connect(self.show_people)
        self.equality.said.connect(lambda message: self.statusBar().showMessage(message, 10_000))

    def _when_open(self, request: Callable[[], None]) -> bool:
        """Whether the database is open; if not, ``request`` runs as soon as it is."""
        if self.workspace is not None:
            return True
        self._waiting.append(request)
        self.statusBar().showMessage("Opening the database…", 3000)
        return False

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&New workshop…", "Ctrl+Shift+N", self.new_workshop)
        file_menu.addSeparator()
        self._action(file_menu, "&Import people…", "Ctrl+I", self.import_people)
        self._action(file_menu, "&Export people…", "Ctrl+Shift+X", self.export_people)
        self._action(file_menu, "&Sync now", "Ctrl+Shift+S", self.sync_now)
        self._action(file_menu, "&Upload offline registers", None, self.upload_offline)
        self._action(file_menu, "&Offline registers…", None, self.list_offline_registers)
        file_menu.addSeparator()
        self._action(file_menu, "Se&ttings…", "Ctrl+,", self.open_settings)
        self._action(file_menu, "Load &demo data…", None, self.offer_demo_data)
        file_menu.addSeparator()
        self._action(file_menu, "&Back up now", "Ctrl+Shift+B", self.back_up_now)
        self._action(file_menu, "&Restore from backup…", None, self.restore_from_backup)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        go_menu = self.menuBar().addMenu("&Go")
        # The pages in the order of the Go menu, on Ctrl and their number.
        self._action(go_menu, "&Workshops", "Ctrl+1", self.show_workshops)
        self._action(go_menu, "&People", "Ctrl+2", self.show_people)
        self._action(go_menu, "Coaches' &standards", "Ctrl+3", self.show_standards)
        self._action(go_menu, "Coach &bursaries", "Ctrl+4", self.show_bursaries)
        self._action(go_menu, "&Volunteering", "Ctrl+5", self.show_volunteering)
        self._action(go_menu, "&Award rounds", "Ctrl+6", self.show_award_rounds)
        go_menu.addSeparator()
        self._action(go_menu, "Today's &check-in", "Ctrl+T", self.show_todays_check_in)
        self._action(go_menu, "Find d&uplicates", "Ctrl+Shift+D", self.show_duplicates)
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, f"&About {APP_NAME}", None, self.about)

    def _action(self, menu, text: str, keys, slot) -> QAction:
        action = plain_action(text, self, keys)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # -- navigation ------------------------------------------------------------------------
    def show_start_page(self) -> None:
        """Today's check-in when a workshop is on today, otherwise the workshop list."""
        from sassot_desktop.attendance.register import workshop_to_check_in

        with self.workspace.db.read() as session:
            todays = workshop_to_check_in(session, venue_now())
        if todays is not None:
            self.show_check_in(todays)
        else:
            self.show_workshops()

    def show_workshops(self) -> None:
        if not self._when_open(self.show_workshops):
            return
        self.workshops.reload()
        if self.workshop.workshop_id is not None:
            self.workshops.select_workshop(self.workshop.workshop_id)
        self.pages.setCurrentWidget(self.workshops)
        self.workshops.table.setFocus()

    def show_bursaries(self) -> None:
        if not self._when_open(self.show_bursaries):
            return
        if self.bursaries is None:
            self._build_bursaries_page()
        self.bursaries.reload()
        self.pages.setCurrentWidget(self.bursaries)
        self.bursaries.table.setFocus()

    def _build_bursaries_page(self) -> None:
        from sassot_desktop.ui.bursaries import BursariesPage
        from sassot_desktop.ui.bursary_jobs import BursaryJobs

        self.bursaries = BursariesPage(self.workspace.db, self.paths.data_dir)
        self.pages.addWidget(self.bursaries)
        self.bursary_jobs = BursaryJobs(self, self.bursaries, self.workspace.db)
        self.bursaries.said.connect(lambda text: self.statusBar().showMessage(text, 10_000))

    def show_people(self) -> None:
        if not self._when_open(self.show_people):
            return
        if self.pages.currentWidget() is not self.people:
            self.people.reload()
        self.pages.setCurrentWidget(self.people)
        self.people.text.setFocus()

    def show_person(self, person_id: int) -> None:
        if self._when_open(lambda: self.show_person(person_id)):
            self._go(self.person, person_id, "show_person")

    def show_duplicates(self) -> None:
        if not self._when_open(self.show_duplicates):
            return
        self.pages.setCurrentWidget(self.duplicates)
        self.duplicates.find_button.setFocus()

    def show_equality_report(self) -> None:
        if not self._when_open(self.show_equality_report):
            return
        self.pages.setCurrentWidget(self.equality)
        self.equality.group.setFocus()
        self.equality.count()

    def show_workshop(self, workshop_id: int) -> None:
        if self._when_open(lambda: self.show_workshop(workshop_id)):
            self._go(self.workshop, workshop_id)

    def show_check_in(self, workshop_id: int) -> None:
        if self._when_open(lambda: self.show_check_in(workshop_id)):
            self._go(self.check_in, workshop_id)

    def show_paper_register(self, workshop_id: int) -> None:
        if self._when_open(lambda: self.show_paper_register(workshop_id)):
            self._go(self.paper_register, workshop_id)

    def show_todays_check_in(self) -> None:
        if not self._when_open(self.show_todays_check_in):
            return
        from sassot_desktop.attendance.register import workshop_to_check_in

        with self.workspace.db.read() as session:
            todays = workshop_to_check_in(session, venue_now())
        if todays is None:
            self.statusBar().showMessage("No workshop is on today.", 5000)
            return
        self.show_check_in(todays)

    def show_volunteering(self) -> None:
        if not self._when_open(self.show_volunteering):
            return
        if self.volunteering is None:
            from sassot_desktop.ui.volunteering import VolunteeringPage

            self.volunteering = VolunteeringPage(self.workspace, self.runner)
            self.volunteering.awards_requested.connect(self.show_award_rounds)
            self.pages.addWidget(self.volunteering)
        self.volunteering.reload()
        self.pages.setCurrentWidget(self.volunteering)
        self.volunteering.waiting_table.setFocus()

    def show_award_rounds(self) -> None:
        if not self._when_open(self.show_award_rounds):
            return
        if self.award_rounds is None:
            from sassot_desktop.ui.award_rounds import AwardRoundsPage

            self.award_rounds = AwardRoundsPage(self.workspace, self.runner)
            self.award_rounds.back_requested.connect(self.show_volunteering)
            self.pages.addWidget(self.award_rounds)
        self.award_rounds.reload()
        self.pages.setCurrentWidget(self.award_rounds)
        self.award_rounds.table.setFocus()

    def show_standards(self) -> None:
        if not self._when_open(self.show_standards):
            return
        if self.standards is None:
            from sassot_desktop.ui.standards_page import StandardsPage

            self.standards = StandardsPage(self.workspace, self.runner)
            self.standards.reminders_written.connect(self._exported)
            self.pages.addWidget(self.standards)
        self.standards.reload()
        self.pages.setCurrentWidget(self.standards)
        self.standards.table.setFocus()

    def _go(self, page, record_id: int, show: str = "show_workshop") -> None:
        try:
            getattr(page, show)(record_id)
        except Exception as error:
            show_error(self, error, str(self.paths.log_file))
            return
        self.pages.setCurrentWidget(page)

    # -- actions ---------------------------------------------------------------------------
    def new_workshop(self) -> None:
        if not self._when_open(self.new_workshop):
            return
        from sassot_desktop.ui.workshop_editor import WorkshopEditor

        editor = WorkshopEditor(self.workspace.db, parent=self)
        editor.saved.connect(lambda workshop_id, _message: self.show_workshop(workshop_id))
        editor.open()

    def print_sign_in_sheet(self, workshop_id: int) -> None:
        from sassot_desktop.ui.printing import SignInSheetPrinting

        self.printing = SignInSheetPrinting(
            self.workspace.db, self.paths, self.runner, workshop_id, self
        )

    def print_certificates(self, workshop_id: int) -> None:
        from sassot_desktop.ui.printing import CertificatePrinting

        def delivered(message: str) -> None:
            self.statusBar().showMessage(message, 8000)
            self.workshop.feedback.setText(message)

        self.printing = CertificatePrinting(
            self.workspace.db, self.paths, self.runner, workshop_id, self, delivered
        )

    def import_people(self) -> None:
        if not self._when_open(self.import_people):
            return
        from sassot_desktop.ui.import_wizard import ImportWizard

        wizard = ImportWizard(self.workspace.db, self.paths, self.runner, self)
        wizard.imported.connect(lambda message: self.statusBar().showMessage(message, 10_000))
        wizard.finished.connect(wizard.deleteLater)
        wizard.open()

    def export_people(self) -> None:
        if not self._when_open(self.export_people):
            return
        from sassot_desktop.exchange.exports import PEOPLE, suggested_name
        from sassot_desktop.ui.exporting import export_with_dialog

        export_with_dialog(
            self,
            self.runner,
            self.workspace,
            kind=PEOPLE,
            title="Export people",
            file_name=suggested_name("people", venue_now().date()),
            on_exported=self._exported,
        )

    def export_workshops(self) -> None:
        from sassot_desktop.exchange.exports import WORKSHOPS, suggested_name
        from sassot_desktop.ui.exporting import export_with_dialog

        export_with_dialog(
            self,
            self.runner,
            self.workspace,
            kind=WORKSHOPS,
            title="Export workshops",
            file_name=suggested_name("workshops", venue_now().date()),
            on_exported=self._exported,
            **self.workshops.filters(),
        )

    def export_attendance(self, workshop_id: int) -> None:
        from sassot_desktop.exchange.exports import ATTENDANCE, suggested_name
        from sassot_desktop.ui.exporting import export_with_dialog
        from sassot_desktop.workshops.catalogue import get_workshop

        with self.workspace.db.read() as session:
            workshop = get_workshop(session, workshop_id)
            file_name = suggested_name(f"Attendance {workshop.title}", workshop.date)

        def exported(message: str) -> None:
            self._exported(message)
            self.workshop.feedback.setText(message)

        export_with_dialog(
            self,
            self.runner,
            self.workspace,
            kind=ATTENDANCE,
            title="Export attendance",
            file_name=file_name,
            on_exported=exported,
            workshop_id=workshop_id,
        )

    def _exported(self, message: str) -> None:
        self.statusBar().showMessage(message, 15_000)

    def offer_demo_data(self) -> None:
        if not self._when_open(self.offer_demo_data):
            return
        from PySide6.QtWidgets import QMessageBox

        from sassot_desktop import demo

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
        from sassot_desktop import demo

        db = self.workspace.db
        self.runner.run(
            lambda progress: demo.fill(db, progress=progress),
            on_done=lambda _result: self.show_start_page(),
            on_error=lambda error: show_error(self, error, str(self.paths.log_file)),
            title="Loading demo data",
            parent=self,
        )

    def sync_now(self) -> None:
        self._finish_building()
        self.shared_drive.sync_now()

    def open_settings(self) -> None:
        from sassot_desktop.ui.settings_dialog import SettingsDialog

        self._finish_building()

        dialog = SettingsDialog(self.paths.data_dir, self)
        dialog.saved.connect(self.shared_drive.target_changed)
        dialog.officer_named.connect(self._officer_named)
        dialog.open()

    def _officer_named(self, name: str) -> None:
        if self.workspace is not None:  # the next change is made under the new name
            self.workspace.db.officer = name

    def back_up_now(self) -> None:
        from sassot_desktop.ui import backups

        backups.back_up_now(self)

    def restore_from_backup(self) -> None:
        from sassot_desktop.ui import backups

        backups.open_restore_dialog(self)

    def database_replaced(self, message: str) -> None:
        """A backup was restored: show what the database now holds, whatever was on screen."""
        self.statusBar().showMessage(message, 10_000)
        if self.workspace is None:  # it was too damaged to open: open the restored one now
            from sassot_desktop.workspace import open_workspace

            data_dir = self.paths.data_dir
            self.runner.run(
                lambda _progress: open_workspace(data_dir, check=False),
                on_done=lambda workspace: (self.attach(workspace), self.show_start_page()),
                on_error=lambda error: show_error(self, error, str(self.paths.log_file)),
                title="Opening the database",
                parent=self,
            )
            return
        # A connection opened while the file was being swapped would still read the old one.
        self.workspace.db.close()
        self.check_in.forget_register()
        self.show_start_page()

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__}<br>Workshops, bookings and check-in for Sport "
            f"Across Staffordshire and Stoke-on-Trent.<br><br>Data folder: "
            f"{self.paths.data_dir}<br>Log file: {self.paths.log_file}",
        )

    def closeEvent(self, event) -> None:
        # Wait for background work so no transaction is cut off half way.
        self.runner.wait(10_000)
        if self.shared_drive is not None:
            self.shared_drive.stop()
        self._settings.setValue("geometry", self.saveGeometry())
        self._settings.sync()
        super().closeEvent(event)


def first_start_choice(window: MainWindow) -> None:
    """On an empty database: offer demo data or an empty start."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

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


def where_the_records_are(folders: DataPaths) -> str:
    """The status bar's note of where the records are: the data folder, or the team's server."""
    from sassot_desktop.db import location
    from sassot_desktop.errors import UserError

    try:
        server = location.chosen_url(folders)
    except UserError:  # a mistyped address: opening the database says what is wrong with it
        server = None
    return str(folders.data_dir) if server is None else location.describe(server)
