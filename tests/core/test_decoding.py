"""Incremental decoding: byte-order marks, replacement counts and offsets, newlines."""

from __future__ import annotations

import io
import random

import pytest

from chatscan.core.decoding import DecodeStats, decode_chunks
from chatscan.core.errors import EncodingError, InputError


def decode(data: bytes, chunk: int = 7, strict: bool = False) -> tuple[str, DecodeStats]:
    stats = DecodeStats()
    text = "".join(decode_chunks(io.BytesIO(data), stats, strict=strict, chunk_bytes=chunk))
    return text, stats


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 64, 1 << 20])
def test_matches_python_text_mode_for_any_chunking(chunk: int) -> None:
    rng = random.Random(chunk)
    pieces = ["a", "é", "你", "\r", "\n", "\r\n", "\xff", "\xc3", "😀", " "]
    for _ in range(200):
        data = b"".join(
            p.encode("latin-1") if p in ("\xff", "\xc3") else p.encode()
            for p in rng.choices(pieces, k=40)
        )
        expected = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="replace").read()
        text, stats = decode(data, chunk)
        assert text == expected
        assert stats.replacements == expected.count("\ufffd")
        assert stats.size == len(data)


def test_first_bad_offset_is_absolute_across_chunks() -> None:
    data = b"x" * 10 + "é".encode() + b"y" * 5 + b"\xe2\x82" + b"z"
    _, stats = decode(data, chunk=3)
    assert stats.first_bad_offset == 17
    assert stats.replacements == 1
    assert "first at byte offset 17" in (stats.warning() or "")


def test_strict_mode_raises_with_offset() -> None:
    with pytest.raises(EncodingError) as caught:
        decode(b"abc\n\ndef\x80", strict=True)
    assert caught.value.offset == 8


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_boms(encoding: str) -> None:
    text, stats = decode("héllo\r\nworld".encode(encoding))
    assert text == "héllo\nworld"
    assert stats.bom


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(InputError, match="binary data"):
        decode(b"GIF89a\x00\x01")


def test_sha256_covers_every_byte() -> None:
    import hashlib

    data = b"\xef\xbb\xbfabc" * 1000
    _, stats = decode(data, chunk=100)
    assert stats.sha256 == hashlib.sha256(data).hexdigest()
