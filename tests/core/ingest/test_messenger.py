"""Facebook Messenger / Instagram JSON exports: golden fixtures, mojibake, malformed input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from chatscan.core.errors import InputError
from chatscan.core.ingest import jsonutil
from chatscan.core.ingest.base import IngestLog, Sniff, Source
from chatscan.core.ingest.jsonutil import repair_mojibake
from chatscan.core.ingest.messenger import FORMAT, chronological, title
from chatscan.core.models import UNANCHORED, Message
from tests.core.ingest.support import read_source, record
from tests.paths import REPO_ROOT, SHARED

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "messenger"
TELEGRAM_FIXTURES = REPO_ROOT / "tests" / "fixtures" / "telegram"
CHAT_MINER = SHARED / "fixtures" / "chat-miner"
SECRET = "SECRETWORD"  # planted in malformed records: must never reach a reason or message


def read_path(path: Path) -> tuple[list[Message], IngestLog]:
    return read_source(FORMAT, Source(path.name, path=path))


def read_bytes(data: bytes, name: str = "message_1.json") -> tuple[list[Message], IngestLog]:
    return read_source(FORMAT, Source(name, data=data))


def as_record(message: Message) -> dict[str, Any]:
    return record(message)


@pytest.mark.parametrize("name", ["facebook_group", "instagram_dm", "oldest_first"])
def test_fixture_matches_expected(name: str) -> None:
    messages, log = read_path(FIXTURES / f"{name}.json")
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    assert len(messages) == len(expected)
    assert [m.index for m in messages] == list(range(len(expected)))
    for message, want in zip(messages, expected, strict=True):
        assert as_record(message) == want
        assert message.context.key == UNANCHORED
        assert message.timestamp is not None and message.timestamp.utcoffset() is not None
    assert log.skipped == [] and log.warnings == []


def test_chat_miner_instagram_fixture() -> None:
    messages, log = read_path(CHAT_MINER / "instagram" / "test_export.json")
    target = json.loads((CHAT_MINER / "instagram" / "target.json").read_text(encoding="utf-8"))
    target.reverse()  # target.json is newest first, as the export; we yield oldest first
    assert len(messages) == len(target)
    for message, want in zip(messages, target, strict=True):
        assert message.timestamp is not None and message.timestamp.utcoffset() is not None
        assert message.timestamp.replace(tzinfo=None).isoformat() == want["timestamp"]
        assert message.speaker == want["author"]
        assert " ".join(message.text.split()) == " ".join(want["message"].split())
    assert log.skipped == []


def moji(text: str) -> str:
    """``text`` as Facebook writes it: each UTF-8 byte as one U+0000-U+00FF character."""
    return text.encode("utf-8").decode("latin-1")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (moji("é"), "é"),
        (moji("Zoë Brandt"), "Zoë Brandt"),
        (moji("ok 👍 ça"), "ok 👍 ça"),
        (moji("a\nb"), "a\nb"),
        ("plain ascii", "plain ascii"),
        ("", ""),
        ("café", "café"),  # Latin-1 range, but its bytes are not UTF-8: left alone
        ("Ø and ø", "Ø and ø"),
        ("naïve ☕", "naïve ☕"),  # beyond U+00FF: already proper Unicode
        ("日本語", "日本語"),
        (moji("é") + " ☕", moji("é") + " ☕"),  # mixed: cannot be one byte string, left alone
        ("\u00c3", "\u00c3"),  # a cut-off sequence does not decode: left alone
    ],
)
def test_repair_mojibake_only_where_it_applies(given: str, expected: str) -> None:
    assert repair_mojibake(given) == expected


def test_title_is_repaired() -> None:
    doc = json.loads((FIXTURES / "facebook_group.json").read_text(encoding="utf-8"))
    assert title(doc) == "Soirée crew"
    assert title({"title": 3}) is None and title({}) is None


def test_undecodable_content_stays_as_written() -> None:
    record = {"sender_name": "A", "timestamp_ms": 1, "content": "\u00c3\u00c3 x"}
    (message,), log = read_bytes(json.dumps({"messages": [record]}).encode())
    assert message.text == "\u00c3\u00c3 x" and log.skipped == []


@pytest.mark.parametrize(
    ("times", "order"),
    [
        ([3, 2, 1], [2, 1, 0]),
        ([1, 2, 3], [0, 1, 2]),
        ([5, 5], [1, 0]),
        ([], []),
        (["x", 9, 4, None], [3, 2, 1, 0]),
        ([None, 1, 4, "x"], [0, 1, 2, 3]),
    ],
)
def test_chronological_order(times: list[object], order: list[int]) -> None:
    assert list(chronological([{"timestamp_ms": t} for t in times])) == order


def doc(*messages: object) -> bytes:
    return json.dumps({"participants": [{"name": "A"}], "messages": list(messages)}).encode()


def good(ms: int) -> dict[str, Any]:
    return {"sender_name": "A", "timestamp_ms": ms, "content": "ok"}


def assert_clean(text: str) -> None:
    assert SECRET not in text and "Traceback" not in text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"messages": [{"sender_name": "A", "content": "' + SECRET.encode(), "line 1, column"),
        (b'{"messages": [\n{"content": "a"}\n{"content": "' + SECRET.encode() + b'"}]}', "line 3"),
        (b'[{"sender_name": "A", "content": "' + SECRET.encode() + b'"}]', "top level is a list"),
        (b"12", "top level is a number"),
        (b'{"participants": []}', "has no 'messages' list"),
        (b'{"messages": "' + SECRET.encode() + b'"}', "'messages' is a string, not a list"),
        (b'{"messages": null}', "'messages' is null, not a list"),
        (b"", "empty"),
    ],
)
def test_malformed_file_raises_input_error(data: bytes, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(data)
    assert expected in caught.value.message
    assert "message_1.json" in caught.value.message
    assert_clean(caught.value.message)


def test_truncated_json_names_line_and_column() -> None:
    data = (FIXTURES / "facebook_group.json").read_bytes()[:900]
    with pytest.raises(InputError) as caught:
        read_bytes(data)
    message = caught.value.message
    assert "not valid JSON" in message and "line " in message and "column " in message
    assert "cut off" in message


def test_file_above_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonutil, "MAX_JSON_BYTES", 100)
    with pytest.raises(InputError) as caught:
        read_path(FIXTURES / "facebook_group.json")
    assert "limit" in caught.value.message and "MB" in caught.value.message


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (SECRET, "is a string, not an object"),
        ([SECRET], "is a list, not an object"),
        (None, "is null, not an object"),
        ({"sender_name": "A", "content": SECRET}, "no 'timestamp_ms'"),
        ({**good(2000), "timestamp_ms": SECRET}, "'timestamp_ms' is a string"),
        ({**good(2000), "timestamp_ms": True}, "'timestamp_ms' is true/false"),
        ({**good(2000), "timestamp_ms": 1.5}, "'timestamp_ms' is a number, not a whole"),
        ({**good(2000), "timestamp_ms": 10**20}, "out of the range"),
        ({**good(2000), "content": 42}, "'content' is a number, not a string"),
        ({**good(2000), "content": {"x": SECRET}}, "'content' is an object"),
        ({**good(2000), "sender_name": [SECRET]}, "'sender_name' is a list"),
    ],
)
def test_bad_message_is_skipped_with_position(bad: object, reason: str) -> None:
    # Newest first: messages[2] is the oldest and comes out first.
    messages, log = read_bytes(doc(good(3000), bad, good(1000)))
    assert [m.source_ref for m in messages] == ["messages[2]", "messages[0]"]
    assert [m.index for m in messages] == [0, 1]
    assert log.skipped_total == 1
    (skipped,) = log.skipped
    assert skipped.position == "messages[1]"
    assert reason in skipped.reason
    assert_clean(skipped.position + skipped.reason)


def test_missing_sender_is_none() -> None:
    (message,), _ = read_bytes(doc({"timestamp_ms": 0, "content": "x"}))
    assert message.speaker is None
    assert message.timestamp is not None and message.timestamp.isoformat() == (
        "1970-01-01T00:00:00+00:00"
    )


def sniff_of(path: Path) -> Sniff:
    return Sniff.of(Source(path.name, path=path))


@pytest.mark.parametrize(
    "path",
    [
        *sorted(p for p in FIXTURES.glob("*.json") if not p.name.endswith(".expected.json")),
        CHAT_MINER / "instagram" / "test_export.json",
    ],
    ids=lambda p: p.name,
)
def test_sniff_scores_messenger_high(path: Path) -> None:
    assert FORMAT.sniff(sniff_of(path)) >= 0.9


def test_sniff_sees_a_big_export_by_its_head() -> None:
    document = json.loads((FIXTURES / "facebook_group.json").read_text(encoding="utf-8"))
    document["messages"] *= 400
    data = json.dumps(document, indent=1).encode()
    assert len(data) > 64 * 1024
    assert FORMAT.sniff(Sniff.of(Source("message_1.json", data=data))) >= 0.9


@pytest.mark.parametrize(
    "path",
    [
        *sorted(
            p for p in TELEGRAM_FIXTURES.glob("*.json") if not p.name.endswith(".expected.json")
        ),
        CHAT_MINER / "telegram" / "test_single_export.json",
        CHAT_MINER / "telegram" / "test_batch_export.json",
        *sorted((CHAT_MINER / "whatsapp").glob("*.txt")),
        CHAT_MINER / "signal" / "test_export.txt",
    ],
    ids=lambda p: p.name,
)
def test_sniff_scores_other_formats_low(path: Path) -> None:
    assert FORMAT.sniff(sniff_of(path)) <= 0.1


@pytest.mark.parametrize(
    "data",
    [
        b"Iowa 2017\n\nHe said he would take the kids.\n",
        b'{"results": [{"sender_name": "x"}]}',
        b'[{"messages": [], "sender_name": "a", "timestamp_ms": 1}]',
        b'{"messages": [{"body": "hi", "sender": "a"}]}',
    ],
)
def test_sniff_scores_prose_and_other_json_low(data: bytes) -> None:
    assert FORMAT.sniff(Sniff.of(Source("x", data=data))) <= 0.1
