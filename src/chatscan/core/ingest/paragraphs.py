"""Paragraph (compat) ingest: the original scanner's chunking and entry parsing.

The text is split into entries on runs of blank lines (``\\n\\s*\\n+``); each entry is
stripped and empty ones dropped. An entry that is only ``Place Year`` sets the
context and is not a message. Otherwise a one-line ``Name: message`` gives a
speaker, and one leading timestamp is removed from the message. See
``shared/spec/seed-scanner.md`` for the behaviour reproduced here byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from chatscan.core.models import Context, Message

__all__ = [
    "ANCHOR_RE",
    "SPEAKER_RE",
    "TIMESTAMP_PREFIX_RE",
    "parse_anchor",
    "read_paragraphs",
    "split_entries",
    "split_message",
]

_SEPARATOR_RE = re.compile(r"(\n\s*\n+)")
ANCHOR_RE = re.compile(r"([A-Za-z][A-Za-z .'\-]{1,60})\s*[,—-]?\s*((?:19|20)\d{2})\s*")
SPEAKER_RE = re.compile(r"([A-Za-z][A-Za-z0-9 .'\-]{1,50})\s*:\s*(.+)")
TIMESTAMP_PREFIX_RE = re.compile(
    r"\s*(?:\[\s*)?(?:\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})"
    r"(?:[,\s]*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?"
    r"\s*\]?\s*-?\s*"
)


def parse_anchor(entry: str) -> Context | None:
    """The context an anchor entry such as ``Iowa, 2017`` sets, or None."""
    if not (entry[-1].isdecimal() and entry[0].isascii() and entry[0].isalpha()):
        return None
    match = ANCHOR_RE.fullmatch(entry)
    if match is None:
        return None
    place, year = match.group(1).strip(), match.group(2)
    return Context(key=f"{place} {year}", place=place, year=year)


def split_entries(chunks: Iterable[str]) -> Iterator[tuple[str, int]]:
    """Stripped, non-empty entries with the line each starts on, read incrementally."""
    pending: list[str] = []
    line = 1
    for chunk in chunks:
        if pending:
            last = pending[-1]
            tail = last[len(last.rstrip()) :]
            if _SEPARATOR_RE.search(tail + chunk[:4096]) is None and "\n" not in chunk[4096:]:
                pending.append(chunk)
                continue
            buffer = "".join(pending) + chunk
        else:
            buffer = chunk
        parts = _SEPARATOR_RE.split(buffer)
        # parts alternate entry, separator, entry, ...; the last entry may continue.
        for k in range(0, len(parts) - 1, 2):
            piece = parts[k]
            entry = piece.strip()
            if entry:
                lead = (
                    piece[: len(piece) - len(piece.lstrip())].count("\n")
                    if piece[0].isspace()
                    else 0
                )
                yield entry, line + lead
            line += piece.count("\n") + parts[k + 1].count("\n")
        pending = [parts[-1]]
    if pending:
        piece = "".join(pending)
        entry = piece.strip()
        if entry:
            yield entry, line + piece[: len(piece) - len(piece.lstrip())].count("\n")


def split_message(entry: str) -> tuple[str | None, str]:
    """(speaker, message) of a non-anchor entry: ``Name: text`` on one line gives a
    speaker; then one leading timestamp is removed from the message."""
    speaker = None
    message = entry
    first = entry[0]
    if first.isascii() and first.isalpha() and "\n" not in entry:
        match = SPEAKER_RE.fullmatch(entry)
        if match is not None:
            speaker, message = match.group(1).strip(), match.group(2).strip()
    first = message[:1]
    if first == "[" or first.isdecimal():
        match = TIMESTAMP_PREFIX_RE.match(message)
        if match is not None:
            message = message[match.end() :].strip()
    return speaker, message


def read_paragraphs(chunks: Iterable[str]) -> Iterator[Message]:
    """Messages of a paragraph-chunked log; ``index`` is the entry's raw block index."""
    context = Context()
    for index, (entry, line) in enumerate(split_entries(chunks)):
        anchor = parse_anchor(entry)
        if anchor is not None:
            context = anchor
            continue
        speaker, message = split_message(entry)
        yield Message(index, message, speaker, None, context, f"line {line}")
