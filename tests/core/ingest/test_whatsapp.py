"""WhatsApp exports: golden fixtures, chat-miner's fixtures, chunking, malformed input."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from chatscan.core.errors import InputError
from chatscan.core.ingest.base import IngestLog, IngestOptions, Sniff, Source
from chatscan.core.ingest.dates import decide_date_order
from chatscan.core.ingest.whatsapp import (
    _JUNK_RE,
    FORMAT,
    LAYOUTS,
    NO_HEADER,
    chat_member,
    has_control_chars,
    header_dates,
    message_flags,
    parse_time,
    raw_batches,
    raw_date,
    raw_records,
    sniff,
)
from chatscan.core.models import NO_CONTEXT, Message
from chatscan.core.result import Skipped
from tests.core.ingest.support import record
from tests.paths import REPO_ROOT, SHARED

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "whatsapp"
CHAT_MINER = SHARED / "fixtures" / "chat-miner" / "whatsapp"
SECRET = "SECRETWORD"  # planted in bad input: must never reach a reason, warning or error
FIXTURE_NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".txt", ".zip"))
CHAT_MINER_NAMES = sorted(p.name for p in CHAT_MINER.glob("test_*.txt"))


def read_path(path: Path, options: IngestOptions | None = None) -> tuple[list[Message], IngestLog]:
    log = IngestLog()
    source = Source(path.name, path=path)
    return list(FORMAT.read(source, options or IngestOptions(), log)), log


def read_bytes(
    data: bytes, name: str = "chat.txt", options: IngestOptions | None = None
) -> tuple[list[Message], IngestLog]:
    log = IngestLog()
    source = Source(name, data=data)
    return list(FORMAT.read(source, options or IngestOptions(), log)), log


def read_text(text: str, **kwargs: Any) -> tuple[list[Message], IngestLog]:
    return read_bytes(text.encode("utf-8"), **kwargs)


def as_record(message: Message) -> dict[str, Any]:
    return record(message)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def log_text(log: IngestLog) -> str:
    return " ".join([*log.warnings, *(f"{s.position} {s.reason}" for s in log.skipped)])


# -- golden fixtures ---------------------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_matches_expected(name: str) -> None:
    messages, log = read_path(FIXTURES / name)
    expected_path = FIXTURES / f"{Path(name).stem}.expected.json"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert len(messages) == len(expected)
    assert [m.index for m in messages] == list(range(len(expected)))
    assert [m.speaker for m in messages] == [e["speaker"] for e in expected]
    assert [as_record(m) for m in messages] == expected
    assert all(m.context == NO_CONTEXT for m in messages)
    if name not in ("ambiguous_dates.txt", "preamble.txt"):
        assert log.warnings == [] and log.skipped == []


def test_zip_exports_read_like_their_text() -> None:
    ios_zip, _ = read_path(FIXTURES / "ios_export.zip")
    ios_txt, _ = read_path(FIXTURES / "ios_dmy_seconds.txt")
    android_zip, _ = read_path(FIXTURES / "android_export.zip")
    android_txt, _ = read_path(FIXTURES / "android_mdy_24h.txt")
    assert ios_zip == ios_txt and android_zip == android_txt


@pytest.mark.parametrize(
    "change",
    [
        lambda data: data.replace(b"\n", b"\r\n"),  # Windows line ends
        lambda data: b"\xef\xbb\xbf" + data,  # a UTF-8 byte-order mark
        lambda data: data.decode().encode("utf-16"),  # UTF-16 with its mark
    ],
    ids=["crlf", "utf8-bom", "utf16"],
)
def test_encodings_and_line_ends_do_not_matter(change: Any) -> None:
    data = (FIXTURES / "ios_dmy_seconds.txt").read_bytes()
    assert read_bytes(change(data)) == read_bytes(data)


def test_ambiguous_dates_are_guessed_with_a_warning() -> None:
    messages, log = read_path(FIXTURES / "ambiguous_dates.txt")
    assert log.warnings == [
        "date order guessed as day-first (fewer or equal backwards jumps in time day-first); "
        "use --date-order to set it"
    ]
    assert messages[-1].timestamp == datetime(2022, 2, 1, 10, 0)


def test_date_order_option_is_obeyed() -> None:
    messages, log = read_path(FIXTURES / "ambiguous_dates.txt", IngestOptions(date_order="mdy"))
    assert [m.timestamp for m in messages][:2] == [
        datetime(2022, 5, 1, 10),
        datetime(2022, 6, 1, 10),
    ]
    assert log.warnings == []


def test_dates_impossible_in_the_given_order_keep_their_message() -> None:
    options = IngestOptions(date_order="mdy")  # the file is day-first: 31/12/2021
    messages, log = read_path(FIXTURES / "android_dmy_12h_nnbsp.txt", options)
    assert len(messages) == 6
    assert messages[0].timestamp is None and messages[0].text == "last one of the year"
    assert messages[3].timestamp == datetime(2022, 1, 1, 9, 30)  # 01/01 is fine either way
    assert log.warnings == [
        "3 message header(s) hold a date or time that is not real in mdy order; "
        "those messages have no timestamp"
    ]


def test_lines_before_the_first_header_are_skipped() -> None:
    messages, log = read_path(FIXTURES / "preamble.txt")
    assert [m.source_ref for m in messages] == ["line 4", "line 5"]
    assert log.skipped == [Skipped("line 1", NO_HEADER), Skipped("line 2", NO_HEADER)]
    assert log.warnings == []


# -- chat-miner's fixtures ---------------------------------------------------------------


def collapse(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", CHAT_MINER_NAMES)
def test_chat_miner_fixtures(name: str) -> None:
    messages, log = read_path(CHAT_MINER / name)
    target = json.loads((CHAT_MINER / "target.json").read_text(encoding="utf-8"))[::-1]
    # target.json leaves out system lines, and the one line written "John Doe:." (no space
    # after the colon): read here as a system line, see split rules below.
    kept = [m for m in messages if "system" not in m.flags]
    got = [
        {"timestamp": m.timestamp.isoformat(), "author": m.speaker, "message": collapse(m.text)}
        for m in kept
        if m.timestamp is not None
    ]
    assert got == target
    system = [m for m in messages if "system" in m.flags]
    assert [(m.speaker, m.text) for m in system] == [
        (None, "John Doe:."),
        (None, '+12 345 578 created group "Groupname"'),
        (None, "You were added"),
    ]
    assert "\n" in kept[1].text  # multi-line messages keep their newline
    assert log.warnings == [] and log.skipped == []


def test_chat_miner_fixtures_all_agree() -> None:
    results = [read_path(CHAT_MINER / name)[0] for name in CHAT_MINER_NAMES]
    assert len(results) == 5
    assert all(result == results[0] for result in results)


# -- header variants, senders and flags --------------------------------------------------


@pytest.mark.parametrize(
    ("line", "stamp"),
    [
        ("12/31/21, 11:25 - Ana: hi", datetime(2021, 12, 31, 11, 25)),
        ("31/12/2021, 23:25 - Ana: hi", datetime(2021, 12, 31, 23, 25)),
        ("31.12.21, 23:25 - Ana: hi", datetime(2021, 12, 31, 23, 25)),
        ("31-12-2021 23:25 - Ana: hi", datetime(2021, 12, 31, 23, 25)),
        ("2021-12-31, 23:25 - Ana: hi", datetime(2021, 12, 31, 23, 25)),
        ("2021/12/31, 23:25 - Ana: hi", datetime(2021, 12, 31, 23, 25)),
        ("12/31/21, 11:25 PM - Ana: hi", datetime(2021, 12, 31, 23, 25)),
        ("12/31/21, 11:25\u202fpm - Ana: hi", datetime(2021, 12, 31, 23, 25)),
        ("31/12/21, 11:25 p.m. - Ana: hi", datetime(2021, 12, 31, 23, 25)),
        ("31/12/21, 11:25 p. m. - Ana: hi", datetime(2021, 12, 31, 23, 25)),
        ("31/12/21, 11:25\u00a0a.\u00a0m. - Ana: hi", datetime(2021, 12, 31, 11, 25)),
        ("\u200f31/12/21, 11:25 - Ana: hi", datetime(2021, 12, 31, 11, 25)),
        ("[31/12/2021, 11:25:03] Ana: hi", datetime(2021, 12, 31, 11, 25, 3)),
        ("[12/31/21, 11:25:03\u202fPM] Ana: hi", datetime(2021, 12, 31, 23, 25, 3)),
        ("[31.12.21 23:25] Ana: hi", datetime(2021, 12, 31, 23, 25)),
        ("[2021-12-31, 23:25:03] Ana: hi", datetime(2021, 12, 31, 23, 25, 3)),
        ("\u200e[31/12/2021, 11:25:03] Ana: hi", datetime(2021, 12, 31, 11, 25, 3)),
    ],
)
def test_header_variants(line: str, stamp: datetime) -> None:
    messages, log = read_text(line + "\n")
    assert [(m.timestamp, m.speaker, m.text) for m in messages] == [(stamp, "Ana", "hi")]
    assert log.skipped == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23:05", (23, 5, 0)),
        ("9:05", (9, 5, 0)),
        ("11:05:09 PM", (23, 5, 9)),
        ("12:00 AM", (0, 0, 0)),
        ("12:00 pm", (12, 0, 0)),
        ("00:08 a. m.", (0, 8, 0)),  # chat-miner's 12-hour fixture writes this
        ("11:05\u202fp.\u202fm.", (23, 5, 0)),
        ("24:00", None),
        ("13:00 PM", None),
        ("10:61", None),
    ],
)
def test_parse_time(text: str, expected: tuple[int, int, int] | None) -> None:
    value = parse_time(text)
    if expected is None:
        assert value is None
    else:
        hours, minutes, seconds = expected
        assert value is not None and value.total_seconds() == hours * 3600 + minutes * 60 + seconds


SYSTEM = ["system"]


@pytest.mark.parametrize(
    ("body", "speaker", "text", "flags"),
    [
        ("Ana: a: b", "Ana", "a: b", []),
        ("Dr. Who-Smith: hi", "Dr. Who-Smith", "hi", []),
        ("🤓: hi", "🤓", "hi", []),
        ("+1 (555) 010-9999: hi", "+1 (555) 010-9999", "hi", []),
        ("Ana:\nthe text starts on the next line", "Ana", "the text starts on the next line", []),
        ("Ana: ", "Ana", "", []),
        (
            'Ana changed the subject to "x: y"',
            None,
            'Ana changed the subject to "x: y"',
            ["system"],
        ),
        (
            "Ana changed the subject to “x: y”",
            None,
            "Ana changed the subject to “x: y”",
            ["system"],
        ),
        ("John Doe:.", None, "John Doe:.", SYSTEM),
        ("You were added", None, "You were added", SYSTEM),
        ("a.b:c: hi", "a.b:c", "hi", []),  # a colon inside a name, not followed by a space
        ("\u200eAna\u200e: hi", "Ana", "hi", []),
        ("\u200eAna created group", None, "\u200eAna created group", SYSTEM),
        ("\u200e: hi", None, "\u200e: hi", []),  # no name: the text is the whole line
        ("x" * 300 + ": hi", None, "x" * 300 + ": hi", []),  # longer than any name
    ],
)
def test_sender_rules(body: str, speaker: str | None, text: str, flags: list[str]) -> None:
    messages, _ = read_text(f"12/31/21, 11:25 - {body}\n")
    assert [(m.speaker, m.text, sorted(m.flags)) for m in messages] == [(speaker, text, flags)]


def test_sender_rules_within_a_batch() -> None:
    """Messages of one batch are worked out a column at a time, the unusual ones one by
    one: mixed with plain ones, each comes out as it does alone."""
    bodies = [
        "Ana: hi",
        "Ana:\nnext line",
        "You were added",
        "Bo: plain",
        "\u200e: hi",
        "Ana: <Media omitted>",
        "x" * 300 + ": hi",
        "Bo: see you <This message was edited>",
        "Ana: \u200eimage omitted",
        "Bo: plain again",
    ]
    together, _ = read_text("".join(f"12/31/21, 11:{k:02d} - {b}\n" for k, b in enumerate(bodies)))
    alone = [read_text(f"12/31/21, 11:{k:02d} - {b}\n")[0][0] for k, b in enumerate(bodies)]
    assert [(m.speaker, m.text, m.flags, m.timestamp) for m in together] == [
        (m.speaker, m.text, m.flags, m.timestamp) for m in alone
    ]
    assert [m.index for m in together] == list(range(len(bodies)))


@pytest.mark.parametrize(
    ("text", "cleaned", "flags"),
    [
        ("<Media omitted>", "<Media omitted>", {"media"}),
        ("\u200eimage omitted", "\u200eimage omitted", {"media"}),
        ("\u200e<attached: 00000012-PHOTO-2021-01-01.jpg>", None, {"media"}),
        ("IMG-20210101-WA0001.jpg (file attached)", None, {"media"}),
        ("\u200eCV.pdf \u2022 \u200e1 page \u200edocument omitted", None, {"media"}),
        ("the key document omitted", None, set()),
        ("I think the image omitted", None, set()),
        ("This message was deleted", None, {"deleted"}),
        ("You deleted this message", None, {"deleted"}),
        ("This message was deleted, sorry", None, set()),
        ("see you <This message was edited>", "see you", {"edited"}),
        ("two\nlines <This message was edited>", "two\nlines", {"edited"}),
        ("see you \u200e<This message was edited>", "see you", {"edited"}),
        ("\u200eMissed video call", None, {"system"}),
        ("\u200eAna left", None, {"system"}),
        ("just a message", None, set()),
    ],
)
def test_message_flags(text: str, cleaned: str | None, flags: set[str]) -> None:
    assert message_flags(text) == (cleaned if cleaned is not None else text, frozenset(flags))


def test_text_is_kept_exactly() -> None:
    text = "  leading\tand trailing  \n\n  and \u200e marks \u202f inside  "
    messages, _ = read_text(f"12/31/21, 11:25 - Ana: {text}\n12/31/21, 11:26 - Bo: ok\n")
    assert messages[0].text == text.rstrip("\n")
    assert messages[1].source_ref == "line 4"


# -- chunking ----------------------------------------------------------------------------

CHUNKED = (
    "a preamble line\n\n"
    "12/31/21, 11:25 - Ana: one\n"
    "continued\n"
    "\n"
    '12/31/21, 11:26 - Bo created group "x"\n'
    "12/31/21, 11:27 - Bo: junk follows\n"
    "bad \x01 line\n"
    "good line\n"
    "12/31/21, 11:28 - Ana: \u200eimage omitted\n"
    "12/31/21, 11:29 - Ana:\n"
    "late text\n"
    "12/31/21, 11:30 - Bo: last, no newline"
)


def records_and_skips(chunks: list[str]) -> tuple[list[Any], list[Skipped]]:
    log = IngestLog()
    records = list(raw_records(list(raw_batches(chunks, log)), log))
    return records, log.skipped


def test_chunk_boundaries_never_change_records() -> None:
    whole = records_and_skips([CHUNKED])
    assert [record[0] for record in whole[0]] == [3, 6, 7, 10, 11, 13]
    assert whole[1] == [
        Skipped("line 1", NO_HEADER),
        Skipped("line 8", "control characters (binary data?)"),
    ]
    for size in (1, 2, 3, 5, 8, 13, 40, 100):
        chunks = [CHUNKED[i : i + size] for i in range(0, len(CHUNKED), size)]
        assert records_and_skips(chunks) == whole, size


def test_long_messages_across_chunks() -> None:
    long_body = "\n".join(f"line {k} of a long message" for k in range(600))  # about 14 KB
    middle = CHUNKED.split("\n\n", 1)[1]  # without the preamble
    text = f"12/31/21, 11:25 - Ana: {long_body}\n{middle}\n12/31/21, 11:31 - Bo: {long_body}"
    whole = records_and_skips([text])
    assert whole[0][0][4] == long_body
    assert whole[0][-1][4] == long_body
    for size in (100, 1000, 4000, 5000):
        chunks = [text[i : i + size] for i in range(0, len(text), size)]
        assert records_and_skips(chunks) == whole, size


def test_a_file_of_many_chunks() -> None:
    lines, first_lines, count = [], [], 60_000  # about 2.6 MB: three decoded chunks
    for k in range(count):
        first_lines.append(f"line {len(lines) + 1}")
        lines.append(f"{1 + k % 28:02d}/01/22, {k % 24:02d}:{k % 60:02d} - Person {k % 7}: msg {k}")
        if k % 5 == 0:
            lines.append(f"second line of {k}")
    text = "\n".join(lines) + "\n"
    assert len(text) > 2 * (1 << 20)
    messages, log = read_text(text)
    assert log.skipped == [] and log.warnings == []
    assert [m.source_ref for m in messages] == first_lines
    assert [m.index for m in messages] == list(range(count))
    assert messages[-1].text == f"msg {count - 1}"
    assert messages[-5].text == f"msg {count - 5}\nsecond line of {count - 5}"


# -- two passes: the date order first, then the messages a batch at a time ---------------


class CountingSource(Source):
    """A text given as ``chunks`` copies of ``chunk``, counting the chunks each pass reads."""

    def __init__(self, chunk: str, chunks: int) -> None:
        super().__init__("chat.txt", data=chunk.encode("utf-8"))
        self.chunk, self.chunks = chunk, chunks
        self.read_per_pass: list[int] = []

    def text_chunks(self, options: IngestOptions | None = None) -> Iterator[str]:
        self.read_per_pass.append(0)
        for _ in range(self.chunks):
            self.read_per_pass[-1] += 1
            yield self.chunk


# Day-first dates, undecided until the 13th of the month.
DAY = "".join(
    f"{d:02d}/01/2022, 10:{k:02d} - Ana: message {k}\n" for d in (1, 12) for k in range(60)
)
LATE_DAY = "13/01/2022, 10:00 - Ana: the 13th\n"
YEAR_FIRST = "".join(f"2022-01-02, 10:{k:02d} - Ana: message {k}\n" for k in range(9))


def test_read_streams_its_messages() -> None:
    source = CountingSource(DAY, 50)
    messages = FORMAT.read(source, IngestOptions(), IngestLog())
    first = next(messages)
    assert first.index == 0 and first.source_ref == "line 1"
    # The whole text for the date order, then no more than the first message needs.
    assert source.read_per_pass[0] == 50 and source.read_per_pass[1] <= 2
    rest = list(messages)
    assert source.read_per_pass == [50, 50]
    whole, _ = read_text(DAY * 50)
    assert [first, *rest] == whole


@pytest.mark.parametrize(
    ("chunk", "options", "passes"),
    [
        (DAY, IngestOptions(date_order="dmy"), 1),  # given: no first pass
        (YEAR_FIRST, IngestOptions(), 2),  # decided by its first date: the first pass stops
    ],
    ids=["given", "year-first"],
)
def test_read_does_not_read_all_once_the_date_order_is_known(
    chunk: str, options: IngestOptions, passes: int
) -> None:
    source = CountingSource(chunk, 10**9)  # far too long to read before the first message
    messages = FORMAT.read(source, options, IngestLog())
    assert [next(messages).text for _ in range(3)] == ["message 0", "message 1", "message 2"]
    assert len(source.read_per_pass) == passes and max(source.read_per_pass) <= 2


def all_header_dates(text: str) -> list[Any]:
    layout = LAYOUTS[0] if LAYOUTS[0].header.search("\n" + text) else LAYOUTS[1]
    return [raw_date(date) for date in dict.fromkeys(layout.dates.findall("\n" + text))]


@pytest.mark.parametrize(
    "text",
    [
        DAY * 3,  # undecided: every date is read, in order
        DAY + LATE_DAY + DAY,  # day-first from the 13th on
        DAY + LATE_DAY + DAY + "2022-01-14, 10:00 - Ana: year first\n" + DAY,
        "2022-01-14, 10:00 - Ana: year first\n" + DAY + LATE_DAY,
        DAY + "01/13/2022, 10:00 - Ana: month first\n" + DAY + LATE_DAY,
        DAY + LATE_DAY + "a line\n2022-01-14 10:00 not a header\n" + DAY,
        "[01/01/2022, 10:00:00] Ana: hi\n[13/01/2022, 10:00:00] Bo: x\n[2022-01-14, 10:00:00] Al\n",
    ],
)
def test_first_pass_decides_as_every_date_would(text: str) -> None:
    expected = decide_date_order(all_header_dates(text))
    for size in (7, 100, len(text)):
        chunks = [text[i : i + size] for i in range(0, len(text), size)]
        dates = header_dates(chunks)
        assert decide_date_order(dates) == expected, size
        if not expected.confident:
            assert dates == all_header_dates(text)


def test_layout_expressions_agree() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    for layout in LAYOUTS:
        for text in ["\n" + text for text in texts]:
            headers = layout.header.findall(text)
            assert layout.dates.findall(text) == [date for date, _, _ in headers]
            year_first = [date for date, _, _ in headers if raw_date(date).first_digits == 4]
            assert layout.year_first.findall(text) == year_first


def test_has_control_chars_agrees_with_the_expression() -> None:
    characters = [*map(chr, range(0x3000)), "\ud800", "\U0001f600", "\uffff"]
    for character in characters:
        expected = _JUNK_RE.search(character) is not None
        assert has_control_chars(f"a{character}b") == expected, hex(ord(character))


# -- malformed input ---------------------------------------------------------------------


def test_binary_junk_inside_a_text_file() -> None:
    good = "".join(f"12/31/21, 10:{k:02d} - Ana: message {k}\n" for k in range(60))
    padding = good * 5  # past the first 8 KB, where a NUL byte makes the file binary
    junk = b"\x00\x01\x02" + SECRET.encode() + b"\xff\xfe\x03\n\x7fELF\x02\x01\x01\x00\x00\n"
    data = (
        padding.encode()
        + b"12/31/21, 11:00 - Bo: before the junk\n"
        + junk
        + b"12/31/21, 11:01 - Bo: "
        + SECRET.encode()
        + b"\x00\x05 in a header line\n"
        + b"a line continuing it\n"
        + b"12/31/21, 11:02 - Bo: after the junk\n"
    )
    messages, log = read_bytes(data)
    base = padding.count("\n")
    assert [m.text for m in messages[-2:]] == ["before the junk", "after the junk"]
    assert len(messages) == 60 * 5 + 2
    assert log.skipped == [
        Skipped(f"line {base + 2}", "control characters (binary data?)"),
        Skipped(f"line {base + 3}", "control characters (binary data?)"),
        Skipped(f"line {base + 4}", "control characters (binary data?) in a header line"),
        Skipped(f"line {base + 5}", "continues a skipped line"),
    ]
    assert SECRET not in log_text(log)
    assert all(SECRET not in m.text for m in messages)


def test_binary_file_is_an_input_error() -> None:
    with pytest.raises(InputError, match="binary data") as error:
        read_bytes(b"\x00\x01" + SECRET.encode() + b"\x02" * 100)
    assert SECRET not in str(error.value)


def test_no_header_lines_at_all() -> None:
    text = f"We met in the spring.\n{SECRET} was said: twice.\n\nThe end.\n"
    messages, log = read_text(text, name="notes.txt")
    assert messages == []
    assert len(log.warnings) == 1
    assert log.warnings[0].startswith("notes.txt: no WhatsApp message header lines found")
    assert [s.position for s in log.skipped] == ["line 1", "line 2", "line 4"]
    assert SECRET not in log_text(log)


def test_empty_file() -> None:
    messages, log = read_bytes(b"")
    assert messages == [] and len(log.warnings) == 1


def test_zip_without_a_chat_member() -> None:
    data = zip_bytes({"IMG-20220101-WA0001.jpg": b"\xff\xd8", "notes.pdf": b"%PDF"})
    with pytest.raises(InputError) as error:
        read_bytes(data, name="export.zip")
    assert str(error.value).startswith("export.zip: no chat text member found in the zip")
    assert "2 member(s)" in str(error.value)


def test_empty_zip() -> None:
    with pytest.raises(InputError, match="no chat text member"):
        read_bytes(zip_bytes({}), name="export.zip")


def test_truncated_zip() -> None:
    data = (FIXTURES / "android_export.zip").read_bytes()
    with pytest.raises(InputError) as error:
        read_bytes(data[: len(data) // 2], name="export.zip")
    assert str(error.value) == "export.zip is not a readable zip archive (cut off or damaged)"


def test_corrupt_zip_member() -> None:
    member = "WhatsApp Chat with Ana.txt"
    text = "".join(f"12/31/21, 10:{k:02d} - Ana: {SECRET} {k}\n" for k in range(60))
    data = bytearray(zip_bytes({member: text.encode()}))
    start = 30 + len(member)  # the compressed data follows the local header and name
    for offset in range(start + 10, start + 40):
        data[offset] ^= 0x5A
    with pytest.raises(InputError) as error:
        read_bytes(bytes(data), name="export.zip")
    assert str(error.value).startswith(f"export.zip: the zip member '{member}' is damaged")
    assert SECRET not in str(error.value)


def test_a_dot_zip_that_is_not_a_zip() -> None:
    with pytest.raises(InputError, match=r"export\.zip is named \.zip but is not a zip archive"):
        read_bytes(b"12/31/21, 11:25 - Ana: hi\n", name="export.zip")


@pytest.mark.parametrize(
    ("names", "member"),
    [
        (["_chat.txt", "00000012-PHOTO.jpg"], "_chat.txt"),
        (["media/a.jpg", "WhatsApp Chat with Ana.txt"], "WhatsApp Chat with Ana.txt"),
        (["WhatsApp-Chat mit Ana.txt"], "WhatsApp-Chat mit Ana.txt"),
        (["export/_chat.txt", "WhatsApp Chat with Ana.txt"], "export/_chat.txt"),
        (["__MACOSX/._chat.txt", "photo.jpg", "notes.txt"], None),
        ([], None),
    ],
)
def test_chat_member(names: list[str], member: str | None) -> None:
    assert chat_member(names) == member


# -- sniffing ----------------------------------------------------------------------------


def sniff_path(path: Path) -> float:
    return sniff(Sniff.of(Source(path.name, path=path)))


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_sniff_scores_own_fixtures_high(name: str) -> None:
    assert sniff_path(FIXTURES / name) >= 0.85


@pytest.mark.parametrize("name", CHAT_MINER_NAMES)
def test_sniff_scores_chat_miner_fixtures_high(name: str) -> None:
    assert sniff_path(CHAT_MINER / name) >= 0.9


# A transcript written as WhatsApp's iOS layout ("[04/03/2021, 10:11:12] Mia: ...") with
# nothing only WhatsApp writes scores 0.65: below the 0.7 a transcript claims.
LOOKS_LIKE_WHATSAPP = {"transcript/bracketed_numeric.txt"}


def test_sniff_scores_an_unmarked_ios_layout_below_a_transcript() -> None:
    path = REPO_ROOT / "tests" / "fixtures" / "transcript" / "bracketed_numeric.txt"
    assert sniff_path(path) == 0.65


def other_fixtures() -> list[Path]:
    root = REPO_ROOT / "tests" / "fixtures"
    found = [
        path
        for path in sorted(root.rglob("*"))
        if path.is_file()
        and path.parent != FIXTURES
        and not path.name.endswith(".expected.json")
        and path.relative_to(root).as_posix() not in LOOKS_LIKE_WHATSAPP
    ]
    shared = SHARED / "fixtures" / "chat-miner"
    found += [
        path for path in sorted(shared.rglob("*")) if path.is_file() and path.parent != CHAT_MINER
    ]
    return [*found, SHARED / "spec" / "seed-outputs" / "chat_log.txt"]


@pytest.mark.parametrize("path", other_fixtures(), ids=lambda path: path.name)
def test_sniff_scores_other_formats_low(path: Path) -> None:
    assert sniff_path(path) <= 0.5


@pytest.mark.parametrize(
    ("sniffed", "score"),
    [
        (Sniff("notes.txt", "Dear diary,\nToday: nothing much.\n"), 0.0),
        (Sniff("chat.json", '{"messages": []}', json_keys=frozenset({"messages"})), 0.0),
        (Sniff("export.zip", "", zip_names=("_chat.txt", "a.jpg")), 0.95),
        (Sniff("export.zip", "", zip_names=("photo.jpg",)), 0.0),
        # Signal's older layout, year first in brackets: WhatsApp only if marked so.
        (Sniff("chat.txt", "[2021-03-04, 10:11] Jo: hi\n[2021-03-04, 10:12] Al: yo\n"), 0.5),
        (Sniff("chat.txt", "[2021-03-04, 10:11] Jo: \u200eimage omitted\n" * 2), 0.95),
        (Sniff("chat.md", "[2021-03-04 10:11:12] Jo: hi\n[2021-03-04 10:12:13] Al: yo\n"), 0.3),
        (Sniff("chat.txt", "[04/03/2021, 10:11:12] Jo: hi\n" * 3), 0.65),
        (Sniff("_chat.txt", "[04/03/2021, 10:11:12] Jo: hi\n" * 3), 0.95),
        (Sniff("chat.txt", "04/03/2021, 10:11 - Jo: hi\n" * 3), 0.95),
        (Sniff("chat.txt", "Hello\n04/03/2021, 10:11 - Jo: hi\n" * 3), 0.85),
        (Sniff("chat.txt", "04/03/2021, 10:11 - Jo: hi\nmore\nmore\n" * 3), 0.8),
        (Sniff("chat.txt", "a\n04/03/2021, 10:11 - Jo: hi\nmore\nmore\n" * 3), 0.4),
    ],
)
def test_sniff_cases(sniffed: Sniff, score: float) -> None:
    assert sniff(sniffed) == score


def test_zip_member_that_unpacks_too_far_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile as zf

    from chatscan.core.errors import InputError
    from chatscan.core.ingest import base, whatsapp

    archive = tmp_path / "WhatsApp Chat.zip"
    with zf.ZipFile(archive, "w", compression=zf.ZIP_DEFLATED) as out:
        out.writestr("_chat.txt", "01/02/2021, 10:11 - Sam: hi\n" * 5000)
    monkeypatch.setattr(whatsapp, "MAX_MEMBER_BYTES", 1000)
    source = base.Source(archive.name, path=archive)
    with pytest.raises(InputError, match="unpacks to more than 1000 bytes"):
        list(whatsapp.FORMAT.read(source, base.IngestOptions(), base.IngestLog()))
