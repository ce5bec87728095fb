"""``chatscan remote analyze`` writes the files a local ``chatscan scan`` writes."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import chatscan
from chatscan.cli_service import migrate, remote
from chatscan.client import UnsafeArchive, extract_reports
from tests.client.live import SAMPLE_CHAT, TELEGRAM_CHAT, live_service
from tests.service.support import free_port


@click.group()
def chatscan_app() -> None:
    """The main group as ``cli.py`` will have it: ``remote`` and ``migrate`` added."""


chatscan_app.add_command(remote)
chatscan_app.add_command(migrate)
runner = CliRunner()

TEXT_FILES = ("events.csv", "sequences.csv", "context_summary.csv", "pattern_summary.txt")


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_service(tmp_path_factory.mktemp("remote")) as base:
        yield base


def _local_reports(source: Path, out: Path, fmt: str) -> chatscan.Result:
    result = chatscan.scan_file(source, chatscan.ScanOptions(format=fmt))
    options = chatscan.ReportOptions(tool_version=chatscan.__version__)
    chatscan.write_reports(result, out, chatscan.reports_for(result.mode), options)
    return result


@pytest.mark.parametrize(
    "source, fmt, extra_files",
    [(SAMPLE_CHAT, "paragraphs", ()), (TELEGRAM_CHAT, "auto", ("speakers.csv",))],
    ids=["paragraphs", "telegram"],
)
def test_remote_reports_are_the_local_reports(
    url: str, tmp_path: Path, source: Path, fmt: str, extra_files: tuple[str, ...]
) -> None:
    remote_out, local_out = tmp_path / "remote", tmp_path / "local"
    args = ["remote", "analyze", str(source), "--url", url, "--out", str(remote_out)]
    done = runner.invoke(chatscan_app, [*args, "--format", fmt])
    assert done.exit_code == 0, done.output
    result = _local_reports(source, local_out, fmt)

    local_files = {path.name for path in local_out.iterdir()}
    remote_files = {path.name for path in remote_out.iterdir()}
    assert local_files <= remote_files  # the service adds report.html and manifest.json
    for name in (*TEXT_FILES, *extra_files):
        assert (remote_out / name).read_bytes() == (local_out / name).read_bytes(), name

    remote_json = json.loads((remote_out / "report.json").read_bytes())
    local_json = json.loads((local_out / "report.json").read_bytes())
    for key in ("source", "format", "mode", "rules", "messages_total", "totals", "warnings"):
        assert remote_json[key] == local_json[key], key
    unit = "entries" if result.mode == "paragraphs" else "messages"
    assert (
        f"{source.name}: {result.format}, {result.messages_total} {unit}, "
        f"{len(result.events)} events, {len(result.sequences)} sequences -> {remote_out}"
    ) in done.output


def test_a_refusal_is_one_error_line_and_exit_2(url: str, tmp_path: Path) -> None:
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    done = runner.invoke(chatscan_app, ["remote", "analyze", str(exe), "--url", url])
    assert done.exit_code == 2
    assert done.output.startswith("error: File type not allowed")
    assert len(done.output.strip().splitlines()) == 1


def test_a_missing_file_is_refused_before_any_request(tmp_path: Path) -> None:
    args = ["remote", "analyze", str(tmp_path / "nope.txt"), "--url", "http://127.0.0.1:9"]
    done = runner.invoke(chatscan_app, args)
    assert done.exit_code == 2 and "no such file" in done.output


def test_no_service_is_exit_1(tmp_path: Path) -> None:
    where = f"http://127.0.0.1:{free_port()}"
    done = runner.invoke(chatscan_app, ["remote", "analyze", str(SAMPLE_CHAT), "--url", where])
    assert done.exit_code == 1
    assert done.output.startswith(f"error: cannot reach {where}")


def test_the_url_may_come_from_the_environment(url: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["remote", "analyze", str(SAMPLE_CHAT), "--out", str(out), "-q"]
    done = runner.invoke(chatscan_app, args, env={"CHATSCAN_URL": url})
    assert done.exit_code == 0, done.output
    assert done.output == ""
    assert (out / "events.csv").is_file()


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


UNSAFE_NAMES = ["../escape.csv", "/etc/x.csv", "sub/dir.csv", "..\\win.csv", "C:x.csv", ".hidden"]


@pytest.mark.parametrize("name", UNSAFE_NAMES)
def test_unsafe_names_in_a_reports_zip_are_refused(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    archive = _zip({"events.csv": b"ok\n", name: b"bad\n"})
    with pytest.raises(UnsafeArchive, match="refusing a report named"):
        extract_reports(archive, out)
    assert not out.exists() or list(out.iterdir()) == []
    assert not (tmp_path / "escape.csv").exists()


def test_a_zip_larger_than_the_limit_is_refused_and_nothing_is_left(tmp_path: Path) -> None:
    archive = _zip({"a.csv": b"x" * 1000, "b.csv": b"y" * 1000})
    with pytest.raises(UnsafeArchive, match="more than 1500 bytes"):
        extract_reports(archive, tmp_path, limit=1500)
    assert list(tmp_path.iterdir()) == []
    assert extract_reports(archive, tmp_path) == [tmp_path / "a.csv", tmp_path / "b.csv"]
    with pytest.raises(UnsafeArchive, match="not a ZIP"):
        extract_reports(b"<html>", tmp_path)


@pytest.mark.parametrize("rules", ["original", "v2"])
def test_remote_passes_the_rule_pack(url: str, tmp_path: Path, rules: str) -> None:
    out = tmp_path / "out"
    args = ["remote", "analyze", str(SAMPLE_CHAT), "--url", url, "--out", str(out)]
    done = runner.invoke(chatscan_app, [*args, "--rules", rules, "--quiet"])
    assert done.exit_code == 0, done.output
    report = json.loads((out / "report.json").read_bytes())
    assert report["rules"]["name"] == rules and report["detectors"] == []
    local = chatscan.scan_file(SAMPLE_CHAT, chatscan.ScanOptions(rules=chatscan.load_pack(rules)))
    assert report["totals"]["events"] == len(local.events)


def test_remote_semantic(url: str, tmp_path: Path) -> None:
    from tests.service.support import require_semantic

    base = ["remote", "analyze", str(SAMPLE_CHAT), "--url", url, "--semantic"]
    refused = runner.invoke(chatscan_app, [*base, "--rules", "original"])
    assert refused.exit_code == 2
    assert refused.output.startswith("error: The rule pack 'original' has no semantic section")
    require_semantic()
    out = tmp_path / "out"
    done = runner.invoke(chatscan_app, [*base, "--out", str(out), "--quiet"])
    assert done.exit_code == 0, done.output
    report = json.loads((out / "report.json").read_bytes())
    assert report["rules"]["name"] == "v2"
    assert [d["name"] for d in report["detectors"]] == ["semantic"]
    manifest = json.loads((out / "manifest.json").read_bytes())
    assert manifest["detectors"] == report["detectors"]


def test_a_local_pack_file_cannot_be_sent(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text("name: mine\n", encoding="utf-8")
    args = ["remote", "analyze", str(SAMPLE_CHAT), "--url", "http://127.0.0.1:9"]
    done = runner.invoke(chatscan_app, [*args, "--rules", str(pack)])
    assert done.exit_code == 2
    assert "a local rule pack file cannot be sent" in done.output
    assert "chatscan scan --rules FILE" in done.output
