"""A real service for the client's tests: the real app under a real uvicorn, in a thread."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from chatscan.service import Settings, create_app
from tests.paths import REPO_ROOT
from tests.service.support import make_settings, running_server

SAMPLE_CHAT = REPO_ROOT / "examples" / "sample_chat.txt"
TELEGRAM_CHAT = REPO_ROOT / "tests" / "fixtures" / "telegram" / "single_chat.json"
STRIPE_KEY = "sk_test_chatscan_client"


def live_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Payments off, a SQLite ledger in ``tmp_path`` and no brand header (so the CSVs are
    the offline scanner's bytes), unless ``overrides`` say otherwise."""
    return make_settings(tmp_path, **{"brand_name": "", "log_level": "WARNING", **overrides})


@contextmanager
def live_service(tmp_path: Path, **overrides: Any) -> Iterator[str]:
    """The base address of a running service with :func:`live_settings`."""
    with running_server(create_app(live_settings(tmp_path, **overrides))) as url:
        yield url
