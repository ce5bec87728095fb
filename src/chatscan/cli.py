"""The ``chatscan`` command: a thin shell over the core and the report writers."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click

from chatscan._version import __version__
from chatscan.cli_eval import eval_command
from chatscan.cli_service import migrate, remote
from chatscan.core.engine import BACKENDS
from chatscan.core.errors import ChatscanError
from chatscan.core.ingest import FORMAT_NAMES, PARAGRAPHS, all_formats, resolve_format
from chatscan.core.ingest.base import DATE_ORDERS
from chatscan.core.pipeline import PARAGRAPH_DETECTORS_ERROR, ScanOptions, scan_file
from chatscan.core.result import Result
from chatscan.core.rules import BUILTIN_PACKS, MESSAGE_DEFAULT_PACK, RulePack, load_pack
from chatscan.reports import (
    DEFAULT_REPORT_KINDS,
    MANIFEST_NAME,
    REPORT_KINDS,
    ReportOptions,
    render,
    report_names,
    utc_now,
    verify,
    write_manifest,
    write_reports,
)
from chatscan.reports.manifest import listed_files

__all__ = ["app", "main"]

EXIT_BAD_INPUT = 2
PROGRESS_MIN_BYTES = 8 * 1024 * 1024
DEFAULT_OUT = Path("chatscan-out")
RULES_HELP = (
    f"Rule pack: a YAML file or a built-in ({', '.join(BUILTIN_PACKS)}). "
    "Default: original for paragraph text, v2 for chat exports."
)


def _say(message: str) -> None:
    """One plain line on stderr (rich is imported only for progress bars and tables)."""
    print(message, file=sys.stderr, flush=True)


def _fail(message: str) -> NoReturn:
    _say(f"error: {message}")
    sys.exit(EXIT_BAD_INPUT)


@contextmanager
def _user_errors() -> Iterator[None]:
    try:
        yield
    except ChatscanError as exc:
        _fail(exc.message)


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """A scan builds many small objects and no reference cycles: the cyclic collector
    would only re-walk them (about a tenth of the run time on large exports)."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextmanager
def _progress(path: Path, quiet: bool) -> Iterator[Callable[[int], None] | None]:
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if quiet or size < PROGRESS_MIN_BYTES or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    columns = (BarColumn(), DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn())
    console = Console(stderr=True)
    with Progress("[progress.description]{task.description}", *columns, console=console) as bar:
        task = bar.add_task(f"Scanning {path.name}", total=size)
        yield lambda n: bar.advance(task, n)


@contextmanager
def _message_progress(quiet: bool) -> Iterator[Callable[[int], None] | None]:
    """A bar over messages (their total is not known until the file is read) for the
    semantic layer, on stderr when it is a terminal."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.completed:,} messages"), TimeElapsedColumn())
    console = Console(stderr=True)
    with Progress("[progress.description]{task.description}", *columns, console=console) as bar:
        task = bar.add_task("Semantic layer", total=None)
        yield lambda n: bar.advance(task, n)


def _semantic_detector(pack: RulePack, quiet: bool) -> Any:
    """The semantic layer for ``pack`` (raises SemanticUnavailable, a ChatscanError)."""
    from chatscan.semantic import SemanticDetector

    detector = SemanticDetector.from_pack(pack)
    model = detector.embedder.model
    if model.converted_seconds is not None and not quiet:
        where = f"cached in {model.cached_at}" if model.cached_at else "not cached (read-only)"
        _say(f"semantic model prepared in {model.converted_seconds:.1f} s, {where}")
    return detector


def _report_kinds(value: str) -> tuple[str, ...]:
    """``--report csv,html`` as kinds, in the order given; one error line when unknown."""
    parts = (part.strip().lower() for part in value.split(","))
    kinds = tuple(dict.fromkeys(part for part in parts if part))
    unknown = [kind for kind in kinds if kind not in REPORT_KINDS]
    valid = ", ".join(REPORT_KINDS)
    if unknown:
        _fail(f"unknown report {', '.join(map(repr, unknown))} in --report; valid: {valid}")
    if not kinds:
        _fail(f"--report names no report; valid: {valid}")
    return kinds


def _summary_line(result: Result, out: Path | None) -> str:
    where = f" -> {out}" if out else ""
    unit = "entries" if result.mode == "paragraphs" else "messages"
    skipped = f", {result.skipped_total} records not readable" if result.skipped_total else ""
    return (
        f"{result.source.name}: {result.format}, {result.messages_total} {unit}, "
        f"{len(result.events)} events, {len(result.sequences)} sequences{skipped}{where}"
    )


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Find the language of harm, 'protection', boundaries, exposure threats, surveillance "
    "and control of access in chat exports. Everything runs offline.",
)
@click.version_option(__version__, prog_name="chatscan")
def app() -> None:
    pass


@app.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--format", "-f", "fmt", default="auto", show_default=True,
    help=f"Input format: auto, {', '.join(FORMAT_NAMES)} (see `chatscan formats`).",
)  # fmt: skip
@click.option(
    "--out", "-o", type=click.Path(path_type=Path), default=None,
    help=f"Directory for the reports [default: ./{DEFAULT_OUT}, or none with --json].",
)  # fmt: skip
@click.option("--rules", default=None, help=RULES_HELP)
@click.option("--json", "json_out", is_flag=True, help="Print report.json to stdout.")
@click.option(
    "--report", "report", default=",".join(DEFAULT_REPORT_KINDS), show_default=True,
    help=f"Reports to write, comma-separated: {', '.join(REPORT_KINDS)} (csv: every CSV of "
    f"the mode). {MANIFEST_NAME} is always written last, over the files written.",
)  # fmt: skip
@click.option(
    "--safe-csv", is_flag=True,
    help="Prefix CSV cells starting with = + - @ tab or CR with ' (always on outside "
    "paragraph mode).",
)  # fmt: skip
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary line.")
@click.option("--strict-encoding", is_flag=True, help="Fail (exit 2) on bytes that are not text.")
@click.option(
    "--backend", type=click.Choice(BACKENDS), default="auto", show_default=True,
    help="Matching engine.",
)  # fmt: skip
@click.option(
    "--window", default=None,
    help="Message mode: how far sequences look, in messages (6) or time (48h, 30m, 2d) "
    "[default: the rule pack's window, in messages].",
)  # fmt: skip
@click.option(
    "--date-order", type=click.Choice(DATE_ORDERS), default="auto", show_default=True,
    help="Order of numeric dates (03/04/21): decided per file unless given.",
)  # fmt: skip
@click.option(
    "--jobs", "-j", type=click.IntRange(0, 64), default=0, show_default=True,
    help="Processes for large paragraph files (0: one per core, 1: this process only).",
)  # fmt: skip
@click.option(
    "--semantic", is_flag=True,
    help="Message mode: also flag messages whose meaning is near a category, as learnt from "
    "labelled examples (offline model; needs chatscan[semantic] and a pack with a semantic "
    "section) "
    f"[default pack with this flag: {MESSAGE_DEFAULT_PACK}].",
)  # fmt: skip
def scan(
    file: Path,
    fmt: str,
    out: Path | None,
    rules: str | None,
    json_out: bool,
    report: str,
    safe_csv: bool,
    quiet: bool,
    strict_encoding: bool,
    backend: str,
    window: str | None,
    date_order: str,
    jobs: int,
    semantic: bool,
) -> None:
    """Scan FILE; write the reports (CSV, text summary, report.json, HTML, PDF) and
    manifest.json."""
    kinds = _report_kinds(report)
    with _user_errors(), _without_cyclic_gc():
        if semantic and resolve_format(fmt) == PARAGRAPHS:
            _fail(PARAGRAPH_DETECTORS_ERROR)  # before preparing a model for nothing
        if "pdf" in kinds and (out is not None or not json_out):
            from chatscan.reports.pdf_report import require_weasyprint

            require_weasyprint()  # before a long scan, not after
        # No --rules: the scan picks the mode's default (original for paragraphs, v2 for
        # messages); the semantic layer works on messages, so it needs v2's exemplars.
        pack = load_pack(rules) if rules is not None else None
        if semantic and pack is None:
            pack = load_pack(MESSAGE_DEFAULT_PACK)
        detector = _semantic_detector(pack, quiet) if semantic and pack is not None else None
        options = ScanOptions(
            format=fmt,
            rules=pack,
            backend=backend,
            strict_encoding=strict_encoding,
            jobs=jobs,
            window=window,
            date_order=date_order,
            detectors=(detector,) if detector is not None else (),
        )
        with _progress(file, quiet) as on_bytes, _message_progress(quiet or not semantic) as on_n:
            if detector is not None:
                detector.on_progress = on_n
            result = scan_file(file, options, on_bytes)
        report_options = ReportOptions(
            tool_version=__version__, generated_at=utc_now(), safe_csv=True if safe_csv else None
        )
        target = out if out is not None else (None if json_out else DEFAULT_OUT)
        if target is not None:
            names = report_names(kinds, result.mode)
            written = write_reports(result, target, names, report_options)
            write_manifest(target, result, written, report_options)
    for warning in result.warnings:
        _say(f"warning: {warning}")
    if json_out:
        sys.stdout.buffer.write(render("json", result, report_options))
        sys.stdout.flush()
    if not quiet:
        _say(_summary_line(result, target))


@app.command("verify")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--source", type=click.Path(path_type=Path), default=None,
    help="The chat export the reports were made from: check its SHA-256 too.",
)  # fmt: skip
def verify_command(directory: Path, source: Path | None) -> None:
    """Check the files in DIRECTORY against its manifest.json (and the source file).

    Prints one line per file that changed or is missing; exit 0 when everything matches,
    1 when something does not, 2 when there is nothing to check against.
    """
    problems = verify(directory, source)
    for problem in problems:
        if problem.unusable:
            _fail(problem.message())
    checked = len(listed_files(directory))
    bad = [p for p in problems if not p.informational]
    for problem in problems:
        print(problem.message())
    if bad:
        files_bad = sum(1 for p in bad if p.kind != "source_changed")
        print(
            f"FAILED: {len(bad)} problem{'s' if len(bad) != 1 else ''}; "
            f"{checked - files_bad} of {checked} files match {MANIFEST_NAME}"
        )
        sys.exit(1)
    print(f"OK: {checked} files match {MANIFEST_NAME}")
    if source is not None:
        print(f"OK: {source} matches the source file's SHA-256 in {MANIFEST_NAME}")


@app.command()
@click.option("--rules", default=None, help=RULES_HELP)
def patterns(rules: str | None) -> None:
    """Show a rule pack's categories, rules and sequences."""
    with _user_errors():
        pack = load_pack(rules)
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    spec = pack.spec
    console.print(f"Rule pack {pack.name} {pack.version}  sha256 {pack.sha256}", markup=False)
    if spec.description:
        console.print(spec.description, markup=False)
    for category in spec.categories:
        table = Table(title=f"{category.name}: {category.description}", title_justify="left")
        table.add_column("tier")
        table.add_column("rule id")
        table.add_column("pattern")
        for rule in spec.rules:
            if rule.category == category.name:
                table.add_row(str(rule.tier), rule.id, rule.pattern)
        console.print(table)
    console.print(f"Sequences (window {pack.window} events, same context):", markup=False)
    for seq in spec.sequences:
        console.print(f"  {seq.start} -> {seq.end}", markup=False)


@app.command()
def formats() -> None:
    """List the export formats chatscan reads, with an example of each."""
    width = max(len(name) for name in FORMAT_NAMES)
    for fmt in all_formats():
        print(f"{fmt.name:<{width}}  {fmt.title}")
        print(f"{'':<{width}}  e.g. {fmt.example}")


@app.group()
def rules() -> None:
    """Work with rule packs."""


@rules.command("validate")
@click.argument("file", type=click.Path(path_type=Path))
def rules_validate(file: Path) -> None:
    """Check a rule pack file; exit 2 with the file, rule id and reason when invalid."""
    with _user_errors():
        pack = load_pack(file)
    print(
        f"{file}: valid rule pack {pack.name} {pack.version}: "
        f"{len(pack.category_names)} categories, {len(pack.rules)} rules, "
        f"{len(pack.spec.sequences)} sequences, sha256 {pack.sha256}"
    )


@app.command("semantic-check")
@click.option(
    "--rules", default=MESSAGE_DEFAULT_PACK, show_default=True,
    help="Rule pack whose semantic section to load.",
)  # fmt: skip
def semantic_check(rules: str) -> None:
    """Check that the semantic layer can run: prepare (convert and cache) its model,
    embed the pack's exemplars, and print what it runs. Exit 2 when it cannot run."""
    from chatscan.semantic import available

    reason = available()
    if reason is not None:
        _fail(reason)
    with _user_errors():
        pack = load_pack(rules)
        detector = _semantic_detector(pack, quiet=True)
    model = detector.embedder.model
    prepared = (
        f"converted in {model.converted_seconds:.1f} s"
        if model.converted_seconds is not None
        else "loaded from the cache"
    )
    print(f"semantic layer: available; model {prepared}")
    print(f"cache: {model.cached_at or 'none (cache directory not writable)'}")
    for key, value in detector.identity().items():
        print(f"{key}: {value}")


@app.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1, 64),
    help="Worker processes (each runs the whole app).",
)  # fmt: skip
def serve(host: str, port: int, workers: int) -> None:
    """Run the web service; settings come from the environment (see the README)."""
    try:
        from chatscan.service.server import StartupError, run
    except ImportError as exc:
        _fail(f"the web service needs its extra: pip install 'chatscan[service]' ({exc.name})")
    try:
        run(host, port, workers)
    except StartupError as exc:
        _fail(str(exc))


app.add_command(remote)
app.add_command(migrate)
app.add_command(eval_command)


def main() -> None:
    app(prog_name="chatscan")
