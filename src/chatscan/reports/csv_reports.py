"""The three CSV reports, in Python's default csv dialect (``\\r\\n``, minimal quoting)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from chatscan.core.models import Event
from chatscan.core.result import Result
from chatscan.reports.registry import ReportOptions, ReportWriter, register

__all__ = ["EVENT_COLUMNS", "SEQUENCE_COLUMNS", "event_row", "excerpt"]

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
EXCERPT_CHARS = 180


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8", "surrogatepass")


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
        ";".join(f"{c}:{t}" for c, t in zip(event.categories, event.strengths, strict=True)),
        escaped_text(event),
    ]


def render_events(result: Result, _options: ReportOptions) -> bytes:
    return _csv(EVENT_COLUMNS, (event_row(e) for e in result.events))


def render_sequences(result: Result, _options: ReportOptions) -> bytes:
    rows = (
        [
            s.name,
            s.context_key,
            s.first.index,
            s.second.index,
            s.first.fingerprint,
            s.second.fingerprint,
            excerpt(s.first),
            excerpt(s.second),
        ]
        for s in result.sequences
    )
    return _csv(SEQUENCE_COLUMNS, rows)


def render_context_summary(result: Result, _options: ReportOptions) -> bytes:
    names = sorted(result.pack.category_names)
    rows = ([key, *(counts[name] for name in names)] for key, counts in result.context_summary)
    return _csv(["context_key", *names], rows)


register(ReportWriter("events", "events.csv", "text/csv", render_events))
register(ReportWriter("sequences", "sequences.csv", "text/csv", render_sequences))
register(ReportWriter("context_summary", "context_summary.csv", "text/csv", render_context_summary))
