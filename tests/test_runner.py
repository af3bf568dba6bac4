"""The background runner: work off the GUI thread, progress, cancel, results on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget

from sassot_desktop.errors import UserError
from sassot_desktop.ui.runner import Runner


def test_result_arrives_on_the_gui_thread(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = Runner(parent)
    seen = {}

    def work(progress):
        seen["worker"] = threading.get_ident()
        for step in range(3):
            progress.report(step + 1, 3, "Counting")
        return 42

    def done(result):
        seen["result"] = result
        seen["on_gui_thread"] = QThread.currentThread() is parent.thread()

    runner.run(work, on_done=done, on_error=lambda e: None, title="Counting", parent=parent)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["on_gui_thread"]
    assert seen["worker"] != threading.get_ident()


def test_cancel_stops_the_work_at_its_next_report(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = Runner(parent)
    started = threading.Event()
    release = threading.Event()
    outcome = {}

    def work(progress):
        started.set()
        release.wait(5)
        progress.report(1, 10, "Working")  # raises Cancelled: the officer pressed Cancel
        outcome["ran on"] = True

    progress = runner.run(
        work,
        on_done=lambda r: outcome.setdefault("done", r),
        on_error=lambda e: None,
        on_cancelled=lambda: outcome.setdefault("cancelled", True),
        title="Work",
        parent=parent,
    )
    assert started.wait(5)
    progress.cancel()
    release.set()
    qtbot.waitUntil(lambda: "cancelled" in outcome)
    assert "ran on" not in outcome and "done" not in outcome


def test_a_refusal_reaches_the_error_callback(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = Runner(parent)
    errors = []

    def work(progress):
        raise UserError("The shared drive is not reachable; try again when connected.")

    runner.run(work, on_done=lambda r: None, on_error=errors.append, title="Work", parent=parent)
    qtbot.waitUntil(lambda: bool(errors))
    assert str(errors[0]) == "The shared drive is not reachable; try again when connected."


def test_many_jobs_in_a_row_each_report_and_finish(qtbot):
    """Jobs and their signals are let go of on the GUI thread: freed from the pool's thread
    mid-emit, they crashed the process now and then."""
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = Runner(parent)
    results = []

    def work(progress):
        for step in range(5):
            progress.report(step + 1, 5, "Counting")
        return len(results)

    for _ in range(60):
        runner.run(
            work, on_done=results.append, on_error=lambda e: None, title="Work", parent=parent
        )
        expected = len(results) + 1
        qtbot.waitUntil(lambda: len(results) == expected)  # noqa: B023 (waited on at once)
    assert results == list(range(60))
