"""What every ingest format provides, and what it is given.

A format is a :class:`Format`: a name, a one-line example of what it reads, a
``sniff`` that scores how much a file looks like it (0 to 1), and a ``read`` that
turns a :class:`Source` into :class:`~chatscan.core.models.Message` records. A reader
reports what it could not use to an :class:`IngestLog` (position and reason, never
the text) instead of dropping it silently.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from chatscan.core.decoding import DecodeStats, decode_chunks
from chatscan.core.models import Message
from chatscan.core.result import Skipped

__all__ = [
    "DATE_ORDERS",
    "MAX_MEMBER_BYTES",
    "Format",
    "IngestLog",
    "IngestOptions",
    "LimitedReader",
    "Sniff",
    "Source",
]

DATE_ORDERS = ("auto", "dmy", "mdy", "ymd")
SNIFF_BYTES = 64 * 1024
MAX_SKIPPED_LISTED = 1000


@dataclass(frozen=True)
class IngestOptions:
    """Choices a user can make about reading: the date order of ambiguous dates, strict
    decoding, and how many bytes an archive may unpack to (a guard against zip bombs)."""

    date_order: str = "auto"
    strict_encoding: bool = False
    max_unpacked_bytes: int = 1 << 30


@dataclass
class IngestLog:
    """What a reader could not use (position and reason, never text), and its warnings."""

    warnings: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    skipped_total: int = 0

    def skip(self, position: str, reason: str) -> None:
        self.skipped_total += 1
        if len(self.skipped) < MAX_SKIPPED_LISTED:
            self.skipped.append(Skipped(position, reason))

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


class Source:
    """One input: its name and bytes, and its text decoded once on demand."""

    def __init__(self, name: str, *, path: Path | None = None, data: bytes | None = None) -> None:
        if (path is None) == (data is None):
            raise ValueError("a Source has a path or data, not both")
        self.name = name
        self.path = path
        self._data = data
        self.stats = DecodeStats()

    def open(self) -> BinaryIO:
        """A new binary stream over the whole input, at its start."""
        if self.path is not None:
            return self.path.open("rb")
        assert self._data is not None
        return io.BytesIO(self._data)

    @property
    def size(self) -> int:
        if self.path is not None:
            return self.path.stat().st_size
        assert self._data is not None
        return len(self._data)

    def head(self, size: int = SNIFF_BYTES) -> bytes:
        with self.open() as stream:
            return stream.read(size)

    def text_chunks(self, options: IngestOptions | None = None) -> Iterator[str]:
        """The text, decoded as ``decoding`` does (bad bytes counted in ``stats``)."""
        strict = bool(options and options.strict_encoding)
        self.stats = DecodeStats()
        with self.open() as stream:
            yield from decode_chunks(stream, self.stats, strict=strict)

    def text(self, options: IngestOptions | None = None) -> str:
        return "".join(self.text_chunks(options))


@dataclass(frozen=True)
class Sniff:
    """What detection looks at: the file name, its first text, the top-level keys of a
    JSON document (None if it is not JSON) and a zip archive's member names."""

    name: str
    head: str
    json_keys: frozenset[str] | None = None
    zip_names: tuple[str, ...] | None = None

    @classmethod
    def of(cls, source: Source) -> Sniff:
        raw = source.head()
        if raw.startswith(b"PK\x03\x04"):
            try:
                with source.open() as stream, zipfile.ZipFile(stream) as archive:
                    return cls(source.name, "", zip_names=tuple(archive.namelist()))
            except zipfile.BadZipFile:
                return cls(source.name, "", zip_names=())
        head = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
        keys: frozenset[str] | None = None
        start = head.lstrip()
        if start[:1] == "{" or (start[:1] == "[" and start[1:].lstrip()[:1] in ("{", '"', "]")):
            keys = _json_keys(head)
        return cls(source.name, head, json_keys=keys)


def _json_keys(head: str) -> frozenset[str]:
    """Keys at the top of a JSON document, read from its first bytes (it may be cut off)."""
    text = head.lstrip()
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if isinstance(value, dict):
        return frozenset(value)
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return frozenset(value[0])
    # A cut-off document: pick the quoted keys that follow "{" or "," at any depth.
    import re

    return frozenset(re.findall(r'[{,]\s*"([A-Za-z_][A-Za-z0-9_ ]{0,40})"\s*:', text[:SNIFF_BYTES]))


MAX_MEMBER_BYTES = IngestOptions.max_unpacked_bytes


class LimitedReader(io.RawIOBase):
    """A read-only stream that refuses to give more than ``limit`` bytes: a guard for
    archive members, whose declared sizes can lie (a zip bomb)."""

    def __init__(self, stream: BinaryIO, limit: int, what: str) -> None:
        super().__init__()
        self._stream, self._left, self._what, self._limit = stream, limit, what, limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._stream.read(min(len(buffer), self._left + 1))
        if len(data) > self._left:
            from chatscan.core.errors import InputError

            raise InputError(f"{self._what} unpacks to more than {self._limit} bytes; refused")
        self._left -= len(data)
        buffer[: len(data)] = data
        return len(data)


Reader = Callable[[Source, IngestOptions, IngestLog], Iterator[Message]]


@dataclass(frozen=True)
class Format:
    """One supported export format."""

    name: str
    title: str
    example: str  # one header line (or key set) of the format, shown by `chatscan formats`
    sniff: Callable[[Sniff], float]
    read: Reader
    extensions: tuple[str, ...] = (".txt",)
