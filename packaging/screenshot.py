"""Make the README's screenshot: tonight's check-in from the demo data, at 1366×768.

Run: python packaging/screenshot.py OUT.png
"""

import os
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from sassot_desktop import demo  # noqa: E402
from sassot_desktop.ui.main_window import MainWindow  # noqa: E402
from sassot_desktop.workspace import open_workspace  # noqa: E402


def main(out: str) -> None:
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        workspace = open_workspace(folder)
        demo.fill(workspace.db)
        window = MainWindow(workspace)
        window.resize(1366, 768)
        window.show()
        window.show_start_page()
        screen = window.check_in
        for name in ("zoe ob", "lukasz", "sian", "priya", "olga", "aoife"):
            QTest.keyClicks(screen.search, name)
            QTest.keyClick(screen.search, Qt.Key.Key_Return)
        # The status bar names this machine's temporary folder; not for a picture.
        window.statusBar().hide()
        app.processEvents()
        window.grab().save(out)
        workspace.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "check-in.png")
