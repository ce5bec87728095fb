"""The one table of report writers, used by the CLI, the service and the page alike.

Every writer has the same signature, ``write(result, options, stream)``, and streams
its file, so a report of a very large chat is never held in memory whole.
"""

from __future__ import annotations

import dataclasses
import io
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from chatscan.core.errors import ChatscanError
from chatscan.core.result import Result

__all__ = [
    "REPORTS",
    "ReportOptions",
    "ReportWriter",
    "register",
    "render",
    "utc_now",
    "write_reports",
]


def utc_now() -> str:
    """The current time in UTC, to the second: ``2024-05-01T12:34:56Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class ReportOptions:
    """How reports are rendered; the defaults reproduce the original offline outputs.

    ``brand_name`` (with ``brand_url``) adds the service operator's ``#`` comment header
    to CSV reports and a title block to the text summary, as the original web service
    did; empty means none.

    ``generated_at`` is the analysis time the HTML, PDF and manifest state (UTC,
    ``2024-05-01T12:34:56Z``); empty means the time of writing, taken once per
    :func:`write_reports` or :func:`render` call (see :meth:`stamped`).

    ``safe_csv`` neutralises spreadsheet formulas in CSV cells (a text cell starting
    with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``).
    ``None`` means on, except in paragraph mode, whose files stay byte-identical to
    the original scanner's unless it is asked for.
    """

    tool_version: str = ""
    brand_name: str = ""
    brand_url: str = ""
    generated_at: str = ""
    safe_csv: bool | None = None

    def stamped(self) -> ReportOptions:
        """These options with ``generated_at`` fixed (to now, when empty), so that every
        file written from them states the same time."""
        if self.generated_at:
            return self
        return dataclasses.replace(self, generated_at=utc_now())


@dataclass(frozen=True)
class ReportWriter:
    name: str
    filename: str
    media_type: str
    write: Callable[[Result, ReportOptions, BinaryIO], None]


REPORTS: dict[str, ReportWriter] = {}


def register(writer: ReportWriter) -> ReportWriter:
    REPORTS[writer.name] = writer
    return writer


def render(name: str, result: Result, options: ReportOptions | None = None) -> bytes:
    """One report as bytes (for small results: the API, tests)."""
    buffer = io.BytesIO()
    REPORTS[name].write(result, (options or ReportOptions()).stamped(), buffer)
    return buffer.getvalue()


def write_reports(
    result: Result,
    out_dir: str | Path,
    names: Iterable[str],
    options: ReportOptions | None = None,
) -> list[Path]:
    """Write every named report into ``out_dir``.

    Each report is streamed to a temporary file beside its final name; only when all
    are written do they replace the old files, so a failure leaves earlier reports in
    ``out_dir`` as they were. Returns the paths written, in the order named.
    """
    out = Path(out_dir)
    options = (options or ReportOptions()).stamped()
    temps: list[tuple[Path, Path]] = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name in names:
            writer = REPORTS[name]
            fd, temp = tempfile.mkstemp(prefix=f".{writer.filename}.", suffix=".part", dir=out)
            temps.append((Path(temp), out / writer.filename))
            with os.fdopen(fd, "wb", buffering=1 << 20) as stream:
                writer.write(result, options, stream)
        for temp, final in temps:
            os.replace(temp, final)
    except OSError as exc:
        raise ChatscanError(f"cannot write reports to {out}: {exc.strerror or exc}") from None
    finally:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
    return [final for _, final in temps]
