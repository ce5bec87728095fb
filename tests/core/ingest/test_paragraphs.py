"""Paragraph chunking and entry parsing, against the original scanner's rules."""

from __future__ import annotations

import random
import re

import pytest

from chatscan.core.ingest.paragraphs import parse_anchor, split_entries, split_message


def reference_entries(text: str) -> list[tuple[str, int]]:
    """The original algorithm on the whole text, with the line each entry starts on."""
    out = []
    parts = re.split(r"(\n\s*\n+)", text)
    line = 1
    for i in range(0, len(parts), 2):
        piece = parts[i]
        if piece.strip():
            out.append(
                (piece.strip(), line + piece[: len(piece) - len(piece.lstrip())].count("\n"))
            )
        line += piece.count("\n") + (parts[i + 1].count("\n") if i + 1 < len(parts) else 0)
    return out


def test_chunking_never_changes_entries_or_lines() -> None:
    rng = random.Random(7)
    alphabet = ["a", "b c", "\n", "\n\n", " \n \n", "  ", "x\ny", "\t", "\u3000", "\u2028", "é"]
    for _ in range(3000):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 60)))
        for size in (1, 2, 3, 7, 100):
            chunks = [text[i : i + size] for i in range(0, len(text), size)]
            assert list(split_entries(chunks)) == reference_entries(text)


def test_one_huge_entry_is_not_resplit() -> None:
    chunks = ["word " * 1000] * 50 + ["\n\nnext"]
    entries = list(split_entries(chunks))
    assert [len(e) for e, _ in entries] == [len(("word " * 50000).strip()), 4]


@pytest.mark.parametrize(
    ("entry", "key"),
    [
        ("Iowa 2017", "Iowa 2017"),
        ("Iowa, 2017", "Iowa 2017"),
        ("California — 2018", "California 2018"),
        ("New York-2019", "New York- 2019"),  # the place class takes the dash, as the original
        ("St. John's 1999", "St. John's 1999"),
        ("Iowa 2017 trip", None),
        ("I 2017", "I 2017"),  # a letter then one more place character: a place
        ("Iowa 1899", None),
        ("9 Iowa 2017", None),
    ],
)
def test_anchor(entry: str, key: str | None) -> None:
    anchor = parse_anchor(entry)
    assert (anchor.key if anchor else None) == key


@pytest.mark.parametrize(
    ("entry", "speaker", "message"),
    [
        ("Alex: hi", "Alex", "hi"),
        ("alex:   i said no.", "alex", "i said no."),
        ("A: hi", None, "A: hi"),
        ("Alex: hi\nJordan: yo", None, "Alex: hi\nJordan: yo"),
        ("[2017-09-15 10:23 AM] Alex: hi", None, "Alex: hi"),
        ("9/20/2017 8:15 PM - Jordan: I can see you", None, "Jordan: I can see you"),
        ("2017-09-21 08:00:01 I changed it", None, "I changed it"),
        ("[10/02/18, 3:45 pm] Alex: boundaries", None, "Alex: boundaries"),
        ("Alex: 9/20/2017 hello", "Alex", "hello"),
        ("Before any anchor: I'm scared", "Before any anchor", "I'm scared"),
    ],
)
def test_speaker_and_timestamp(entry: str, speaker: str | None, message: str) -> None:
    assert split_message(entry) == (speaker, message)
