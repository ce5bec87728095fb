"""Reading bytes as text, incrementally: byte-order marks, bad bytes, newlines, hashing.

One pass over the input does everything the report needs to say about the file:
its SHA-256 and size, its encoding (a UTF-8 or UTF-16 byte-order mark is honoured),
how many undecodable byte sequences were replaced with U+FFFD and where the first
one was, with newlines translated as Python's text mode does (``\\r\\n`` and ``\\r``
become ``\\n``).
"""

from __future__ import annotations

import codecs
import hashlib
import io
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from chatscan.core.errors import EncodingError, InputError

__all__ = ["CHUNK_BYTES", "DecodeStats", "decode_chunks"]

CHUNK_BYTES = 1 << 20
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BINARY_SNIFF_BYTES = 8192


@dataclass
class DecodeStats:
    """What reading the input found out about it."""

    encoding: str = "utf-8"
    bom: bool = False
    size: int = 0
    replacements: int = 0
    first_bad_offset: int | None = None
    sha256: str = ""
    _hash: object = field(default_factory=hashlib.sha256, repr=False)

    def warning(self) -> str | None:
        if not self.replacements:
            return None
        return (
            f"{self.replacements} undecodable byte sequence(s) replaced with U+FFFD; "
            f"first at byte offset {self.first_bad_offset}"
        )


class _Recorder(threading.local):
    stats: DecodeStats | None = None
    base: int = 0
    strict: bool = False


_recorder = _Recorder()


def _record_bad_bytes(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError) or _recorder.stats is None:
        raise exc
    offset = _recorder.base + exc.start
    stats = _recorder.stats
    if _recorder.strict:
        raise EncodingError(
            f"the input is not valid {stats.encoding}: undecodable bytes at byte offset {offset}",
            offset=offset,
        )
    stats.replacements += 1
    if stats.first_bad_offset is None:
        stats.first_bad_offset = offset
    return "\ufffd", exc.end


codecs.register_error("chatscan-record", _record_bad_bytes)


def _detect_bom(head: bytes) -> tuple[str, int]:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding, len(bom)
    return "utf-8", 0


def decode_chunks(
    stream: BinaryIO,
    stats: DecodeStats,
    *,
    strict: bool = False,
    chunk_bytes: int = CHUNK_BYTES,
    on_bytes: Callable[[int], None] | None = None,
    offset: int = 0,
    file_start: bool = True,
) -> Iterator[str]:
    """Yield decoded, newline-translated text chunks; fill ``stats`` as it goes.

    ``offset`` and ``file_start`` let a caller decode a byte range of a UTF-8 file that
    starts after a newline: offsets in warnings stay absolute, and neither a byte-order
    mark nor binary data is looked for except at the start of the file.
    """
    first = stream.read(chunk_bytes)
    encoding, skip = _detect_bom(first[:4]) if file_start else ("utf-8", 0)
    stats.encoding, stats.bom = encoding, skip > 0
    if file_start and not skip:
        nul = first.find(b"\x00", 0, _BINARY_SNIFF_BYTES)
        if nul >= 0:
            raise InputError(
                f"this looks like binary data, not a text chat export (NUL byte at offset {nul})"
            )
    decoder = codecs.getincrementaldecoder(encoding)(errors="chatscan-record")
    text_decoder = io.IncrementalNewlineDecoder(decoder, translate=True)
    fed = 0
    chunk = first
    pending_skip = skip
    while True:
        final = not chunk
        raw_length = len(chunk)
        stats._hash.update(chunk)  # type: ignore[attr-defined]
        stats.size += raw_length
        if pending_skip:
            fed, chunk, pending_skip = pending_skip, chunk[pending_skip:], 0
        buffered = len(getattr(decoder, "buffer", b""))
        _recorder.stats, _recorder.base, _recorder.strict = stats, offset + fed - buffered, strict
        try:
            text = text_decoder.decode(chunk, final=final)
        finally:
            _recorder.stats = None
        fed += len(chunk)
        if on_bytes is not None and raw_length:
            on_bytes(raw_length)
        if text:
            yield text
        if final:
            break
        chunk = stream.read(chunk_bytes)
    stats.sha256 = stats._hash.hexdigest()  # type: ignore[attr-defined]
