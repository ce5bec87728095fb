"""Shared test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import SEED_LOG


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compiled matchers are cached in the test session's own directory, never the user's."""
    monkeypatch.setenv("CHATSCAN_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def seed_log() -> Path:
    if not SEED_LOG.is_file():
        pytest.fail(f"the shared seed outputs are missing: {SEED_LOG}")
    return SEED_LOG
