"""Bad input gets exit code 2 and one clear line naming what is wrong; never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import COMPAT_FILES, SEED_OUTPUTS


def chatscan(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chatscan", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def assert_clean_failure(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: ")
    for needle in needles:
        assert needle in lines[0]


BAD_PACKS = {
    "bad_yaml": ("name: x\nrules: [\n", ["invalid YAML", "line"]),
    "unknown_tier": (
        "name: p\nversion: '1'\ncategories: [{name: A}]\n"
        "rules: [{id: a.one, category: A, tier: STRONG, pattern: 'x'}]\n",
        ["rule 'a.one'", "unknown tier 'STRONG'"],
    ),
    "bad_regex": (
        "name: p\nversion: '1'\ncategories: [{name: A}]\n"
        "rules: [{id: a.broken, category: A, tier: TOKEN, pattern: '(abc'}]\n",
        ["rule 'a.broken'", "pattern does not compile"],
    ),
    "duplicate_id": (
        "name: p\nversion: '1'\ncategories: [{name: A}]\n"
        "rules: [{id: a.x, category: A, tier: TOKEN, pattern: 'x'},"
        " {id: a.x, category: A, tier: TOKEN, pattern: 'y'}]\n",
        ["rule 'a.x'", "used by another rule"],
    ),
    "hostile_regex": (
        "name: p\nversion: '1'\ncategories: [{name: A}]\n"
        "rules: [{id: a.redos, category: A, tier: TOKEN, pattern: '(a+)+b'}]\n",
        ["rule 'a.redos'", "exponential time"],
    ),
    "empty_match": (
        "name: p\nversion: '1'\ncategories: [{name: A}]\n"
        "rules: [{id: a.empty, category: A, tier: TOKEN, pattern: 'x*'}]\n",
        ["rule 'a.empty'", "empty text"],
    ),
    "unknown_category": (
        "name: p\nversion: '1'\ncategories: [{name: A}]\n"
        "rules: [{id: a.x, category: B, tier: TOKEN, pattern: 'x'}]\n",
        ["rule 'a.x'", "unknown category 'B'"],
    ),
    "not_a_mapping": ("- just\n- a list\n", ["must be a mapping"]),
}


@pytest.mark.parametrize("case", sorted(BAD_PACKS))
def test_invalid_rule_pack_names_file_rule_and_reason(
    case: str, tmp_path: Path, seed_log: Path
) -> None:
    text, needles = BAD_PACKS[case]
    pack = tmp_path / f"{case}.yaml"
    pack.write_text(text, encoding="utf-8")
    for args in (["rules", "validate", str(pack)], ["scan", str(seed_log), "--rules", str(pack)]):
        assert_clean_failure(chatscan(*args, "--out", str(tmp_path / "o")) if args[0] == "scan"
                             else chatscan(*args), str(pack), *needles)  # fmt: skip


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert_clean_failure(chatscan("scan", str(missing)), str(missing), "no such file")


def test_directory_instead_of_file(tmp_path: Path) -> None:
    assert_clean_failure(chatscan("scan", str(tmp_path)), "is a directory")


def test_missing_rule_pack(seed_log: Path, tmp_path: Path) -> None:
    pack = tmp_path / "absent.yaml"
    assert_clean_failure(chatscan("scan", str(seed_log), "--rules", str(pack)), "file not found")


def test_unknown_format(seed_log: Path) -> None:
    assert_clean_failure(chatscan("scan", str(seed_log), "--format", "fax"), "unknown format 'fax'")


def test_binary_input_is_refused(tmp_path: Path) -> None:
    blob = tmp_path / "photo.txt"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert_clean_failure(chatscan("scan", str(blob)), "binary data", "offset 8")


def test_output_directory_that_is_a_file(seed_log: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("not a directory")
    assert_clean_failure(chatscan("scan", str(seed_log), "--out", str(blocker)), "cannot write")
    assert blocker.read_text() == "not a directory"


def test_invalid_utf8_is_replaced_and_reported(tmp_path: Path) -> None:
    source = tmp_path / "log.txt"
    source.write_bytes(b"Alex: I was so scared of you\xff\xfe.\n\nJordan: fine \xc3")
    proc = chatscan("scan", str(source), "--out", str(tmp_path / "o"))
    assert proc.returncode == 0, proc.stderr
    assert "warning: 3 undecodable byte sequence(s)" in proc.stderr
    assert "first at byte offset 28" in proc.stderr
    report = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    assert report["source"]["replaced_sequences"] == 3
    assert report["source"]["first_bad_byte_offset"] == 28
    assert any("byte offset 28" in w for w in report["warnings"])
    assert "\ufffd" in report["events"][0]["text"]


def test_strict_encoding_fails_with_the_offset(tmp_path: Path) -> None:
    source = tmp_path / "log.txt"
    source.write_bytes(b"hello\n\nAlex: scared \x80 here")
    proc = chatscan("scan", str(source), "--strict-encoding", "--out", str(tmp_path / "o"))
    assert_clean_failure(proc, "byte offset 20")
    assert not (tmp_path / "o").exists()


def test_empty_file_gives_valid_empty_reports(tmp_path: Path) -> None:
    source = tmp_path / "empty.txt"
    source.write_bytes(b"")
    proc = chatscan("scan", str(source), "--format", "paragraphs", "--out", str(tmp_path / "o"))
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "o"
    assert (out / "events.csv").read_bytes().count(b"\r\n") == 1
    assert (out / "sequences.csv").read_bytes().startswith(b"sequence,context_key,")
    summary = (out / "pattern_summary.txt").read_text(encoding="utf-8")
    assert summary.startswith("PATTERN SUMMARY (deduped, paragraph-chunked)\n" + "=" * 42 + "\n\n")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["totals"]["events"] == 0 and report["events"] == []


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")],
)
def test_byte_order_marks_are_honoured(
    seed_log: Path, tmp_path: Path, bom: bytes, encoding: str
) -> None:
    source = tmp_path / "log.txt"
    source.write_bytes(bom + seed_log.read_text(encoding="utf-8").encode(encoding))
    proc = chatscan("scan", str(source), "--format", "paragraphs", "--out", str(tmp_path / "o"))
    assert proc.returncode == 0, proc.stderr
    for name in COMPAT_FILES:
        assert (tmp_path / "o" / name).read_bytes() == (SEED_OUTPUTS / name).read_bytes()


def test_crlf_input_reads_like_python_text_mode(seed_log: Path, tmp_path: Path) -> None:
    source = tmp_path / "log.txt"
    source.write_bytes(seed_log.read_bytes().replace(b"\n", b"\r\n"))
    proc = chatscan("scan", str(source), "--format", "paragraphs", "--out", str(tmp_path / "o"))
    assert proc.returncode == 0, proc.stderr
    for name in COMPAT_FILES:
        assert (tmp_path / "o" / name).read_bytes() == (SEED_OUTPUTS / name).read_bytes()


def test_failed_run_keeps_earlier_reports(seed_log: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert chatscan("scan", str(seed_log), "--out", str(out)).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\n\n\x80")
    assert chatscan("scan", str(bad), "--strict-encoding", "--out", str(out)).returncode == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
