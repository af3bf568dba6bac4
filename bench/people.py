"""The people screen and the duplicate search with 100,000 people on file.

Measured offscreen in the real main window (1280 × 760), as the officer uses it:

- opening the people screen (Ctrl+2) from the workshop list, until its table has painted;
  the first opening (every id read in name order) and four more, the slowest reported;
- search as you type: the keys of realistic typing sequences (bench/search.py's: names letter
  by letter, email prefixes, postcodes) sent to the screen's search field, each timed from the
  key press until the table has changed and painted;
- sorting by last name (the Name heading clicked, alternately descending and ascending), until
  the table has painted;
- "Find duplicates" over everyone, with 1,000 people entered a second time (accents dropped, a
  letter mistyped, another phone, a name only), timed as the background job runs it; the
  longest gap between two progress reports shows that progress is shown throughout.

Targets: open <= 300 ms; search p95 <= 16 ms; sort <= 100 ms; duplicates <= 60 s.
value = search-as-you-type p95; baseline = the bare token-prefix SQL p95 for the same keys
(bench/search.py's baseline), so the ratio is what the screen adds to the database's answer.

Figures on the development machine (2 shared CPUs; 100,000 people):

- before, at load average 1.3: open 34 ms (slowest of 5); search p50 20 ms, p95 33 ms
  (MISSED: the table's repaint alone took 12-15 ms); sort by name 30 ms; find duplicates 19 s
  with progress at least every 0.5 s. Rerun at load average 4.1: search p50 43 ms, p95 77 ms
  (bare SQL p95 10 ms).
- after the rows in sight are changed in place (no reset), drawn by a delegate that keeps each
  text laid out, and a search's order and first rows come from one statement, at load average
  3.4-4.5 (other work sharing both CPUs): open 53 ms; search p50 26 ms, p95 57 ms (bare SQL
  p95 12 ms; ratio 7.7 -> 4.7); sort 49 ms; duplicates 39 s, progress gaps under 1 s.
  The main thread's CPU time per key, which the load barely moves, fell from p50 21-23 ms /
  p95 29-34 ms to p50 13-15 ms / p95 22-27 ms: the repaint from 11-15 ms to 6-7 ms, the rest
  being the database (slowest on two-word prefixes such as "william wa", whose bare SQL alone
  takes 20+ ms on a busy machine). The 16 ms p95 is still MISSED on this shared machine; it
  needs measuring again on a quiet one. On a quiet one (load average 0.9): search p50 11.9 ms,
  p95 23.9 ms, MISSED.
- this round, on a quiet machine (load average 0.4-0.9, nothing else running): open 21-25
  ms; search p50 5.0-5.4 ms, p95 14.0-14.8 ms (bare SQL p95 2.2-2.8 ms); sort 14-18 ms;
  duplicates 14-18 s, progress at least every 0.4 s: PASSED. The same code in a slower spell
  of the same machine (every key's p50 a third higher): p95 17-19 ms; the last change below,
  alternated with the code before it, twice each: p95 14.8 and 14.5 against 18.0 and 18.1.
  What made the difference, measured key by key (callgrind counts of 72 keys fell by a third):
  - a key that finds the same people (most keys of a name typed on: "smit", "smith") tells
    the table nothing changed and repaints no row; a key that changes some rows repaints
    those; the list draws no grid (its lines cost as much as the text);
  - the scroll bar stays (a search narrowing to a screenful hid it, widened the columns and
    painted every row twice) and is drawn flat (the style's shaded one took a millisecond or
    more to paint again on every key that changed the list's length);
  - the count under the list changes without laying out the page, the pages and the window;
  - a text met for the first time is drawn, not laid out to keep (a third of the cost); a
    row's texts are worked out once when read; a cell's colours are found by two flags;
  - SQLite files are read through a memory map (the few hundred rows a key reads were copied
    page by page into a 2 MB cache: half of each key's reading); the search checks the other
    words before whether a token is the person's first, remembers which words are common
    rather than counting them on every key, and walks the people of a postcode typed with
    its space ("de13 8") first (10-14 ms to 2-6 ms for those keys).
  Where a slow key's time goes now (about 12 ms): the database's answer and reading the
  rows 5-7 ms, painting about 120 cells through the Python delegate 4-5 ms (drawing the
  glyphs a third of it), the rest Qt's own bookkeeping.
  This script counts a key done once the model has its answer and nothing is left to paint
  (bench/search.py's ``ResultsWatch``): a key whose answer changes nothing in sight paints
  nothing, and waiting for a paint that never comes would time out.

    python bench/people.py [--people N]
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import random  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from _common import (  # noqa: E402
    open_demo_workspace,
    parse_args,
    percentile,
    print_context,
    print_result,
    print_summary,
    silence_offscreen_warnings,
    summary,
    temporary_folder,
)
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from search import ResultsWatch, measure_sql, texts_typed, typing_sequences  # noqa: E402

from sassot_desktop.people import folding  # noqa: E402
from sassot_desktop.people.duplicates import find_duplicates  # noqa: E402
from sassot_desktop.people.records import PersonDetails, create_person  # noqa: E402
from sassot_desktop.progress import Progress  # noqa: E402
from sassot_desktop.ui.main_window import MainWindow  # noqa: E402

TARGET_OPEN_MS, TARGET_SEARCH_P95_MS, TARGET_SORT_MS, TARGET_DUPLICATES_S = 300, 16, 100, 60
ENTERED_TWICE = 1_000
TIMEOUT_S = 10.0


def wait_until_painted(app, watch: ResultsWatch, before: int, started: float) -> float:
    while True:
        app.processEvents()
        elapsed = time.perf_counter() - started
        if watch.shown_since(before) or elapsed > TIMEOUT_S:
            return elapsed * 1000


def measure_opening(app, window: MainWindow) -> list[float]:
    samples = []
    table = window.people.table
    for _ in range(5):
        window.show_workshops()
        app.processEvents()
        painted = []
        table.viewport().installEventFilter(_PaintSpy(painted))
        started = time.perf_counter()
        QTest.keySequence(window, "Ctrl+2")
        while not painted and time.perf_counter() - started < TIMEOUT_S:
            app.processEvents()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


class _PaintSpy:
    """Notes the first paint of a viewport (an event filter without a QObject of its own)."""

    def __new__(cls, painted: list):
        from PySide6.QtCore import QEvent, QObject

        class Spy(QObject):
            def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
                if event.type() == QEvent.Type.Paint and not painted:
                    painted.append(time.perf_counter())
                    watched.removeEventFilter(self)
                return False

        spy = Spy(QApplication.instance())
        return spy


def measure_typing(app, window: MainWindow, sequences: list[str]) -> list[float]:
    page = window.people
    watch = ResultsWatch(page.table)
    samples = []
    for number, sequence in enumerate(sequences):
        page.text.clear()
        app.processEvents()
        for key in sequence:
            before = watch.mark()
            started = time.perf_counter()
            QTest.keyClick(page.text, key)
            elapsed = wait_until_painted(app, watch, before, started)
            if number >= 2:  # the first two warm the caches
                samples.append(elapsed)
    page.text.clear()
    app.processEvents()
    return samples


def measure_sorting(app, window: MainWindow) -> list[float]:
    page = window.people
    watch = ResultsWatch(page.table)
    header = page.table.horizontalHeader()
    name_heading = QPoint(header.sectionViewportPosition(0) + 10, header.height() // 2)
    samples = []
    for _ in range(10):
        before = watch.mark()
        started = time.perf_counter()
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=name_heading)
        samples.append(wait_until_painted(app, watch, before, started))
    return samples


def enter_some_twice(workspace, rng: random.Random) -> None:
    """People entered again as a walk-in form or a second booking form would have them."""
    from sqlalchemy import select

    from sassot_desktop.db.models import Person

    with workspace.db.write() as session:
        people = session.execute(
            select(Person.first_name, Person.last_name, Person.email, Person.date_of_birth)
        ).all()
        for first, last, email, born in rng.sample(people, ENTERED_TWICE):
            kind = rng.randrange(3)
            if kind == 0:  # typed without accents, another phone, the same email
                details = PersonDetails(
                    folding.fold(first).title(),
                    last,
                    email=email.upper() if email else None,
                    phone="07700 900000",
                    consent_method="Walk-in form at the workshop",
                )
            elif kind == 1:  # a letter mistyped, the same date of birth
                typo = first[:-1] + "e" if len(first) > 3 else first
                details = PersonDetails(
                    typo, last, date_of_birth=born, consent_method="Booking form"
                )
            else:  # a walk-in without consent: the name only
                details = PersonDetails(first, last)
            create_person(session, details)


def measure_duplicates(workspace) -> tuple[float, float, int]:
    """(seconds, the longest gap between progress reports in seconds, pairs found)."""
    reports = []
    progress = Progress(lambda *_: reports.append(time.perf_counter()))
    started = time.perf_counter()
    with workspace.db.read() as session:
        pairs = find_duplicates(session, progress)
    finished = time.perf_counter()
    moments = [started, *reports, finished]
    gaps = [later - earlier for earlier, later in zip(moments, moments[1:], strict=False)]
    return finished - started, max(gaps), len(pairs)


def main() -> None:
    args = parse_args(__doc__.splitlines()[0])
    silence_offscreen_warnings()
    app = QApplication.instance() or QApplication([])
    print_context()
    with temporary_folder() as folder:
        workspace = open_demo_workspace(Path(folder) / "data", args.people)
        database = workspace.paths.database
        sequences = typing_sequences(database, random.Random(2026))
        texts = [text for text in texts_typed(sequences) if folding.words(text)]

        window = MainWindow(workspace)
        window.resize(1280, 760)
        window.show()
        while not window.windowHandle().isExposed():
            app.processEvents()
        opening = measure_opening(app, window)
        typing = measure_typing(app, window, sequences)
        sorting = measure_sorting(app, window)
        sql = measure_sql(database, texts, with_rows=False)
        window.close()

        enter_some_twice(workspace, random.Random(7))
        duplicates_s, longest_gap_s, pairs = measure_duplicates(workspace)
        workspace.close()

    print_summary("People screen opened (Ctrl+2 to painted)", opening)
    print_summary("Search key press to rows painted", typing)
    print_summary("Sort by name heading to painted", sorting)
    print_summary("Bare SQL: token-prefix query (baseline)", sql)
    print(
        f"Find duplicates: {duplicates_s:.1f} s for {args.people + ENTERED_TWICE:,} people, "
        f"{pairs:,} likely pairs; longest gap between progress reports {longest_gap_s:.2f} s"
    )
    figures = {
        "open_ms": max(opening),
        "search_p95_ms": percentile(typing, 95),
        "sort_ms": max(sorting),
        "duplicates_s": duplicates_s,
    }
    passed = (
        figures["open_ms"] <= TARGET_OPEN_MS
        and figures["search_p95_ms"] <= TARGET_SEARCH_P95_MS
        and figures["sort_ms"] <= TARGET_SORT_MS
        and duplicates_s <= TARGET_DUPLICATES_S
    )
    print(
        f"Targets: open <= {TARGET_OPEN_MS} ms ({figures['open_ms']:.0f}), search p95 <= "
        f"{TARGET_SEARCH_P95_MS} ms ({figures['search_p95_ms']:.1f}), sort <= {TARGET_SORT_MS} ms "
        f"({figures['sort_ms']:.0f}), duplicates <= {TARGET_DUPLICATES_S} s "
        f"({duplicates_s:.1f}): {'PASSED' if passed else 'MISSED'}"
    )
    print_result(
        figures["search_p95_ms"],
        "ms",
        percentile(sql, 95),
        people=args.people,
        open=summary(opening),
        search=summary(typing),
        sort=summary(sorting),
        duplicates_s=round(duplicates_s, 2),
        duplicates_longest_progress_gap_s=round(longest_gap_s, 2),
        duplicate_pairs=pairs,
        targets={
            "open_ms": TARGET_OPEN_MS,
            "search_p95_ms": TARGET_SEARCH_P95_MS,
            "sort_ms": TARGET_SORT_MS,
            "duplicates_s": TARGET_DUPLICATES_S,
        },
        passed=passed,
    )


if __name__ == "__main__":
    main()
