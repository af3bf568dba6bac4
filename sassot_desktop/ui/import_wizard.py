"""The Import wizard: choose a legacy file → check how it was read and which column is which →
a dry run that saves nothing → the import. Reading, the dry run and the import all run in the
background with progress and Cancel; the import is one transaction, so a cancel keeps nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from sassot_desktop.clock import venue_today
from sassot_desktop.db.engine import Database
from sassot_desktop.exchange import columns
from sassot_desktop.exchange.people_import import ImportReport, import_file, summary
from sassot_desktop.exchange.reading import SourceTable, read_table
from sassot_desktop.exchange.rejects import write_rejects
from sassot_desktop.paths import DataPaths
from sassot_desktop.settings import Settings
from sassot_desktop.ui.messages import sentence_for
from sassot_desktop.ui.runner import Runner
from sassot_desktop.ui.widgets import label_for

NOT_IMPORTED = "— not imported —"
_EXAMPLES = 3


def choose_file_to_import(parent: QWidget, folder: Path) -> str:
    """The file the officer picks, or "" for none (kept apart so tests can answer it)."""
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        "Import people from",
        str(folder),
        "Spreadsheets (*.csv *.xlsx *.txt);;All files (*)",
    )
    return path


def choose_rejects_file(parent: QWidget, suggested: Path) -> str:
    path, _filter = QFileDialog.getSaveFileName(
        parent, "Save the rejected rows as", str(suggested), "CSV files (*.csv)"
    )
    return path


class ImportWizard(QWizard):
    """One import of people; ``imported`` carries the sentence that sums it up."""

    imported = Signal(str)

    def __init__(self, db: Database, paths: DataPaths, runner: Runner, parent: QWidget) -> None:
        super().__init__(parent)
        self.db = db
        self.paths = paths
        self.runner = runner
        self.settings = Settings(paths.data_dir)
        self.table: SourceTable | None = None
        self.mapping: dict[int, str] = {}
        self.setWindowTitle("Import people")
        self.setAccessibleName("Import people")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.resize(860, 600)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.dry_run_page = ResultPage(self, dry_run=True)
        self.import_page = ResultPage(self, dry_run=False)
        for page in (self.file_page, self.mapping_page, self.dry_run_page, self.import_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Done")

    def run(self, work: Callable, on_done: Callable, on_error: Callable, title: str) -> None:
        """Background work with progress over the wizard; a cancel reaches ``on_error(None)``."""
        self.runner.run(
            work,
            on_done=on_done,
            on_error=on_error,
            on_cancelled=lambda: on_error(None),
            title=title,
            parent=self,
        )


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Choose the file")
        self.setSubTitle(
            "A CSV file or an Excel workbook (.xlsx) with one person a row and a header row "
            "naming the columns."
        )
        self.path = QLineEdit()
        self.path.setPlaceholderText("The file to import")
        self.path.returnPressed.connect(self.read)
        self.path.textEdited.connect(self._path_edited)
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Browse for the file")
        browse.clicked.connect(self.browse)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("How the file was read")
        row = QHBoxLayout()
        row.addWidget(label_for("&File:", self.path))
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def browse(self) -> None:
        # Legacy spreadsheets live among the officer's documents, not in the program's folder.
        chosen = choose_file_to_import(self, Path.home())
        if chosen:
            self.path.setText(chosen)
            self.read()

    def read(self) -> None:
        path = self.path.text().strip()
        if not path:
            return
        self._wizard.table = None
        self.status.setText("Reading…")
        self.completeChanged.emit()
        self._wizard.run(
            lambda _progress: read_table(path),
            on_done=self._read,
            on_error=self._failed,
            title="Reading the file",
        )

    def _read(self, table: SourceTable) -> None:
        self._wizard.table = table
        self.status.setText(
            f"{table.name}: {table.described}, {len(table.rows):,} rows after the header. "
            "Press Next to check the columns."
        )
        self.completeChanged.emit()

    def _failed(self, error: Exception | None) -> None:
        self.status.setText(sentence_for(error) if error else "Reading was cancelled.")

    def isComplete(self) -> bool:
        return self._wizard.table is not None

    def _path_edited(self) -> None:
        """A file read before no longer counts once the name is changed."""
        if self._wizard.table is not None:
            self._wizard.table = None
            self.completeChanged.emit()
        self.status.setText("Press Enter to read the file.")


class MappingPage(QWizardPage):
    """Each column of the file, what it becomes, and the first few values under it."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Check the columns")
        self.described = QLabel()
        self.described.setWordWrap(True)
        self.grid = QTableWidget(0, 3)
        self.grid.setHorizontalHeaderLabels(["Column in the file", "Imported as", "First values"])
        self.grid.verticalHeader().hide()
        self.grid.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.grid.setAccessibleName("Columns of the file")
        self.problem = QLabel()
        self.problem.setAccessibleName("What is missing")
        self.problem.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.described)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.problem)
        self.choices: list[QComboBox] = []

    def initializePage(self) -> None:
        table = self._wizard.table
        self.setSubTitle(
            "Choose what each column holds. Columns left as “not imported” are ignored. "
            "Your choice is remembered for the next file with the same headers."
        )
        self.described.setText(f"{table.name}: {table.described}, {len(table.rows):,} rows.")
        mapping = columns.mapping_for(table.headers, self._wizard.settings)
        self.grid.setRowCount(len(table.headers))
        self.choices = []
        for position, header in enumerate(table.headers):
            self.grid.setItem(position, 0, _item(header or f"(column {position + 1})"))
            choice = QComboBox()
            choice.addItem(NOT_IMPORTED, None)
            for field in columns.FIELDS:
                choice.addItem(field.label, field.key)
            choice.setCurrentIndex(max(0, choice.findData(mapping.get(position))))
            choice.setAccessibleName(f"Column {header or position + 1} imported as")
            choice.currentIndexChanged.connect(self._changed)
            self.grid.setCellWidget(position, 1, choice)
            self.choices.append(choice)
            examples = [
                _shown(row.cells[position]) for row in table.rows[:_EXAMPLES * 3]
                if position < len(row.cells) and _shown(row.cells[position])
            ][:_EXAMPLES]  # fmt: skip
            self.grid.setItem(position, 2, _item(" · ".join(examples)))
        self.grid.resizeColumnsToContents()
        self._changed()
        if self.choices:
            self.choices[0].setFocus()

    def chosen_mapping(self) -> dict[int, str]:
        return {
            position: choice.currentData()
            for position, choice in enumerate(self.choices)
            if choice.currentData() is not None
        }

    def _changed(self) -> None:
        mapping = self.chosen_mapping()
        problems = [f"Choose the column with the {f.label.lower()}s." for f in
                    columns.missing_required(mapping)]  # fmt: skip
        taken = list(mapping.values())
        twice = {key for key in taken if taken.count(key) > 1}
        problems += [
            f"Only one column can be {columns.FIELD_BY_KEY[key].label.lower()}." for key in twice
        ]
        self.problem.setText(" ".join(problems))
        self._wizard.mapping = mapping if not problems else {}
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self._wizard.mapping)


class ResultPage(QWizardPage):
    """The dry run (what would happen) or the import itself, and what came of it."""

    def __init__(self, wizard: ImportWizard, dry_run: bool) -> None:
        super().__init__()
        self._wizard = wizard
        self.dry_run = dry_run
        self.report: ImportReport | None = None
        self.setTitle("Dry run: nothing is saved yet" if dry_run else "Import")
        if not dry_run:
            self.setFinalPage(True)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName("Result")
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Merged, rejected and district details")
        self.save_rejects = QPushButton("Save &rejected rows…")
        self.save_rejects.setAccessibleName("Save rejected rows")
        self.save_rejects.clicked.connect(self.save_rejected_rows)
        self.save_rejects.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.save_rejects, 0, Qt.AlignmentFlag.AlignLeft)

    def initializePage(self) -> None:
        wizard = self._wizard
        self.report = None
        self.headline.setText("Checking every row…" if self.dry_run else "Importing…")
        self.details.clear()
        self.save_rejects.hide()
        self.completeChanged.emit()
        if self.dry_run:
            self.setSubTitle("Every row is checked as the import would check it.")
            wizard.setButtonText(QWizard.WizardButton.NextButton, "&Import")
        table, mapping, db, dry_run = wizard.table, dict(wizard.mapping), wizard.db, self.dry_run
        if not dry_run:
            columns.remember(table.headers, mapping, wizard.settings)
        wizard.run(
            lambda progress: import_file(
                db, table, mapping, dry_run=dry_run, today=venue_today(), progress=progress
            ),
            on_done=self._done,
            on_error=self._failed,
            title="Checking the rows" if dry_run else "Importing people",
        )

    def cleanupPage(self) -> None:
        self._wizard.setButtonText(QWizard.WizardButton.NextButton, "&Next >")

    def _done(self, report: ImportReport) -> None:
        self.report = report
        lines = summary(report, dry_run=self.dry_run)
        rejected = [f"Line {r.line}: {r.reason}." for r in report.rejections]
        if self.dry_run:
            lead = "If you import this file:" if report.added or report.merges else ""
            tail = (
                " Rejected rows are not imported: save them, correct them and import that file."
                if report.rejections
                else " Every row can go in."
            )
        else:
            lead = "Imported." if report.all_went_in else "Imported, except the rejected rows."
            tail = ""
            self._wizard.imported.emit(f"{report.source}: {lines[0]}")
        self.headline.setText(f"{lead} {lines[0]}{tail}".strip())
        self.details.setPlainText("\n".join([*rejected, *lines[1:]]))
        self.save_rejects.setVisible(bool(report.rejections))
        self.completeChanged.emit()

    def _failed(self, error: Exception | None) -> None:
        if error is None:
            self.headline.setText(
                "Cancelled: nothing was imported." if not self.dry_run else "Dry run cancelled."
            )
        else:
            self.headline.setText(f"{sentence_for(error)} Nothing was imported.")

    def isComplete(self) -> bool:
        return self.report is not None

    def save_rejected_rows(self) -> None:
        table = self._wizard.table
        suggested = self._wizard.paths.exports / f"{Path(table.name).stem} rejects.csv"
        path = choose_rejects_file(self, suggested)
        if not path:
            return
        try:
            written = write_rejects(path, table.headers, self.report.rejections)
        except Exception as error:
            self.headline.setText(sentence_for(error))
            return
        self.headline.setText(
            f"The rejected rows are in {written}: correct them there and import that file."
        )


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


def _shown(cell: object) -> str:
    if cell is None:
        return ""
    text = str(cell)
    return " ".join(text.split())[:40]
