"""File → Settings…: the officer's name as the team sees it on records and in the history,
where the exports go for the team (the shared-drive folder), the wording of the bursary
letters, and the team's PostgreSQL database, if the records are kept there rather than in this
computer's file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.db.location import DATABASE_URL_SETTING, server_url
from sassot_desktop.exchange.sync import TARGET_SETTING
from sassot_desktop.officer import NAME_SETTING, chosen_name, login_name
from sassot_desktop.settings import Settings
from sassot_desktop.ui.letter_wording import LetterWordingFields
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.widgets import label_for


class SettingsDialog(QDialog):
    saved = Signal(str)  # the shared-drive folder now chosen ("" for none)
    officer_named = Signal(str)  # the name the team now sees (the login name if left empty)

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self.setWindowTitle("Settings")
        self.setAccessibleName("Settings")

        self.officer = QLineEdit(Settings(data_dir).get(NAME_SETTING, ""))
        self.officer.setPlaceholderText(login_name())
        self.officer.setMaxLength(100)  # as long as a record's "changed by" keeps
        officer_hint = QLabel(
            "Shown to colleagues on the records you change, in the history, on certificates "
            "issued and hours approved. Left empty, your login name is used."
        )
        officer_hint.setWordWrap(True)
        self.folder = QLineEdit(Settings(data_dir).get(TARGET_SETTING, ""))
        self.folder.setPlaceholderText(r"\\fileserver\Workforce\  or  S:\Workforce")
        self.folder.setMinimumWidth(420)
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Browse for the shared drive folder")
        browse.setToolTip("Choose a folder on a mapped drive")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)

        hint = QLabel(
            "Type a network path such as \\\\fileserver\\Workforce\\ or choose a folder on a "
            "mapped drive with the Browse button. The exports are copied there by File → Sync now, "
            "after a register is closed and when the program starts, whenever the drive can "
            "be reached. Leave it empty to stop syncing."
        )
        hint.setWordWrap(True)
        self.database = QLineEdit(Settings(data_dir).get(DATABASE_URL_SETTING, ""))
        self.database.setPlaceholderText("postgresql://officer@server/sassot")
        database_hint = QLabel(
            "Leave it empty to keep the records in this computer's own file. A PostgreSQL "
            "address keeps them on the team's server instead, from the next start of the program."
        )
        database_hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(label_for("Your &name (shown to the team):", self.officer, "Your name"))
        layout.addWidget(self.officer)
        layout.addWidget(officer_hint)
        layout.addSpacing(12)
        layout.addWidget(label_for("&Shared drive folder:", self.folder))
        layout.addLayout(row)
        layout.addWidget(hint)
        self.letters = LetterWordingFields(Settings(data_dir))
        layout.addWidget(self.letters)
        layout.addSpacing(12)
        layout.addWidget(label_for("Team &database (PostgreSQL):", self.database, "Team database"))
        layout.addWidget(self.database)
        layout.addWidget(database_hint)
        layout.addWidget(buttons)
        # Its whole height: left to itself a dialog opens at most two thirds of the screen
        # high, and on a laptop the letter fields would then be drawn over one another.
        self.resize(self.sizeHint())
        self.officer.setFocus()

    def browse(self) -> None:
        # Opened on the home folder, not the typed one: a missing network path can hold
        # the folder chooser (and the window with it) for seconds.
        chooser = QFileDialog(self, "Choose the shared drive folder", QDir.homePath())
        chooser.setFileMode(QFileDialog.FileMode.Directory)
        chooser.setOption(QFileDialog.Option.ShowDirsOnly)
        chooser.setAccessibleName("Choose the shared drive folder")
        chooser.fileSelected.connect(self._chosen)
        chooser.open()

    def _chosen(self, path: str) -> None:
        self.folder.setText(QDir.toNativeSeparators(path))
        self.folder.setFocus()

    def save(self) -> None:
        target = self.folder.text().strip()
        database = self.database.text().strip()
        try:
            if database:
                server_url(database)  # refuses anything but a PostgreSQL address, in a sentence
            # Read afresh just before writing: other screens keep their own settings too.
            Settings(self._data_dir).set(TARGET_SETTING, target)
            self.letters.save(Settings(self._data_dir))
            Settings(self._data_dir).set(DATABASE_URL_SETTING, database)
            Settings(self._data_dir).set(NAME_SETTING, " ".join(self.officer.text().split()))
        except Exception as error:
            show_error(self, error)
            return
        self.officer_named.emit(chosen_name(self._data_dir))
        self.saved.emit(target)
        self.accept()
