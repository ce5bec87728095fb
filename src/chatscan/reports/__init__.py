"""Report writers: one module per output format, all registered in one table."""

from chatscan.reports import csv_reports, json_report, text_summary  # noqa: F401  (registers)
from chatscan.reports.registry import (
    REPORTS,
    ReportOptions,
    ReportWriter,
    register,
    render,
    write_reports,
)

__all__ = [
    "COMPAT_REPORTS",
    "MESSAGE_REPORTS",
    "REPORTS",
    "ReportOptions",
    "ReportWriter",
    "register",
    "render",
    "reports_for",
    "write_reports",
]

COMPAT_REPORTS = ("events", "sequences", "context_summary", "summary", "json")
MESSAGE_REPORTS = ("events", "sequences", "context_summary", "speakers", "summary", "json")


def reports_for(mode: str) -> tuple[str, ...]:
    """The default report set of a result's mode (``paragraphs`` or ``messages``)."""
    return COMPAT_REPORTS if mode == "paragraphs" else MESSAGE_REPORTS
