"""iMessage (imessage-exporter .txt): golden fixtures, tolerance of variants, bad input."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from chatscan.core.errors import InputError
from chatscan.core.ingest.base import IngestLog, Sniff, Source
from chatscan.core.ingest.imessage import FORMAT
from chatscan.core.models import UNANCHORED, Message
from tests.core.ingest.support import read_source, record
from tests.paths import REPO_ROOT, SHARED

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "imessage"
OTHER_FIXTURES = REPO_ROOT / "tests" / "fixtures"
CHAT_MINER = SHARED / "fixtures" / "chat-miner"
SECRET = "SECRETWORD"  # planted in bad records: must never reach a reason or message


def read_path(path: Path) -> tuple[list[Message], IngestLog]:
    return read_source(FORMAT, Source(path.name, path=path))


def read_bytes(data: bytes, name: str = "chat.txt") -> tuple[list[Message], IngestLog]:
    return read_source(FORMAT, Source(name, data=data))


def read_text(text: str) -> tuple[list[Message], IngestLog]:
    return read_bytes(text.encode("utf-8"))


def as_record(message: Message) -> dict[str, Any]:
    return record(message, context=True)


def no_secret(log: IngestLog) -> None:
    for skipped in log.skipped:
        assert SECRET not in skipped.position and SECRET not in skipped.reason
    assert all(SECRET not in warning for warning in log.warnings)


@pytest.mark.parametrize("name", ["conversation.txt", "old_style.txt"])
def test_fixture_matches_expected(name: str) -> None:
    path = FIXTURES / name
    messages, log = read_path(path)
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert len(messages) == len(expected)
    assert [m.index for m in messages] == list(range(len(expected)))
    for message, want in zip(messages, expected, strict=True):
        assert as_record(message) == {"context": UNANCHORED, **want}
    assert log.skipped == [] and log.warnings == []


def test_times_are_local_as_written_with_12_hour_clock() -> None:
    messages, _ = read_path(FIXTURES / "conversation.txt")
    assert all(m.timestamp is not None and m.timestamp.tzinfo is None for m in messages)
    edited = next(m for m in messages if "edited" in m.flags)
    assert edited.timestamp is not None and edited.timestamp.hour == 13


def test_read_receipt_is_optional_and_blank_lines_inside_a_message_stay() -> None:
    text = (
        "Mar 04, 2021 10:11:12 AM\nMe\nfirst line\n\nafter a blank line\n\n"
        "Mar 04, 2021 10:12:00 AM (Read by you after 1 hour, 49 seconds)\nAna\nok\n"
    )
    messages, log = read_text(text)
    assert [(m.speaker, m.text) for m in messages] == [
        ("Me", "first line\n\nafter a blank line"),
        ("Ana", "ok"),
    ]
    assert [m.source_ref for m in messages] == ["line 1", "line 7"]
    assert log.skipped == []


@pytest.mark.parametrize(
    "date_line",
    [
        "Mar 4, 2021  1:05:09 PM",
        "Mar 04, 2021 1:05:09\u202fPM",
        "Mar 04, 2021  1:05:09 PM (Read by Sam after 3 days)",
        "Mar 04, 2021  1:05:09 PM   ",
    ],
)
def test_date_line_variants(date_line: str) -> None:
    messages, log = read_text(f"{date_line}\nAna\nhello\n")
    assert [(m.timestamp.isoformat() if m.timestamp else None, m.text) for m in messages] == [
        ("2021-03-04T13:05:09", "hello")
    ]
    assert log.skipped == []


def test_tapbacks_reply_notes_and_nested_replies_are_not_the_senders_words() -> None:
    messages, _ = read_path(FIXTURES / "conversation.txt")
    texts = [m.text for m in messages]
    assert "Maybe. Who else is going?" in texts  # without "Tapbacks:" / "Liked by Me"
    assert "Just us.\n\nYou said you would come." in texts  # without the indented reply
    assert texts.count("I said maybe.") == 1  # the reply itself, once, at its own time
    assert not any("responded to an earlier message" in text for text in texts)


@pytest.mark.parametrize(
    ("sender", "body", "deleted"),
    [
        ("Me", "You deleted a message.", True),
        ("Ana", "They deleted a message.", True),
        ("Sam", "Sam deleted a message.", True),  # a custom name for "You"
        ("Ana", "He deleted a message.", False),  # words, not the exporter's note
    ],
)
def test_deleted_notes(sender: str, body: str, deleted: bool) -> None:
    messages, _ = read_text(f"Mar 04, 2021 10:11:12 AM\n{sender}\n{body}\n")
    assert ("deleted" in messages[0].flags) is deleted
    assert messages[0].text == body


def test_crlf_line_endings_give_the_same_messages() -> None:
    path = FIXTURES / "conversation.txt"
    messages, _ = read_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    expected, _ = read_path(path)
    assert [as_record(m) for m in messages] == [as_record(m) for m in expected]


def test_date_line_without_sender_is_skipped() -> None:
    text = f"Mar 04, 2021 10:11:12 AM\n\n{SECRET}\n\nMar 04, 2021 10:12:00 AM\nAna\nok\n"
    messages, log = read_text(text)
    assert [m.text for m in messages] == ["ok"]
    assert [(s.position, s.reason) for s in log.skipped] == [
        ("line 1", "a date line with no sender line after it"),
        ("line 3", "no header and no message before it"),
    ]
    no_secret(log)


def test_impossible_date_is_skipped_by_line() -> None:
    text = f"Feb 30, 2021 10:11:12 AM\nAna\n{SECRET}\n\nMar 01, 2021 10:12:00 AM\nAna\nok\n"
    messages, log = read_text(text)
    assert [m.text for m in messages] == ["ok"] and messages[0].index == 0
    assert [s.position for s in log.skipped] == ["line 1"]
    no_secret(log)


def test_binary_junk_with_nul_bytes_is_an_input_error() -> None:
    junk = bytes(random.Random(3).randrange(256) for _ in range(4096)) + b"\x00"
    with pytest.raises(InputError):
        read_bytes(junk)


def test_binary_junk_without_nul_bytes_does_not_crash() -> None:
    rng = random.Random(4)
    junk = bytes(rng.randrange(1, 256) for _ in range(20000))
    messages, log = read_bytes(junk)
    assert messages == []
    assert all(s.position.startswith("line ") for s in log.skipped)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_sniff_scores_imessage_exports_high(path: Path) -> None:
    assert FORMAT.sniff(Sniff.of(Source(path.name, path=path))) >= 0.9


def _other_files() -> list[Path]:
    paths = [
        *sorted((CHAT_MINER / "whatsapp").glob("*.txt")),
        CHAT_MINER / "signal" / "test_export.txt",
        CHAT_MINER / "telegram" / "test_single_export.json",
        *sorted((OTHER_FIXTURES / "signal").glob("*.md")),
        *sorted((OTHER_FIXTURES / "sms").glob("*.xml")),
    ]
    return [path for path in paths if path.is_file()]


@pytest.mark.parametrize("path", _other_files(), ids=lambda p: p.name)
def test_sniff_scores_other_formats_low(path: Path) -> None:
    assert FORMAT.sniff(Sniff.of(Source(path.name, path=path))) == 0.0


def test_sniff_scores_prose_zero() -> None:
    prose = "Iowa 2017\n\nOn Mar 04, 2021 we talked for hours.\nIt was fine.\n"
    assert FORMAT.sniff(Sniff("notes.txt", prose)) == 0.0
