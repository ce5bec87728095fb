"""Fingerprints reproduce the original's normalisation and hash prefix."""

from __future__ import annotations

import pytest

from chatscan.core.analysis.fingerprint import fingerprint, normalise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm scared of the camera.", "d4942b00d5536a31"),
        ("I asked you to stop. I said NO.", "6c44b609de273c67"),
        ("i asked you to stop.   i said no.", "6c44b609de273c67"),
        ("no", "9390298f3fb0c5b1"),
    ],
)
def test_matches_seed_outputs(text: str, expected: str) -> None:
    assert fingerprint(text).hex() == expected


def test_normalise() -> None:
    assert normalise("  Don’t  “Go” —\n\tNOW ") == 'don\'t "go" - now'
