"""The converted model and the exemplar embeddings are cached, verified, and rebuilt when
damaged; each case runs ``chatscan semantic-check`` in a fresh process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from chatscan.semantic.cache import read_entry, write_entry


def check(cache: Path) -> str:
    env = {**os.environ, "CHATSCAN_CACHE_DIR": str(cache)}
    proc = subprocess.run(
        [sys.executable, "-m", "chatscan", "semantic-check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def field(output: str, name: str) -> str:
    return next(line.split(": ", 1)[1] for line in output.splitlines() if line.startswith(name))


def test_the_model_is_converted_once_then_reused_and_rebuilt_when_corrupt(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = check(cache)
    assert "semantic layer: available; model converted in" in first
    (model_file,) = cache.glob("minilm-int8-*.onnx")
    assert len(list(cache.glob("exemplars-*.npy"))) == 1
    assert not list(cache.glob(".*.part"))  # no temporary files left behind

    second = check(cache)
    assert "model loaded from the cache" in second
    assert field(second, "model_sha256") == field(first, "model_sha256")

    data = bytearray(model_file.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped bit in the middle of the weights
    model_file.write_bytes(bytes(data))
    third = check(cache)
    assert "model converted in" in third
    assert field(third, "model_sha256") == field(first, "model_sha256")  # deterministic
    assert read_entry(model_file) is not None


def test_an_unwritable_cache_still_works(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be")
    output = check(blocker / "cache")
    assert "cache: none (cache directory not writable)" in output


def test_entries_are_verified(tmp_path: Path) -> None:
    path = tmp_path / "entry.bin"
    assert read_entry(path) is None
    assert write_entry(path, b"payload")
    assert read_entry(path) == b"payload"
    path.write_bytes(path.read_bytes()[:-1])  # truncated
    assert read_entry(path) is None
    path.write_bytes(b"something else entirely")
    assert read_entry(path) is None
