"""The TrueType fonts every document embeds, registered with ReportLab once per process.

ReportLab's own fonts lack ś, ŵ and Cyrillic, and a canvas left on its default font writes an
unembedded Helvetica into the PDF; so every builder registers what it draws with and names one
of these as the canvas's initial font. The files travel inside the package (DejaVu's licence
allows that), read through ``importlib.resources`` so an installed copy finds them anywhere.
"""

from __future__ import annotations

import io
import threading
from importlib import resources

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SERIF = "DejaVuSerif"
SERIF_BOLD = "DejaVuSerif-Bold"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SERIF: "DejaVuSerif.ttf",
    SERIF_BOLD: "DejaVuSerif-Bold.ttf",
}

_registered: set[str] = set()
_lock = threading.Lock()  # documents may be built off the UI thread


def register_fonts(*names: str) -> None:
    """Make the named fonts (all four when none are named) usable by ReportLab.

    Parsing a font costs ~10-25 ms, so each is read only when a document first needs it;
    later calls cost a set lookup.
    """
    wanted = names or tuple(_FILES)
    if _registered.issuperset(wanted):
        return
    with _lock:
        for name in wanted:
            if name in _registered:
                continue
            folder = resources.files("sassot_desktop.resources") / "fonts"
            # Bytes rather than a path: the package may be installed somewhere that is not a
            # plain folder, and ReportLab keeps the data it parsed anyway.
            data = (folder / _FILES[name]).read_bytes()
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
            _registered.add(name)
