"""Telegram Desktop JSON exports: golden fixtures, chat-miner's fixtures, malformed input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from chatscan.core.errors import InputError
from chatscan.core.ingest import jsonutil
from chatscan.core.ingest.base import IngestLog, Sniff, Source
from chatscan.core.ingest.telegram import FORMAT
from chatscan.core.models import UNANCHORED, Message
from tests.core.ingest.support import read_source, record
from tests.paths import REPO_ROOT, SHARED

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "telegram"
MESSENGER_FIXTURES = REPO_ROOT / "tests" / "fixtures" / "messenger"
CHAT_MINER = SHARED / "fixtures" / "chat-miner"
SECRET = "SECRETWORD"  # planted in malformed records: must never reach a reason or message


def read_path(path: Path) -> tuple[list[Message], IngestLog]:
    return read_source(FORMAT, Source(path.name, path=path))


def read_bytes(data: bytes, name: str = "result.json") -> tuple[list[Message], IngestLog]:
    return read_source(FORMAT, Source(name, data=data))


def as_record(message: Message) -> dict[str, Any]:
    return record(message, context=True)


@pytest.mark.parametrize("name", ["single_chat", "local_dates", "full_export"])
def test_fixture_matches_expected(name: str) -> None:
    messages, log = read_path(FIXTURES / f"{name}.json")
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    assert len(messages) == len(expected)
    assert [m.index for m in messages] == list(range(len(expected)))
    for message, want in zip(messages, expected, strict=True):
        want = {"context": UNANCHORED, **want}
        assert as_record(message) == want
    assert log.skipped == [] and log.warnings == []


def test_unix_times_are_utc_and_local_dates_naive() -> None:
    aware, _ = read_path(FIXTURES / "single_chat.json")
    naive, _ = read_path(FIXTURES / "local_dates.json")
    assert all(m.timestamp is not None and m.timestamp.utcoffset() is not None for m in aware)
    assert all(m.timestamp is not None and m.timestamp.tzinfo is None for m in naive)


def test_full_export_contexts_keep_chats_apart() -> None:
    messages, _ = read_path(FIXTURES / "full_export.json")
    keys = [m.context.key for m in messages]
    # Two chats called "Sam Ortiz" (a personal chat and a left group) get distinct keys.
    assert keys.count("Sam Ortiz") == 2 and "Sam Ortiz (id 9005)" in keys
    assert all(m.context.place == m.context.key and m.context.year == "" for m in messages)


def collapse(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", ["test_single_export.json", "test_batch_export.json"])
def test_chat_miner_fixtures(name: str) -> None:
    messages, log = read_path(CHAT_MINER / "telegram" / name)
    if name == "test_batch_export.json":  # target.json holds only the chat "Chatname"
        messages = [m for m in messages if m.context.key == "Chatname"]
    target = json.loads((CHAT_MINER / "telegram" / "target.json").read_text(encoding="utf-8"))
    # target.json lists these in file order (oldest first), whatever its README says.
    kept = [m for m in messages if "system" not in m.flags and m.text.strip()]
    assert len(kept) == len(target)
    for message, want in zip(kept, target, strict=True):
        assert message.timestamp is not None and message.timestamp.utcoffset() is not None
        assert message.timestamp.replace(tzinfo=None).isoformat() == want["timestamp"]
        assert message.speaker == want["author"]
        # chat-miner joins the pieces of a `text` list with " "; the export's own plain
        # pieces carry the spaces, so we join them as they are. Compare without spaces.
        assert "".join(message.text.split()) == "".join(want["message"].split())
        assert collapse(message.text) == message.text  # no stray whitespace either
    assert kept[1].text == "Link:https://telegram.org/"
    assert log.skipped == []


def message_doc(*messages: object) -> bytes:
    return json.dumps(
        {"name": "X", "type": "personal_chat", "id": 1, "messages": messages}
    ).encode()


def good(n: int = 1) -> dict[str, Any]:
    return {"id": n, "type": "message", "date_unixtime": "1600000000", "from": "A", "text": "ok"}


def assert_clean(text: str) -> None:
    assert SECRET not in text and "Traceback" not in text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"messages": [{"type": "message", "text": "' + SECRET.encode(), "line 1, column"),
        (b'{"messages": [\n {"text": "x"},\n {"text": "y"', "cut off"),
        (b'{"messages": [\n {"text": "x"}\n {"text": "' + SECRET.encode() + b'"}]}', "line 3"),
        (b'[{"type": "message", "text": "' + SECRET.encode() + b'"}]', "top level is a list"),
        (b'"' + SECRET.encode() + b'"', "top level is a string"),
        (b'{"messages": "' + SECRET.encode() + b'"}', "'messages' is a string, not a list"),
        (b'{"messages": {"0": 1}}', "'messages' is an object, not a list"),
        (b'{"about": "x", "personal_information": {}}', "neither a 'messages' list nor"),
        (b'{"chats": []}', "'chats' is a list, not an object"),
        (b'{"chats": {"about": "x"}}', "'chats.list' is null, not a list"),
        (b'{"chats": {"list": []}, "left_chats": {"list": 3}}', "'left_chats.list' is a number"),
        (b"   \n", "empty"),
    ],
)
def test_malformed_file_raises_input_error(data: bytes, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(data)
    assert expected in caught.value.message
    assert "result.json" in caught.value.message
    assert_clean(caught.value.message)


def test_truncated_json_names_line_and_column() -> None:
    data = (FIXTURES / "single_chat.json").read_bytes()[:700]
    with pytest.raises(InputError) as caught:
        read_bytes(data)
    message = caught.value.message
    assert "not valid JSON" in message and "line " in message and "column " in message
    assert "cut off" in message


def test_file_above_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonutil, "MAX_JSON_BYTES", 100)
    with pytest.raises(InputError) as caught:
        read_path(FIXTURES / "single_chat.json")
    assert "limit" in caught.value.message and "MB" in caught.value.message


@pytest.mark.parametrize(
    ("bad", "position", "reason"),
    [
        (SECRET, "messages[1]", "is a string, not an object"),
        ([SECRET], "messages[1]", "is a list, not an object"),
        ({**good(), "date_unixtime": f"{SECRET}"}, "messages[1]", "'date_unixtime' is not"),
        ({**good(), "date_unixtime": "-5"}, "messages[1]", "'date_unixtime' is not"),
        ({**good(), "date_unixtime": "9" * 30}, "messages[1]", "out of the range"),
        (
            {"type": "message", "date": SECRET, "from": "A", "text": "x"},
            "messages[1]",
            "'date' is not an ISO date",
        ),
        ({"type": "message", "from": "A", "text": "x"}, "messages[1]", "no 'date_unixtime'"),
        ({**good(), "text": 12345}, "messages[1]", "'text' is a number, not a string or a list"),
        ({**good(), "text": {"t": SECRET}}, "messages[1]", "'text' is an object"),
        ({**good(), "text": [SECRET, 7]}, "messages[1]", "'text[1]' is a number"),
        ({**good(), "text": [{"type": "bold", "text": 3}]}, "messages[1]", "'text[0]' is a number"),
        ({**good(), "from": {"name": SECRET}}, "messages[1]", "'from' is an object, not a string"),
        ({**good(), "type": 5}, "messages[1]", "'type' is a number"),
    ],
)
def test_bad_message_is_skipped_with_position(bad: object, position: str, reason: str) -> None:
    messages, log = read_bytes(message_doc(good(0), bad, good(2)))
    assert [m.source_ref for m in messages] == ["messages[0]", "messages[2]"]
    assert [m.index for m in messages] == [0, 1]
    assert log.skipped_total == 1
    (skipped,) = log.skipped
    assert skipped.position == position
    assert reason in skipped.reason
    assert_clean(skipped.position + skipped.reason)


def test_mixing_unix_and_local_times_is_skipped() -> None:
    local_only = {"type": "message", "date": "2020-09-13T14:26:40", "from": "A", "text": "x"}
    messages, log = read_bytes(message_doc(good(0), local_only))
    assert len(messages) == 1
    assert log.skipped[0].position == "messages[1]"
    assert "'date_unixtime'" in log.skipped[0].reason


def test_bad_chats_in_full_export_are_skipped() -> None:
    chat = {"name": "C", "id": 3, "messages": [good()]}
    doc = {"chats": {"list": [SECRET, {"name": "B", "id": 2, "messages": SECRET}, {"id": 4}, chat]}}
    messages, log = read_bytes(json.dumps(doc).encode())
    assert [m.source_ref for m in messages] == ["chats.list[3].messages[0]"]
    positions = [s.position for s in log.skipped]
    assert positions == ["chats.list[0]", "chats.list[1].messages", "chats.list[2]"]
    for skipped in log.skipped:
        assert_clean(skipped.reason)


def test_export_without_chat_messages_warns() -> None:
    messages, log = read_bytes(b'{"chats": {"list": []}}')
    assert messages == [] and log.warnings == ["the Telegram export holds no chats with messages"]


def test_service_message_without_action_or_text() -> None:
    record = {"type": "service", "date_unixtime": "1600000000", "actor": None, "text": ""}
    (message,), _ = read_bytes(message_doc(record))
    assert message.text == "service message" and message.flags == {"system"}
    assert message.speaker is None


def sniff_of(path: Path) -> Sniff:
    return Sniff.of(Source(path.name, path=path))


@pytest.mark.parametrize(
    "path",
    [
        *sorted(p for p in FIXTURES.glob("*.json") if not p.name.endswith(".expected.json")),
        CHAT_MINER / "telegram" / "test_single_export.json",
        CHAT_MINER / "telegram" / "test_batch_export.json",
    ],
    ids=lambda p: p.name,
)
def test_sniff_scores_telegram_high(path: Path) -> None:
    assert FORMAT.sniff(sniff_of(path)) >= 0.9


def test_sniff_sees_a_big_export_by_its_head() -> None:
    doc = json.loads((FIXTURES / "full_export.json").read_text(encoding="utf-8"))
    doc["chats"]["list"] *= 400  # far beyond the 64 KB head: keys come from a cut-off text
    data = json.dumps(doc, indent=1).encode()
    assert len(data) > 64 * 1024
    assert FORMAT.sniff(Sniff.of(Source("result.json", data=data))) >= 0.9


@pytest.mark.parametrize(
    "path",
    [
        *sorted(
            p for p in MESSENGER_FIXTURES.glob("*.json") if not p.name.endswith(".expected.json")
        ),
        CHAT_MINER / "instagram" / "test_export.json",
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
        b'{"results": [{"type": "x", "value": 1}]}',
        b'[{"messages": [], "from": "a"}]',
        b'{"messages": [{"body": "hi", "sender": "a"}]}',
    ],
)
def test_sniff_scores_prose_and_other_json_low(data: bytes) -> None:
    assert FORMAT.sniff(Sniff.of(Source("x", data=data))) <= 0.1
