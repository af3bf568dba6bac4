"""The baseline of ``import.py``: a bare loop, CSV file in, SQLite rows out, in one process.

python bench/_import_bare.py FILE.csv NEW.db
"""

from __future__ import annotations

import csv
import sqlite3
import sys

COLUMNS = "forename, surname, email, born, gender, postcode, club, sport, mobile"


def main(source: str, database: str) -> None:
    connection = sqlite3.connect(database)
    connection.execute(f"CREATE TABLE person (id INTEGER PRIMARY KEY, {COLUMNS})")
    with open(source, newline="", encoding="utf-8") as file, connection:
        rows = csv.reader(file)
        next(rows)  # the header
        connection.executemany(
            f"INSERT INTO person ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
        )
    connection.close()


if __name__ == "__main__":
    main(*sys.argv[1:3])
