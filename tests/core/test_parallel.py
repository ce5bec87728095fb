"""Several processes give exactly what one process gives: events, lines, offsets, hashes."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from chatscan.core import parallel
from chatscan.core.errors import EncodingError
from chatscan.core.pipeline import ScanOptions, scan_file
from chatscan.core.result import Result
from chatscan.reports import COMPAT_REPORTS, render
from tests.paths import SEED_LOG


@pytest.fixture(autouse=True)
def small_ranges(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 1)
    monkeypatch.setattr(parallel, "MIN_RANGE_BYTES", 1)
    monkeypatch.setattr(parallel, "RANGE_BYTES", 2048)


def write_log(path: Path, seed: int, newline: str = "\n", bad_bytes: bool = False) -> None:
    rng = random.Random(seed)
    blocks = SEED_LOG.read_text(encoding="utf-8").split("\n\n")
    out = []
    for i in range(400):
        block = rng.choice(blocks)
        if rng.random() < 0.3:
            block = block.replace("you", rng.choice(["YOU", "you\u00a0", "you"]))
        if not block.strip()[-1:].isdigit() and rng.random() < 0.7:
            block += f" ({i})"  # mostly distinct entries; anchors stay anchors
        out.append(block)
    data = ("\n\n" + "\n" * rng.randint(0, 1)).join(out).replace("\n", newline).encode()
    if bad_bytes:
        cut = len(data) * 2 // 3
        data = data[:cut] + b"\xff" + data[cut:]
    path.write_bytes(data)


def outputs(result: Result) -> dict[str, bytes]:
    return {name: render(name, result) for name in COMPAT_REPORTS}


@pytest.mark.parametrize(
    ("seed", "newline", "bad_bytes"),
    [(1, "\n", False), (2, "\r\n", False), (3, "\n", True), (4, "\r", False)],
)
def test_parallel_equals_single_process(
    tmp_path: Path, seed: int, newline: str, bad_bytes: bool
) -> None:
    log = tmp_path / "log.txt"
    write_log(log, seed, newline, bad_bytes)
    single = scan_file(log, ScanOptions(format="paragraphs", jobs=1))
    assert parallel.can_run_in_parallel(log, 3)
    many = scan_file(log, ScanOptions(format="paragraphs", jobs=3))
    assert len(single.events) > 100
    assert outputs(many) == outputs(single)
    assert [e.message.source_ref for e in many.events] == [
        e.message.source_ref for e in single.events
    ]
    assert many.source == single.source
    assert many.warnings == single.warnings


def test_strict_encoding_error_in_a_later_range(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    write_log(log, 5, bad_bytes=True)
    with pytest.raises(EncodingError) as single:
        scan_file(log, ScanOptions(format="paragraphs", jobs=1, strict_encoding=True))
    with pytest.raises(EncodingError) as many:
        scan_file(log, ScanOptions(format="paragraphs", jobs=3, strict_encoding=True))
    assert many.value.offset == single.value.offset > 4096


def test_utf16_runs_in_one_process(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    log.write_bytes(SEED_LOG.read_text(encoding="utf-8").encode("utf-16"))
    assert not parallel.can_run_in_parallel(log, 3)
