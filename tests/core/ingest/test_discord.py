"""DiscordChatExporter JSON and CSV: golden fixtures, malformed input, detection."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from chatscan.core.errors import InputError
from chatscan.core.ingest import csv_generic
from chatscan.core.ingest.base import IngestLog, Sniff, Source
from chatscan.core.ingest.discord import FORMAT
from chatscan.core.models import UNANCHORED, Message
from tests.core.ingest.support import read_source, record
from tests.paths import REPO_ROOT, SHARED

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "discord"
SECRET = "SECRETWORD"  # planted in malformed records: must never reach a reason or message


def read_path(path: Path) -> tuple[list[Message], IngestLog]:
    return read_source(FORMAT, Source(path.name, path=path))


def read_bytes(data: bytes, name: str = "channel.json") -> tuple[list[Message], IngestLog]:
    return read_source(FORMAT, Source(name, data=data))


def as_record(message: Message) -> dict[str, Any]:
    return record(message)


def no_secret(log: IngestLog) -> bool:
    texts = [*log.warnings, *(f"{s.position} {s.reason}" for s in log.skipped)]
    return not any(SECRET in text for text in texts)


def document(messages: object) -> bytes:
    return json.dumps(
        {"guild": {"id": "1"}, "channel": {"id": "2", "name": "c"}, "messages": messages}
    ).encode()


def message(number: int, **fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": str(number),
        "type": "Default",
        "timestamp": f"2021-03-04T10:{number:02d}:00.000+00:00",
        "timestampEdited": None,
        "content": f"{SECRET} {number}",
        "author": {"id": "9", "name": "sam", "nickname": "Sam"},
        "attachments": [],
    }
    base.update(fields)
    return base


# --- golden fixtures ----------------------------------------------------------------

CASES = {
    # name: (skipped positions, warnings)
    "channel.json": ([], []),
    "channel_iso.csv": (["row 5"], []),
    "channel_legacy.csv": ([], []),
    "channel_locale.csv": ([], []),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_matches_expected(name: str) -> None:
    messages, log = read_path(FIXTURES / name)
    stem = name.rsplit(".", 1)[0]
    expected = json.loads((FIXTURES / f"{stem}.expected.json").read_text(encoding="utf-8"))
    assert len(messages) == len(expected)
    assert [m.index for m in messages] == list(range(len(expected)))
    assert [as_record(m) for m in messages] == expected
    assert all(m.context.key == UNANCHORED for m in messages)
    skipped, warnings = CASES[name]
    assert [s.position for s in log.skipped] == skipped
    assert log.warnings == warnings


def test_json_times_keep_their_offsets_csv_legacy_times_are_naive() -> None:
    json_messages, _ = read_path(FIXTURES / "channel.json")
    legacy, _ = read_path(FIXTURES / "channel_legacy.csv")
    assert all(
        m.timestamp is not None and m.timestamp.utcoffset() is not None for m in json_messages
    )
    assert all(m.timestamp is not None and m.timestamp.tzinfo is None for m in legacy)


def test_every_non_chat_type_is_system() -> None:
    kinds = ["Default", "Reply", "RecipientAdd", "Call", "ChannelNameChange", "ThreadCreated"]
    messages, _ = read_bytes(document([message(n, type=kind) for n, kind in enumerate(kinds)]))
    assert ["system" in m.flags for m in messages] == [False, False, True, True, True, True]


def test_empty_system_message_is_kept_empty_chat_message_skipped() -> None:
    records = [
        message(0, type="Call", content=""),
        message(1, content="", attachments=[]),
        message(2, content="   ", embeds=[{"title": "x"}]),
    ]
    messages, log = read_bytes(document(records))
    assert [(m.source_ref, sorted(m.flags)) for m in messages] == [
        ("messages[0]", ["system"]),
        ("messages[2]", ["media"]),
    ]
    assert [(s.position, s.reason) for s in log.skipped] == [
        ("messages[1]", "no content, attachments, stickers or embeds")
    ]


def test_newest_first_json_is_reversed() -> None:
    records = [message(n) for n in (5, 3, 1)]
    messages, _ = read_bytes(document(records))
    assert [m.source_ref for m in messages] == ["messages[2]", "messages[1]", "messages[0]"]
    assert [m.index for m in messages] == [0, 1, 2]


# --- malformed input ----------------------------------------------------------------


def test_truncated_json_names_the_position() -> None:
    data = (FIXTURES / "channel.json").read_bytes()
    cut = data[: data.index(b"Who is bringing") + 5]
    with pytest.raises(InputError) as caught:
        read_bytes(cut)
    text = caught.value.message
    assert "channel.json" in text and "line" in text and "column" in text
    assert "Who is" not in text and "Morning" not in text


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"guild": {}, "channel": {}, "messages": {"0": SECRET}}, "'messages' is an object"),
        ({"guild": {}, "channel": {}, "messages": SECRET}, "'messages' is a string"),
        ({"guild": {}, "channel": {}}, "no 'messages' list"),
        ([{"content": SECRET}], "the top level is a list"),
    ],
)
def test_wrong_shape_is_an_input_error(payload: object, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(json.dumps(payload).encode())
    assert expected in caught.value.message
    assert SECRET not in caught.value.message


def test_bad_records_are_skipped_with_their_position() -> None:
    records = [
        message(0),
        SECRET,
        message(2, content=12345),
        message(3, timestamp=SECRET),
        message(4, timestamp=None),
        message(5, author=SECRET),
        message(6, author={"name": 7}),
        message(7, content="", attachments={"x": SECRET}),
        message(8, timestamp="2021-03-04T10:08:00"),  # no offset, unlike the first
        message(9),
    ]
    messages, log = read_bytes(document(records))
    assert [m.source_ref for m in messages] == ["messages[0]", "messages[9]"]
    assert [(s.position, s.reason) for s in log.skipped] == [
        ("messages[1]", "is a string, not an object"),
        ("messages[2]", "'content' is a number, not a string"),
        ("messages[3]", "'timestamp' is not an ISO date and time"),
        ("messages[4]", "no 'timestamp'"),
        ("messages[5].author", "is a string, not an object"),
        ("messages[6].author", "'name' is a number, not a string"),
        ("messages[7]", "'attachments' is an object, not a list"),
        ("messages[8]", "'timestamp' has no UTC offset, unlike the messages before it"),
    ]
    assert no_secret(log)


def test_csv_with_another_header_is_an_input_error() -> None:
    data = b"time,sender,message\n2021-03-04 10:11,Sam,SECRETWORD\n"
    with pytest.raises(InputError) as caught:
        read_bytes(data, "export.csv")
    text = caught.value.message
    assert "row 1" in text and "AuthorID,Author,Date,Content,Attachments,Reactions" in text
    assert SECRET not in text


def test_csv_ragged_row_and_unreadable_date() -> None:
    data = (
        "AuthorID,Author,Date,Content,Attachments,Reactions\n"
        '"1","Sam","2021-03-04T10:00:00+00:00","fine","",""\n'
        '"1","Sam","2021-03-04T10:01:00+00:00","SECRETWORD",""\n'
        '"1","Sam","Donnerstag, 4. März","SECRETWORD kept","",""\n'
    ).encode()
    messages, log = read_bytes(data, "export.csv")
    assert [(m.source_ref, m.timestamp is None) for m in messages] == [
        ("row 2", False),
        ("row 4", True),
    ]
    assert [(s.position, s.reason) for s in log.skipped] == [
        ("row 3", "has 5 field(s); the header has 6")
    ]
    assert log.warnings == [
        "1 row(s) have a time in the 'Date' column that could not be read (first at row 4); "
        "those messages have no time"
    ]
    assert no_secret(log)


# --- detection ----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CASES))
def test_sniff_scores_own_fixtures_high(name: str) -> None:
    assert FORMAT.sniff(Sniff.of(Source(name, path=FIXTURES / name))) >= 0.9


def other_files() -> list[Path]:
    roots = [REPO_ROOT / "tests" / "fixtures", SHARED / "fixtures" / "chat-miner"]
    return [
        path
        for root in roots
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.parent.name != "discord" and "LICENSE" not in path.name
    ]


@pytest.mark.parametrize("path", other_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_sniff_scores_other_files_zero(path: Path) -> None:
    assert FORMAT.sniff(Sniff.of(Source(path.name, path=path))) == 0.0


@pytest.mark.parametrize(
    "head",
    [
        "We met in the spring. Everything seemed fine at first.\n",
        '{"guild": {"id": "1"}, "channel": {"id": "2"}}',  # no messages
        '{"messages": [{"type": "Default", "content": "x"}]}',  # no guild or channel
        "AuthorID,Author,Date,Content\n",
        "Author,Date,Content,Attachments,Reactions,Extra\n",
    ],
)
def test_sniff_rejects_near_misses(head: str) -> None:
    assert FORMAT.sniff(Sniff.of(Source("x", data=head.encode()))) == 0.0


def test_sniff_accepts_older_csv_header_and_bom() -> None:
    sniff = Sniff.of(Source("x.csv", data=b"\xef\xbb\xbfAuthor,Date,Content,Attachments\n"))
    assert FORMAT.sniff(sniff) == 0.9


@pytest.mark.parametrize("name", [name for name in sorted(CASES) if name.endswith(".csv")])
def test_csv_export_outranks_the_generic_csv_reader(name: str) -> None:
    sniff = Sniff.of(Source(name, path=FIXTURES / name))
    assert csv_generic.sniff(sniff) < FORMAT.sniff(sniff)
