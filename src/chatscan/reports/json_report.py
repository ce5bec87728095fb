"""``report.json``: every result, machine-readable, with where it came from."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from typing import Any, BinaryIO

import orjson

from chatscan.core.models import Event, Hit, SequenceMatch, Tier
from chatscan.core.result import Result
from chatscan.reports.registry import ReportOptions, ReportWriter, register

__all__ = [
    "REPORT_SCHEMA_VERSION",
    "event_dict",
    "hit_dict",
    "json_bytes",
    "report_dict",
    "sequence_dict",
]

REPORT_SCHEMA_VERSION = 1


def hit_dict(hit: Hit, text: str) -> dict[str, Any]:
    """Why one hit happened, the same in report.json, the API and the page.

    ``detector`` is ``rules`` or ``semantic``; ``tier`` PHRASE, TOKEN or SEMANTIC.
    A rule hit gives the words it matched (``matched``, at ``start``..``end``), the
    rule's ``score`` and the ``context`` word that satisfied the rule's context
    condition (null when it has none). A semantic hit spans the whole message, so
    ``matched`` is null; ``exemplar`` is the nearest exemplar sentence of its category
    and ``similarity`` (also its ``score``) how close the message is to it.
    """
    semantic = hit.tier is Tier.SEMANTIC
    found: dict[str, Any] = {
        "detector": hit.detector,
        "tier": hit.tier,
        "rule_id": hit.rule_id,
        "category": hit.category,
        "start": hit.start,
        "end": hit.end,
        "span": [hit.start, hit.end],
        "matched": None if semantic else text[hit.start : hit.end],
        "score": hit.score,  # a rule's score (1.0 unless the pack sets one); a similarity
        "context": hit.context,  # the context word that made a rule hit count, or null
    }
    if semantic:
        found["exemplar"] = hit.exemplar
        found["similarity"] = hit.score
    return found


def event_dict(event: Event) -> dict[str, Any]:
    message = event.message
    text = message.text
    return {
        "entry_index": event.index,
        "raw_block_index": message.index,
        "source_ref": message.source_ref,
        "context": message.context,  # a dataclass: key, place, year
        "timestamp": message.timestamp,  # ISO 8601 or null
        "speaker": message.speaker,
        "fingerprint": event.fingerprint,
        "flags": sorted(message.flags),
        "repeat_of": event.repeat_of,
        "categories": dict(zip(event.categories, event.strengths, strict=True)),
        "detectors": sorted({hit.detector for hit in event.hits}),
        "hits": [hit_dict(hit, text) for hit in event.hits],
        "text": text,
    }


def sequence_dict(seq: SequenceMatch) -> dict[str, Any]:
    return {
        "sequence": seq.name,
        "start": seq.start_category,
        "end": seq.end_category,
        "context_key": seq.context_key,
        "from_entry": seq.first.index,
        "to_entry": seq.second.index,
        "from_fp": seq.first.fingerprint,
        "to_fp": seq.second.fingerprint,
        "from_speaker": seq.first.message.speaker,
        "to_speaker": seq.second.message.speaker,
        "from_timestamp": seq.first.message.timestamp,
        "to_timestamp": seq.second.message.timestamp,
    }


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def json_bytes(value: Any) -> bytes:
    """orjson, except for text holding lone surrogates (a JSON export may carry
    ``"\\ud83d"``), which orjson refuses: those go out ASCII-escaped, still valid JSON."""
    try:
        return orjson.dumps(value)
    except TypeError:
        return json.dumps(value, default=_json_default, ensure_ascii=True).encode("ascii")


def _header(result: Result, options: ReportOptions) -> dict[str, Any]:
    source = result.source
    return {
        "schema_version": REPORT_SCHEMA_VERSION,
        "tool": {"name": "chatscan", "version": options.tool_version},
        "source": {
            "name": source.name,
            "bytes": source.size,
            "sha256": source.sha256,
            "encoding": source.encoding,
            "bom": source.bom,
            "replaced_sequences": source.replacements,
            "first_bad_byte_offset": source.first_bad_offset,
        },
        "format": result.format,
        "format_confidence": result.format_confidence,
        "mode": result.mode,
        "rules": result.pack.identity(),
        "detectors": [dict(identity) for identity in result.detectors],
        "window": result.pack.window,
        "sequence_window": result.window,
        "messages_total": result.messages_total,
        "system_messages": result.system_messages,
        "warnings": list(result.warnings),
        "skipped_total": result.skipped_total,
        "skipped": [{"position": s.position, "reason": s.reason} for s in result.skipped],
        "totals": {
            "events": len(result.events),
            "sequences": len(result.sequences),
            "categories": result.category_counts,
            "strengths": result.strength_counts,
            "sequence_counts": result.sequence_counts,
        },
        "context_summary": [
            {"context_key": key, **counts} for key, counts in result.context_summary
        ],
        "speakers": [
            {"speaker": r.speaker, "messages": r.messages, "events": r.events, **r.categories}
            for r in result.speakers
        ],
        "months": result.months,
    }


def report_dict(result: Result, options: ReportOptions) -> dict[str, Any]:
    """The whole report as one dict (what ``report.json`` holds)."""
    return {
        **_header(result, options),
        "events": [event_dict(e) for e in result.events],
        "sequences": [sequence_dict(s) for s in result.sequences],
    }


def write_json(result: Result, options: ReportOptions, stream: BinaryIO) -> None:
    """One top-level key per line, and one event or sequence per line, streamed."""
    stream.write(b"{\n")
    for key, value in _header(result, options).items():
        stream.write(b"  " + json_bytes(key) + b": " + json_bytes(value) + b",\n")
    for key, items, last in (
        ("events", map(event_dict, result.events), False),
        ("sequences", map(sequence_dict, result.sequences), True),
    ):
        stream.write(f'  "{key}": ['.encode())
        separator = b"\n    "
        for item in items:
            stream.write(separator + json_bytes(item))
            separator = b",\n    "
        stream.write(b"\n  ]" if separator != b"\n    " else b"]")
        stream.write(b"\n}\n" if last else b",\n")


register(ReportWriter("json", "report.json", "application/json", write_json))
