"""The award rounds' dialogs: setting up a year's awards, and entering a nomination."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.clock import venue_today
from sassot_desktop.formatting import parse_day
from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.person_search import PersonPicker
from sassot_desktop.ui.widgets import label_for
from sassot_desktop.volunteering.awards import DEFAULT_CATEGORIES, Category


class NewRoundDialog(QDialog):
    created = Signal(int, str)

    def __init__(self, db, log_file: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._log_file = db, log_file
        self.setWindowTitle("New award round")
        self.setAccessibleName("New award round")
        year = venue_today().year
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.name = QLineEdit(f"Staffordshire Sport Awards {year}")
        self.ceremony = QLineEdit()
        self.ceremony.setPlaceholderText("dd/mm/yyyy, or empty until it is fixed")
        self.categories = QPlainTextEdit("\n".join(DEFAULT_CATEGORIES))
        self.categories.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow(label_for("&Name:", self.name), self.name)
        form.addRow(label_for("&Year:", self.year), self.year)
        form.addRow(label_for("&Ceremony:", self.ceremony, "Ceremony date"), self.ceremony)
        form.addRow(
            label_for("Cate&gories (one a line):", self.categories, "Categories"), self.categories
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Set up a year's awards; categories can be changed here."))
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        from sassot_desktop.volunteering.awards import create_round

        names = [line.strip() for line in self.categories.toPlainText().splitlines()]
        try:
            with self._db.write() as session:
                award_round = create_round(
                    session,
                    self.name.text(),
                    self.year.value(),
                    parse_day(self.ceremony.text()),
                    [name for name in names if name],
                )
                created = (award_round.id, award_round.name)
        except Exception as error:
            show_error(self, error, self._log_file)
            return
        self.accept()
        self.created.emit(*created)


class NominationDialog(QDialog):
    nominated = Signal(str)

    def __init__(self, db, log_file: str, categories, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._log_file = db, log_file
        self._person = None
        self.setWindowTitle("Nominate")
        self.setAccessibleName("Nominate")
        self.category = QComboBox()
        for category in categories:
            self.category.addItem(category.name, category.id)
        self.picker = PersonPicker(db, "&Nominee (type, then Enter):")
        self.picker.chosen.connect(self._chose)
        self.picker.results.clicked.connect(
            lambda _index: self._chose(self.picker.results.current_person())
        )
        self.chosen = QLabel("Nobody chosen yet.")
        self.chosen.setAccessibleName("Nominee chosen")
        self.nominated_by = QLineEdit()
        self.nominated_by.setPlaceholderText("a person, a club, or “self”")
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText("The nomination's own words")
        form = QFormLayout()
        form.addRow(label_for("&Category:", self.category), self.category)
        form.addRow(self.picker)
        form.addRow(self.chosen)
        form.addRow(label_for("Nominated &by:", self.nominated_by), self.nominated_by)
        form.addRow(label_for("&Why:", self.reason, "Why nominated"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(buttons)
        self.resize(560, 640)

    def _chose(self, person) -> None:
        if person is None:
            return
        self._person = person
        self.chosen.setText(f"Nominee: {person.name}")
        self.nominated_by.setFocus()

    def save(self) -> None:
        from sassot_desktop.errors import UserError
        from sassot_desktop.volunteering.awards import nominate

        try:
            if self._person is None:
                raise UserError("Find the nominee and press Enter to choose them first.")
            with self._db.write() as session:
                nominate(
                    session,
                    self.category.currentData(),
                    self._person.id,
                    self.nominated_by.text(),
                    self.reason.toPlainText(),
                )
        except Exception as error:
            show_error(self, error, self._log_file)
            return
        self.accept()
        self.nominated.emit(f"Nominated {self._person.name} for {self.category.currentText()}.")


class RenameCategoryDialog(QDialog):
    """Choose one of a round's categories and give it a new name; its nominations follow."""

    renamed = Signal(str)  # what was done, in a sentence

    def __init__(
        self,
        db,
        log_file: str,
        categories: list[Category],
        chosen_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._log_file = db, log_file
        self.setWindowTitle("Rename a category")
        self.setAccessibleName("Rename a category")
        self.category = QComboBox()
        for category in categories:
            self.category.addItem(category.name, category.id)
        self.category.setCurrentIndex(max(0, self.category.findData(chosen_id)))
        self.name = QLineEdit(self.category.currentText())
        self.category.currentTextChanged.connect(self.name.setText)
        form = QFormLayout()
        form.addRow(label_for("&Category:", self.category), self.category)
        form.addRow(label_for("New &name:", self.name, "New name"), self.name)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.name.selectAll()
        self.name.setFocus()

    def save(self) -> None:
        from sassot_desktop.volunteering.awards import rename_category

        before = self.category.currentText()
        try:
            with self._db.write() as session:
                after = rename_category(session, self.category.currentData(), self.name.text()).name
        except Exception as error:
            show_error(self, error, self._log_file)
            return
        self.accept()
        self.renamed.emit(f"Renamed the category “{before}” to “{after}”.")
