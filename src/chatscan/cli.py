"""The ``chatscan`` command: a thin shell over the core and the report writers."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table

from chatscan._version import __version__
from chatscan.core.engine import BACKENDS
from chatscan.core.errors import ChatscanError
from chatscan.core.ingest import FORMATS
from chatscan.core.pipeline import ScanOptions, scan_file
from chatscan.core.result import Result
from chatscan.core.rules import BUILTIN_PACKS, RulePack, load_pack
from chatscan.reports import COMPAT_REPORTS, ReportOptions, render, write_reports

__all__ = ["app", "main"]

EXIT_BAD_INPUT = 2
PROGRESS_MIN_BYTES = 8 * 1024 * 1024

app = typer.Typer(
    name="chatscan",
    help="Find the language of harm, 'protection', boundaries, exposure threats, "
    "surveillance and control of access in chat exports. Everything runs offline.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="Work with rule packs.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


def _say(message: str) -> None:
    """One plain line on stderr (rich is imported only for progress bars and tables)."""
    print(message, file=sys.stderr, flush=True)


def _fail(message: str) -> NoReturn:
    _say(f"error: {message}")
    raise typer.Exit(EXIT_BAD_INPUT)


@contextmanager
def _user_errors() -> Iterator[None]:
    try:
        yield
    except ChatscanError as exc:
        _fail(exc.message)


def _load_rules(rules: str | None) -> RulePack:
    return load_pack(rules)


@contextmanager
def _progress(path: Path, quiet: bool) -> Iterator[Callable[[int], None] | None]:
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if quiet or size < PROGRESS_MIN_BYTES or not sys.stderr.isatty():
        yield None
        return

    columns = (BarColumn(), DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn())
    console = Console(stderr=True)
    with Progress("[progress.description]{task.description}", *columns, console=console) as bar:
        task = bar.add_task(f"Scanning {path.name}", total=size)
        yield lambda n: bar.advance(task, n)


def _summary_line(result: Result, out: Path | None) -> str:
    where = f" -> {out}" if out else ""
    return (
        f"{result.source.name}: {result.format}, {result.messages_total} entries, "
        f"{len(result.events)} events, {len(result.sequences)} sequences{where}"
    )


@app.command()
def scan(
    file: Annotated[Path, typer.Argument(help="The chat export to scan.", show_default=False)],
    format: Annotated[
        str, typer.Option("--format", "-f", help=f"Input format: auto, {', '.join(FORMATS)}.")
    ] = "auto",
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Directory for the reports [default: ./chatscan-out]."),
    ] = None,
    rules: Annotated[
        str | None,
        typer.Option(help=f"Rule pack: a YAML file or a built-in ({', '.join(BUILTIN_PACKS)})."),
    ] = None,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print report.json to stdout (files only with --out).")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
    strict_encoding: Annotated[
        bool, typer.Option(help="Fail (exit 2) on bytes that are not valid text.")
    ] = False,
    backend: Annotated[str, typer.Option(help=f"Matching engine: {', '.join(BACKENDS)}.")] = "auto",
) -> None:
    """Scan FILE and write events, sequences, context summary, text summary and report.json."""
    with _user_errors():
        pack = _load_rules(rules)
        options = ScanOptions(
            format=format, rules=pack, backend=backend, strict_encoding=strict_encoding
        )
        with _progress(file, quiet) as on_bytes:
            result = scan_file(file, options, on_bytes)
        report_options = ReportOptions(tool_version=__version__)
        target = out if out is not None or not json_out else None
        if target is None and not json_out:
            target = Path("chatscan-out")
        if target is not None:
            write_reports(result, target, COMPAT_REPORTS, report_options)
    for warning in result.warnings:
        _say(f"warning: {warning}")
    if json_out:
        sys.stdout.buffer.write(render("json", result, report_options))
        sys.stdout.flush()
    if not quiet:
        _say(_summary_line(result, target))


@app.command()
def patterns(
    rules: Annotated[
        str | None,
        typer.Option(help=f"Rule pack: a YAML file or a built-in ({', '.join(BUILTIN_PACKS)})."),
    ] = None,
) -> None:
    """Show a rule pack's categories, rules and sequences."""
    with _user_errors():
        pack = _load_rules(rules)

    stdout = Console(highlight=False)
    spec = pack.spec
    stdout.print(f"Rule pack {pack.name} {pack.version}  sha256 {pack.sha256}", markup=False)
    if spec.description:
        stdout.print(spec.description, markup=False)
    for category in spec.categories:
        table = Table(title=f"{category.name}: {category.description}", title_justify="left")
        table.add_column("tier")
        table.add_column("rule id")
        table.add_column("pattern")
        for rule in spec.rules:
            if rule.category == category.name:
                table.add_row(str(rule.tier), rule.id, rule.pattern)
        stdout.print(table)
    stdout.print(f"Sequences (window {pack.window} events, same context):", markup=False)
    for seq in spec.sequences:
        stdout.print(f"  {seq.start} -> {seq.end}", markup=False)


@rules_app.command("validate")
def rules_validate(
    file: Annotated[Path, typer.Argument(help="The rule pack YAML file.", show_default=False)],
) -> None:
    """Check a rule pack file; exit 2 with the file, rule id and reason when invalid."""
    with _user_errors():
        pack = load_pack(file)
    print(
        f"{file}: valid rule pack {pack.name} {pack.version}: "
        f"{len(pack.category_names)} categories, {len(pack.rules)} rules, "
        f"{len(pack.spec.sequences)} sequences, sha256 {pack.sha256}"
    )


@app.command()
def version() -> None:
    """Print the version."""
    print(f"chatscan {__version__}")


def main() -> None:
    os.environ.setdefault("TYPER_USE_RICH", "1")
    app()
