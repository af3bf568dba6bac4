"""Which database a data folder works on: the SQLite file in it, or the team's PostgreSQL server.

Chosen, first match wins, by ``--database-url`` (the command line puts it in the environment,
so every part of one run and anything it starts agree), the environment variable
``SASSOT_DATABASE_URL``, and the Settings entry ``database_url``. With none of them the data
folder's own ``sassot.db`` is the database, as before. The data folder keeps the logs, backups,
settings and the outbox whichever database is used.
"""

from __future__ import annotations

import os

from sassot_desktop import paths
from sassot_desktop.errors import UserError

DATABASE_URL_VARIABLE = "SASSOT_DATABASE_URL"
DATABASE_URL_SETTING = "database_url"
_POSTGRESQL_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def use_database_url(url: str) -> None:
    """``--database-url``: this run, and anything it starts, works on ``url``."""
    os.environ[DATABASE_URL_VARIABLE] = url


def chosen_url(folders: paths.DataPaths) -> str | None:
    """The server's URL the officer chose, or None for the SQLite file in the data folder."""
    url = os.environ.get(DATABASE_URL_VARIABLE, "").strip()
    if not url:
        from sassot_desktop.settings import Settings

        url = str(Settings(folders.data_dir).get(DATABASE_URL_SETTING) or "").strip()
    return server_url(url) if url else None


def server_url(url: str) -> str:
    """``url`` as SQLAlchemy opens it with psycopg 3; anything but PostgreSQL is refused."""
    if not url.startswith(_POSTGRESQL_SCHEMES):
        raise UserError(
            f"The database address {url!r} is not a PostgreSQL address; write it as "
            "postgresql://USER@HOST/DATABASE, or leave it empty to use this computer's own file."
        )
    return "postgresql+psycopg://" + url.split("://", 1)[1]


def describe(url: str | None) -> str:
    """The database for a person to read: the server and database name, never a password."""
    if url is None:
        return "this computer's own file"
    from urllib.parse import urlsplit

    # Plain urllib: the window's status bar shows this before SQLAlchemy has loaded.
    parts = urlsplit(url)
    database = parts.path.lstrip("/") or "postgres"
    return f"PostgreSQL database {database} on {parts.hostname or 'this computer'}"


def refuse_on_server(folders: paths.DataPaths, done: str) -> None:
    """Backups and restores copy the SQLite file; on a server they are the server's job."""
    url = chosen_url(folders)
    if url is not None:
        raise UserError(
            f"The records are in the team's {describe(url)}, so they are {done} on the server "
            "itself (with pg_dump and pg_restore, by whoever looks after it), not by SASSOT "
            "Workforce; ask them if you need a copy from a day before."
        )
