"""Award rounds: the year's categories, nominations (who, by whom, why), the shortlist and the
winners, and the certificates for winners and finalists, printed in the background."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.clock import venue_today
from sassot_desktop.ui.messages import confirm, show_error
from sassot_desktop.ui.table_model import RowTableModel
from sassot_desktop.ui.widgets import heading, label_for, page_shortcut, record_table
from sassot_desktop.volunteering.awards import (
    NOMINATED,
    SHORTLISTED,
    WINNER,
    Nomination,
)

if TYPE_CHECKING:
    from sassot_desktop.ui.runner import Runner
    from sassot_desktop.workspace import Workspace

STAGE_WORDS = {NOMINATED: "Nominated", SHORTLISTED: "Shortlisted", WINNER: "Winner"}


class NominationModel(RowTableModel[Nomination]):
    COLUMNS = ("Category", "Nominee", "Stage", "Nominated by", "Why")

    def text(self, row: Nomination, column: int) -> str:
        return (
            row.category,
            row.name,
            STAGE_WORDS[row.stage],
            row.nominated_by,
            " ".join(row.reason.split()),
        )[column]


class AwardRoundsPage(QWidget):
    back_requested = Signal()

    def __init__(self, workspace: Workspace, runner: Runner, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = workspace.db
        self._workspace = workspace
        self._paths = workspace.paths
        self._runner = runner
        self._log_file = str(workspace.paths.log_file)
        self.preview = None
        self.round = QComboBox()
        self.round.currentIndexChanged.connect(lambda _index: self.show_nominations())
        new_round = QPushButton("New &round…")
        new_round.setAccessibleName("New award round")
        new_round.clicked.connect(self.new_round)
        back = QPushButton("&Back to volunteering")
        back.setAccessibleName("Back to volunteering")
        back.clicked.connect(self.back_requested)
        top = QHBoxLayout()
        top.addWidget(heading("Award rounds"), 1)
        top.addWidget(back)
        choose = QHBoxLayout()
        choose.addWidget(label_for("Awards &year:", self.round, "Award round"))
        choose.addWidget(self.round, 1)
        choose.addWidget(new_round)
        add_category = QPushButton("Add &category…")
        add_category.setAccessibleName("Add a category to these awards")
        add_category.clicked.connect(self.add_category)
        choose.addWidget(add_category)
        rename_category = QPushButton("R&ename category…")
        rename_category.setAccessibleName("Rename a category of these awards")
        rename_category.clicked.connect(self.rename_category)
        choose.addWidget(rename_category)

        self.nominations = NominationModel(self)
        self.table = record_table(self.nominations, "Nominations", stretch=(4,), many=True)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleName("What was done")
        buttons = QHBoxLayout()
        for text, name, slot in (
            ("&Nominate…", "Nominate someone", self.nominate),
            ("&Shortlist", "Shortlist the selected nominations", lambda: self.move(SHORTLISTED)),
            ("Name &winner", "Name the selected nomination winner", lambda: self.move(WINNER)),
            (
                "Back to n&ominated",
                "Put the selected back to nominated",
                lambda: self.move(NOMINATED),
            ),
        ):
            button = QPushButton(text)
            button.setAccessibleName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        withdraw = QPushButton("Withdr&aw…")
        withdraw.setAccessibleName("Withdraw the selected nominations")
        withdraw.setToolTip("Take the selected nominations out (Delete)")
        withdraw.clicked.connect(self.withdraw)
        page_shortcut(self, "Withdraw", "Delete", self.withdraw)
        buttons.addWidget(withdraw)
        buttons.addStretch(1)
        self.print_button = QPushButton("&Print certificates…")
        self.print_button.setAccessibleName("Print certificates for winners and finalists")
        self.print_button.setToolTip("One for each winner and finalist (Ctrl+Shift+P)")
        self.print_button.clicked.connect(self.print_certificates)
        page_shortcut(self, "Print certificates", "Ctrl+Shift+P", self.print_certificates)
        buttons.addWidget(self.print_button)
        self.export_button = export = QPushButton("E&xport to Excel…")
        export.setAccessibleName("Export the nominations, shortlist and winners to Excel")
        export.clicked.connect(self.export_round)
        buttons.addWidget(export)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(choose)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)

    # -- showing -----------------------------------------------------------------------------
    def reload(self, round_id: int | None = None) -> None:
        from sassot_desktop.volunteering.awards import rounds

        chosen = round_id if round_id is not None else self.round.currentData()
        with self._db.read() as session:
            found = rounds(session)
        self.round.blockSignals(True)
        self.round.clear()
        for award_round in found:
            self.round.addItem(award_round.name, award_round.id)
        self.round.setCurrentIndex(max(0, self.round.findData(chosen)))
        self.round.blockSignals(False)
        self.show_nominations()

    def show_nominations(self) -> None:
        from sassot_desktop.volunteering.awards import nominations

        round_id = self.round.currentData()
        if round_id is None:
            self.nominations.set_rows([])
            self.empty.setText("No awards yet: press New round to set up this year's.")
            return
        with self._db.read() as session:
            rows = nominations(session, round_id)
        self.nominations.set_rows(rows)
        self.empty.setText("" if rows else "No nominations yet: press Nominate to enter one.")

    def selected(self) -> list[Nomination]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.nominations.row(row) for row in rows]

    # -- actions -----------------------------------------------------------------------------
    def new_round(self) -> None:
        from sassot_desktop.ui.award_dialogs import NewRoundDialog

        dialog = NewRoundDialog(self._db, self._log_file, self)
        dialog.created.connect(self._round_created)
        dialog.open()

    def _round_created(self, round_id: int, name: str) -> None:
        self.reload(round_id)
        self.feedback.setText(f"Set up {name}. Press Nominate to enter the first nomination.")

    def add_category(self) -> None:
        round_id = self.round.currentData()
        if round_id is None:
            self.new_round()
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Add a category")
        dialog.setLabelText(f"A new category for {self.round.currentText()}:")
        dialog.setAccessibleName("Add a category")
        dialog.textValueSelected.connect(lambda name: self._add_category(round_id, name))
        dialog.open()

    def _add_category(self, round_id: int, name: str) -> None:
        from sassot_desktop.volunteering.awards import add_category

        try:
            with self._db.write() as session:
                add_category(session, round_id, name)
        except Exception as error:
            show_error(self, error, self._log_file)
            return
        self.feedback.setText(f"Added the category “{name.strip()}”.")

    def rename_category(self) -> None:
        from sassot_desktop.ui.award_dialogs import RenameCategoryDialog
        from sassot_desktop.volunteering.awards import categories

        round_id = self.round.currentData()
        if round_id is None:
            self.new_round()
            return
        with self._db.read() as session:
            found = categories(session, round_id)
        chosen = self.selected()
        dialog = RenameCategoryDialog(
            self._db, self._log_file, found, chosen[0].category_id if chosen else None, self
        )
        dialog.renamed.connect(self._nominated)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def nominate(self) -> None:
        from sassot_desktop.volunteering.awards import categories

        round_id = self.round.currentData()
        if round_id is None:
            self.new_round()
            return
        with self._db.read() as session:
            found = categories(session, round_id)
        from sassot_desktop.ui.award_dialogs import NominationDialog

        dialog = NominationDialog(self._db, self._log_file, found, self)
        dialog.nominated.connect(self._nominated)
        dialog.open()

    def _nominated(self, message: str) -> None:
        self.show_nominations()
        self.feedback.setText(message)

    def move(self, stage: str) -> None:
        from sassot_desktop.volunteering.awards import set_stage

        chosen = self.selected()
        try:
            with self._db.write() as session:
                changed = set_stage(session, [n.id for n in chosen], stage)
        except Exception as error:
            show_error(self, error, self._log_file)
            return
        names = ", ".join(n.name for n in chosen)
        self.feedback.setText(f"{STAGE_WORDS[stage]}: {names}." if changed else "Nothing changed.")
        self.show_nominations()

    def withdraw(self) -> None:
        chosen = self.selected()
        if not chosen:
            self.feedback.setText("Choose the nominations to withdraw first.")
            return
        names = ", ".join(f"{n.name} ({n.category})" for n in chosen)
        confirm(
            self,
            "Withdraw nominations",
            f"Withdraw {names}? Who nominated them and why is removed with it.",
            "Withdraw",
            lambda: self._withdraw([n.id for n in chosen], names),
        )

    def _withdraw(self, ids: list[int], names: str) -> None:
        from sassot_desktop.volunteering.awards import withdraw

        try:
            with self._db.write() as session:
                withdraw(session, ids)
        except Exception as error:
            show_error(self, error, self._log_file)
            return
        self.feedback.setText(f"Withdrawn: {names}.")
        self.show_nominations()

    def export_round(self) -> None:
        from sassot_desktop.exchange.exports import suggested_name
        from sassot_desktop.exchange.volunteering_exports import AWARDS, write_volunteering_export
        from sassot_desktop.ui.exporting import write_with_dialog

        round_id = self.round.currentData()
        if round_id is None:
            self.feedback.setText("No awards to export yet: press New round to set them up.")
            return
        db = self._db
        write_with_dialog(
            self,
            self._runner,
            self._workspace,
            title="Export the nominations",
            file_name=suggested_name(self.round.currentText(), venue_today()),
            write=lambda path, progress: write_volunteering_export(
                db, AWARDS, path, round_id, progress
            ),
            on_exported=self.feedback.setText,
        )

    def print_certificates(self) -> None:
        round_id = self.round.currentData()
        if round_id is None:
            return
        db = self._db

        def work(progress):
            from sassot_desktop.documents.certificates import build_certificates
            from sassot_desktop.volunteering.awards import CERTIFICATE_TITLE, certificates

            with db.read() as session:
                found = certificates(session, round_id, venue_today())
            if not found:
                return None
            return build_certificates(found, progress=progress, title=CERTIFICATE_TITLE)

        self._runner.run(
            work,
            on_done=self._show_certificates,
            on_error=lambda error: show_error(self, error, self._log_file),
            title="Preparing award certificates",
            parent=self,
        )

    def _show_certificates(self, pdf: bytes | None) -> None:
        from sassot_desktop.errors import UserError
        from sassot_desktop.exchange import outbox
        from sassot_desktop.ui.pdf_preview import PdfPreview, pdf_file_name
        from sassot_desktop.ui.printing import keep_for_shared_drive

        if pdf is None:
            show_error(
                self,
                UserError(
                    "No one is shortlisted or a winner yet: shortlist the finalists and name "
                    "the winners first, then print their certificates."
                ),
            )
            return
        name = self.round.currentText()
        file_name = pdf_file_name("Award certificates", name)
        self.preview = PdfPreview(
            f"Award certificates: {name}", pdf, file_name, self._paths.exports, self
        )
        self.preview.delivered.connect(
            lambda _how: keep_for_shared_drive(
                self._paths, outbox.CERTIFICATES, file_name, self.preview
            )
        )
        self.preview.open()
