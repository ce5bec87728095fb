"""Where the shared spec and fixtures live (beside the repository, as in CI)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CHATSCAN_SHARED_DIR", REPO_ROOT.parent / "shared"))
SEED_OUTPUTS = SHARED / "spec" / "seed-outputs"
SEED_LOG = SEED_OUTPUTS / "chat_log.txt"
COMPAT_FILES = ("events.csv", "sequences.csv", "context_summary.csv", "pattern_summary.txt")
