"""The service tests' ledger fixtures (a SQLite file, a fresh PostgreSQL database)."""

from __future__ import annotations

from tests.service.conftest import (  # noqa: F401  (fixtures, shared)
    _postgres_admin,
    ledger_url,
    postgres_url,
    sqlite_url,
)
