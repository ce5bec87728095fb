"""``report.pdf``: the HTML report laid out for print (A4) by WeasyPrint.

The page is the same template as ``report.html`` with ``for_print``: every page carries
"page N of M" and the source file's SHA-256 in its footer, tables repeat their header
row on each page, and long words wrap. WeasyPrint is an optional dependency (the
``pdf`` extra), imported only when a PDF is written. Nothing is fetched while
rendering: the page has no external resources, and the URL fetcher refuses any.
"""

from __future__ import annotations

from typing import Any, BinaryIO

from chatscan.core.errors import ChatscanError
from chatscan.core.result import Result
from chatscan.reports.html_report import render_html_text
from chatscan.reports.registry import ReportOptions, ReportWriter, register

__all__ = ["MISSING_WEASYPRINT", "require_weasyprint", "write_pdf"]

MISSING_WEASYPRINT = "PDF reports need WeasyPrint: pip install 'chatscan[pdf]'"


def require_weasyprint() -> Any:
    """The ``weasyprint`` module; a :class:`ChatscanError` saying how to install it when
    it is missing."""
    try:
        import weasyprint
    except ImportError:
        raise ChatscanError(MISSING_WEASYPRINT) from None
    except OSError as exc:  # installed, but its system libraries (Pango) are missing
        raise ChatscanError(f"{MISSING_WEASYPRINT} (and its system libraries: {exc})") from None
    return weasyprint


def _refuse(url: str, *args: object, **kwargs: object) -> Any:
    raise ValueError(f"external resources are not loaded: {url}")


_refuse._fail_on_errors = False  # type: ignore[attr-defined]  # what WeasyPrint 66+ reads


def _fetcher(weasyprint: Any) -> Any:
    """A URL fetcher that fetches nothing (WeasyPrint 66+ has a class for it)."""
    fetcher_class = getattr(weasyprint, "URLFetcher", None)
    if fetcher_class is not None:
        try:
            return fetcher_class(allowed_protocols=())
        except TypeError:
            pass
    return _refuse


def write_pdf(result: Result, options: ReportOptions, stream: BinaryIO) -> None:
    weasyprint = require_weasyprint()
    page = render_html_text(result, options.stamped(), for_print=True)
    document = weasyprint.HTML(string=page, url_fetcher=_fetcher(weasyprint))
    document.write_pdf(stream)


register(ReportWriter("pdf", "report.pdf", "application/pdf", write_pdf))
