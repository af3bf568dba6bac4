"""Reading a legacy spreadsheet into rows of cells, whatever saved it.

CSV files come as Excel and colleagues' tools write them: UTF-8 with or without a byte-order
mark, UTF-16 ("Unicode text"), Windows-1252 or Latin-1, separated by commas, semicolons, tabs or
bars, with line breaks inside quoted cells. Workbooks (.xlsx) are read from their first sheet
with typed cells. Each row keeps the number Excel shows beside it, the header being row 1, so a
rejected row can be found again.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from sassot_desktop.errors import Unreadable

# What Excel and the officer's colleagues' tools write; detection chooses among these only, so
# that a short file of English names is never read as some far-off code page.
_ENCODINGS = ("utf_8", "cp1252", "latin_1")
# A file added to by two tools, one writing UTF-8 and one Windows-1252: each line is read in
# the encoding it was written in, byte by byte, where the two can be told apart.
MIXED = "utf_8_and_cp1252"
_MIXED_ERRORS = "sassot_cp1252_fallback"
# A letter written in UTF-8 outside ASCII: two to four bytes no Windows-1252 text of names
# would put side by side ("Ã«" is not how anyone writes Zoë).
_UTF_8_LETTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_DELIMITERS = ",;\t|"
# The header and the first rows decide the delimiter. csv.Sniffer's patterns take time that
# grows with the square of the sample: long quoted cells in 64 KiB took seconds to look at.
_SNIFF_CHARACTERS = 4 * 1024
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class SourceRow(NamedTuple):
    # A named tuple, not a frozen dataclass: a file of 10,000 rows makes 10,000 of them, and a
    # frozen dataclass sets each field through object.__setattr__.
    line: int  # the row number Excel shows
    cells: tuple[object, ...]

    @property
    def is_empty(self) -> bool:
        return all(
            cell is None or (isinstance(cell, str) and not cell.strip()) for cell in self.cells
        )


@dataclass(frozen=True)
class SourceTable:
    """A file's header and rows, with how it was read (shown in the import's preview)."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[SourceRow, ...]
    encoding: str | None  # None for a workbook
    delimiter: str | None

    @property
    def described(self) -> str:
        """How the file was read, in the officer's words: "CSV, Windows-1252, semicolons"."""
        if self.encoding is None:
            return "Excel workbook"
        encoding = _ENCODING_NAMES.get(self.encoding, self.encoding)
        return f"CSV, {encoding}, {_DELIMITER_NAMES[self.delimiter]}"


_ENCODING_NAMES = {
    "utf_8": "UTF-8",
    "utf_8_sig": "UTF-8 with byte-order mark",
    "utf_16": "UTF-16 (Unicode text)",
    "cp1252": "Windows-1252",
    "latin_1": "Latin-1",
    MIXED: "UTF-8 and Windows-1252 mixed",
}
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}


def read_table(path: str | Path) -> SourceTable:
    """The file's rows; a file that cannot be read at all is one ``UserError`` sentence."""
    source = Path(path)
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise Unreadable(f"There is no file {source}; check the name and folder.") from None
    except OSError as error:
        raise Unreadable(f"Could not read {source} ({error.strerror}).") from None
    if data.startswith(b"PK\x03\x04"):
        return _read_workbook(source, data)
    if source.suffix.lower() in {".xls", ".xlsm", ".xlsb", ".ods"}:
        raise Unreadable(
            f"{source.name} is not a file this program reads: save it from Excel as "
            "“Excel Workbook (*.xlsx)” or “CSV UTF-8”, then import that."
        )
    return _read_csv(source, data)


def _read_csv(source: Path, data: bytes) -> SourceTable:
    if not data.strip():
        raise Unreadable(f"{source.name} is empty: there is nothing to import.")
    encoding = _encoding_of(data)
    try:
        content = (
            data.decode("utf_8", _MIXED_ERRORS) if encoding == MIXED else data.decode(encoding)
        )
    except UnicodeDecodeError:
        raise Unreadable(
            f"{source.name} is not a text file this program can read; save it from Excel as "
            "“CSV UTF-8” and import that."
        ) from None
    if "\x00" in content:
        raise Unreadable(
            f"{source.name} is not a text file this program can read; save it from Excel as "
            "“CSV UTF-8” and import that."
        )
    delimiter = _delimiter_of(content)
    # A cell may be as long as the file: the csv module's own cap (128 KiB a cell) would stop
    # the import with an error the officer cannot act on.
    csv.field_size_limit(max(csv.field_size_limit(), len(content)))
    records = list(csv.reader(io.StringIO(content, newline=""), delimiter=delimiter))
    return _table(source.name, records, encoding, delimiter)


def _encoding_of(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf_8_sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf_16"
    try:
        data.decode("utf_8")
    except UnicodeDecodeError:
        if _UTF_8_LETTER.search(data):
            return MIXED
    else:
        # Whole and valid UTF-8 is UTF-8: Windows-1252 text of names is never valid UTF-8 by
        # chance, and the detector can take random scripts and emoji for a single-byte page.
        return "utf_8"
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_ENCODINGS)).best()
    if best is None:  # every byte decodes as Latin-1, so this is a last resort, not a guess
        return "latin_1"
    # Windows-1252 is Latin-1 with letters where Latin-1 has invisible control codes; what
    # Excel wrote as Latin-1 reads the same as 1252, so prefer the one that never loses a €.
    return "cp1252" if best.encoding == "latin_1" and _is_cp1252(data) else best.encoding


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _as_cp1252(error: UnicodeDecodeError) -> tuple[str, int]:
    """The bytes that are not UTF-8 in a mixed file, read as Windows-1252 (its five unused
    bytes as Latin-1, so that nothing is lost)."""
    bad = error.object[error.start : error.end]
    return "".join(_cp1252_letter(byte) for byte in bad), error.end


def _cp1252_letter(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


codecs.register_error(_MIXED_ERRORS, _as_cp1252)


def _delimiter_of(content: str) -> str:
    """The delimiter the header row is written with. The rows below it can hold anything (a
    pasted list full of semicolons, a cell of line breaks and tabs) and must not outvote the
    row that names the columns; the sniffer decides only when the header alone cannot."""
    sample = content[:_SNIFF_CHARACTERS]
    header = _first_line(sample)
    columns = {delimiter: _columns_in(header, delimiter) for delimiter in _DELIMITERS}
    most = max(columns.values())
    if most > 1 and list(columns.values()).count(most) == 1:
        return max(_DELIMITERS, key=columns.__getitem__)
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        return max(_DELIMITERS, key=header.count)


def _first_line(text: str) -> str:
    return next((line for line in _LINE_BREAK.split(text) if line.strip()), "")


def _columns_in(line: str, delimiter: str) -> int:
    return len(next(csv.reader([line], delimiter=delimiter), []))


def _read_workbook(source: Path, data: bytes) -> SourceTable:
    from openpyxl import load_workbook

    try:
        # Formulas come back as their text, never their cached results: what looks like a
        # formula is kept as plain text (exports neutralise it again).
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign zip
        raise Unreadable(
            f"{source.name} could not be opened as an Excel workbook; open it in Excel, "
            "save it again as “Excel Workbook (*.xlsx)” and import that."
        ) from None
    try:
        sheet = workbook.worksheets[0]
        first = sheet.min_row or 1
        records = [list(values) for values in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return _table(source.name, records, None, None, first_line=first)


def _table(
    name: str,
    records: list[list[object]],
    encoding: str | None,
    delimiter: str | None,
    first_line: int = 1,
) -> SourceTable:
    numbered = [SourceRow(first_line + index, tuple(cells)) for index, cells in enumerate(records)]
    while numbered and numbered[0].is_empty:
        numbered.pop(0)
    if not numbered:
        raise Unreadable(f"{name} is empty: there is nothing to import.")
    header, *rows = numbered
    headers = tuple("" if cell is None else str(cell).strip() for cell in header.cells)
    return SourceTable(name, headers, tuple(rows), encoding, delimiter)
