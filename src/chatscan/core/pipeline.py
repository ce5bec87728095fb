"""One scan from bytes to a :class:`Result`: decode, ingest, match, analyse."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from chatscan.core.analysis import (
    ParagraphAnalysis,
    category_counts,
    context_summary,
    find_sequences,
    sequence_counts,
    strength_counts,
)
from chatscan.core.analysis.messages import (
    MessageAnalysis,
    find_message_sequences,
    month_counts,
    speaker_rows,
)
from chatscan.core.analysis.window import Window
from chatscan.core.decoding import DecodeStats, decode_chunks
from chatscan.core.engine import Engine, create_engine
from chatscan.core.engine.base import Detector
from chatscan.core.errors import ChatscanError, InputError
from chatscan.core.ingest import PARAGRAPHS, Detection, detect, get_format, resolve_format
from chatscan.core.ingest.base import DATE_ORDERS, IngestLog, IngestOptions, Source
from chatscan.core.ingest.paragraphs import split_entry_batches
from chatscan.core.models import Event, SequenceMatch
from chatscan.core.parallel import auto_jobs, can_run_in_parallel, scan_paragraphs_in_parallel
from chatscan.core.result import Result, SourceInfo
from chatscan.core.rules import MESSAGE_DEFAULT_PACK, RulePack, load_pack

__all__ = ["PARAGRAPH_DETECTORS_ERROR", "ScanOptions", "scan_file", "scan_stream"]

PARAGRAPH_DETECTORS_ERROR = (
    "the semantic layer works on messages, not paragraph mode; choose a message format "
    "(see `chatscan formats`) or leave out the semantic layer"
)


def _no_detectors(options: ScanOptions) -> None:
    """Paragraph mode reproduces the original scanner: rules only."""
    if options.detectors:
        raise ChatscanError(PARAGRAPH_DETECTORS_ERROR)


@dataclass(frozen=True)
class ScanOptions:
    """How to scan.

    ``jobs``: processes for large paragraph files (1: this one only; 0: one per core).
    ``window``: how far message-mode sequences look (``"6"`` messages, ``"48h"``);
    the pack's window in messages when None. ``date_order``: ``auto``, ``dmy``,
    ``mdy`` or ``ymd`` for numeric dates. ``max_unpacked_bytes``: the most an archive
    (a zip export) may unpack to. ``detectors``: extra detectors (the semantic layer)
    run beside the rules on every message; message mode only.
    """

    format: str = "auto"
    rules: RulePack | None = None
    backend: str = "auto"
    strict_encoding: bool = False
    jobs: int = 1
    window: str | None = None
    date_order: str = "auto"
    max_unpacked_bytes: int = IngestOptions.max_unpacked_bytes
    detectors: tuple[Detector, ...] = ()


def _assemble(
    name: str,
    pack: RulePack,
    engine: Engine,
    stats: DecodeStats,
    events: list[Event],
    sequences: list[SequenceMatch],
    warnings: list[str],
    **details: Any,
) -> Result:
    """A Result with the counts every mode reports; ``details`` are mode-specific fields."""
    decode_warning = stats.warning()
    return Result(
        source=_source_info(name, stats),
        pack=pack,
        engine=engine.name,
        events=events,
        sequences=sequences,
        category_counts=category_counts(events),
        strength_counts=strength_counts(events),
        sequence_counts=sequence_counts(sequences),
        context_summary=context_summary(events, pack.category_names),
        warnings=[*warnings, *([decode_warning] if decode_warning else [])],
        **details,
    )


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
    return _assemble(
        name, pack, engine, stats, events, sequences, [],
        format=fmt, messages_total=analysis.messages_total, window=f"{pack.window} events",
    )  # fmt: skip


def _source_info(name: str, stats: DecodeStats) -> SourceInfo:
    return SourceInfo(
        name=name,
        size=stats.size,
        sha256=stats.sha256,
        encoding=stats.encoding,
        bom=stats.bom,
        replacements=stats.replacements,
        first_bad_offset=stats.first_bad_offset,
    )


def _hash(source: Source, stats: DecodeStats) -> None:
    """SHA-256 and size of the whole input, unless decoding it already gave them (a zip
    member's or a streamed XML's do not)."""
    if stats.sha256 and stats.size == source.size:
        return
    digest, size = hashlib.sha256(), 0
    with source.open() as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
            size += len(block)
    stats.sha256, stats.size = digest.hexdigest(), size


def _scan_messages(source: Source, options: ScanOptions, fmt: str) -> Result:
    if options.date_order not in DATE_ORDERS:
        raise ChatscanError(f"unknown date order {options.date_order!r}; use one of {DATE_ORDERS}")
    pack = options.rules or load_pack(MESSAGE_DEFAULT_PACK)
    window = Window.parse(options.window, pack.window) if options.window else Window(pack.window)
    detection = detect(source) if fmt == "auto" else Detection(fmt, 1.0)
    if detection.format == PARAGRAPHS:
        with source.open() as stream:
            result = _scan_paragraph_stream(stream, source.name, options, None)
        return replace(result, warnings=[*detection.warnings, *result.warnings])
    engine = create_engine(pack, options.backend)
    log = IngestLog()
    ingest_options = IngestOptions(
        options.date_order, options.strict_encoding, options.max_unpacked_bytes
    )
    analysis = MessageAnalysis(engine, options.detectors)
    analysis.feed(get_format(detection.format).read(source, ingest_options, log))
    stats = source.stats
    _hash(source, stats)
    events = analysis.events
    sequences = find_message_sequences(events, pack.spec.sequences, window)
    return _assemble(
        source.name,
        pack,
        engine,
        stats,
        events,
        sequences,
        [*detection.warnings, *log.warnings],
        format=detection.format,
        messages_total=analysis.messages_total,
        skipped=list(log.skipped),
        skipped_total=log.skipped_total,
        mode="messages",
        window=window.describe(),
        format_confidence=detection.confidence,
        system_messages=analysis.system_messages,
        speakers=speaker_rows(events, analysis.messages_by_speaker, pack.category_names),
        months=month_counts(events),
        detectors=[detector.identity() for detector in options.detectors],
    )


def _scan_paragraph_stream(
    stream: BinaryIO,
    name: str,
    options: ScanOptions,
    on_bytes: Callable[[int], None] | None,
) -> Result:
    _no_detectors(options)
    pack = options.rules or load_pack()
    engine = create_engine(pack, options.backend)
    stats = DecodeStats()
    chunks = decode_chunks(stream, stats, strict=options.strict_encoding, on_bytes=on_bytes)
    analysis = ParagraphAnalysis(engine)
    analysis.feed(split_entry_batches(chunks))
    return _result(name, PARAGRAPHS, pack, engine, stats, analysis)


def scan_stream(
    stream: BinaryIO,
    name: str,
    options: ScanOptions | None = None,
    on_bytes: Callable[[int], None] | None = None,
) -> Result:
    """Scan an open binary stream; ``name`` is what reports call the source."""
    options = options or ScanOptions()
    fmt = resolve_format(options.format)
    if fmt == PARAGRAPHS:
        return _scan_paragraph_stream(stream, name, options, on_bytes)
    return _scan_messages(Source(name, data=stream.read()), options, fmt)


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
    fmt = resolve_format(options.format)
    jobs = options.jobs or auto_jobs()
    try:
        if fmt != PARAGRAPHS:
            return _scan_messages(Source(path.name, path=path), options, fmt)
        if can_run_in_parallel(path, jobs):
            _no_detectors(options)
            pack = options.rules or load_pack()
            engine = create_engine(pack, options.backend)
            analysis = ParagraphAnalysis(engine)
            stats = scan_paragraphs_in_parallel(
                path, engine, analysis, strict=options.strict_encoding, jobs=jobs, on_bytes=on_bytes
            )
            return _result(path.name, PARAGRAPHS, pack, engine, stats, analysis)
        with path.open("rb") as stream:
            return _scan_paragraph_stream(stream, path.name, options, on_bytes)
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a chat export") from None
