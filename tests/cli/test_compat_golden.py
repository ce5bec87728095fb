"""Paragraph mode reproduces the original scanner's four reports byte for byte."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from chatscan.cli import app
from tests.paths import COMPAT_FILES, SEED_OUTPUTS

runner = CliRunner()


@pytest.mark.parametrize("backend", ["hyperscan", "re"])
def test_paragraph_outputs_are_byte_identical(seed_log: Path, tmp_path: Path, backend: str) -> None:
    result = runner.invoke(
        app,
        [
            "scan",
            str(seed_log),
            "--format",
            "paragraphs",
            "--out",
            str(tmp_path),
            "--backend",
            backend,
        ],
    )
    assert result.exit_code == 0, result.output
    for name in COMPAT_FILES:
        expected = (SEED_OUTPUTS / name).read_bytes()
        assert (tmp_path / name).read_bytes() == expected, f"{name} differs from the original"


def test_report_json_describes_source_rules_and_spans(seed_log: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["scan", str(seed_log), "--format", "paragraphs", "--out", str(tmp_path)])
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    import hashlib

    assert report["source"]["sha256"] == hashlib.sha256(seed_log.read_bytes()).hexdigest()
    assert report["rules"]["name"] == "original"
    assert len(report["rules"]["sha256"]) == 64
    assert report["tool"]["version"]
    assert report["totals"]["events"] == 19
    first = report["events"][1]
    assert first["text"] == "Alex: You made me so scared last night."
    phrase = next(h for h in first["hits"] if h["tier"] == "PHRASE")
    start, end = phrase["span"]
    assert first["text"][start:end] == phrase["matched"]
    assert phrase["rule_id"] == "harm.phrase.you_made_me_scared"


def test_json_flag_prints_report_to_stdout(seed_log: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "chatscan",
            "scan",
            str(seed_log),
            "--format",
            "paragraphs",
            "--json",
            "-q",
        ],
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["totals"]["sequences"] == 9
    assert proc.stderr == b""


def test_streamed_json_equals_the_report_dict(seed_log: Path) -> None:
    import orjson

    from chatscan.core.pipeline import ScanOptions, scan_file
    from chatscan.reports import ReportOptions, render
    from chatscan.reports.json_report import report_dict

    result = scan_file(seed_log, ScanOptions(format="paragraphs"))
    options = ReportOptions(tool_version="x")
    streamed = json.loads(render("json", result, options))
    assert streamed == json.loads(orjson.dumps(report_dict(result, options)))
    assert [e["entry_index"] for e in streamed["events"]] == list(range(19))
