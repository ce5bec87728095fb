"""``pattern_summary.txt``: the original scanner's four-section text summary."""

from __future__ import annotations

from typing import BinaryIO

from chatscan.core.result import Result
from chatscan.reports.registry import ReportOptions, ReportWriter, register

__all__: list[str] = []


def _section(title: str, underline: str, counts: dict[str, int]) -> list[str]:
    return [title, underline, *(f"{key}: {value}" for key, value in counts.items()), ""]


def _compat_lines(result: Result) -> list[str]:
    return [
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


def _underlined(title: str, char: str = "=") -> list[str]:
    return [title, char * len(title)]


def _message_lines(result: Result) -> list[str]:
    speakers = {row.speaker or "(unknown)": row.events for row in result.speakers}
    return [
        *_section(*_underlined("PATTERN SUMMARY (per message)"), result.category_counts),
        *_section(*_underlined("HIT STRENGTH SUMMARY (PHRASE vs TOKEN)"), result.strength_counts),
        *_section(
            *_underlined("SEQUENCE SUMMARY (same context, windowed)"), result.sequence_counts
        ),
        *_section(*_underlined("EVENTS BY SPEAKER"), speakers),
        *_underlined("NOTES", "-"),
        f"- Format: {result.format}; messages read: {result.messages_total} "
        f"(system messages not counted: {result.system_messages})",
        f"- Records that could not be read: {result.skipped_total} (listed in report.json)",
        f"- Sequence lookahead window: {result.window}",
        "- Every message with a hit is an event; repeated messages count each time",
        "- Matches are patterns in language, not findings of fact",
    ]


def write_summary(result: Result, _options: ReportOptions, stream: BinaryIO) -> None:
    lines = _compat_lines(result) if result.mode == "paragraphs" else _message_lines(result)
    stream.write(("\n".join(lines) + "\n").encode("utf-8"))


register(ReportWriter("summary", "pattern_summary.txt", "text/plain", write_summary))
