"""Start the program on a data folder that needs migrating, and stop half way through.

Run by ``test_upgrades`` as ``python pause_in_migration.py DATA_DIR PAUSE_AT``: the real
command line (``workshops list``) opens the folder, which migrates the database. Every SQL
statement the program's SQLAlchemy engines run is watched; at the chosen one the script says
``PAUSED <statement>`` and waits, inside the migration, until the test kills it.

PAUSE_AT is ``second-change`` (the migration has made one change and is about to make the
next) or ``version-stamp`` (a migration has made all its changes and is about to record its
revision). The program itself carries no hook for this.
"""

from __future__ import annotations

import re
import sys

from sqlalchemy import Engine, event

from sassot_desktop import cli

CHANGE = re.compile(r"^\s*(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
VERSION_STAMP = re.compile(r"^\s*UPDATE alembic_version\b", re.IGNORECASE)


def pause_at(pause: str):
    changes = 0

    def watch(statement: str) -> None:
        nonlocal changes
        if CHANGE.match(statement):
            changes += 1
        if (pause == "second-change" and changes == 2) or (
            pause == "version-stamp" and VERSION_STAMP.match(statement)
        ):
            print("PAUSED", " ".join(statement.split())[:80], flush=True)
            sys.stdin.readline()  # never answered: the test kills the process here

    return watch


def main(data_dir: str, pause: str) -> int:
    watch = pause_at(pause)

    @event.listens_for(Engine, "connect")
    def _watch_statements(dbapi_connection, _record) -> None:
        dbapi_connection.set_trace_callback(watch)

    code = cli.main(["--data-dir", data_dir, "workshops", "list"])
    print("FINISHED WITHOUT PAUSING", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
