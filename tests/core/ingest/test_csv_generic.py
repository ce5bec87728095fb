"""Generic CSV chats: golden fixtures, dates, malformed input, detection."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from chatscan.core.errors import InputError
from chatscan.core.ingest.base import IngestLog, IngestOptions, Sniff, Source
from chatscan.core.ingest.csv_generic import (
    FORMAT,
    choose_delimiter,
    find_columns,
    lines_of,
    read_when,
    resolve_when,
)
from chatscan.core.ingest.dates import RawDate
from chatscan.core.models import Message
from tests.core.ingest.support import read_source, record
from tests.paths import REPO_ROOT, SHARED

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "csv"
SECRET = "SECRETWORD"  # planted in chat text: must never reach a reason or message


def read_path(path: Path) -> tuple[list[Message], IngestLog]:
    return read_source(FORMAT, Source(path.name, path=path))


def read_bytes(
    data: bytes, options: IngestOptions | None = None
) -> tuple[list[Message], IngestLog]:
    log = IngestLog()
    messages = list(FORMAT.read(Source("chat.csv", data=data), options or IngestOptions(), log))
    return messages, log


def as_record(message: Message) -> dict[str, Any]:
    return record(message)


def no_secret(log: IngestLog) -> bool:
    texts = [*log.warnings, *(f"{s.position} {s.reason}" for s in log.skipped)]
    return not any(SECRET in text for text in texts)


# --- golden fixtures ----------------------------------------------------------------

CASES = {
    # name: skipped (position, reason)
    "basic.csv": [],
    "date_time_semicolon.csv": [("row 3", "has 6 field(s); the header has 5")],
    "tab_12h.tsv": [],
    "pipe_newest_first.csv": [("row 3", "has 4 field(s); the header has 3")],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_matches_expected(name: str) -> None:
    messages, log = read_path(FIXTURES / name)
    stem = name.rsplit(".", 1)[0]
    expected = json.loads((FIXTURES / f"{stem}.expected.json").read_text(encoding="utf-8"))
    assert len(messages) == len(expected)
    assert [m.index for m in messages] == list(range(len(expected)))
    assert [as_record(m) for m in messages] == expected
    assert [(s.position, s.reason) for s in log.skipped] == CASES[name]
    assert log.warnings == []


# --- times --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2021-03-04 10:11:12", datetime(2021, 3, 4, 10, 11, 12)),
        ("2021-03-04T10:11:12.345Z", datetime(2021, 3, 4, 10, 11, 12, 345000, tzinfo=UTC)),
        ("2021-03-04 10:11 PM", datetime(2021, 3, 4, 22, 11)),
        ("2021/03/04, 7:05:09 am", datetime(2021, 3, 4, 7, 5, 9)),
        ("1614852672", datetime(2021, 3, 4, 10, 11, 12, tzinfo=UTC)),
        ("1614852672345", datetime(2021, 3, 4, 10, 11, 12, 345000, tzinfo=UTC)),
        ("04-Mar-21 10:11 AM", datetime(2021, 3, 4, 10, 11)),
        ("4 March 2021", datetime(2021, 3, 4)),
        ("Mar 4, 2021 12:00 AM", datetime(2021, 3, 4, 0, 0)),
        ("13/03/2021 12:30 p. m.", RawDate(13, 3, 2021, 2, 12, 30, 0)),
        ("03.04.21", RawDate(3, 4, 21, 2)),
        ("", None),
        ("yesterday", None),
        ("2021-13-45", None),
        ("32-Foo-21", None),
        ("04/03/2021 10:11 and more", None),
    ],
)
def test_read_when(written: str, expected: object) -> None:
    assert read_when(written) == expected


def test_resolve_when_reads_numeric_dates_in_the_given_order() -> None:
    raw = read_when("03/04/21 21:00")
    assert resolve_when(raw, "dmy") == datetime(2021, 4, 3, 21, 0)
    assert resolve_when(raw, "mdy") == datetime(2021, 3, 4, 21, 0)
    assert resolve_when(read_when("31/04/21"), "dmy") is None  # not a real date


AMBIGUOUS = b"date,from,text\n03/04/2021 10:00,Sam,one\n04/04/2021 10:00,Jo,two\n"


def test_ambiguous_dates_warn_and_can_be_forced() -> None:
    messages, log = read_bytes(AMBIGUOUS)
    assert [m.timestamp for m in messages] == [datetime(2021, 4, 3, 10), datetime(2021, 4, 4, 10)]
    assert log.warnings == [
        "date order guessed as day-first (fewer or equal backwards jumps in time day-first); "
        "use --date-order to set it"
    ]
    messages, log = read_bytes(AMBIGUOUS, IngestOptions(date_order="mdy"))
    assert [m.timestamp for m in messages] == [datetime(2021, 3, 4, 10), datetime(2021, 4, 4, 10)]
    assert log.warnings == []


def test_one_unambiguous_row_decides_for_the_whole_file() -> None:
    data = b"date,from,text\n03/04/2021,Sam,one\n04/04/2021,Jo,two\n04/25/2021,Jo,three\n"
    messages, log = read_bytes(data)
    assert [m.timestamp for m in messages] == [
        datetime(2021, 3, 4),
        datetime(2021, 4, 4),
        datetime(2021, 4, 25),
    ]
    assert log.warnings == []


def test_unreadable_times_keep_the_message_and_warn_once() -> None:
    data = (
        "sent,sender,text\n"
        "2021-03-04 10:00,Sam,fine\n"
        f"{SECRET} o'clock,Sam,kept without a time\n"
        "2021-03-04 10:02+01:00,Sam,an offset among local times\n"
        ",Sam,no time written at all\n"
    ).encode()
    messages, log = read_bytes(data)
    assert [(m.source_ref, m.timestamp is None) for m in messages] == [
        ("row 2", False),
        ("row 3", True),
        ("row 4", True),
        ("row 5", True),
    ]
    assert log.warnings == [
        "1 row(s) have a time in the 'sent' column that could not be read (first at row 3); "
        "those messages have no time",
        "1 row(s) mix times with and without a UTC offset; those messages have no time",
    ]
    assert no_secret(log)


def test_no_time_column_warns() -> None:
    messages, log = read_bytes(b"sender,message\nSam,hi\n")
    assert [(m.speaker, m.text, m.timestamp) for m in messages] == [("Sam", "hi", None)]
    assert log.warnings == ["the CSV header has no time column; messages have no timestamps"]


# --- columns and delimiters ---------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "text", "sender", "time", "clock"),
    [
        (["Timestamp", "Sender", "Message"], 2, 1, 0, None),
        (["Date", "Time", "From", "Body"], 3, 2, 0, 1),
        (["time", "user", "msg"], 2, 1, 0, None),
        (["Date Time", "Contact", "Content"], 2, 1, 0, None),
        (["created-at", "username", "text", "date"], 2, 1, 0, None),
        (["id", "speaker", "TEXT"], 2, 1, None, None),
        (["\ufeffDate", "name", "message"], 2, 1, 0, None),
    ],
)
def test_find_columns(
    header: list[str], text: int, sender: int | None, time: int | None, clock: int | None
) -> None:
    columns = find_columns(header)
    assert columns is not None
    assert (columns.text, columns.sender, columns.time, columns.clock) == (
        text,
        sender,
        time,
        clock,
    )


@pytest.mark.parametrize(
    ("head", "delimiter"),
    [
        ("time,sender,text\n1,a,b\n", ","),
        ("time;sender;text\n1;a;b, c, d\n2;e;f, g\n", ";"),
        ("time\tsender\ttext\n1\ta\tb; c\n", "\t"),
        ("time|sender|text\n1|a|b\n", "|"),
        ("text\nno delimiter at all\n", ","),
    ],
)
def test_choose_delimiter(head: str, delimiter: str) -> None:
    assert choose_delimiter(head) == delimiter


def test_lines_are_the_same_however_the_text_is_chunked() -> None:
    rng = random.Random(5)
    alphabet = ["a", ",", '"', "\n", "\n\n", "\u2028", "é"]
    for _ in range(500):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 40)))
        *whole, last = text.split("\n")
        expected = [line + "\n" for line in whole] + ([last] if last else [])
        for size in (1, 2, 5, 100):
            chunks = [text[i : i + size] for i in range(0, len(text), size)]
            assert list(lines_of(chunks)) == expected


# --- malformed input ----------------------------------------------------------------


def test_no_text_column_names_the_header_found() -> None:
    data = f"when,who,what\n2021-03-04,Sam,{SECRET}\n".encode()
    with pytest.raises(InputError) as caught:
        read_bytes(data)
    text = caught.value.message
    assert "row 1" in text and "'when', 'who', 'what'" in text and "text, message" in text
    assert SECRET not in text


def test_empty_file_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no CSV header row"):
        read_bytes(b"\n\n")


def test_ragged_and_empty_rows_are_skipped_with_row_numbers() -> None:
    data = (
        "time,sender,text\n"
        f"2021-03-04 10:00,Sam,{SECRET} one,two\n"
        "2021-03-04 10:01,Sam\n"
        "\n"
        "2021-03-04 10:02,Sam,\n"
        '2021-03-04 10:03,Sam,"two\nlines"\n'
        "2021-03-04 10:04,Sam,last\n"
    ).encode()
    messages, log = read_bytes(data)
    assert [(m.source_ref, m.text) for m in messages] == [
        ("row 6", "two\nlines"),
        ("row 7", "last"),
    ]
    assert [(s.position, s.reason) for s in log.skipped] == [
        ("row 2", "has 4 field(s); the header has 3"),
        ("row 3", "has 2 field(s); the header has 3"),
        ("row 5", "no text in the 'text' column"),
    ]
    assert no_secret(log)


def test_unterminated_quote_at_the_end_is_skipped() -> None:
    data = f'time,sender,text\n2021-03-04 10:00,Sam,ok\n2021-03-04 10:01,Sam,"{SECRET}\n'.encode()
    messages, log = read_bytes(data)
    assert [m.text for m in messages] == ["ok"]
    assert [(s.position, s.reason) for s in log.skipped] == [
        ("row 3", "unreadable CSV record (a quoted field is still open at the end of the file)")
    ]
    assert no_secret(log)


def test_text_after_a_closing_quote_is_skipped_not_merged() -> None:
    data = b'time,sender,text\n2021-03-04 10:00,Sam,"quoted" then more\n2021-03-04 10:01,Jo,ok\n'
    messages, log = read_bytes(data)
    assert [(m.source_ref, m.text) for m in messages] == [("row 3", "ok")]
    assert [(s.position, s.reason) for s in log.skipped] == [
        ("row 2", "unreadable CSV record (',' expected after '\"')")
    ]


def test_field_over_the_csv_size_limit_is_skipped() -> None:
    data = (
        f"time,sender,text\n2021-03-04 10:00,Sam,{'x' * 200_000}\n2021-03-04 10:01,Sam,after\n"
    ).encode()
    messages, log = read_bytes(data)
    assert [m.text for m in messages] == ["after"]
    assert [s.position for s in log.skipped] == ["row 2"]
    assert log.skipped[0].reason.startswith("unreadable CSV record (field larger than")


def test_nul_byte_at_the_start_is_a_clear_input_error() -> None:
    with pytest.raises(InputError, match="NUL byte at offset 5"):
        read_bytes(b"time,\x00sender,text\n2021-03-04 10:00,Sam,hi\n")


def test_nul_byte_later_does_not_crash() -> None:
    filler = "".join(f"2021-03-04 10:00,Sam,line {n}\n" for n in range(500))
    data = f"time,sender,text\n{filler}2021-03-04 10:01,Sam,a\x00b\n".encode()
    messages, _ = read_bytes(data)
    assert messages[-1].text == "a\x00b"
    assert len(messages) == 501


def test_undecodable_bytes_do_not_crash() -> None:
    data = b"time,sender,text\n2021-03-04 10:00,S\xffam,caf\xe9 \xc3\n2021-03-04 10:01,Jo,ok\n"
    source = Source("chat.csv", data=data)
    log = IngestLog()
    messages = list(FORMAT.read(source, IngestOptions(), log))
    assert [m.speaker for m in messages] == ["S\ufffdam", "Jo"]
    assert messages[0].text == "caf\ufffd \ufffd"
    assert source.stats.replacements == 3


def test_header_after_blank_lines_and_bom() -> None:
    data = "\ufeff\n\ntime,sender,text\n2021-03-04 10:00,Sam,hi\n".encode()
    messages, _ = read_bytes(data)
    assert [(m.source_ref, m.text) for m in messages] == [("row 4", "hi")]


# --- detection ----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CASES))
def test_sniff_scores_own_fixtures(name: str) -> None:
    assert FORMAT.sniff(Sniff.of(Source(name, path=FIXTURES / name))) == 0.6


def other_files() -> list[Path]:
    """Fixtures of formats that are not CSV (another format's CSV may well have a text
    column; its own, more specific sniff outranks this one)."""
    roots = [REPO_ROOT / "tests" / "fixtures", SHARED / "fixtures" / "chat-miner"]
    return [
        path
        for root in roots
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.suffix not in (".csv", ".tsv") and "LICENSE" not in path.name
    ]


@pytest.mark.parametrize("path", other_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_sniff_scores_other_files_zero(path: Path) -> None:
    assert FORMAT.sniff(Sniff.of(Source(path.name, path=path))) == 0.0


@pytest.mark.parametrize(
    ("head", "score"),
    [
        ("message,id\nhi,1\n", 0.45),  # a text column only
        ("We met in the spring, and the text messages were friendly.\n", 0.0),
        ("Sam: the text, the message, the body\n", 0.0),
        ("text\nhi\n", 0.0),  # one column: no delimiter
        ('{"text": "hi", "from": "Sam"}', 0.0),
    ],
)
def test_sniff_near_misses(head: str, score: float) -> None:
    assert FORMAT.sniff(Sniff.of(Source("x", data=head.encode()))) == score
