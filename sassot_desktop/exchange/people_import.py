"""Importing people from a legacy spreadsheet: one operation, one transaction.

Every row is cleaned and checked; a row with an invalid email, date or postcode is rejected
whole (with its line and the reason) so the officer can correct it and import it again. A row
that names someone already known, in the database or earlier in the same file (the same email
ignoring case, or the same name and date of birth), fills in what that person lacked instead of
adding them twice; each merge is reported. The caller owns the transaction: it commits, or
rolls everything back for a dry run, a cancel or a crash, so an import is all or nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial
from typing import TYPE_CHECKING

from sassot_desktop import audit, postcodes
from sassot_desktop.clock import utc_now
from sassot_desktop.db.plain_sql import PlainTransaction, plain_transaction
from sassot_desktop.errors import Unreadable
from sassot_desktop.exchange import cleaning
from sassot_desktop.exchange.adding_people import DETAIL_COLUMNS, NewPeople, rewrite_words
from sassot_desktop.exchange.columns import FIELD_BY_KEY, missing_required
from sassot_desktop.exchange.reading import SourceRow, SourceTable
from sassot_desktop.people import folding
from sassot_desktop.progress import Progress

if TYPE_CHECKING:
    from sassot_desktop.db.engine import Database

_DETAILS = DETAIL_COLUMNS  # what a merge may fill in, never overwriting what is there
_TEXT_DETAILS = DETAIL_COLUMNS[:-1]
_REPORT_EVERY = 250


@dataclass(frozen=True)
class Rejection:
    line: int
    fields: tuple[str, ...]  # the officer's words: ("Date of birth",)
    reasons: tuple[str, ...]
    cells: tuple[object, ...]

    @property
    def field(self) -> str:
        return ", ".join(self.fields)

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


@dataclass(frozen=True)
class Merge:
    line: int
    person_id: int | None  # None when the person is new in this same file (saved with it)
    name: str
    because: str  # "same email" or "same name and date of birth"
    earlier_line: int | None  # the earlier row of this file it matched, if not the database
    filled: tuple[str, ...]  # the officer's words for the details it added


@dataclass(frozen=True)
class DistrictToChoose:
    line: int
    name: str
    postcode: str
    choices: tuple[str, ...]


@dataclass
class ImportReport:
    source: str
    added: int = 0
    merges: list[Merge] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    districts_to_choose: list[DistrictToChoose] = field(default_factory=list)
    empty_rows: int = 0

    @property
    def all_went_in(self) -> bool:
        return not self.rejections


def summary(report: ImportReport, *, dry_run: bool) -> list[str]:
    """What an import did, a line each, as the CLI prints it and the wizard shows it."""
    would = "would be " if dry_run else ""
    lines = [
        f"{_count(report.added, 'person', 'people')} {would}added, "
        f"{_count(len(report.merges), 'row', 'rows')} {would}merged with people already known, "
        f"{_count(len(report.rejections), 'row', 'rows')} rejected"
        + (
            f", {_count(report.empty_rows, 'empty row', 'empty rows')} skipped"
            if report.empty_rows
            else ""
        )
        + "."
    ]
    for merge in report.merges:
        into = f"line {merge.earlier_line}" if merge.earlier_line else f"#{merge.person_id}"
        added = f"; adds {', '.join(merge.filled).lower()}" if merge.filled else ""
        lines.append(
            f"Line {merge.line}: {merge.name} merged with {into} ({merge.because}{added})."
        )
    for choice in report.districts_to_choose:
        options = ", ".join(choice.choices) + " or outside the county"
        lines.append(
            f"Line {choice.line}: {choice.name}'s postcode {choice.postcode} may be in "
            f"{options}; their district is left for you to choose."
        )
    if dry_run:
        lines.append("Dry run: nothing was saved.")
    return lines


@dataclass
class _Candidate:
    """A good row, on its way to being a new person or merged into one."""

    line: int
    first_name: str
    last_name: str
    details: dict[str, object]
    district_choices: tuple[str, ...]
    number: int = -1  # among the new people (``NewPeople.add``), once it is one


def import_file(
    db: Database,
    table: SourceTable,
    mapping: Mapping[int, str],
    *,
    dry_run: bool = False,
    today: date,
    progress: Progress | None = None,
) -> ImportReport:
    """The whole import as one transaction: committed, or for a dry run rolled back."""
    missing = missing_required(mapping)
    if missing:
        raise Unreadable(
            f"{table.name} has no column for {' or '.join(f.label.lower() for f in missing)} "
            f"(looked for headers such as {', '.join(missing[0].headers[:3])}); "
            "rename that column's header, or choose it in the import wizard."
        )
    # In plain SQL on the driver's own connection (see ``db.plain_sql``): a command-line
    # import into a SQLite file then never loads SQLAlchemy or the models.
    transaction = plain_transaction(db, keep=not dry_run)
    with _cycle_collection_paused(), transaction as plain:
        report = import_people(plain, table, mapping, today=today, progress=progress)
    if not dry_run and not db.is_sqlite:
        from sassot_desktop.db import statistics

        statistics.refresh(db, statistics.PEOPLE_TABLES)
    return report


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Python's cycle collector held back while the rows are checked and saved.

    An import of 10,000 people makes hundreds of thousands of small objects (cells, details,
    search words) that form no cycles and are freed as usual when done with; their number alone
    sets the collector off again and again, walking everything the program holds, for a
    twentieth of the import's time.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def import_people(
    transaction: PlainTransaction,
    table: SourceTable,
    mapping: Mapping[int, str],
    *,
    today: date,
    progress: Progress | None = None,
) -> ImportReport:
    """Add the good rows of ``table`` in ``transaction`` (uncommitted) and say what happened."""
    progress = progress or Progress()
    report = ImportReport(table.name)
    # Checking the rows fills the first half of the progress bar, saving them the second, so
    # the bar never reaches its end (which closes the window's progress dialog) before both.
    # The new people are saved a batch at a time while the rows after them are checked; the
    # second half is what is left to save when every row has been checked.
    known = _KnownPeople.load(transaction)
    columns = _columns(mapping, today)
    # The partnership held these details before; the file is the record of that.
    consent = f"Earlier records: {table.name}"[:80]
    person_row = partial(_person_row, transaction, transaction.stored(utc_now()), consent)
    total = len(table.rows)

    def saved(share: float) -> None:
        progress.report(total + round(share * total), 2 * total, "Saving")

    new_people = NewPeople(transaction)
    for number, row in enumerate(table.rows, start=1):
        if number % _REPORT_EVERY == 0:
            progress.report(number, 2 * total, f"Checked {number:,} of {total:,} rows")
        if row.is_empty:
            report.empty_rows += 1
            continue
        candidate = _clean(row, columns, report)
        if candidate is None:
            continue
        keys = _keys(candidate)
        match = known.find(keys)
        if match is None:
            candidate.number = new_people.add(person_row(candidate))
            known.remember(candidate, keys)
            _ask_district(candidate, _name(candidate), report)
        else:
            merge = _merge(transaction, match, candidate)
            report.merges.append(merge)
            if isinstance(match[0], _Candidate) and merge.filled:
                new_people.grown(match[0].number, person_row(match[0]))
            known.remember(match[0], keys)
            if FIELD_BY_KEY["postcode"].label in merge.filled:
                _ask_district(candidate, merge.name, report)
    saved(0)
    new_people.finish(saved)
    report.added = len(new_people)
    audit.record_plain(
        transaction,
        "import people",
        "person",
        None,
        file=table.name,
        added=report.added,
        merged=len(report.merges),
        rejected=len(report.rejections),
    )
    return report


# For each mapped column: its position in the row, its key, its cleaner and the longest text
# its database column takes (None for no limit); looked up once, not for each of 80,000 cells.
_Column = tuple[int, str, Callable[[object], object], int | None]


def _columns(mapping: Mapping[int, str], today: date) -> list[_Column]:
    # A date of birth is checked against today; every other cell stands on its own.
    cleaners = {**_CLEANERS, "date_of_birth": partial(cleaning.birth_date, today=today)}
    return [(position, key, cleaners[key], LONGEST[key]) for position, key in mapping.items()]


def _clean(row: SourceRow, columns: list[_Column], report: ImportReport) -> _Candidate | None:
    details: dict[str, object] = {}
    refused: list[tuple[str, str]] = []  # (field, reason): few rows have any
    cells = row.cells
    width = len(cells)
    for position, key, clean, longest in columns:
        try:
            value = clean(cells[position] if position < width else None)
        except cleaning.Refused as refusal:
            refused.append((FIELD_BY_KEY[key].label, refusal.reason))
            continue
        if value is None:
            continue
        # A cell of thousands of characters is a pasted paragraph or a damaged file, not a
        # name, and a database server would refuse to index it. (Only texts have a longest.)
        if longest is not None and len(value) > longest:
            label = FIELD_BY_KEY[key].label
            refused.append((label, f"{label} is longer than {longest} characters"))
            continue
        details[key] = value
    first, last = details.pop("first_name", None), details.pop("last_name", None)
    if not (first and last and not refused):
        for key, name in (("first_name", first), ("last_name", last)):
            if not name:
                label = FIELD_BY_KEY[key].label
                refused.append((label, f"{label} is empty"))
        fields, reasons = zip(*refused, strict=True)
        report.rejections.append(Rejection(row.line, fields, reasons, row.cells))
        return None
    return _Candidate(row.line, first, last, details, _placed(details))


_text_of_text = lru_cache(maxsize=4096)(cleaning.text)


def _repeated_text(cell: object) -> str | None:
    """``cleaning.text``, remembered for the texts that repeat across thousands of rows (names,
    clubs, sports); a workbook's numbers and dates are cleaned afresh."""
    return _text_of_text(cell) if type(cell) is str else cleaning.text(cell)


_CLEANERS: dict[str, Callable[[object], object]] = {
    "first_name": _repeated_text,
    "last_name": _repeated_text,
    "email": cleaning.email,
    "phone": cleaning.phone,
    "postcode": cleaning.postcode,
    "club": _repeated_text,
    "sport": _repeated_text,
}
# The lengths of the ``person`` columns (``db.models``; a test keeps the two the same).
LONGEST = {
    "first_name": 100,
    "last_name": 100,
    "email": 254,
    "phone": 40,
    "postcode": 10,
    "club": 200,
    "sport": 100,
    "date_of_birth": None,
}


def _placed(details: dict[str, object]) -> tuple[str, ...]:
    """Put the person in their district where the postcode alone decides it; otherwise the
    districts the officer has to choose between (none for a postcode outside the county)."""
    postcode = details.get("postcode")
    if postcode is None:
        return ()
    placed = postcodes.placement(postcode)
    if placed.district is not None:
        details["district"] = placed.district
    return placed.choices


def _ask_district(candidate: _Candidate, name: str, report: ImportReport) -> None:
    if candidate.district_choices:
        report.districts_to_choose.append(
            DistrictToChoose(
                candidate.line, name, candidate.details["postcode"], candidate.district_choices
            )
        )


class _KnownPeople:
    """Everyone a row may turn out to be: people in the database and rows already read."""

    def __init__(self) -> None:
        self.by_email: dict[str, int | _Candidate] = {}
        self.by_name_and_birth: dict[tuple[str, str, date], int | _Candidate] = {}

    @classmethod
    def load(cls, transaction: PlainTransaction) -> _KnownPeople:
        known = cls()
        rows = transaction.execute(
            "SELECT id, first_name, last_name, email, date_of_birth FROM person ORDER BY id"
        )
        for person_id, first, last, email, born in rows:
            if email:
                known.by_email.setdefault(email.casefold(), person_id)
            if born:
                key = _name_key(first, last, transaction.read_date(born))
                known.by_name_and_birth.setdefault(key, person_id)
        return known

    def find(self, keys: _Keys) -> tuple[int | _Candidate, str] | None:
        email, name_and_birth = keys
        if email and (match := self.by_email.get(email)) is not None:
            return match, "same email"
        if name_and_birth and (match := self.by_name_and_birth.get(name_and_birth)) is not None:
            return match, "same name and date of birth"
        return None

    def remember(self, person: int | _Candidate, keys: _Keys) -> None:
        """Later rows with the email, or name and birth date, of ``keys`` are ``person`` too."""
        email, name_and_birth = keys
        if email:
            self.by_email.setdefault(email, person)
        if name_and_birth:
            self.by_name_and_birth.setdefault(name_and_birth, person)


# What a row is known by: its email ignoring case, and its name and date of birth.
_Keys = tuple[str | None, tuple[str, str, date] | None]


def _keys(row: _Candidate) -> _Keys:
    email = row.details.get("email")
    born = row.details.get("date_of_birth")
    return (
        email.casefold() if email else None,
        _name_key(row.first_name, row.last_name, born) if born else None,
    )


def _name_key(first: str, last: str, born: date) -> tuple[str, str, date]:
    # Accents and capitals aside, "Zoe O'Brien" born the same day is Zoë Ó'Brien.
    return folding.fold(first), folding.fold(last), born


def _merge(
    transaction: PlainTransaction, match: tuple[int | _Candidate, str], row: _Candidate
) -> Merge:
    target, because = match
    if isinstance(target, _Candidate):
        filled = _fill(target.details, row.details)
        return Merge(row.line, None, _name(target), because, target.line, _labels(filled))
    first, last, *details = transaction.execute(
        f"SELECT first_name, last_name, {', '.join(_DETAILS)} FROM person WHERE id = ?",
        (target,),
    )[0]
    current = dict(zip(_DETAILS, details, strict=True))
    filled = _fill(current, row.details)
    if filled:
        _update_person(transaction, target, filled)
        words = folding.person_tokens(
            first, last, current["email"], current["postcode"], current["club"]
        )
        rewrite_words(transaction, target, words)
    return Merge(row.line, target, f"{first} {last}", because, None, _labels(filled))


def _update_person(transaction: PlainTransaction, person_id: int, filled: dict) -> None:
    """What a merge adds to a person, saved as the ORM saves a change to a versioned record:
    its version moved on, with who changed it and when (see ``db.models.VERSIONED``)."""
    changes = {**filled, "updated_at": utc_now(), "changed_by": transaction.officer}
    transaction.execute(
        f"UPDATE person SET {', '.join(f'{key} = ?' for key in changes)}, "
        "version = version + 1 WHERE id = ?",
        (*(transaction.stored(value) for value in changes.values()), person_id),
    )


def _fill(current: dict[str, object], offered: dict[str, object]) -> dict[str, object]:
    """The offered details the person lacks; what they have is never overwritten."""
    filled = {
        key: offered[key]
        for key in _DETAILS
        if offered.get(key) is not None and current.get(key) is None
    }
    current.update(filled)
    return filled


def _labels(filled: dict[str, object]) -> tuple[str, ...]:
    return tuple(
        FIELD_BY_KEY[key].label if key in FIELD_BY_KEY else key.capitalize() for key in filled
    )


def _name(candidate: _Candidate) -> str:
    return f"{candidate.first_name} {candidate.last_name}"


def _person_row(
    transaction: PlainTransaction, now: object, consent: str, person: _Candidate
) -> tuple[object, ...]:
    """A new person's values of ``adding_people.PERSON_COLUMNS``, as stored (``now`` too)."""
    return (
        person.first_name,
        person.last_name,
        folding.sort_name(person.first_name, person.last_name),
        *map(person.details.get, _TEXT_DETAILS),
        transaction.stored(person.details.get("date_of_birth")),
        consent,
        None,
        now,
        now,
    )


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"
