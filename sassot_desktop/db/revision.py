"""The schema revision this version of the program expects (the newest in migrations/versions).

Plain Python, so that start-up can see whether a database is current without loading the
database layer or Alembic; a test checks it against Alembic's own head.
"""

HEAD_REVISION = "0010"
