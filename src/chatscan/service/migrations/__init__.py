"""Alembic migrations of the payments ledger (run them with ``chatscan.service.db.upgrade``)."""
