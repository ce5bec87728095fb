"""One analysis for the API: scan uploaded bytes, shape the original API's response."""

from __future__ import annotations

import base64
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from chatscan.core.engine.base import Detector
from chatscan.core.pipeline import ScanOptions, scan_stream
from chatscan.core.result import Result
from chatscan.core.rules import RulePack
from chatscan.reports import REPORTS, ReportOptions, render, reports_for
from chatscan.reports.json_report import event_dict, sequence_dict
from chatscan.reports.manifest import manifest_bytes

__all__ = ["EXTRAS", "OUTPUTS", "AnalysisInput", "Rendered", "analyse", "response_body"]

EXTRAS = ("html", "pdf", "zip")  # what `include=` adds to the JSON answer
OUTPUTS = ("json", "zip", "html", "pdf")  # what `output=` answers with instead of JSON


@dataclass(frozen=True)
class AnalysisInput:
    filename: str
    data: bytes
    format: str = "auto"
    strict_encoding: bool = False
    max_unpacked_bytes: int = 100 * 1024 * 1024


def analyse(upload: AnalysisInput, pack: RulePack, detectors: tuple[Detector, ...] = ()) -> Result:
    """Scan in memory with ``pack`` and the ``detectors`` beside it (the semantic layer);
    raises the core's :class:`ChatscanError` for unusable input."""
    options = ScanOptions(
        format=upload.format,
        rules=pack,
        strict_encoding=upload.strict_encoding,
        jobs=1,
        max_unpacked_bytes=upload.max_unpacked_bytes,
        detectors=detectors,
    )
    return scan_stream(io.BytesIO(upload.data), upload.filename, options)


@dataclass
class Rendered:
    """The report files of one result, each rendered once however many answers use it.

    It belongs to one analysis, whose result carries the options it was made with (the
    pack's identity, the detectors that ran): files rendered for one set of options are
    never served for another."""

    result: Result
    options: ReportOptions
    pdf_max_events: int = 250
    files: dict[str, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.options = self.options.stamped()  # one "generated at" for every file

    def get(self, name: str) -> bytes:
        if name not in self.files:
            self.files[name] = render(name, self.result, self.options)
        return self.files[name]

    def pdf_refusal(self) -> str | None:
        """Why this result gets no PDF from the service, or None when it does."""
        events = len(self.result.events)
        if events <= self.pdf_max_events:
            return None
        return (
            f"No PDF from this service for {events} events (its limit is "
            f"{self.pdf_max_events}): use report.html, or `chatscan scan --report pdf` offline"
        )

    def text(self, name: str) -> str:
        return self.get(name).decode("utf-8", "replace")

    def zip(self, *, pdf: bool) -> bytes:
        """Every report file of the result's mode, the HTML report (and the PDF when
        asked), and ``manifest.json`` with the hash of each."""
        with_pdf = pdf and self.pdf_refusal() is None
        names = [*reports_for(self.result.mode), "html", *(["pdf"] if with_pdf else [])]
        files = {REPORTS[name].filename: self.get(name) for name in names}
        files["manifest.json"] = manifest_bytes(self.result, files, self.options)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for filename, data in files.items():
                archive.writestr(filename, data)
        return buffer.getvalue()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def response_body(
    rendered: Rendered, analysis_id: str, include: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """The original API's fields with their meanings, then what this service adds."""
    result = rendered.result
    names = sorted(result.pack.category_names)
    body: dict[str, Any] = {
        "total_events": len(result.events),
        "unique_patterns": result.category_counts,
        "sequence_counts": result.sequence_counts,
        "context_summary": [
            {"context_key": key, **{name: counts[name] for name in names}}
            for key, counts in result.context_summary
        ],
        "events_csv": rendered.text("events"),
        "sequences_csv": rendered.text("sequences"),
        "context_summary_csv": rendered.text("context_summary"),
        "summary_text": rendered.text("summary"),
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
        # what ran beside the rules (the semantic layer's model), as in report.json
        "detectors": [dict(identity) for identity in result.detectors],
        "strength_counts": result.strength_counts,
        "events": [event_dict(event) for event in result.events],
        "sequences": [sequence_dict(seq) for seq in result.sequences],
    }
    if result.mode == "messages":
        body["speakers_csv"] = rendered.text("speakers")
    if "html" in include:
        body["report_html"] = rendered.text("html")
    if "pdf" in include:
        refusal = rendered.pdf_refusal()
        body["report_pdf"] = None if refusal else _b64(rendered.get("pdf"))
        if refusal:
            body["pdf_omitted"] = refusal
            body["warnings"].append(refusal)
    if "zip" in include:
        body["reports_zip"] = _b64(rendered.zip(pdf="pdf" in include))
    return body
