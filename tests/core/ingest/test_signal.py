"""Signal (signal-export) text exports: golden fixtures, chat-miner's fixture, bad input."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from chatscan.core.errors import InputError
from chatscan.core.ingest.base import IngestLog, Sniff, Source
from chatscan.core.ingest.signal import FORMAT
from chatscan.core.models import UNANCHORED, Message
from tests.core.ingest.support import read_source, record
from tests.paths import REPO_ROOT, SHARED

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "signal"
OTHER_FIXTURES = REPO_ROOT / "tests" / "fixtures"
CHAT_MINER = SHARED / "fixtures" / "chat-miner"
SECRET = "SECRETWORD"  # planted in bad records: must never reach a reason or message


def read_path(path: Path) -> tuple[list[Message], IngestLog]:
    return read_source(FORMAT, Source(path.name, path=path))


def read_text(text: str, name: str = "chat.md") -> tuple[list[Message], IngestLog]:
    return read_bytes(text.encode("utf-8"), name)


def read_bytes(data: bytes, name: str = "chat.md") -> tuple[list[Message], IngestLog]:
    return read_source(FORMAT, Source(name, data=data))


def as_record(message: Message) -> dict[str, Any]:
    return record(message, context=True)


def no_secret(log: IngestLog) -> None:
    for skipped in log.skipped:
        assert SECRET not in skipped.position and SECRET not in skipped.reason
    assert all(SECRET not in warning for warning in log.warnings)


@pytest.mark.parametrize(
    "name", ["chat_md.md", "chat_md_minutes.md", "old_layout.txt", "anchors.md"]
)
def test_fixture_matches_expected(name: str) -> None:
    path = FIXTURES / name
    messages, log = read_path(path)
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert len(messages) == len(expected)
    assert [m.index for m in messages] == list(range(len(expected)))
    for message, want in zip(messages, expected, strict=True):
        assert as_record(message) == {"context": UNANCHORED, **want}
    assert log.skipped == [] and log.warnings == []


def test_times_are_local_as_written() -> None:
    messages, _ = read_path(FIXTURES / "chat_md.md")
    assert all(m.timestamp is not None and m.timestamp.tzinfo is None for m in messages)


def test_continuation_lines_keep_newlines_and_quotes_are_dropped() -> None:
    messages, _ = read_path(FIXTURES / "chat_md.md")
    by_ref = {m.source_ref: m for m in messages}
    assert by_ref["line 3"].text == "Call me when you leave.\nI want to know where you are."
    # The quoted earlier message (Dana's words) is not part of "Me"'s reply.
    assert by_ref["line 5"].text == "Okay, I will"


def test_media_only_when_the_message_is_only_attachments() -> None:
    messages, _ = read_path(FIXTURES / "chat_md.md")
    media = [m.source_ref for m in messages if "media" in m.flags]
    assert media == ["line 11", "line 16"]  # image with a reaction; a sticker
    form = next(m for m in messages if m.source_ref == "line 13")
    assert "media" not in form.flags and form.text.startswith("Here is the form")


def collapse(text: str) -> str:
    return " ".join(text.split())


def test_chat_miner_fixture() -> None:
    messages, log = read_path(CHAT_MINER / "signal" / "test_export.txt")
    target = json.loads((CHAT_MINER / "signal" / "target.json").read_text(encoding="utf-8"))
    ours = [
        {
            "timestamp": m.timestamp.isoformat() if m.timestamp else None,
            "author": m.speaker,
            "message": collapse(m.text),
        }
        for m in messages
        if "system" not in m.flags and m.text.strip()
    ]
    assert ours == list(reversed(target))  # target.json is newest first
    assert messages[1].text == "Hello\nJane!"
    assert log.skipped == []


def test_crlf_line_endings_give_the_same_messages() -> None:
    path = FIXTURES / "old_layout.txt"
    data = path.read_bytes().replace(b"\n", b"\r\n")
    messages, _ = read_bytes(data, "old_layout.txt")
    expected, _ = read_path(path)
    assert [as_record(m) for m in messages] == [as_record(m) for m in expected]


def test_lines_before_the_first_header_are_skipped_by_line() -> None:
    text = f"{SECRET} stray text\n\n[2021-03-04 10:11] Ana: hi\n"
    messages, log = read_text(text)
    assert [m.text for m in messages] == ["hi"]
    assert [(s.position, s.reason) for s in log.skipped] == [
        ("line 1", "no header and no message before it")
    ]
    no_secret(log)


def test_a_header_with_an_impossible_date_is_skipped_with_its_lines() -> None:
    text = (
        "[2021-03-04 10:11] Ana: before\n"
        f"[2021-02-30 10:12] Ana: {SECRET}\n{SECRET} continued\n"
        "[2021-03-04 10:13] Ana: after\n"
    )
    messages, log = read_text(text)
    assert [m.text for m in messages] == ["before", "after"]
    assert [m.index for m in messages] == [0, 1]
    assert [s.position for s in log.skipped] == ["line 2"]
    no_secret(log)


def test_binary_junk_with_nul_bytes_is_an_input_error() -> None:
    junk = bytes(random.Random(1).randrange(256) for _ in range(4096)) + b"\x00"
    with pytest.raises(InputError) as caught:
        read_bytes(junk, "junk.md")
    assert "binary" in caught.value.message


def test_binary_junk_without_nul_bytes_does_not_crash() -> None:
    rng = random.Random(2)
    junk = bytes(rng.randrange(1, 256) for _ in range(20000))
    messages, log = read_bytes(junk, "junk.md")
    assert messages == []
    assert log.skipped_total > 0
    assert all(s.position.startswith("line ") for s in log.skipped)


def _other_files() -> list[Path]:
    paths = [
        *sorted((CHAT_MINER / "whatsapp").glob("*.txt")),
        CHAT_MINER / "telegram" / "test_single_export.json",
        CHAT_MINER / "instagram" / "test_export.json",
        *sorted((OTHER_FIXTURES / "imessage").glob("*.txt")),
        *sorted((OTHER_FIXTURES / "sms").glob("*.xml")),
    ]
    return [path for path in paths if path.is_file()]


@pytest.mark.parametrize(
    "path", [*sorted(FIXTURES.glob("*.md")), *sorted(FIXTURES.glob("*.txt"))], ids=str
)
def test_sniff_scores_signal_exports_high(path: Path) -> None:
    assert FORMAT.sniff(Sniff.of(Source(path.name, path=path))) >= 0.85


def test_sniff_scores_chat_miner_signal_export_high() -> None:
    path = CHAT_MINER / "signal" / "test_export.txt"
    assert FORMAT.sniff(Sniff.of(Source(path.name, path=path))) >= 0.8


@pytest.mark.parametrize("path", _other_files(), ids=lambda p: p.name)
def test_sniff_scores_other_formats_low(path: Path) -> None:
    assert FORMAT.sniff(Sniff.of(Source(path.name, path=path))) <= 0.3


def test_sniff_scores_prose_and_zips_zero() -> None:
    prose = "Iowa 2017\n\nWe met at the fair. [It rained] all day: nobody minded.\n"
    assert FORMAT.sniff(Sniff("notes.txt", prose)) == 0.0
    assert FORMAT.sniff(Sniff("export.zip", "", zip_names=("chat.md",))) == 0.0
