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
from chatscan.core.engine import create_engine
from chatscan.core.errors import InputError
from chatscan.core.ingest import resolve_format
from chatscan.core.ingest.paragraphs import split_entry_batches
from chatscan.core.result import Result, SourceInfo
from chatscan.core.rules import RulePack, load_pack

__all__ = ["ScanOptions", "scan_file", "scan_stream"]


@dataclass(frozen=True)
class ScanOptions:
    format: str = "auto"
    rules: RulePack | None = None
    backend: str = "auto"
    strict_encoding: bool = False


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
    events = analysis.events
    pairs = [(seq.start, seq.end) for seq in pack.spec.sequences]
    sequences = find_sequences(events, pairs, pack.window)
    warnings = [w for w in (stats.warning(),) if w]
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
        warnings=warnings,
    )


def scan_file(
    path: str | Path,
    options: ScanOptions | None = None,
    on_bytes: Callable[[int], None] | None = None,
) -> Result:
    """Scan a file on disk. Raises :class:`InputError` for a missing file or a directory."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a chat export")
    try:
        with path.open("rb") as stream:
            return scan_stream(stream, path.name, options, on_bytes)
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a chat export") from None
