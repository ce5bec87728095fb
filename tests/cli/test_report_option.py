"""`chatscan scan --report csv,txt,json,html,pdf` and `--safe-csv`."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from chatscan.cli import app

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample_chat.txt"
runner = CliRunner()

PARAGRAPH_DEFAULT = [
    "context_summary.csv",
    "events.csv",
    "manifest.json",
    "pattern_summary.txt",
    "report.html",
    "report.json",
    "sequences.csv",
]


def scan(*args: str) -> Result:
    return runner.invoke(app, ["scan", *args])


def names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_default_reports_and_manifest(tmp_path: Path) -> None:
    messages, paragraphs = tmp_path / "m", tmp_path / "p"
    assert scan(str(SAMPLE), "-o", str(messages), "-q").exit_code == 0
    assert scan(str(SAMPLE), "-f", "paragraphs", "-o", str(paragraphs), "-q").exit_code == 0
    assert names(paragraphs) == PARAGRAPH_DEFAULT
    assert names(messages) == sorted([*PARAGRAPH_DEFAULT, "speakers.csv"])
    manifest = json.loads((messages / "manifest.json").read_bytes())
    listed = sorted(f["name"] for f in manifest["files"])
    assert listed == [n for n in names(messages) if n != "manifest.json"]
    html = (messages / "report.html").read_text(encoding="utf-8")
    assert manifest["generated_at"] in html  # one analysis time for all files


@pytest.mark.parametrize(
    ("report", "expected"),
    [
        ("csv", ["context_summary.csv", "events.csv", "sequences.csv", "speakers.csv"]),
        ("txt", ["pattern_summary.txt"]),
        (" HTML , json,html", ["report.html", "report.json"]),
    ],
)
def test_chosen_reports(tmp_path: Path, report: str, expected: list[str]) -> None:
    result = scan(str(SAMPLE), "-o", str(tmp_path), "--report", report, "-q")
    assert result.exit_code == 0, result.output
    assert names(tmp_path) == sorted([*expected, "manifest.json"])


@pytest.mark.parametrize("report", ["csv,docx", "xlsx", "", ","])
def test_unknown_report_is_one_error_line(tmp_path: Path, report: str) -> None:
    result = scan(str(SAMPLE), "-o", str(tmp_path / "out"), "--report", report)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert lines[0].endswith("valid: csv, txt, json, html, pdf")
    assert not (tmp_path / "out").exists()


def test_pdf_without_weasyprint_fails_before_scanning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    result = scan(str(SAMPLE), "-o", str(tmp_path / "out"), "--report", "pdf")
    assert result.exit_code == 2
    assert result.stderr == "error: PDF reports need WeasyPrint: pip install 'chatscan[pdf]'\n"
    assert not (tmp_path / "out").exists()


def test_safe_csv_flag_in_paragraph_mode(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text("=cmd|' /C calc'!A0 I was watching you\n", encoding="utf-8")
    raw, safe = tmp_path / "raw", tmp_path / "safe"
    assert scan(str(chat), "-f", "paragraphs", "-o", str(raw), "-q").exit_code == 0
    args = (str(chat), "-f", "paragraphs", "-o", str(safe), "--safe-csv", "-q")
    assert scan(*args).exit_code == 0
    with (raw / "events.csv").open(encoding="utf-8", newline="") as stream:
        assert next(csv.DictReader(stream))["text"].startswith("=cmd")
    with (safe / "events.csv").open(encoding="utf-8", newline="") as stream:
        assert next(csv.DictReader(stream))["text"].startswith("'=cmd")


def test_json_to_stdout_writes_no_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = scan(str(SAMPLE), "--json", "-q")
    assert result.exit_code == 0
    # the sample is a transcript, so message mode and its default pack, v2 (original: 23)
    assert json.loads(result.stdout)["totals"]["events"] == 17
    assert list(tmp_path.iterdir()) == []
