"""QR codes drawn straight onto a ReportLab canvas, cheaply enough for 500 certificates.

segno encodes (pure Python, well kept); drawing is ours because ReportLab's own QR widget costs
~30 ms a code. Each code is one filled path: the canvas is scaled so one module is one unit,
and each horizontal run of dark modules is one rectangle, written as integers.
"""

from __future__ import annotations

import segno
from reportlab.lib.colors import black, white
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white around the symbol, as the standard asks

# segno would try all eight masks and keep the one whose pattern is least ambiguous; that search
# is ~85% of encoding time (most of a 500-certificate print's QR cost) and, for a 21×21 symbol
# printed 3 cm wide on white paper, buys nothing a phone notices. Any mask is valid QR: the
# symbol's format information names the one used, and readers follow it.
FIXED_MASK = 1


def matrix(text: str) -> tuple[bytearray, ...]:
    """Rows of modules (1 dark, 0 light), top row first, without the quiet zone."""
    code = segno.make(text, error="m", micro=False, mask=FIXED_MASK)
    return code.matrix


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """Draw a QR code of ``text`` with its quiet zone in the square of side ``size`` whose
    lower left corner is (x, y)."""
    rows = matrix(text)
    span = len(rows) + 2 * QUIET_ZONE
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(size / span, size / span)
    canvas.setFillColor(white)
    canvas.rect(0, 0, span, span, stroke=0, fill=1)
    canvas.setFillColor(black)
    canvas.addLiteral(_dark_runs_path(rows) + "\nf")
    canvas.restoreState()


def _dark_runs_path(rows: tuple[bytearray, ...]) -> str:
    """PDF rectangle operators for each horizontal run of dark modules, in module units."""
    size = len(rows)
    parts = []
    for number, row in enumerate(rows):
        y = size - 1 - number + QUIET_ZONE
        column = 0
        while column < size:
            if not row[column]:
                column += 1
                continue
            start = column
            while column < size and row[column]:
                column += 1
            parts.append(f"{start + QUIET_ZONE} {y} {column - start} 1 re")
    return "\n".join(parts)
