"""One scan from bytes to a :class:`Result`: decode, ingest, match, analyse."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from chatscan.core.analysis import (
    ParagraphAnalysis,
    category_counts,
    context_summary,
    find_sequences,
    sequence_counts,
    strength_counts,
)
from chatscan.core.decoding import DecodeStats, decode_chunks
from chatscan.core.engine import Engine, create_engine
from chatscan.core.errors import InputError
from chatscan.core.ingest import resolve_format
from chatscan.core.ingest.paragraphs import split_entry_batches
from chatscan.core.parallel import auto_jobs, can_run_in_parallel, scan_paragraphs_in_parallel
from chatscan.core.result import Result, SourceInfo
from chatscan.core.rules import RulePack, load_pack

__all__ = ["ScanOptions", "scan_file", "scan_stream"]


@dataclass(frozen=True)
class ScanOptions:
    """How to scan. ``jobs``: processes for large files (1: this one only; 0: one per core)."""

    format: str = "auto"
    rules: RulePack | None = None
    backend: str = "auto"
    strict_encoding: bool = False
    jobs: int = 1


def _result(
    name: str,
    fmt: str,
    pack: RulePack,
    engine: Engine,
    stats: DecodeStats,
    analysis: ParagraphAnalysis,
) -> Result:
    events = analysis.events
    pairs = [(seq.start, seq.end) for seq in pack.spec.sequences]
    sequences = find_sequences(events, pairs, pack.window)
    return Result(
        source=SourceInfo(
            name=name,
            size=stats.size,
            sha256=stats.sha256,
            encoding=stats.encoding,
            bom=stats.bom,
            replacements=stats.replacements,
            first_bad_offset=stats.first_bad_offset,
        ),
        format=fmt,
        pack=pack,
        engine=engine.name,
        messages_total=analysis.messages_total,
        events=events,
        sequences=sequences,
        category_counts=category_counts(events),
        strength_counts=strength_counts(events),
        sequence_counts=sequence_counts(sequences),
        context_summary=context_summary(events, pack.category_names),
        warnings=[w for w in (stats.warning(),) if w],
    )


def scan_stream(
    stream: BinaryIO,
    name: str,
    options: ScanOptions | None = None,
    on_bytes: Callable[[int], None] | None = None,
) -> Result:
    """Scan an open binary stream; ``name`` is what reports call the source."""
    options = options or ScanOptions()
    pack = options.rules or load_pack()
    fmt = resolve_format(options.format)
    engine = create_engine(pack, options.backend)
    stats = DecodeStats()
    chunks = decode_chunks(stream, stats, strict=options.strict_encoding, on_bytes=on_bytes)
    analysis = ParagraphAnalysis(engine)
    analysis.feed(split_entry_batches(chunks))
    return _result(name, fmt, pack, engine, stats, analysis)


def scan_file(
    path: str | Path,
    options: ScanOptions | None = None,
    on_bytes: Callable[[int], None] | None = None,
) -> Result:
    """Scan a file on disk. Raises :class:`InputError` for a missing file or a directory."""
    path = Path(path)
    options = options or ScanOptions()
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a chat export")
    jobs = options.jobs or auto_jobs()
    try:
        if can_run_in_parallel(path, jobs):
            pack = options.rules or load_pack()
            fmt = resolve_format(options.format)
            engine = create_engine(pack, options.backend)
            analysis = ParagraphAnalysis(engine)
            stats = scan_paragraphs_in_parallel(
                path, engine, analysis, strict=options.strict_encoding, jobs=jobs, on_bytes=on_bytes
            )
            return _result(path.name, fmt, pack, engine, stats, analysis)
        with path.open("rb") as stream:
            return scan_stream(stream, path.name, options, on_bytes)
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a chat export") from None
