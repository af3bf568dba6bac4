"""Exporting from the window: ask where the file goes, write it in the background, say where
it went.

The writing is ``exchange.exports.write_export``, the same operation the command line runs; it
may read 100,000 people and wait on a slow network drive, so it always runs through the
background runner with progress and Cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QWidget

from sassot_desktop.ui.messages import show_error
from sassot_desktop.ui.runner import Runner

if TYPE_CHECKING:
    from sassot_desktop.progress import Progress
    from sassot_desktop.workspace import Workspace

XLSX_FILTER = "Excel workbook (*.xlsx)"
CSV_FILTER = "CSV, comma-separated (*.csv)"


def ask_export_path(parent: QWidget, title: str, suggested: Path) -> Path | None:
    """The file the officer chooses, or None if they cancelled.

    A name typed without .xlsx or .csv gets the suffix of the type chosen in the dialog; a
    name typed with one keeps it.
    """
    path, chosen = QFileDialog.getSaveFileName(
        parent, title, str(suggested), f"{XLSX_FILTER};;{CSV_FILTER}"
    )
    if not path:
        return None
    chosen_path = Path(path)
    if chosen_path.suffix.lower() in (".xlsx", ".csv"):
        return chosen_path
    suffix = ".csv" if chosen == CSV_FILTER else ".xlsx"
    return chosen_path.with_name(chosen_path.name + suffix)


def export_with_dialog(
    parent: QWidget,
    runner: Runner,
    workspace: Workspace,
    *,
    kind: str,
    title: str,
    file_name: str,
    on_exported: Callable[[str], None],
    workshop_id: int | None = None,
    **filters: Any,
) -> None:
    """Ask for a file (starting in the data folder's exports folder), then write the export
    there in the background; ``on_exported`` gets the sentence to show when it is done."""
    db = workspace.db

    def write(path, progress):
        from sassot_desktop.exchange.exports import write_export

        return write_export(db, kind, path, workshop_id, progress, **filters)

    write_with_dialog(
        parent,
        runner,
        workspace,
        title=title,
        file_name=file_name,
        write=write,
        on_exported=on_exported,
    )


def write_with_dialog(
    parent: QWidget,
    runner: Runner,
    workspace: Workspace,
    *,
    title: str,
    file_name: str,
    write: Callable[[Path, Progress], Any],
    on_exported: Callable[[str], None],
) -> None:
    """Ask for a file (starting in the exports folder), then ``write(path, progress)`` in the
    background; ``on_exported`` gets the ``message`` of what ``write`` returns."""
    path = ask_export_path(parent, title, workspace.paths.exports / file_name)
    if path is None:
        return
    runner.run(
        lambda progress: write(path, progress),
        on_done=lambda exported: on_exported(exported.message),
        on_error=lambda error: show_error(parent, error, str(workspace.paths.log_file)),
        on_cancelled=lambda: on_exported(f"{title} cancelled; no file was written."),
        title=f"{title}…",
        parent=parent,
    )
