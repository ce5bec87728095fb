"""`chatscan verify DIR [--source FILE]`: what changed, by name; exit 0, 1 or 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from chatscan.cli import app

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample_chat.txt"
runner = CliRunner()


def chatscan(*args: str) -> Result:
    return runner.invoke(app, list(args))


@pytest.fixture
def out(tmp_path: Path) -> Path:
    directory = tmp_path / "out"
    scanned = chatscan("scan", str(SAMPLE), "--out", str(directory), "-q")
    assert scanned.exit_code == 0, scanned.output
    return directory


def test_fresh_reports_verify(out: Path) -> None:
    verified = chatscan("verify", str(out), "--source", str(SAMPLE))
    assert verified.exit_code == 0, verified.output
    lines = verified.stdout.splitlines()
    assert lines[0] == "OK: 7 files match manifest.json"
    assert lines[1].startswith(f"OK: {SAMPLE} matches")


def test_one_flipped_byte_names_that_file(out: Path) -> None:
    target = out / "report.html"
    data = bytearray(target.read_bytes())
    data[100] ^= 0x20
    target.write_bytes(bytes(data))
    verified = chatscan("verify", str(out))
    assert verified.exit_code == 1
    lines = verified.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("report.html: changed: sha256 expected ")
    assert lines[1] == "FAILED: 1 problem; 6 of 7 files match manifest.json"


def test_a_deleted_file_is_named_missing(out: Path) -> None:
    (out / "speakers.csv").unlink()
    verified = chatscan("verify", str(out))
    assert verified.exit_code == 1
    assert verified.stdout.splitlines()[0].startswith("speakers.csv: missing")


def test_a_changed_source_is_named(out: Path, tmp_path: Path) -> None:
    copy = tmp_path / "sample_chat.txt"
    copy.write_bytes(SAMPLE.read_bytes().replace(b"Iowa", b"Ohio", 1))
    verified = chatscan("verify", str(out), "--source", str(copy))
    assert verified.exit_code == 1
    assert verified.stdout.splitlines()[0].startswith(f"{copy}: source file changed: sha256")


def test_an_extra_file_is_only_reported(out: Path) -> None:
    (out / "my-notes.txt").write_text("notes", encoding="utf-8")
    verified = chatscan("verify", str(out))
    assert verified.exit_code == 0
    assert verified.stdout.splitlines() == [
        "my-notes.txt: not listed in manifest.json (not checked)",
        "OK: 7 files match manifest.json",
    ]


@pytest.mark.parametrize("case", ["no manifest", "bad json", "no directory", "no source"])
def test_unusable_input_exits_2_with_one_line(out: Path, tmp_path: Path, case: str) -> None:
    args = ["verify", str(out)]
    if case == "no manifest":
        (out / "manifest.json").unlink()
    elif case == "bad json":
        (out / "manifest.json").write_text("{", encoding="utf-8")
    elif case == "no directory":
        args = ["verify", str(tmp_path / "nowhere")]
    else:
        args += ["--source", str(tmp_path / "nowhere.txt")]
    verified = chatscan(*args)
    assert verified.exit_code == 2
    assert verified.stdout == ""
    assert len(verified.stderr.splitlines()) == 1 and verified.stderr.startswith("error: ")


def test_pdf_report_is_in_the_manifest(tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    chat = tmp_path / "chat.txt"
    chat.write_text("Alex: stop texting me\nSam: I was watching you\n", encoding="utf-8")
    out = tmp_path / "out"
    scanned = chatscan("scan", str(chat), "--out", str(out), "--report", "pdf,json", "-q")
    assert scanned.exit_code == 0, scanned.output
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "report.json", "report.pdf"]
    manifest = json.loads((out / "manifest.json").read_bytes())
    assert [f["name"] for f in manifest["files"]] == ["report.json", "report.pdf"]
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF")
    assert chatscan("verify", str(out), "--source", str(chat)).exit_code == 0
