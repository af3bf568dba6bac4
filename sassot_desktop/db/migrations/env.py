"""Alembic's entry point: always run from code (``db.migrate``) on a connection it hands over.

That connection is already in the one transaction every revision due runs in (``db.migrate``
says why SQLite needs it begun by hand), so Alembic's own transaction settings
(``transactional_ddl``, ``transaction_per_migration``) do not apply.
"""

from alembic import context

from sassot_desktop.db.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite alters tables by copying them; batch mode does that for us in later revisions.
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
