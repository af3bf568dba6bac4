"""The bursary scheme's page: a round's money and its applications, the workflow's steps on
the selected application, the year against the plan's targets, and evidence that is late."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sassot_desktop.bursaries import steps
from sassot_desktop.bursaries.applications import (
    ApplicationRow,
    history,
    list_applications,
    matching,
)
from sassot_desktop.bursaries.editing import EDITABLE
from sassot_desktop.bursaries.money import parse_positive_amount, pounds_text
from sassot_desktop.bursaries.rounds import RoundRow, get_round, list_rounds
from sassot_desktop.bursaries.targets import (
    TARGET_FUNDED,
    TARGET_QUALIFIED,
    evidence_awaited,
    year_progress,
)
from sassot_desktop.bursaries.wording import LetterWording, letter_wording
from sassot_desktop.bursaries.workflow import AWAITING_EVIDENCE, NEXT_STEPS, BursaryStatus
from sassot_desktop.clock import venue_moment_of, venue_today
from sassot_desktop.db.engine import Database
from sassot_desktop.errors import UserError
from sassot_desktop.formatting import day_and_time, parse_day, short_date
from sassot_desktop.settings import Settings
from sassot_desktop.ui.bursary_dialogs import (
    ApplicationDialog,
    Field,
    RoundDialog,
    StepDialog,
)
from sassot_desktop.ui.messages import confirm, show_error
from sassot_desktop.ui.table_model import RowTableModel
from sassot_desktop.ui.widgets import heading, label_for, page_shortcut, record_table


class ApplicationTableModel(RowTableModel[ApplicationRow]):
    COLUMNS = ("No.", "Coach", "Qualification", "Status", "Asked", "Awarded", "Paid", "Evidence by")
    DECORATION_ROLES = frozenset((Qt.ItemDataRole.TextAlignmentRole,))

    def text(self, row: ApplicationRow, column: int) -> str:
        if column == 0:
            return str(row.id)
        if column == 1:
            return row.person
        if column == 2:
            return row.qualification
        if column == 3:
            return row.status.value.capitalize()
        if column in (4, 5, 6):
            amount = (row.asked, row.awarded, row.paid)[column - 4]
            return "" if amount is None else pounds_text(amount)
        waiting = row.status in AWAITING_EVIDENCE and row.evidence_due
        return short_date(row.evidence_due) if waiting else ""

    def decoration(self, row: ApplicationRow, column: int, role: Qt.ItemDataRole):
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 4, 5, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class BursariesPage(QWidget):
    # Long work (letters, the finance workbook) goes to the window's background runner.
    letters_requested = Signal(list, str)  # application ids, folder
    report_requested = Signal(int, str)  # round id, file
    said = Signal(str)  # a line for the status bar

    def __init__(
        self, db: Database, data_dir: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._data_dir = data_dir  # where Settings keeps the letters' wording
        self._rounds: list[RoundRow] = []
        self._awaited = []

        self.round = QComboBox()
        self.round.setMinimumContentsLength(24)
        new_round = self._button("New &round…", "New bursary round", self.new_round)
        self.edit_round = self._button("Ed&it round…", "Edit bursary round", self.open_round)
        chooser = QHBoxLayout()
        chooser.addWidget(label_for("R&ound:", self.round))
        chooser.addWidget(self.round, 1)
        chooser.addWidget(self.edit_round)
        chooser.addWidget(new_round)

        self.money = QLabel()
        self.money.setAccessibleName("The round's money")
        self.money.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.targets = QLabel()
        self.targets.setAccessibleName("This year against the targets")
        self.targets.setWordWrap(True)
        self.evidence = QLabel()
        self.evidence.setAccessibleName("Evidence late or nearly due")
        self.evidence.setWordWrap(True)
        self.remind = self._button("Re&mind…", "Write reminder e-mails", self.remind_late)
        self.lapse = self._button(
            "&Lapse overdue", "Lapse overdue applications", self.lapse_overdue
        )
        evidence_row = QHBoxLayout()
        evidence_row.addWidget(self.evidence, 1)
        evidence_row.addWidget(self.remind)
        evidence_row.addWidget(self.lapse)

        self._all_rows: list[ApplicationRow] = []
        self.search = QLineEdit()
        self.search.setPlaceholderText("part of a name or a qualification (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self._show_rows())
        clear = QAction("Clear the search", self.search)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear.triggered.connect(self.search.clear)
        self.search.addAction(clear)
        self.status_filter = QComboBox()
        self.status_filter.addItem("Any status", None)
        for status in BursaryStatus:
            self.status_filter.addItem(status.value.capitalize(), status)
        self.status_filter.currentIndexChanged.connect(lambda _index: self._show_rows())
        filters = QHBoxLayout()
        filters.addWidget(label_for("Search coach or &qualification:", self.search))
        filters.addWidget(self.search, 1)
        filters.addWidget(label_for("Stat&us:", self.status_filter, "Show applications of status"))
        filters.addWidget(self.status_filter)
        page_shortcut(self, "Search the applications", "Ctrl+F", self._focus_search)

        self.model = ApplicationTableModel(self)
        self.table = record_table(self.model, "Applications", stretch=(1, 2), many=True)
        self._fix_column_widths()
        self.table.selectionModel().selectionChanged.connect(self._enable_steps)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.history = QLabel()
        self.history.setAccessibleName("The selected application's history")
        self.history.setWordWrap(True)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.step_buttons = {
            BursaryStatus.APPROVED: self._button("A&pprove…", "Approve", self.approve),
            BursaryStatus.DECLINED: self._button("&Decline…", "Decline", self.decline),
            BursaryStatus.WAITING_LIST: self._button(
                "&Waiting list", "Put on the waiting list", self.wait
            ),
            BursaryStatus.OFFER_SENT: self._button("Offer &sent", "Offer sent", self.offer_sent),
            BursaryStatus.ACCEPTED: self._button("Ac&cepted", "Offer accepted", self.accepted),
            BursaryStatus.EVIDENCE_RECEIVED: self._button(
                "&Evidence in", "Evidence received", self.evidence_in
            ),
            BursaryStatus.PAID: self._button("Pa&y…", "Record payment", self.pay),
            BursaryStatus.WITHDRAWN: self._button("Withdr&aw…", "Withdraw", self.withdraw),
        }
        # No letter is left for this one: Ctrl+E, also said on the button.
        self.edit_application = self._button(
            "Edit application… (Ctrl+E)", "Edit application", self.open_application_edit
        )
        page_shortcut(self, "Edit application", "Ctrl+E", self.open_application_edit)
        self.reverse = self._button("Re&verse last step…", "Reverse last step", self.reverse_step)
        self.new_application = self._button(
            "&New application…", "New application", self.open_application
        )
        self.letters = self._button("Le&tters…", "Write letters", self.write_letters)
        self.report = self._button("Finance e&xport…", "Finance export", self.export_report)
        page_shortcut(self, "New application", "Ctrl+N", self.open_application)
        page_shortcut(self, "Approve", "Ctrl+Return", self.approve)
        steps_row = QGridLayout()
        buttons = [*self.step_buttons.values(), self.reverse, self.edit_application]
        for number, button in enumerate(buttons):
            steps_row.addWidget(button, number // 5, number % 5)
        bottom = QHBoxLayout()
        bottom.addWidget(self.new_application)
        bottom.addWidget(self.letters)
        bottom.addStretch(1)
        bottom.addWidget(self.report)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Coach bursaries"))
        layout.addLayout(chooser)
        layout.addWidget(self.money)
        layout.addWidget(self.targets)
        layout.addLayout(evidence_row)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.history)
        layout.addLayout(steps_row)
        layout.addLayout(bottom)
        self.round.currentIndexChanged.connect(lambda _index: self.reload_round())

    def _fix_column_widths(self) -> None:
        """Widths from the widest text each column can hold: measuring 500 rows' contents
        each time the list changes cost a round's page most of its opening time."""
        from PySide6.QtWidgets import QHeaderView

        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        widest = {0: "00000", 3: "Evidence received", 4: "£25,000.00", 7: "00/00/0000"}
        widest |= {5: widest[4], 6: widest[4]}
        for column, text in widest.items():
            title = ApplicationTableModel.COLUMNS[column]
            width = max(metrics.horizontalAdvance(text), metrics.horizontalAdvance(title)) + 24
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    # -- what the page shows -------------------------------------------------------------------
    @property
    def round_id(self) -> int | None:
        index = self.round.currentIndex()
        return self._rounds[index].id if 0 <= index < len(self._rounds) else None

    def reload(self, select_round: int | None = None) -> None:
        """Read the rounds again, keeping (or moving to) the round shown."""
        keep = select_round or self.round_id
        with self._db.read() as session:
            self._rounds = list_rounds(session, venue_today())
        self.round.blockSignals(True)
        self.round.clear()
        self.round.addItems([f"{row.name} ({row.year.label})" for row in self._rounds])
        ids = [row.id for row in self._rounds]
        self.round.setCurrentIndex(ids.index(keep) if keep in ids else (0 if ids else -1))
        self.round.blockSignals(False)
        self.reload_round()

    def reload_round(self) -> None:
        round_id = self.round_id
        has_round = round_id is not None
        for button in (
            self.new_application,
            self.letters,
            self.report,
            self.remind,
            self.lapse,
            self.edit_round,
        ):
            button.setEnabled(has_round)
        if not has_round:
            self._all_rows = []
            self.model.set_rows([])
            self.money.setText("")
            self.targets.setText("")
            self.evidence.setText("")
            self.empty.setText("No bursary rounds yet. Press New round (Alt+R) to set one up.")
            self.empty.setVisible(True)
            self._enable_steps()
            return
        today = venue_today()
        with self._db.read() as session:
            row = next(r for r in self._rounds if r.id == round_id)
            rows = list_applications(session, round_id)
            progress = year_progress(session, row.year)
            self._awaited = evidence_awaited(session, round_id, today)
        self._all_rows = rows
        self._show_money(row)
        self.targets.setText(self._targets_text(progress))
        self._show_evidence()
        self._show_rows()

    def _show_rows(self) -> None:
        """The round's applications that the search and the status filter keep."""
        selected = self.selected_ids()
        rows = matching(self._all_rows, self.search.text(), self.status_filter.currentData())
        self.model.set_rows(rows)
        if not self._all_rows:
            self.empty.setText(
                "No applications to this round yet. Press Ctrl+N (New application) to add one."
            )
        else:
            self.empty.setText(
                f"None of the round's {len(self._all_rows)} applications match; clear the "
                "search (Esc) or choose Any status."
            )
        self.empty.setVisible(not rows)
        kept = [number for number in selected if any(r.id == number for r in rows)]
        self.select_applications(kept or ([rows[0].id] if rows else []))
        if not self.selected_ids():  # a selection made has already told the buttons
            self._enable_steps()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _show_money(self, row: RoundRow) -> None:
        figures = row.figures
        parts = [
            f"Budget {pounds_text(figures.budget)}",
            f"committed {pounds_text(figures.committed)}",
            f"paid {pounds_text(figures.paid)}",
            f"remaining {pounds_text(figures.remaining)}",
        ]
        if figures.ring_fence_held:
            parts.append(
                f"ring-fence left {pounds_text(figures.ring_fence_left)} "
                f"(held until {short_date(figures.ring_fence_until)})"
            )
        parts.append(f"most per award {pounds_text(row.most_per_award)}")
        self.money.setText(" · ".join(parts))

    @staticmethod
    def _targets_text(progress) -> str:
        def counts(counter) -> str:
            return ", ".join(f"{name} {n}" for name, n in sorted(counter.items())) or "none yet"

        return (
            f"{progress.year.label}: {progress.funded} of {TARGET_FUNDED} coaches funded, "
            f"{progress.qualified} of {TARGET_QUALIFIED} qualified.\n"
            f"Funded by district: {counts(progress.funded_by_district)}.\n"
            f"Funded by group: {counts(progress.funded_by_group)}."
        )

    def _show_evidence(self) -> None:
        late = [item for item in self._awaited if item.overdue]
        soon = [item for item in self._awaited if not item.overdue]
        if not self._awaited:
            self.evidence.setText("No evidence is late or due in the next fortnight.")
        else:
            words = []
            if late:
                names = ", ".join(f"{i.person} ({short_date(i.evidence_due)})" for i in late)
                words.append(f"Evidence overdue: {names}.")
            if soon:
                names = ", ".join(f"{i.person} ({short_date(i.evidence_due)})" for i in soon)
                words.append(f"Due within a fortnight: {names}.")
            self.evidence.setText(" ".join(words))
        self.remind.setEnabled(bool(self._awaited))
        self.lapse.setEnabled(bool(late))

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row(number).id for number in rows if self.model.row(number)]

    def select_applications(self, ids: list[int]) -> None:
        self.table.clearSelection()
        for number in range(self.model.rowCount()):
            if self.model.row(number).id in ids:
                self.table.selectRow(number) if len(ids) == 1 else self._add_row(number)

    def _add_row(self, number: int) -> None:
        from PySide6.QtCore import QItemSelectionModel

        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().select(self.model.index(number, 0), flags.Select | flags.Rows)

    def _enable_steps(self, *_args) -> None:
        """Only the steps the selected application can take next are offered."""
        current = self._current()
        allowed = NEXT_STEPS[current.status] if current else ()
        for status, button in self.step_buttons.items():
            button.setEnabled(status in allowed)
        self.reverse.setEnabled(
            current is not None and current.status is not BursaryStatus.SUBMITTED
        )
        self.edit_application.setEnabled(current is not None and current.status in EDITABLE)
        self._show_history(current)

    def _show_history(self, current: ApplicationRow | None) -> None:
        """Every step of the selected application: when, who, and why."""
        if current is None:
            self.history.setText("")
            return
        with self._db.read() as session:
            taken = history(session, current.id)
        lines = [f"Application {current.id}: submitted."]
        for step in taken:
            when = day_and_time(venue_moment_of(step.at))
            if step.note:
                lines.append(f"{when} · {step.actor} · {step.note}")
                continue
            what = (
                f"reversed to {step.to_status}"
                if step.reversal
                else f"{step.from_status} → {step.to_status}"
            )
            why = f" ({step.reason})" if step.reason else ""
            lines.append(f"{when} · {step.actor} · {what}{why}")
        self.history.setText("\n".join(lines[-6:]))

    def _current(self) -> ApplicationRow | None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return None
        return next((row for row in self.model.rows() if row.id == ids[0]), None)

    # -- the workflow's steps ------------------------------------------------------------------
    def _step(self, operation, *args, **kwargs) -> None:
        current = self._current()
        if current is None:
            show_error(self, UserError("Select one application first."))
            return
        try:
            with self._db.write() as session:
                taken = operation(session, current.id, *args, **kwargs)
        except Exception as error:
            show_error(self, error)
            return
        self.said.emit(taken.message)
        self.reload(self.round_id)

    def _with_form(self, title, explanation, fields, ok_text, act) -> StepDialog | None:
        current = self._current()
        if current is None:
            show_error(self, UserError("Select one application first."))
            return None
        dialog = StepDialog(title, explanation, fields, ok_text, act, self)
        dialog.open()
        return dialog

    def approve(self) -> None:
        current = self._current()
        if current is None or BursaryStatus.APPROVED not in NEXT_STEPS[current.status]:
            return
        with self._db.read() as session:
            most = get_round(session, current.round_id).most_per_award_pence
        suggested = min(current.asked, most)

        def act(texts: list[str]) -> None:
            award = parse_positive_amount(texts[0], "The award")
            due = parse_day(texts[1])
            with self._db.write() as session:
                taken = steps.approve(session, current.id, award, due)
            self.said.emit(taken.message)
            self.reload(self.round_id)

        self._with_form(
            f"Approve application {current.id}",
            f"{current.person} asked for {pounds_text(current.asked)} towards "
            f"{current.qualification}. The award may be less than asked.",
            [
                Field("&Amount awarded (£):", f"{suggested / 100:.2f}"),
                Field(
                    "&Evidence by:",
                    placeholder="dd/mm/yyyy (eight weeks after the course if left empty)",
                ),
            ],
            "&Approve",
            act,
        )

    def decline(self) -> None:
        self._reasoned("Decline", steps.decline, "&Decline", required=False)

    def withdraw(self) -> None:
        self._reasoned("Withdraw", steps.withdraw, "&Withdraw", required=False)

    def reverse_step(self) -> None:
        self._reasoned("Reverse the last step of", steps.reverse_last_step, "&Reverse", True)

    def _reasoned(self, verb: str, operation, ok_text: str, required: bool) -> None:
        current = self._current()
        if current is None:
            return

        def act(texts: list[str]) -> None:
            with self._db.write() as session:
                taken = operation(session, current.id, texts[0])
            self.said.emit(taken.message)
            self.reload(self.round_id)

        self._with_form(
            f"{verb} application {current.id}",
            f"{current.person}: {current.qualification} ({current.status.value}). "
            + ("Say why; the reason is kept with the step." if required else "Why (optional):"),
            [Field("Re&ason:")],
            ok_text,
            act,
        )

    def wait(self) -> None:
        self._step(steps.put_on_waiting_list)

    def offer_sent(self) -> None:
        self._step(steps.send_offer)

    def accepted(self) -> None:
        self._step(steps.accept)

    def evidence_in(self) -> None:
        self._step(steps.receive_evidence)

    def pay(self) -> None:
        current = self._current()
        if current is None:
            return

        def act(texts: list[str]) -> None:
            paid_on = parse_day(texts[1])
            with self._db.write() as session:
                taken = steps.pay(session, current.id, texts[0], paid_on)
            self.said.emit(taken.message)
            self.reload(self.round_id)

        self._with_form(
            f"Record the payment of application {current.id}",
            f"{pounds_text(current.awarded or 0)} to {current.person}.",
            [
                Field("Payment &reference:", placeholder="BACS number"),
                Field("&Paid on:", short_date(venue_today())),
            ],
            "Record &payment",
            act,
        )

    # -- rounds, applications, letters, reports --------------------------------------------------
    def new_round(self) -> None:
        dialog = RoundDialog(self._db, self)
        dialog.saved.connect(lambda round_id: self.reload(round_id))
        dialog.open()

    def open_round(self) -> None:
        if self.round_id is None:
            return
        dialog = RoundDialog(self._db, self, self.round_id)
        dialog.saved.connect(lambda round_id: self.reload(round_id))
        dialog.open()

    def open_application(self) -> None:
        index = self.round.currentIndex()
        if self.round_id is None:
            return
        dialog = ApplicationDialog(self._db, self.round_id, self._rounds[index].name, self)
        dialog.submitted.connect(self._submitted)
        dialog.open()

    def open_application_edit(self) -> None:
        current = self._current()
        if current is None:
            show_error(self, UserError("Select one application first."))
            return
        if current.status not in EDITABLE:
            # The same refusal the operation gives, before a form is filled in vain.
            from sassot_desktop.bursaries.editing import edit_refusal

            show_error(self, edit_refusal(current.id, current.status))
            return
        index = self.round.currentIndex()
        dialog = ApplicationDialog(
            self._db, self.round_id, self._rounds[index].name, self, application_id=current.id
        )
        dialog.submitted.connect(self._submitted)
        dialog.open()

    def _submitted(self, application_id: int, message: str) -> None:
        self.said.emit(message)
        self.reload(self.round_id)
        self.select_applications([application_id])

    def write_letters(self) -> None:
        ids = self.selected_ids() or [row.id for row in self.model.rows()]
        dialog = QFileDialog(self, "Choose the folder for the letters")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.fileSelected.connect(lambda folder: self.letters_requested.emit(ids, folder))
        dialog.open()

    def export_report(self) -> None:
        round_id = self.round_id
        name = f"Bursary payments {self._rounds[self.round.currentIndex()].name}.xlsx"
        dialog = QFileDialog(self, "Save the finance export")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter("Excel workbook (*.xlsx)")
        dialog.setDefaultSuffix("xlsx")
        dialog.selectFile(str(Path.home() / name.replace("/", "-")))
        dialog.fileSelected.connect(lambda path: self.report_requested.emit(round_id, path))
        dialog.open()

    def remind_late(self) -> None:
        awaited = list(self._awaited)
        dialog = QFileDialog(self, "Choose the folder for the reminder e-mails")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.fileSelected.connect(lambda folder: self.write_reminders(awaited, folder))
        dialog.open()

    def wording(self) -> LetterWording:
        """The office's wording for letters and reminders, as last saved in Settings."""
        if self._data_dir is None:
            return LetterWording()
        return letter_wording(Settings(self._data_dir))

    def write_reminders(self, awaited, folder: str) -> None:
        from sassot_desktop.bursaries.reminders import write_reminders

        try:
            written = write_reminders(awaited, folder, self.wording())
        except Exception as error:
            show_error(self, error)
            return
        self.said.emit(written.message)

    def lapse_overdue(self) -> None:
        late = [item for item in self._awaited if item.overdue]
        if not late:
            return
        names = ", ".join(item.person for item in late)
        confirm(
            self,
            "Lapse overdue applications",
            f"Lapse {len(late)} application{'s' if len(late) != 1 else ''} whose evidence "
            f"is overdue ({names})? Their money returns to the round; a mistake can be "
            "reversed.",
            "&Lapse them",
            self._lapse_now,
        )

    def _lapse_now(self) -> None:
        try:
            with self._db.write() as session:
                lapsed = steps.lapse_overdue(session, venue_today())
        except Exception as error:
            show_error(self, error)
            return
        total = sum(item.returned for item in lapsed)
        self.said.emit(f"Lapsed {len(lapsed)}; {pounds_text(total)} returned to the round.")
        self.reload(self.round_id)
