"""Alembic's entry point: always run from code (``db.migrate``) on a connection it hands over."""

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
