"""The service's payments ledger on SQLite or PostgreSQL (SQLAlchemy 2 + Alembic)."""

from __future__ import annotations

from chatscan.service.db.ledger import AnalysisRecord, Ledger
from chatscan.service.db.migrate import upgrade

__all__ = ["AnalysisRecord", "Ledger", "upgrade"]
