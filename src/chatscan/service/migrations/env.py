"""Alembic's entry point for the ledger's migrations.

``chatscan.service.db.migrate`` passes the connection to migrate through in
``config.attributes["connection"]`` (already inside a transaction, and under a lock that keeps
concurrent processes apart). Run by hand, it falls back to ``sqlalchemy.url``. It never calls
``logging.config.fileConfig``: the service owns logging.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection
from sqlalchemy.pool import NullPool

from chatscan.service.db.ledger import make_engine
from chatscan.service.db.models import Base

target_metadata = Base.metadata


def _configure_and_run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        # SQLite cannot ALTER most things in place; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """Emit SQL for ``sqlalchemy.url`` instead of running it (``alembic upgrade --sql``)."""
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection was passed and sqlalchemy.url is not set")
    engine = make_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as fresh:
            _configure_and_run(fresh)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
