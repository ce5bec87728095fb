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
from itertools import accumulate

from chatscan.core.ingest.base import Format, IngestLog, IngestOptions, Sniff, Source
from chatscan.core.models import Context, Message

__all__ = [
    "ANCHOR_RE",
    "SPEAKER_RE",
    "TIMESTAMP_PREFIX_RE",
    "EntryBatch",
    "parse_anchor",
    "read_paragraphs",
    "split_entries",
    "split_entry_batches",
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


class EntryBatch:
    """Consecutive entries of one decoded chunk, with their line numbers on demand."""

    __slots__ = ("_base_line", "_cursor", "_offsets", "_parts", "_piece_of", "entries",
                 "first_index", "text")  # fmt: skip

    def __init__(self, first_index: int, text: str, parts: list[str], base_line: int) -> None:
        self.first_index = first_index
        self.text = text  # the chunk the entries come from
        self._parts = parts  # entry, separator, entry, ..., entry (the last one excluded)
        self._base_line = base_line
        self._cursor = (0, base_line)  # a part index and the line its part starts on
        self._offsets: list[int] | None = None
        stripped = list(map(str.strip, parts[0::2]))
        if all(stripped):
            self.entries = stripped
            self._piece_of: list[int] | None = None
        else:
            self.entries = [entry for entry in stripped if entry]
            self._piece_of = [2 * k for k, entry in enumerate(stripped) if entry]

    def _part(self, k: int) -> int:
        return self._piece_of[k] if self._piece_of is not None else 2 * k

    def _start(self, part: int) -> int:
        """Character offset of a part in ``text``."""
        if self._offsets is None:
            self._offsets = [0, *accumulate(map(len, self._parts))]
        return self._offsets[part]

    def line(self, k: int) -> int:
        """The line entry ``k`` starts on (fastest when asked in increasing order)."""
        part = self._part(k)
        start, line = self._cursor
        if part < start:
            start, line = 0, self._base_line
        line += self.text.count("\n", self._start(start), self._start(part))
        self._cursor = (part, line)
        piece = self._parts[part]
        if piece[:1].isspace():
            line += piece[: len(piece) - len(piece.lstrip())].count("\n")
        return line

    def utf8_pieces(self) -> tuple[bytes, list[int]]:
        """The chunk as UTF-8 up to the last entry's separator, and the byte offset just
        past each entry's piece in it."""
        parts = self._parts
        if self.text.isascii():
            ends = [0, *accumulate(map(len, parts))] if self._offsets is None else self._offsets
            data = self.text[: ends[-1]].encode("ascii")
        else:
            ends = [0, *accumulate(map(len, map(str.encode, parts)))]
            data = "".join(parts).encode()
        if self._piece_of is None:
            return data, ends[1::2][: len(self.entries)]
        return data, [ends[part + 1] for part in self._piece_of]

    def lines_after(self, consumed: int) -> int:
        """The line the text after this batch (after ``consumed`` characters) starts on."""
        return self._base_line + self.text.count("\n", 0, consumed)


_ODD_SEPARATOR_RE = re.compile(r"\n[^\S\n]+\n")


def _split_parts(text: str) -> list[str]:
    """``_SEPARATOR_RE.split`` with the separators kept: entry, separator, ..., entry.

    Where every blank line is empty, splitting on ``\n\n`` gives the same entries once
    stripped (a third newline stays as leading whitespace, a fourth makes an empty piece)
    and is much faster; a line holding only spaces or tabs needs the regular expression.
    """
    if _ODD_SEPARATOR_RE.search(text):
        return _SEPARATOR_RE.split(text)
    pieces = text.split("\n\n")
    parts: list[str] = [""] * (2 * len(pieces) - 1)
    parts[0::2] = pieces
    parts[1::2] = ["\n\n"] * (len(pieces) - 1)
    return parts


def _trailing_whitespace(pieces: list[str]) -> str:
    tail: list[str] = []
    for piece in reversed(pieces):
        stripped = piece.rstrip()
        tail.append(piece[len(stripped) :])
        if stripped:
            break
    return "".join(reversed(tail))


def split_entry_batches(chunks: Iterable[str], first_line: int = 1) -> Iterator[EntryBatch]:
    """Stripped, non-empty entries in batches (one per decoded chunk), read incrementally."""
    pending: list[str] = []
    line = first_line
    index = 0
    for chunk in chunks:
        if pending:
            tail = _trailing_whitespace(pending)
            if _SEPARATOR_RE.search(tail + chunk[:4096]) is None and chunk.find("\n", 4096) < 0:
                pending.append(chunk)  # one long entry goes on; don't re-split it
                continue
            buffer = "".join(pending) + chunk
        else:
            buffer = chunk
        parts = _split_parts(buffer)
        pending = [parts.pop()]  # the last entry may continue in the next chunk
        if parts:
            batch = EntryBatch(index, buffer, parts, line)
            index += len(batch.entries)
            line = batch.lines_after(len(buffer) - len(pending[0]))
            yield batch
    if pending:
        rest = "".join(pending)
        batch = EntryBatch(index, rest, [rest], line)
        if batch.entries:
            yield batch


def split_entries(chunks: Iterable[str]) -> Iterator[tuple[str, int]]:
    """Each stripped, non-empty entry with the line it starts on."""
    for batch in split_entry_batches(chunks):
        for k, entry in enumerate(batch.entries):
            yield entry, batch.line(k)


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


def _read(source: Source, options: IngestOptions, log: IngestLog) -> Iterator[Message]:
    return read_paragraphs(source.text_chunks(options))


def _sniff(sniff: Sniff) -> float:
    return 0.0  # the compat mode is chosen explicitly, never detected


FORMAT = Format(
    name="paragraphs",
    title="Blank-line-separated entries (the original offline scanner's compat mode)",
    example="Alex: I asked you to stop. I said no.",
    sniff=_sniff,
    read=_read,
    extensions=(".txt", ".log"),
)
