"""Paragraph mode on several cores: byte ranges examined in worker processes, absorbed
here in file order, so the result is the same as one process reading the whole file.

A file is cut only right after a blank line (``\\n\\n`` or ``\\n\\r\\n``): there an
entry ends, a UTF-8 character cannot be split and ``\\r\\n`` cannot straddle the cut.
Workers are forked after the engine is built, so they inherit the compiled rules.
Only UTF-8 files on platforms that can fork qualify; anything else runs in one process.
"""

from __future__ import annotations

import codecs
import gc
import hashlib
import io
import multiprocessing
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from chatscan.core.analysis.paragraph import BatchFindings, ParagraphAnalysis, examine_batch
from chatscan.core.decoding import DecodeStats, decode_chunks
from chatscan.core.engine import Engine
from chatscan.core.errors import ChatscanError, EncodingError, InputError
from chatscan.core.ingest.paragraphs import split_entry_batches

__all__ = ["MIN_PARALLEL_BYTES", "auto_jobs", "can_run_in_parallel", "scan_paragraphs_in_parallel"]

MIN_PARALLEL_BYTES = 4 << 20
MIN_RANGE_BYTES = 1 << 20
RANGE_BYTES = 16 << 20
RANGES_PER_JOB = 4
_BLANK_LINE = re.compile(rb"\n\r?\n")
_WINDOW_BYTES = 64 << 10
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def auto_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def can_run_in_parallel(path: Path, jobs: int) -> bool:
    if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return False
    try:
        if not path.is_file() or path.stat().st_size < MIN_PARALLEL_BYTES:
            return False
        with path.open("rb") as stream:
            return not stream.read(2).startswith(_UTF16_BOMS)
    except OSError:
        return False


def _plan(stream: BinaryIO, size: int, jobs: int) -> list[tuple[int, int]]:
    """Byte ranges that each end right after a blank line (or at the end of the file)."""
    # Several ranges per process, so that this process absorbs early ranges while the
    # workers examine later ones.
    target = max(MIN_RANGE_BYTES, min(RANGE_BYTES, -(-size // (jobs * RANGES_PER_JOB))))
    ranges: list[tuple[int, int]] = []
    start = 0
    while start < size:
        end = size
        position = start + target
        while position < size:
            stream.seek(position - 2)  # a blank line may begin just before the target
            window = stream.read(_WINDOW_BYTES)
            match = _BLANK_LINE.search(window)
            if match:
                end = position - 2 + match.end()
                break
            position += len(window) - 2
        ranges.append((start, end))
        start = end
    return ranges


@dataclass
class _RangeResult:
    findings: list[BatchFindings]
    newlines: int
    encoding: str
    bom: bool
    replacements: int
    first_bad_offset: int | None
    error: tuple[str, str, int | None] | None = None


# Set in the parent just before forking; the workers read it.
_WORK: dict[str, object] = {}


def _examine_range(span: tuple[int, int]) -> _RangeResult:
    start, end = span
    path, engine, strict = _WORK["path"], _WORK["engine"], _WORK["strict"]
    assert isinstance(path, Path) and isinstance(strict, bool)
    stats = DecodeStats()
    with path.open("rb") as stream:
        stream.seek(start)
        data = stream.read(end - start)
    newlines = 0

    def counted(chunks: Iterator[str]) -> Iterator[str]:
        nonlocal newlines
        for chunk in chunks:
            newlines += chunk.count("\n")
            yield chunk

    try:
        chunks = decode_chunks(
            io.BytesIO(data), stats, strict=strict, offset=start, file_start=start == 0
        )
        findings = [examine_batch(b, engine) for b in split_entry_batches(counted(chunks))]  # type: ignore[arg-type]
    except ChatscanError as exc:
        offset = exc.offset if isinstance(exc, EncodingError) else None
        return _RangeResult([], 0, "", False, 0, None, (type(exc).__name__, exc.message, offset))
    return _RangeResult(
        findings, newlines, stats.encoding, stats.bom, stats.replacements, stats.first_bad_offset
    )


def _hash_range(stream: BinaryIO, length: int, digest: Any) -> None:
    while length > 0:
        block = stream.read(min(length, 1 << 20))
        if not block:
            break
        digest.update(block)
        length -= len(block)


def _raise(error: tuple[str, str, int | None]) -> None:
    kind, message, offset = error
    if kind == "EncodingError" and offset is not None:
        raise EncodingError(message, offset=offset)
    raise InputError(message)


def scan_paragraphs_in_parallel(
    path: Path,
    engine: Engine,
    analysis: ParagraphAnalysis,
    *,
    strict: bool,
    jobs: int,
    on_bytes: Callable[[int], None] | None = None,
) -> DecodeStats:
    """Feed ``analysis`` from ``path`` using ``jobs`` processes; return what decoding saw."""
    engine.candidates_in_utf8(b"", [])  # build the matcher before forking
    stats = DecodeStats()
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        ranges = _plan(stream, size, jobs)
        stream.seek(0)
        _WORK.update(path=path, engine=engine, strict=strict)
        context = multiprocessing.get_context("fork")
        gc.freeze()  # forked workers then leave the parent's objects (and pages) alone
        try:
            with context.Pool(min(jobs, len(ranges))) as pool:
                line = 1
                results = pool.imap(_examine_range, ranges)
                for (start, end), result in zip(ranges, results, strict=True):
                    if result.error is not None:
                        _raise(result.error)
                    _hash_range(stream, end - start, digest)
                    if start == 0:
                        stats.encoding, stats.bom = result.encoding, result.bom
                    stats.replacements += result.replacements
                    if stats.first_bad_offset is None:
                        stats.first_bad_offset = result.first_bad_offset
                    for found in result.findings:
                        analysis.absorb(found, line_offset=line - 1)
                    line += result.newlines
                    if on_bytes is not None:
                        on_bytes(end - start)
        finally:
            gc.unfreeze()
            _WORK.clear()
        stats.size = size
    stats.sha256 = digest.hexdigest()
    return stats
