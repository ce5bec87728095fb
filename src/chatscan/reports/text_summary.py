"""``pattern_summary.txt``: the original scanner's four-section text summary."""

from __future__ import annotations

from typing import BinaryIO

from chatscan.core.result import Result
from chatscan.reports.registry import ReportOptions, ReportWriter, register

__all__: list[str] = []


def _section(title: str, underline: str, counts: dict[str, int]) -> list[str]:
    return [title, underline, *(f"{key}: {value}" for key, value in counts.items()), ""]


def write_summary(result: Result, _options: ReportOptions, stream: BinaryIO) -> None:
    lines = [
        *_section("PATTERN SUMMARY (deduped, paragraph-chunked)", "=" * 42, result.category_counts),
        *_section("HIT STRENGTH SUMMARY (PHRASE vs TOKEN)", "=" * 37, result.strength_counts),
        *_section("SEQUENCE SUMMARY (same-context, windowed)", "=" * 40, result.sequence_counts),
        "NOTES",
        "-----",
        "- Anchors: lines like 'Iowa 2017' / 'Iowa, 2017' / 'Iowa — 2017'",
        f"- Sequence lookahead window: {result.pack.window} entries",
        "- sequences.csv only counts sequences within the same context anchor",
        "- context_summary.csv is pattern counts by context_key (place+year)",
    ]
    stream.write(("\n".join(lines) + "\n").encode("utf-8"))


register(ReportWriter("summary", "pattern_summary.txt", "text/plain", write_summary))
