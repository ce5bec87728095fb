"""The three CSV reports, in Python's default csv dialect (``\\r\\n``, minimal quoting)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import BinaryIO

from chatscan.core.models import Event, SequenceMatch
from chatscan.core.result import Result
from chatscan.reports.registry import ReportOptions, ReportWriter, register

__all__ = ["EVENT_COLUMNS", "SEQUENCE_COLUMNS", "event_row", "excerpt", "write_csv"]

EVENT_COLUMNS = (
    "entry_index",
    "raw_block_index",
    "context_place",
    "context_year",
    "context_key",
    "speaker",
    "fingerprint",
    "patterns",
    "strengths",
    "text",
)
SEQUENCE_COLUMNS = (
    "sequence",
    "context_key",
    "from_entry",
    "to_entry",
    "from_fp",
    "to_fp",
    "from_excerpt",
    "to_excerpt",
)
MESSAGE_EVENT_COLUMNS = (
    "entry_index",
    "message_index",
    "timestamp",
    "speaker",
    "context_key",
    "fingerprint",
    "patterns",
    "strengths",
    "repeat_of",
    "flags",
    "source_ref",
    "text",
)
MESSAGE_SEQUENCE_COLUMNS = (
    *SEQUENCE_COLUMNS,
    "from_speaker",
    "to_speaker",
    "from_timestamp",
    "to_timestamp",
)
EXCERPT_CHARS = 180


def write_csv(stream: BinaryIO, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Python's default csv dialect, UTF-8, written as the rows come."""
    text = io.TextIOWrapper(stream, encoding="utf-8", errors="surrogatepass", newline="")
    try:
        writer = csv.writer(text)
        writer.writerow(header)
        writer.writerows(rows)
    finally:
        text.flush()
        text.detach()


def escaped_text(event: Event) -> str:
    return event.message.text.replace("\n", "\\n")


def excerpt(event: Event) -> str:
    return escaped_text(event)[:EXCERPT_CHARS]


def event_row(event: Event) -> list[object]:
    context = event.message.context
    return [
        event.index,
        event.message.index,
        context.place,
        context.year,
        context.key,
        event.message.speaker or "",
        event.fingerprint,
        ";".join(event.categories),
        ";".join([f"{c}:{t}" for c, t in zip(event.categories, event.strengths, strict=True)]),
        escaped_text(event),
    ]


def message_event_row(event: Event) -> list[object]:
    message = event.message
    return [
        event.index,
        message.index,
        message.timestamp.isoformat() if message.timestamp else "",
        message.speaker or "",
        message.context.key,
        event.fingerprint,
        ";".join(event.categories),
        ";".join([f"{c}:{t}" for c, t in zip(event.categories, event.strengths, strict=True)]),
        "" if event.repeat_of is None else event.repeat_of,
        ";".join(sorted(message.flags)),
        message.source_ref,
        escaped_text(event),
    ]


def write_events(result: Result, _options: ReportOptions, stream: BinaryIO) -> None:
    if result.mode == "paragraphs":
        write_csv(stream, EVENT_COLUMNS, map(event_row, result.events))
    else:
        write_csv(stream, MESSAGE_EVENT_COLUMNS, map(message_event_row, result.events))


def _stamp(event: Event) -> str:
    return event.message.timestamp.isoformat() if event.message.timestamp else ""


def sequence_row(seq: SequenceMatch) -> list[object]:
    return [
        seq.name,
        seq.context_key,
        seq.first.index,
        seq.second.index,
        seq.first.fingerprint,
        seq.second.fingerprint,
        excerpt(seq.first),
        excerpt(seq.second),
    ]


def message_sequence_row(seq: SequenceMatch) -> list[object]:
    return [
        *sequence_row(seq),
        seq.first.message.speaker or "",
        seq.second.message.speaker or "",
        _stamp(seq.first),
        _stamp(seq.second),
    ]


def write_sequences(result: Result, _options: ReportOptions, stream: BinaryIO) -> None:
    if result.mode == "paragraphs":
        write_csv(stream, SEQUENCE_COLUMNS, map(sequence_row, result.sequences))
    else:
        write_csv(stream, MESSAGE_SEQUENCE_COLUMNS, map(message_sequence_row, result.sequences))


def write_context_summary(result: Result, _options: ReportOptions, stream: BinaryIO) -> None:
    names = sorted(result.pack.category_names)
    rows = ([key, *(counts[name] for name in names)] for key, counts in result.context_summary)
    write_csv(stream, ["context_key", *names], rows)


def write_speakers(result: Result, _options: ReportOptions, stream: BinaryIO) -> None:
    names = sorted(result.pack.category_names)
    rows = (
        [row.speaker, row.messages, row.events, *(row.categories.get(n, 0) for n in names)]
        for row in result.speakers
    )
    write_csv(stream, ["speaker", "messages", "events", *names], rows)


register(ReportWriter("events", "events.csv", "text/csv", write_events))
register(ReportWriter("speakers", "speakers.csv", "text/csv", write_speakers))
register(ReportWriter("sequences", "sequences.csv", "text/csv", write_sequences))
register(ReportWriter("context_summary", "context_summary.csv", "text/csv", write_context_summary))
