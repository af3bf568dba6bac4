"""Shared by the startup drivers: say when the window is usable, then quit.

"Usable" is the same for the bare window and the app: the window has been exposed and
painted once, the paint pass is over (a zero timer after the first paint event has fired,
so the event loop is idle again) and the caller's ``ready()`` holds. Then one line goes to
stdout for ``startup.py``:

    READY {"main_at": <wall clock when the driver began>, "ready_at": ..., "rss_mb": ...}
"""

from __future__ import annotations

import time

MAIN_AT = time.time()  # the driver imports this module first, before anything of Qt's

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402

RECHECK_MS = 5


def _on_first_paint(window, on_painted: Callable[[], None]) -> None:
    """Call ``on_painted`` once the event loop is idle after ``window``'s first paint."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, on_painted)
            return False

    window.installEventFilter(FirstPaint(window))


def report_when_usable(
    app, window, ready: Callable[[], bool] = lambda: True, details: Callable[[], dict] = dict
) -> None:
    """Print the READY line and quit once ``window`` is painted and ``ready()`` holds.

    Call after ``window.show()`` and before ``app.exec()``; ``details()`` adds to the line.
    """
    from PySide6.QtCore import QTimer

    def check() -> None:
        if not ready():
            QTimer.singleShot(RECHECK_MS, check)
            return
        ready_at = time.time()
        line = {
            "main_at": MAIN_AT,
            "ready_at": ready_at,
            "cpu_s": time.process_time(),
            "rss_mb": resident_mb(),
            **details(),
        }
        print(f"READY {json.dumps(line)}", flush=True)
        app.quit()

    handle = window.windowHandle()
    if handle is not None and handle.isExposed():  # painted already
        QTimer.singleShot(0, check)
    else:
        _on_first_paint(window, check)


def resident_mb() -> float:
    """This process's resident memory in MB (MiB), read without importing anything heavy."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def exit_now(status: int) -> None:
    """Exit without interpreter teardown: the figures are out, and teardown would only add
    noise to the timings of the next run."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
