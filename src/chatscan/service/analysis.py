"""One analysis for the API: scan uploaded bytes, shape the original API's response."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from chatscan.core.pipeline import ScanOptions, scan_stream
from chatscan.core.result import Result
from chatscan.core.rules import RulePack
from chatscan.reports import REPORTS, ReportOptions, render, reports_for
from chatscan.reports.json_report import event_dict, sequence_dict

__all__ = ["AnalysisInput", "analyse", "response_body", "zip_body"]


@dataclass(frozen=True)
class AnalysisInput:
    filename: str
    data: bytes
    format: str = "auto"
    strict_encoding: bool = False
    max_unpacked_bytes: int = 100 * 1024 * 1024


def analyse(upload: AnalysisInput, pack: RulePack) -> Result:
    """Scan in memory; raises the core's :class:`ChatscanError` for unusable input."""
    options = ScanOptions(
        format=upload.format,
        rules=pack,
        strict_encoding=upload.strict_encoding,
        jobs=1,
        max_unpacked_bytes=upload.max_unpacked_bytes,
    )
    return scan_stream(io.BytesIO(upload.data), upload.filename, options)


def _text(name: str, result: Result, options: ReportOptions) -> str:
    return render(name, result, options).decode("utf-8", "replace")


def response_body(result: Result, options: ReportOptions, analysis_id: str) -> dict[str, Any]:
    """The original API's fields with their meanings, then what this service adds."""
    names = sorted(result.pack.category_names)
    body: dict[str, Any] = {
        "total_events": len(result.events),
        "unique_patterns": result.category_counts,
        "sequence_counts": result.sequence_counts,
        "context_summary": [
            {"context_key": key, **{name: counts[name] for name in names}}
            for key, counts in result.context_summary
        ],
        "events_csv": _text("events", result, options),
        "sequences_csv": _text("sequences", result, options),
        "context_summary_csv": _text("context_summary", result, options),
        "summary_text": _text("summary", result, options),
        "analysis_id": analysis_id,
        "format": result.format,
        "format_confidence": result.format_confidence,
        "mode": result.mode,
        "warnings": list(result.warnings),
        "messages_total": result.messages_total,
        "skipped_total": result.skipped_total,
        "source_sha256": result.source.sha256,
        "source_bytes": result.source.size,
        "replaced_sequences": result.source.replacements,
        "first_bad_byte_offset": result.source.first_bad_offset,
        "rules": {
            "name": result.pack.name,
            "version": result.pack.version,
            "hash": result.pack.sha256,
        },
        "strength_counts": result.strength_counts,
        "events": [event_dict(event) for event in result.events],
        "sequences": [sequence_dict(seq) for seq in result.sequences],
    }
    if result.mode == "messages":
        body["speakers_csv"] = _text("speakers", result, options)
    return body


def zip_body(result: Result, options: ReportOptions) -> bytes:
    """Every report file of the result's mode in one ZIP."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in reports_for(result.mode):
            archive.writestr(REPORTS[name].filename, render(name, result, options))
    return buffer.getvalue()
