"""A progress bar on stderr for large inputs, only when stderr is a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from chatscan.cli import PROGRESS_MIN_BYTES
from tests.paths import SEED_LOG


def big_log(tmp_path: Path) -> Path:
    path = tmp_path / "big.txt"
    block = SEED_LOG.read_bytes() + b"\n\n"
    path.write_bytes(block * (PROGRESS_MIN_BYTES // len(block) + 1))
    return path


def scan_command(log: Path, out: Path) -> list[str]:
    # CSV only: the progress bar is the subject here, not the reports
    return [
        sys.executable,
        "-m",
        "chatscan",
        "scan",
        str(log),
        "--out",
        str(out),
        "--report",
        "csv",
    ]


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    log = big_log(tmp_path)
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        scan_command(log, tmp_path / "o"),
        stderr=follower,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "COLUMNS": "100", "TERM": "xterm"},
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:
            break
        if not data:
            break
        seen += data
    assert proc.wait() == 0
    os.close(leader)
    assert b"Scanning big.txt" in seen
    assert b"MB" in seen


def test_no_progress_bar_when_stderr_is_a_pipe(tmp_path: Path) -> None:
    log = big_log(tmp_path)
    proc = subprocess.run(
        scan_command(log, tmp_path / "o"),
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0
    assert b"Scanning" not in proc.stderr
    assert proc.stderr.decode().strip().endswith(str(tmp_path / "o"))
