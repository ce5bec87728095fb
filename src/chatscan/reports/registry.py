"""The one table of report writers, used by the CLI, the service and the page alike."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from chatscan.core.errors import ChatscanError
from chatscan.core.result import Result

__all__ = ["REPORTS", "ReportOptions", "ReportWriter", "register", "render", "write_reports"]


@dataclass(frozen=True)
class ReportOptions:
    """How reports are rendered; the defaults reproduce the original offline outputs."""

    tool_version: str = ""


@dataclass(frozen=True)
class ReportWriter:
    name: str
    filename: str
    media_type: str
    render: Callable[[Result, ReportOptions], bytes]


REPORTS: dict[str, ReportWriter] = {}


def register(writer: ReportWriter) -> ReportWriter:
    REPORTS[writer.name] = writer
    return writer


def render(name: str, result: Result, options: ReportOptions | None = None) -> bytes:
    return REPORTS[name].render(result, options or ReportOptions())


def _write_atomically(path: Path, data: bytes) -> None:
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_reports(
    result: Result,
    out_dir: str | Path,
    names: Iterable[str],
    options: ReportOptions | None = None,
) -> list[Path]:
    """Render every named report, then write each file atomically into ``out_dir``.

    Everything is rendered before anything is written, so a failure leaves
    earlier reports in ``out_dir`` as they were.
    """
    out = Path(out_dir)
    options = options or ReportOptions()
    rendered = [(REPORTS[name].filename, REPORTS[name].render(result, options)) for name in names]
    try:
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for filename, data in rendered:
            _write_atomically(out / filename, data)
            written.append(out / filename)
    except OSError as exc:
        raise ChatscanError(f"cannot write reports to {out}: {exc.strerror or exc}") from None
    return written
