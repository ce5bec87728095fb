"""manifest.json: the hash of every report file, and verify() saying what differs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import chatscan
from chatscan.core.result import Result
from chatscan.reports import (
    MANIFEST_NAME,
    ReportOptions,
    manifest_bytes,
    manifest_dict,
    reports_for,
    verify,
    write_manifest,
    write_reports,
)

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample_chat.txt"
OPTIONS = ReportOptions(tool_version="9.8.7-test", generated_at="2024-01-02T03:04:05Z")


@pytest.fixture(scope="module")
def result() -> Result:
    return chatscan.scan_file(SAMPLE, chatscan.ScanOptions(format="paragraphs"))


@pytest.fixture
def out(tmp_path: Path, result: Result) -> Path:
    directory = tmp_path / "out"
    written = write_reports(result, directory, reports_for(result.mode), OPTIONS)
    write_manifest(directory, result, written, OPTIONS)
    return directory


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_manifest_lists_tool_source_rules_and_every_file(result: Result) -> None:
    files = {"a.csv": b"x,y\r\n", "report.html": b"<!DOCTYPE html>"}
    manifest = manifest_dict(result, files, OPTIONS)
    assert manifest == {
        "schema_version": 1,
        "tool": {"name": "chatscan", "version": "9.8.7-test"},
        "generated_at": "2024-01-02T03:04:05Z",
        "source": {
            "name": "sample_chat.txt",
            "size": SAMPLE.stat().st_size,
            "sha256": sha(SAMPLE.read_bytes()),
        },
        "rules": {"name": "original", "version": "1.0.0", "sha256": result.pack.sha256},
        "detectors": [],  # nothing ran beside the rules
        "files": [
            {"name": "a.csv", "size": 5, "sha256": sha(b"x,y\r\n")},
            {"name": "report.html", "size": 15, "sha256": sha(b"<!DOCTYPE html>")},
        ],
    }
    assert json.loads(manifest_bytes(result, files, OPTIONS)) == manifest


def test_paths_and_bytes_give_the_same_manifest(result: Result, out: Path) -> None:
    paths = {p.name: p for p in sorted(out.iterdir()) if p.name != MANIFEST_NAME}
    contents = {name: path.read_bytes() for name, path in paths.items()}
    assert manifest_bytes(result, paths, OPTIONS) == manifest_bytes(result, contents, OPTIONS)


def test_written_manifest_covers_exactly_the_files_written(result: Result, out: Path) -> None:
    manifest = json.loads((out / MANIFEST_NAME).read_bytes())
    names = [entry["name"] for entry in manifest["files"]]
    assert names == ["events.csv", "sequences.csv", "context_summary.csv",
                     "pattern_summary.txt", "report.json"]  # fmt: skip
    for entry in manifest["files"]:
        data = (out / entry["name"]).read_bytes()
        assert (entry["size"], entry["sha256"]) == (len(data), sha(data))
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]
    assert verify(out, SAMPLE) == []


def test_a_report_file_name_must_be_plain(result: Result) -> None:
    for name in ("../x", "a/b", "", MANIFEST_NAME):
        with pytest.raises(ValueError):
            manifest_dict(result, {name: b""}, OPTIONS)


def test_generated_at_defaults_to_now(result: Result) -> None:
    stamp = manifest_dict(result, {}, ReportOptions())["generated_at"]
    assert len(stamp) == 20 and stamp.endswith("Z") and stamp[10] == "T"


def test_a_changed_file_is_named_with_both_hashes(out: Path) -> None:
    target = out / "sequences.csv"
    before = target.read_bytes()
    target.write_bytes(bytes([before[0] ^ 1]) + before[1:])
    problems = verify(out)
    assert [(p.kind, p.name) for p in problems] == [("changed", "sequences.csv")]
    problem = problems[0]
    assert problem.expected_sha256 == sha(before)
    assert problem.actual_sha256 == sha(target.read_bytes())
    assert problem.message() == (
        f"sequences.csv: changed: sha256 expected {sha(before)}, found {problem.actual_sha256}"
    )


def test_missing_unlisted_and_source(out: Path, tmp_path: Path) -> None:
    (out / "report.json").unlink()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_bytes(SAMPLE.read_bytes() + b"\n")
    problems = verify(out, other)
    assert [(p.kind, p.name) for p in problems] == [
        ("source_changed", str(other)),
        ("missing", "report.json"),
        ("unlisted", "notes.txt"),
    ]
    assert [p.informational for p in problems] == [False, False, True]
    assert "size 1265 bytes expected, 1266 found" in problems[0].message()


@pytest.mark.parametrize(
    ("content", "kind", "words"),
    [
        (None, "no_manifest", "missing in"),
        (b"{not json", "bad_manifest", "not valid JSON"),
        (b"[]", "bad_manifest", "not a JSON object"),
        (b'{"schema_version": 1, "files": [{"name": "../../etc/passwd", "size": 1, '
         b'"sha256": "' + b"0" * 64 + b'"}]}', "bad_manifest", "no usable file name"),
        (b'{"schema_version": 1, "files": []}', "bad_manifest", '"source"'),
    ],
)  # fmt: skip
def test_an_unusable_manifest_is_one_problem(
    tmp_path: Path, content: bytes | None, kind: str, words: str
) -> None:
    if content is not None:
        (tmp_path / MANIFEST_NAME).write_bytes(content)
    problems = verify(tmp_path)
    assert [(p.kind, p.name) for p in problems] == [(kind, MANIFEST_NAME)]
    assert problems[0].unusable and words in problems[0].message()


def test_no_directory_and_no_source(out: Path, tmp_path: Path) -> None:
    [problem] = verify(tmp_path / "nowhere")
    assert problem.kind == "no_directory" and problem.unusable
    [problem] = verify(out, tmp_path / "gone.txt")
    assert problem.kind == "no_source" and problem.unusable
