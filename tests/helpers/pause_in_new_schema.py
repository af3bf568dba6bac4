"""Start the program on a new data folder, and stop while it creates the database's tables.

Run by ``test_newest_schema`` as ``python pause_in_new_schema.py DATA_DIR``: the real command
line (``workshops list``) opens the folder, which creates the newest schema through plain
``sqlite3``. Every statement of every ``sqlite3`` connection is watched; at the second
CREATE the script says ``PAUSED <statement>`` and waits, the first table made but not
committed, until the test kills it. The program itself carries no hook for this.
"""

from __future__ import annotations

import re
import sqlite3
import sys

from sassot_desktop import cli

CREATE = re.compile(r"^\s*CREATE\b", re.IGNORECASE)


def pause_at_second_create():
    creates = 0

    def watch(statement: str) -> None:
        nonlocal creates
        if CREATE.match(statement):
            creates += 1
        if creates == 2:
            print("PAUSED", " ".join(statement.split())[:80], flush=True)
            sys.stdin.readline()  # never answered: the test kills the process here

    return watch


def main(data_dir: str) -> int:
    watch = pause_at_second_create()
    connect = sqlite3.connect

    def watched_connect(*args, **kwargs):
        connection = connect(*args, **kwargs)
        connection.set_trace_callback(watch)
        return connection

    sqlite3.connect = watched_connect
    code = cli.main(["--data-dir", data_dir, "workshops", "list"])
    print("FINISHED WITHOUT PAUSING", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
