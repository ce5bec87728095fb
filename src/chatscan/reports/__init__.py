"""Report writers: one module per output format, all registered in one table."""

from collections.abc import Iterable

from chatscan.reports import (  # noqa: F401  (registers)
    csv_reports,
    html_report,
    json_report,
    pdf_report,
    text_summary,
)
from chatscan.reports.manifest import (
    MANIFEST_NAME,
    VerifyProblem,
    manifest_bytes,
    manifest_dict,
    verify,
    write_manifest,
)
from chatscan.reports.registry import (
    REPORTS,
    ReportOptions,
    ReportWriter,
    register,
    render,
    utc_now,
    write_reports,
)

__all__ = [
    "COMPAT_REPORTS",
    "DEFAULT_REPORT_KINDS",
    "MANIFEST_NAME",
    "MESSAGE_REPORTS",
    "REPORTS",
    "REPORT_KINDS",
    "ReportOptions",
    "ReportWriter",
    "VerifyProblem",
    "manifest_bytes",
    "manifest_dict",
    "register",
    "render",
    "report_names",
    "reports_for",
    "utc_now",
    "verify",
    "write_manifest",
    "write_reports",
]

COMPAT_REPORTS = ("events", "sequences", "context_summary", "summary", "json")
MESSAGE_REPORTS = ("events", "sequences", "context_summary", "speakers", "summary", "json")

#: The kinds of report the CLI's ``--report`` names: ``csv`` is every CSV of the mode.
REPORT_KINDS = ("csv", "txt", "json", "html", "pdf")
DEFAULT_REPORT_KINDS = ("csv", "txt", "json", "html")
_KIND_OF = {
    "events": "csv",
    "sequences": "csv",
    "context_summary": "csv",
    "speakers": "csv",
    "summary": "txt",
    "json": "json",
    "html": "html",
    "pdf": "pdf",
}


def reports_for(mode: str) -> tuple[str, ...]:
    """The default report set of a result's mode (``paragraphs`` or ``messages``)."""
    return COMPAT_REPORTS if mode == "paragraphs" else MESSAGE_REPORTS


def report_names(kinds: Iterable[str], mode: str) -> tuple[str, ...]:
    """The writers (``REPORTS`` keys) for report kinds such as ``("csv", "html")`` in a
    result's mode, in a fixed order; raises ``ValueError`` naming any unknown kind."""
    wanted = set(kinds)
    unknown = sorted(wanted - set(REPORT_KINDS))
    if unknown:
        raise ValueError(f"unknown report kind: {', '.join(unknown)}")
    ordered = (*reports_for(mode), "html", "pdf")
    return tuple(name for name in ordered if _KIND_OF[name] in wanted)
