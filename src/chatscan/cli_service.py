"""``chatscan remote analyze`` and ``chatscan migrate``: commands for a deployed service.

``remote`` sends a chat export to a running service and writes the same report files a
local ``chatscan scan`` writes (plus the HTML report and ``manifest.json``); ``migrate``
brings the ledger database named by ``DATABASE_URL`` to the latest schema (the release
step of a deployment). Both are added to the main ``chatscan`` group in ``cli.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import NoReturn

import click

__all__ = ["migrate", "remote"]

EXIT_REFUSED = 2  # the service refused the request (4xx), or bad local input
EXIT_UNAVAILABLE = 1  # no answer, or the service failed (5xx)
DEFAULT_OUT = Path("chatscan-out")


def _fail(message: str, code: int = EXIT_REFUSED) -> NoReturn:
    print(f"error: {message}", file=sys.stderr, flush=True)
    sys.exit(code)


def _summary_line(out: Path, url: str) -> str:
    """``chatscan scan``'s summary line, from the report.json the service sent."""
    try:
        report = json.loads((out / "report.json").read_bytes())
        unit = "entries" if report["mode"] == "paragraphs" else "messages"
        totals = report["totals"]
        skipped = report.get("skipped_total", 0)
        extra = f", {skipped} records not readable" if skipped else ""
        return (
            f"{report['source']['name']}: {report['format']}, {report['messages_total']} "
            f"{unit}, {totals['events']} events, {totals['sequences']} sequences{extra} "
            f"-> {out} (analysed by {url})"
        )
    except (OSError, ValueError, KeyError, TypeError):
        return f"reports -> {out} (analysed by {url})"


@click.group()
def remote() -> None:
    """Use a running Chat Pattern Scanner service instead of this machine."""


@remote.command("analyze")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--url", envvar="CHATSCAN_URL", required=True,
    help="The service's address, e.g. https://scanner.example.org [env: CHATSCAN_URL].",
)  # fmt: skip
@click.option(
    "--out", "-o", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
    help="Directory for the reports.",
)  # fmt: skip
@click.option(
    "--payment-intent-id", default=None,
    help="A paid Stripe PaymentIntent (pi_...), when the service charges per analysis.",
)  # fmt: skip
@click.option(
    "--format", "-f", "fmt", default="auto", show_default=True,
    help="Input format (see `chatscan formats`).",
)  # fmt: skip
@click.option(
    "--rules", default=None,
    help="A rule pack the service offers, by name (original, v2, or its operator's; see "
    "its /config) [default: the mode's default: v2 for chat exports, original for "
    "paragraphs]. A local pack file cannot be sent: use `chatscan scan --rules FILE`.",
)  # fmt: skip
@click.option(
    "--semantic", is_flag=True,
    help="Run the service's semantic layer too (message mode; where the service has it).",
)  # fmt: skip
@click.option("--pdf", is_flag=True, help="Also fetch the PDF report (report.pdf).")
@click.option("--quiet", "-q", is_flag=True, help="No summary line.")
@click.option(
    "--timeout", default=300.0, show_default=True, type=click.FloatRange(min=1),
    help="Seconds to wait for the analysis.",
)  # fmt: skip
def remote_analyze(
    file: Path,
    url: str,
    out: Path,
    payment_intent_id: str | None,
    fmt: str,
    rules: str | None,
    semantic: bool,
    pdf: bool,
    quiet: bool,
    timeout: float,
) -> None:
    """Analyse FILE on the service at --url and write its reports into --out.

    The files are those `chatscan scan FILE --out DIR` writes, plus report.html and
    manifest.json; a service with BRAND_NAME set puts its brand header in the CSVs.
    """
    from chatscan.client import (
        ChatscanAPIError,
        Client,
        ServerError,
        ServiceUnreachable,
        check_rules_name,
    )

    if not file.is_file():
        _fail(f"{file}: no such file")
    if rules is not None:
        try:
            check_rules_name(rules)
        except ValueError as exc:
            _fail(str(exc))
    try:
        with Client(url, timeout=timeout) as api:
            api.download_reports(
                file, out, payment_intent_id, format=fmt, pdf=pdf, rules=rules, semantic=semantic
            )
    except (ServiceUnreachable, ServerError) as exc:
        _fail(str(exc), EXIT_UNAVAILABLE)
    except ChatscanAPIError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write reports to {out}: {exc.strerror or exc}")
    if not quiet:
        print(_summary_line(out, url), file=sys.stderr, flush=True)


@click.command()
def migrate() -> None:
    """Bring the ledger database (DATABASE_URL) to the latest schema, then exit.

    `chatscan serve` does this itself at start; run it alone as a deployment's release
    step. Settings come from the environment, as for `chatscan serve`.
    """
    try:
        from chatscan.service.db.ledger import normalize_url
        from chatscan.service.db.migrate import head_revision, upgrade
        from chatscan.service.server import StartupError, load_settings
    except ImportError as exc:
        _fail(f"migrations need the service extra: pip install 'chatscan[service]' ({exc.name})")
    try:
        settings = load_settings()
        url = normalize_url(settings.database_url)
        upgrade(settings.database_url)
    except StartupError as exc:
        _fail(str(exc))
    except Exception as exc:  # a database that cannot be reached, most often
        _fail(f"cannot migrate: {type(exc).__name__}: {exc}", EXIT_UNAVAILABLE)
    shown = url.render_as_string(hide_password=True)
    print(f"ledger {shown} is at revision {head_revision()}", flush=True)
