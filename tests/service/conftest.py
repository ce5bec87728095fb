"""Database fixtures for the service tests: a SQLite file, or a brand-new PostgreSQL database.

PostgreSQL is expected at 127.0.0.1:5432 (user ``postgres``, trust auth); set
``CHATSCAN_TEST_POSTGRES_URL`` to use another server. Without one the PostgreSQL cases are
skipped, except under ``CI=true``, where they fail: CI must test what production runs.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from chatscan.service.db.ledger import normalize_url

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _admin_url() -> URL:
    return normalize_url(os.environ.get("CHATSCAN_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL))


@pytest.fixture(scope="session")
def _postgres_admin() -> Iterator[Engine]:
    """An AUTOCOMMIT engine on the server's admin database; skips (or fails) if unreachable.

    Session-scoped so an unreachable server is probed once, not once per test.
    """
    url = _admin_url()
    engine = create_engine(
        url, isolation_level="AUTOCOMMIT", poolclass=NullPool, connect_args={"connect_timeout": 2}
    )
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        engine.dispose()
        where = f"{url.host}:{url.port or 5432}"
        reason = str(exc.orig or exc).strip().splitlines()[0]
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"PostgreSQL at {where} is required under CI=true but cannot be reached: {reason}",
                pytrace=False,
            )
        pytest.skip(f"PostgreSQL at {where} is not reachable: {reason}")
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ledger.db'}"


@pytest.fixture
def postgres_url(_postgres_admin: Engine) -> Iterator[str]:
    """The URL of a new, empty database, dropped (with any connections left) afterwards."""
    name = f"chatscan_t_{secrets.token_hex(6)}"
    with _postgres_admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield _admin_url().set(database=name).render_as_string(hide_password=False)
    finally:
        with _postgres_admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", "postgres"])
def ledger_url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue(f"{request.param}_url"))
