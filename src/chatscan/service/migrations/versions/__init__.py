"""Ledger schema revisions, oldest first (``0001_ledger`` creates every table)."""
