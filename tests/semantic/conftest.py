"""The semantic layer's tests run the real model (no mocks of chatscan's modules).

Without the ``semantic`` extra they are skipped, except under ``CI=true``, where they
fail: CI must test the layer that ships.
"""

from __future__ import annotations

import os

import pytest

from chatscan.semantic import available


@pytest.fixture(autouse=True, scope="session")
def _semantic_extra_installed() -> None:
    reason = available()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"the semantic layer is required under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)
