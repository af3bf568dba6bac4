"""Person search with 100,000 people on file, on PostgreSQL against SQLite, in the same run.

Measured: ``records.find_people`` (the search every screen and ``people search`` run: the
token-prefix queries of ``people.search``, then the rows shown), through SQLAlchemy, for every
key of realistic typing sequences (the same texts as ``bench/search.py``), first on a SQLite
data folder, then on a PostgreSQL database filled with the same demo year.

Target: PostgreSQL's p95 no worse than twice SQLite's (the issue asks for search "as fast as
on SQLite"; a server is reached over a socket, SQLite is a library call).
Baseline: SQLite's p95 in the same run.

Figures on the development machine (2 shared CPUs, the server on the same machine), wall time,
so they swing with the load: before, p95 57 ms against SQLite's 32 ms; the same statements again
at load average 4-5, p50 19.6 ms, p95 75 ms against 9.0 ms (MISSED). PostgreSQL answered a
DISTINCT by reading the first word's whole range, and after the bulk load it misjudged ranges (1
token for "louise") and joined "louise wa" as every "wa" token for each Louise (5 s). After
walks that stop at the limit, checks it cannot turn into joins, and VACUUM (ANALYZE) after the
demo's load: p95 7.6 ms against 4.4 ms (load 1.5-3.4), 10.9 against 8.8 (load 3.2-4.6), 18
against 21 (load 5): PASSED in each; without the VACUUM, 24 against 9.2 (load 3.4), and a tenth
to a fifth more CPU per key until autovacuum comes round. CPU time per key (client plus the
server's process), old and new statements interleaved in one run: p95 14.4 -> 7.4 ms, max 3.4 s
-> 10 ms. What is left: p50 stays about 2.5 times SQLite's (2.5 ms against 1), about 1.2 ms of
it SQLAlchemy and psycopg on the client; the slowest keys are two words where the rarer still
has thousands of tokens ("william war": 1,600 index probes, 6-10 ms of the server's CPU).

    python bench/search_postgresql.py --database-url postgresql://USER@HOST/postgres [--people N]

The URL names a server where USER may create databases; the run makes its own database there
and drops it afterwards.
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

from _common import (
    argument_parser,
    open_demo_workspace,
    percentile,
    print_result,
    print_summary,
    summary,
    temporary_folder,
)
from search import RESULT_LIMIT as SHOWN
from search import WARM_UP, measure_find_people, texts_typed, typing_sequences

from sassot_desktop.db.location import DATABASE_URL_VARIABLE, server_url
from sassot_desktop.people import folding

TARGET_RATIO = 2.0


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("SASSOT_TEST_DATABASE_URL"),
        metavar="URL",
        help="a PostgreSQL server where the run may create a database "
        "(default: SASSOT_TEST_DATABASE_URL)",
    )
    args = parser.parse_args()
    if not args.database_url:
        parser.error("name a PostgreSQL server with --database-url")
    os.environ.pop(DATABASE_URL_VARIABLE, None)
    with temporary_folder() as folder:
        on_sqlite = open_demo_workspace(Path(folder) / "sqlite", args.people)
        sequences = typing_sequences(on_sqlite.paths.database, random.Random(2026))
        texts = [text for text in texts_typed(sequences) if folding.words(text)]
        print(f"{len(sequences)} typing sequences, {len(texts)} keys, e.g. {sequences[8:11]}")
        sqlite_samples = measure_find_people(on_sqlite, texts)
        on_sqlite.close()
        with scratch_database(args.database_url) as url:
            os.environ[DATABASE_URL_VARIABLE] = url
            on_server = open_demo_workspace(Path(folder) / "postgresql", args.people)
            check_same_results(on_server, texts, Path(folder))
            server_samples = measure_find_people(on_server, texts)
            on_server.close()
            del os.environ[DATABASE_URL_VARIABLE]

    print_summary("find_people() on SQLite", sqlite_samples)
    print_summary("find_people() on PostgreSQL", server_samples)
    value, baseline = percentile(server_samples, 95), percentile(sqlite_samples, 95)
    passed = value <= TARGET_RATIO * baseline
    print(
        f"Target PostgreSQL p95 <= {TARGET_RATIO:g} x SQLite's with {args.people:,} people: "
        f"{'PASSED' if passed else 'MISSED'} ({value:.2f} ms against {baseline:.2f} ms)"
    )
    print_result(
        value,
        "ms",
        baseline,
        people=args.people,
        keys=len(texts),
        warm_up=WARM_UP,
        passed=passed,
        postgresql=summary(server_samples),
        sqlite=summary(sqlite_samples),
    )


def check_same_results(on_server, texts: list[str], folder: Path) -> None:
    """The two databases hold the same demo year: a search must find the same people.

    Only searches that find fewer people than a list shows are compared: of a longer list,
    each database shows the first it comes to (``people.search`` promises no order there)."""
    from sassot_desktop.people.records import find_people
    from sassot_desktop.workspace import open_workspace

    saved = os.environ.pop(DATABASE_URL_VARIABLE)
    on_sqlite = open_workspace(folder / "sqlite")
    os.environ[DATABASE_URL_VARIABLE] = saved
    compared = 0
    try:
        for text in texts:
            with on_sqlite.db.read() as one, on_server.db.read() as other:
                expected = [(p.first_name, p.last_name, p.email) for p in find_people(one, text)]
                found = [(p.first_name, p.last_name, p.email) for p in find_people(other, text)]
            if len(expected) < SHOWN:
                assert found == expected, (text, found, expected)
                compared += 1
    finally:
        on_sqlite.close()
    print(f"Same people found on both databases for the {compared} texts that find a few")


class scratch_database:  # noqa: N801 (used as a context manager, like tempfile's)
    """A database of its own on the server, dropped when the run ends."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        self._server = make_url(server_url(url))
        self._admin = create_engine(self._server, isolation_level="AUTOCOMMIT")
        self._name = f"sassot_bench_{os.getpid()}"

    def __enter__(self) -> str:
        self._run(f'CREATE DATABASE "{self._name}"')
        return self._server.set(database=self._name).render_as_string(hide_password=False)

    def __exit__(self, *_exc) -> None:
        self._run(f'DROP DATABASE IF EXISTS "{self._name}" WITH (FORCE)')
        self._admin.dispose()

    def _run(self, statement: str) -> None:
        from sqlalchemy import text

        started = time.perf_counter()
        with self._admin.connect() as connection:
            connection.execute(text(statement))
        print(
            f"{statement.split(' ')[0].title()} database in {time.perf_counter() - started:.1f} s"
        )


if __name__ == "__main__":
    main()
