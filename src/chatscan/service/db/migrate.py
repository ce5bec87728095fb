"""Bring a ledger database to the latest schema with Alembic, without an alembic.ini.

Several service processes (uvicorn workers, containers) may start at once against one
database, so ``upgrade`` serialises them: a PostgreSQL advisory lock, or an exclusive
``flock`` beside a SQLite file. Whoever comes second finds the schema at head and does nothing.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from chatscan.service.db.ledger import is_memory_sqlite, make_engine, normalize_url

try:  # POSIX only; elsewhere SQLite migrations are not serialised between processes.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "MIGRATION_LOCK_ID",
    "alembic_config",
    "current_revision",
    "head_revision",
    "upgrade",
    "upgrade_connection",
]

#: Key of the PostgreSQL advisory lock held while migrating ("chatscan" in ASCII).
MIGRATION_LOCK_ID = 0x63686174_7363616E


def migrations_dir() -> Path:
    """The directory of the ``chatscan.service.migrations`` package (Alembic needs a path)."""
    return Path(str(files("chatscan.service.migrations")))


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config for the ledger's migrations, optionally bound to ``connection``.

    Alembic's output goes to a buffer, never to stdout, and its env.py leaves logging alone.
    """
    config = Config(stdout=io.StringIO())
    config.set_main_option("script_location", str(migrations_dir()).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    """The newest revision in the package's migrations."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The revision the database behind ``connection`` is at (None when never migrated)."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade_connection(connection: Connection) -> None:
    """Migrate through ``connection`` to head, with no locking (the caller serialises)."""
    command.upgrade(alembic_config(connection), "head")


def upgrade(url: str) -> None:
    """Migrate the database at ``url`` to head; safe when many processes do it at once."""
    parsed = normalize_url(url)
    if is_memory_sqlite(parsed):
        raise ValueError(
            "an in-memory SQLite database vanishes with its connection; use Ledger.open"
        )
    engine = make_engine(parsed, poolclass=NullPool)
    try:
        if parsed.get_backend_name() == "postgresql":
            _upgrade_postgresql(engine.connect())
        else:
            with _file_lock(_lock_path(parsed)), engine.begin() as connection:
                upgrade_connection(connection)
    finally:
        engine.dispose()


def _upgrade_postgresql(connection: Connection) -> None:
    """Migrate while holding the session-level advisory lock on the same connection.

    Closing the (unpooled) connection releases the lock even if the unlock fails.
    """
    with connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_ID})
        connection.commit()
        try:
            with connection.begin():
                upgrade_connection(connection)
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_ID})
            connection.commit()


def _lock_path(url: URL) -> Path:
    return Path(f"{Path(url.database or '').expanduser()}.migrate-lock")


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path`` (created if missing) for the block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
