"""Input built to make a backtracking matcher take quadratic time is answered quickly."""

from __future__ import annotations

import time
from pathlib import Path

from tests.service.support import client_for, upload


def test_one_megabyte_of_you_made_me_in_under_two_seconds(tmp_path: Path) -> None:
    client = client_for(tmp_path)
    client.post("/analyze", **upload("warm.txt", "you made me"))  # compile the pack once
    text = "you made me " * (1024 * 1024 // len("you made me "))
    started = time.perf_counter()
    response = client.post("/analyze", **upload("bait.txt", text))
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert response.json()["messages_total"] == 1
    assert elapsed < 2.0, f"{elapsed:.2f} s"
