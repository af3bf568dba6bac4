"""Person search as the officer types, with 100,000 people on file.

Measured: in the real booking / walk-in search widget (``ui.person_search.PersonPicker``,
shown), the time from sending one key to the search field (``QTest.keyClick``) until the
results list's model has changed, the list has been painted and
``QApplication.processEvents()`` has returned. Every key of realistic typing sequences is one
sample: names typed letter by letter ("zoe ob", "patel p", random people from the data),
email prefixes, postcodes.

Target: p95 <= 16 ms (one frame at 60 Hz).

Figures on the development machine (2 shared CPUs, 100,000 people): p95 52 ms when busy;
after the search reads through Core and a single word skips counting its tokens, at load
average 3.8: p50 17 ms, p95 31 ms (bare SQL p95 10 ms, ratio 3.0). MISSED while the machine is
shared; the slowest keys are two-word prefixes ("william war") whose bare SQL alone takes
20+ ms here. After a first word under the count cap checks each of its people once (not each
of their tokens) and a walk keeps each person at their first token instead of a DISTINCT, CPU
time per key of ``people.search`` alone, old and new statements interleaved in one run (469
keys, load average 3.5): p95 5.5 -> 5.4 ms, worst "william war" 11.6 -> 8.4 ms, "bethan ko"
11.0 -> 6.8 ms, "mohammed si" 10.8 -> 6.8 ms; single letters +0.05 ms; postcodes where both
words are over the cap ("st1 6") keep the walk and are unchanged (2.6 ms). Checking each
person once also where the first word is over the cap was tried and dropped: it reads a whole
common range first, and those keys got slower (bare SQL "st1 6" 0.4 -> 0.6 ms). The widget at
load average 4.6: p50 16 ms, p95 31 ms (bare SQL p95 8.3 ms); still MISSED while the machine
is shared.
Baseline: p95 of the bare token-prefix SQL that ``people.search`` issues for the same texts,
run directly through ``sqlite3`` on the same file.

Also printed, to show where the time goes: the same SQL plus fetching the rows shown, and
``records.find_people`` alone (SQLAlchemy, no Qt).

    python bench/search.py [--people N]
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import random  # noqa: E402
import sqlite3  # noqa: E402
import time  # noqa: E402
from contextlib import closing  # noqa: E402
from dataclasses import dataclass  # noqa: E402
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
from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from sassot_desktop.people import folding, search  # noqa: E402
from sassot_desktop.people.records import find_people  # noqa: E402
from sassot_desktop.ui.person_search import SHOWN, PersonPicker  # noqa: E402

TARGET_P95_MS = 16.0
RESULT_LIMIT = SHOWN  # what the search list shows at most
KEY_TIMEOUT_S = 2.0  # a key whose results never show is reported, not counted
WARM_UP = 20  # queries run before timing the ones without the widget
TYPED_BY_HAND = ("zoe ob", "smith", "patel p", "st16", "lukasz", "kuz", "sian llwyd", "o brien")
RANDOM_NAMES, RANDOM_EMAILS, RANDOM_POSTCODES = 20, 10, 5


# -- what the officer types -------------------------------------------------------------------


def typing_sequences(database: Path, rng: random.Random) -> list[str]:
    """Fixed awkward cases, then names, email prefixes and postcodes of random people on file."""
    with closing(sqlite3.connect(database)) as connection:
        people = connection.execute(
            "SELECT first_name, last_name, email, postcode FROM person"
        ).fetchall()
    chosen = rng.sample(people, RANDOM_NAMES + RANDOM_EMAILS + RANDOM_POSTCODES)
    names = [folding.fold(f"{first} {last}") for first, last, _, _ in chosen[:RANDOM_NAMES]]
    emails = [
        email.split("@")[0][:12]
        for _, _, email, _ in chosen[RANDOM_NAMES : RANDOM_NAMES + RANDOM_EMAILS]
        if email
    ]
    postcodes = [
        postcode.lower() for *_, postcode in chosen[RANDOM_NAMES + RANDOM_EMAILS :] if postcode
    ]
    return [*TYPED_BY_HAND, *names, *emails, *postcodes]


def texts_typed(sequences: list[str]) -> list[str]:
    """The field's text after each key: "kuz" gives "k", "ku", "kuz"."""
    return [sequence[:end] for sequence in sequences for end in range(1, len(sequence) + 1)]


# -- the widget ---------------------------------------------------------------------------------


class ResultsWatch(QObject):
    """Counts the answers the results model takes and its changes, and whether the list has
    painted every change since.

    A model that says when it has taken an answer (its ``listed`` signal) may take one that
    changes nothing in sight ("smit", then "smith": the same people): that key is done once the
    answer is in and nothing is left to paint. Without that signal, every answer is a change.
    """

    def __init__(self, view) -> None:
        super().__init__(view)
        self.updates = 0
        self.painted = 0  # the number of the latest update a paint of the list followed
        self.answers = 0
        model = view.model()
        for signal in (
            model.modelReset,
            model.layoutChanged,
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
        ):
            signal.connect(self._updated)
        self._answers_said = hasattr(model, "listed")
        if self._answers_said:
            model.listed.connect(self._answered)
        view.viewport().installEventFilter(self)

    def _updated(self, *_args) -> None:
        self.updates += 1

    def _answered(self) -> None:
        self.answers += 1

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.painted = self.updates
        return False

    def mark(self) -> int:
        """What ``shown_since`` compares with: taken just before a key is sent."""
        return self.answers if self._answers_said else self.updates

    def shown_since(self, mark: int) -> bool:
        answered = (self.answers if self._answers_said else self.updates) > mark
        return answered and self.painted == self.updates


@dataclass(frozen=True)
class KeyTiming:
    text: str  # the field's text after the key
    shown_ms: float  # key press to results painted
    handled_ms: float  # key press to the key event handled (a synchronous search has run)


def time_one_key(app, picker: PersonPicker, watch: ResultsWatch, key: str) -> KeyTiming | None:
    """One key, timed until its results are painted; None if they never show."""
    before = watch.mark()
    started = time.perf_counter()
    QTest.keyClick(picker.field, key)
    handled = time.perf_counter() - started
    while True:
        app.processEvents()
        elapsed = time.perf_counter() - started
        if watch.shown_since(before):
            return KeyTiming(picker.field.text(), elapsed * 1000, handled * 1000)
        if elapsed > KEY_TIMEOUT_S:
            return None


def type_sequences(app, picker, watch, sequences: list[str]) -> tuple[list[KeyTiming], int]:
    """Type each sequence into an empty field; return the keys' timings and how many never
    showed results."""
    timings, missed = [], 0
    for sequence in sequences:
        picker.field.clear()
        app.processEvents()
        for key in sequence:
            timing = time_one_key(app, picker, watch, key)
            if timing is None:
                missed += 1
            else:
                timings.append(timing)
        assert picker.field.text() == sequence, (picker.field.text(), sequence)
    return timings, missed


def measure_widget(app, workspace, sequences: list[str]) -> tuple[list[KeyTiming], int]:
    picker = PersonPicker(workspace.db, "Find")
    picker.resize(480, 520)  # about the picker's share of the booking dialog
    picker.show()
    while not picker.windowHandle().isExposed():
        app.processEvents()
    watch = ResultsWatch(picker.results)
    type_sequences(app, picker, watch, sequences[:2])  # warm up caches, not counted
    timings, missed = type_sequences(app, picker, watch, sequences)
    picker.close()
    return timings, missed


# -- without the widget -------------------------------------------------------------------------


def prefix_range(word: str) -> tuple[str, str]:
    """The token range a typed word covers, as people.search computes it."""
    word = word[: folding.TOKEN_LENGTH]
    return word, word[:-1] + chr(ord(word[-1]) + 1)


COUNT_SQL = (
    "(SELECT count(*) FROM (SELECT person_id FROM person_token WHERE token >= ? AND token < ?"
    f" LIMIT {search.COUNT_CAP}))"
)
TOKENS_OF = "SELECT person_id FROM person_token WHERE token >= ? AND token < ?"


def bare_search(connection: sqlite3.Connection, text: str) -> list[int]:
    """people.search's statements in plain sqlite3: count the words' tokens (capped, in one
    statement); then intersect the words' token ranges when all are countable, else let the
    rarest word drive while the others must begin some token of the same person."""
    words = sorted(set(folding.words(text)))
    if len(words) == 1:
        sql, params = walk_query(words[0], [])
        return [row[0] for row in connection.execute(sql, params)]
    counted = connection.execute(
        "SELECT " + ", ".join([COUNT_SQL] * len(words)),
        [bound for word in words for bound in prefix_range(word)],
    ).fetchone()
    counts = dict(zip(words, counted, strict=True))
    if not all(counts.values()):
        return []
    ordered = sorted(words, key=lambda w: (counts[w], -len(w), w))
    if max(counts.values()) < search.COUNT_CAP:
        sql, params = intersect_query(ordered)
    elif counts[ordered[0]] < search.COUNT_CAP:
        sql, params = each_person_query(ordered[0], ordered[1:])
    else:
        sql, params = walk_query(ordered[0], ordered[1:])
    return [row[0] for row in connection.execute(sql, params)]


def intersect_query(words: list[str]) -> tuple[str, list[str]]:
    params = [bound for word in words for bound in prefix_range(word)]
    return " INTERSECT ".join([TOKENS_OF] * len(words)) + f" LIMIT {RESULT_LIMIT}", params


def has_token(person: str, number: int) -> str:
    alias = f"o{number}"
    return (
        f" AND EXISTS (SELECT 1 FROM person_token AS {alias} WHERE {alias}.person_id ="
        f" {person} AND {alias}.token >= ? AND {alias}.token < ? LIMIT -1 OFFSET 0)"
    )


def walk_query(driver: str, others: list[str]) -> tuple[str, list[str]]:
    """The driver's tokens in order, each person at their first token there."""
    low, high = prefix_range(driver)
    sql = (
        "SELECT t.person_id FROM person_token AS t WHERE t.token >= ? AND t.token < ?"
        " AND NOT EXISTS (SELECT 1 FROM person_token AS d WHERE d.person_id = t.person_id"
        " AND d.token >= ? AND d.token < t.token LIMIT -1 OFFSET 0)"
    )
    params = [low, high, low]
    for number, word in enumerate(others):
        sql += has_token("t.person_id", number)
        params.extend(prefix_range(word))
    return f"{sql} LIMIT {RESULT_LIMIT}", params


def each_person_query(driver: str, others: list[str]) -> tuple[str, list[str]]:
    """The driver's people, each once, checked for the other words."""
    sql = f"SELECT p.person_id FROM (SELECT DISTINCT person_id FROM ({TOKENS_OF})) AS p WHERE 1"
    params = list(prefix_range(driver))
    for number, word in enumerate(others):
        sql += has_token("p.person_id", number)
        params.extend(prefix_range(word))
    return f"{sql} LIMIT {RESULT_LIMIT}", params


def fetch_people(connection: sqlite3.Connection, ids: list[int]) -> list[tuple]:
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    return connection.execute(
        f"SELECT * FROM person WHERE id IN ({marks}) ORDER BY sort_name, id", ids
    ).fetchall()


def measure_sql(database: Path, texts: list[str], with_rows: bool) -> list[float]:
    """Per text: the token query (and, ``with_rows``, fetching the people shown) in sqlite3."""
    samples = []
    with closing(sqlite3.connect(database)) as connection:
        for text in texts[:WARM_UP] + texts:
            started = time.perf_counter()
            ids = bare_search(connection, text)
            if with_rows:
                fetch_people(connection, ids)
            samples.append((time.perf_counter() - started) * 1000)
    return samples[WARM_UP:]


def measure_find_people(workspace, texts: list[str]) -> list[float]:
    samples = []
    for text in texts[:WARM_UP] + texts:
        started = time.perf_counter()
        with workspace.db.read() as session:
            find_people(session, text)
        samples.append((time.perf_counter() - started) * 1000)
    return samples[WARM_UP:]


# -- the run ------------------------------------------------------------------------------------


def print_slowest(label: str, timed: list[tuple[str, float]], count: int = 5) -> None:
    slowest = sorted(timed, key=lambda pair: pair[1], reverse=True)[:count]
    print(f"{label}: " + ", ".join(f"{text!r} {ms:.1f} ms" for text, ms in slowest))


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
        print(f"{len(sequences)} typing sequences, {len(texts)} keys, e.g. {sequences[8:11]}")

        keys, missed = measure_widget(app, workspace, sequences)
        orm = measure_find_people(workspace, texts)
        sql_rows = measure_sql(database, texts, with_rows=True)
        sql = measure_sql(database, texts, with_rows=False)
        workspace.close()

    shown = [key.shown_ms for key in keys]
    print_summary("Key press to results painted (widget)", shown)
    print_summary("  of it, until the key event was handled", [key.handled_ms for key in keys])
    print_summary("find_people() alone (SQLAlchemy, no Qt)", orm)
    print_summary("Bare SQL: token query + rows shown", sql_rows)
    print_summary("Bare SQL: token-prefix query (baseline)", sql)
    print_slowest("Slowest keys in the widget", [(key.text, key.shown_ms) for key in keys])
    print_slowest("Slowest token-prefix queries", list(zip(texts, sql, strict=True)))
    if missed:
        print(f"{missed} key(s) never showed results within {KEY_TIMEOUT_S:.0f} s (not counted)")
    value, baseline = percentile(shown, 95), percentile(sql, 95)
    passed = value <= TARGET_P95_MS
    print(
        f"Target p95 <= {TARGET_P95_MS:g} ms with {args.people:,} people: "
        f"{'PASSED' if passed else 'MISSED'} (p95 {value:.2f} ms)"
    )
    print_result(
        value,
        "ms",
        baseline,
        people=args.people,
        target=TARGET_P95_MS,
        passed=passed,
        widget=summary(shown),
        find_people=summary(orm),
        sql_with_rows=summary(sql_rows),
        sql=summary(sql),
        keys_not_shown=missed,
    )


if __name__ == "__main__":
    main()
