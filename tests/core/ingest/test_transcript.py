"""Plain transcripts: golden fixtures, chat-miner's text fixtures, headers, junk, detection."""

from __future__ import annotations

import json
import random
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from chatscan.core.errors import InputError
from chatscan.core.ingest.base import IngestLog, IngestOptions, Sniff, Source
from chatscan.core.ingest.transcript import FORMAT, classify, iter_lines
from chatscan.core.models import Message
from tests.core.ingest.support import read_source, record
from tests.paths import REPO_ROOT, SHARED

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "transcript"
CHAT_MINER = SHARED / "fixtures" / "chat-miner"
SECRET = "SECRETWORD"  # planted in chat text: must never reach a reason or message
GUESSED_DAY_FIRST = (
    "date order guessed as day-first (fewer or equal backwards jumps in time day-first); "
    "use --date-order to set it"
)
PARAGRAPH_WARNING = (
    "{found} 'Name: text' message header lines found; each paragraph (lines between blank "
    "lines) is read as one message, with no speaker or time"
)


def read_path(path: Path) -> tuple[list[Message], IngestLog]:
    return read_source(FORMAT, Source(path.name, path=path))


def read_text(
    text: str | bytes, options: IngestOptions | None = None
) -> tuple[list[Message], IngestLog]:
    data = text.encode() if isinstance(text, str) else text
    log = IngestLog()
    messages = list(FORMAT.read(Source("chat.txt", data=data), options or IngestOptions(), log))
    return messages, log


def as_record(message: Message) -> dict[str, Any]:
    return record(message, context=True)


def no_secret(log: IngestLog) -> bool:
    texts = [*log.warnings, *(f"{s.position} {s.reason}" for s in log.skipped)]
    return not any(SECRET in text for text in texts)


# --- golden fixtures ----------------------------------------------------------------

CASES: dict[str, tuple[list[tuple[str, str]], list[str]]] = {
    # name: (skipped, warnings)
    "bracketed_iso.txt": ([("line 1", "1 line(s) before the first message header")], []),
    "bracketed_numeric.txt": ([], [GUESSED_DAY_FIRST]),
    "plain_stamp.txt": ([], []),
    "names_only.txt": ([("line 1", "2 line(s) before the first message header")], []),
    "prose.txt": ([], [PARAGRAPH_WARNING.format(found="too few (1)")]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_matches_expected(name: str) -> None:
    messages, log = read_path(FIXTURES / name)
    stem = name.rsplit(".", 1)[0]
    expected = json.loads((FIXTURES / f"{stem}.expected.json").read_text(encoding="utf-8"))
    assert len(messages) == len(expected)
    assert [m.index for m in messages] == list(range(len(expected)))
    assert [as_record(m) for m in messages] == expected
    skipped, warnings = CASES[name]
    assert [(s.position, s.reason) for s in log.skipped] == skipped
    assert log.warnings == warnings


def collapse(text: str) -> str:
    return " ".join(text.split())


def chat_miner_view(messages: list[Message]) -> list[dict[str, str]]:
    """Our messages as chat-miner's target lists them: newest first, whitespace collapsed,
    without system lines (no speaker here) and the empty-bodied message ("." body)."""
    return [
        {
            "timestamp": m.timestamp.isoformat() if m.timestamp else "",
            "author": m.speaker or "",
            "message": collapse(m.text),
        }
        for m in reversed(messages)
        if m.speaker is not None and m.text.strip(" .")
    ]


WHATSAPP = sorted(path.name for path in (CHAT_MINER / "whatsapp").glob("test_*.txt"))


@pytest.mark.parametrize(
    ("folder", "name"),
    [("signal", "test_export.txt"), *(("whatsapp", name) for name in WHATSAPP)],
)
def test_chat_miner_fixtures(folder: str, name: str) -> None:
    """Signal's old text layout is a plain transcript; the WhatsApp exports are read here
    as the fallback would read them (their own reader is tested elsewhere)."""
    messages, log = read_path(CHAT_MINER / folder / name)
    target = json.loads((CHAT_MINER / folder / "target.json").read_text(encoding="utf-8"))
    assert chat_miner_view(messages) == target
    assert log.skipped == [] and log.warnings == []


def test_multi_line_message_keeps_its_newline() -> None:
    messages, _ = read_path(CHAT_MINER / "signal" / "test_export.txt")
    assert messages[-1].text == "Hello\nJane!"


def test_seed_log_reads_as_a_transcript(seed_log: Path) -> None:
    messages, log = read_path(seed_log)
    assert len(messages) == 24 and log.skipped == [] and log.warnings == []
    contexts = [m.context.key for m in messages]
    assert contexts[0] == "UNANCHORED" and contexts[-1] == "New York 2019"
    assert (messages[8].speaker, messages[8].timestamp) == ("Jordan", datetime(2017, 9, 20, 20, 15))
    assert messages[9].speaker is None  # "2017-09-21 08:00:01 I changed ...": no name


# --- header lines -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "speaker", "text"),
    [
        ("Sam: hi", "Sam", "hi"),
        ("Sam:", "Sam", ""),
        ("Sam :  spaced", "Sam", "spaced"),
        ("Zoë Ødegård-Ng: hej", "Zoë Ødegård-Ng", "hej"),
        ("Agent_7: x", "Agent_7", "x"),
        ("R2 D2 v.3: beep", "R2 D2 v.3", "beep"),
        ("Ангелина: привет", "Ангелина", "привет"),
        ("One two three four five: ok", "One two three four five", "ok"),
        ("[2021-03-04 10:11] Sam: hi", "Sam", "hi"),
        ("[2021-03-04, 10:11] Sam: hi", "Sam", "hi"),
        ("[04/03/2021, 10:11:12] Sam: hi", "Sam", "hi"),
        ("[4.3.21 10:11 PM] Sam: hi", "Sam", "hi"),
        ("[10:11] Sam: hi", "Sam", "hi"),
        ("2021-03-04 10:11 Sam: hi", "Sam", "hi"),
        ("04/03/2021, 10:11 - Sam: hi", "Sam", "hi"),
        ("2021-03-04 Sam: a date only", "Sam", "a date only"),
        ("[2021-03-04 10:11] 🤓: hi", "🤓", "hi"),
        ("[2021-03-04 10:11] Sam joined", None, "Sam joined"),
        (
            "[2021-03-04 10:11] Sam said at 10:30 he would come",
            None,
            "Sam said at 10:30 he would come",
        ),
        ("[2021-03-04 10:11] https://example.org", None, "https://example.org"),
    ],
)
def test_headers(line: str, speaker: str | None, text: str) -> None:
    header = classify(line)
    assert header is not None
    assert (header.speaker, header.text) == (speaker, text)


@pytest.mark.parametrize(
    "line",
    [
        "",
        "plain words",
        " Sam: indented",
        "Then one day all of the calls started: ten a day",  # a sentence, not a name
        "7up: digits first",
        "_x: underscore first",
        "https://example.org/path",
        "Sam:no space",
        "Note 10:30 the meeting",
        "2021-03-04 10:11,Sam,hi",  # a CSV row
        "03/04/21 9:05 AM\tJo\tmorning",  # a tab-separated row
        "2021-03-04 10:11:12,Priya,hi",
        "[citation needed] Sam: hi",
        "🤓: no stamp, no letter first",
        "A" * 51 + ": too long a name",
        "Iowa 2017",
    ],
)
def test_not_headers(line: str) -> None:
    assert classify(line) is None


# --- reading ------------------------------------------------------------------------


def test_lines_are_the_same_however_the_text_is_chunked() -> None:
    rng = random.Random(5)
    alphabet = ["a", "Sam: ", "\n", "\n\n", "\u2028", "é", " "]
    for _ in range(500):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 40)))
        expected = text.split("\n")
        if expected[-1] == "":
            expected.pop()
        for size in (1, 2, 5, 100):
            chunks = [text[i : i + size] for i in range(0, len(text), size)]
            assert list(iter_lines(chunks)) == expected


def test_blank_lines_inside_a_message_kept_at_its_end_dropped() -> None:
    messages, _ = read_text("Sam: one\n\ntwo\n\n\nJo: three\n\n")
    assert [m.text for m in messages] == ["one\n\ntwo", "three"]


def test_anchor_ends_a_message_and_lines_after_it_are_orphans() -> None:
    messages, log = read_text(f"Sam: one\nJo: two\nIowa 2017\n{SECRET}\nmore\nSam: three\n")
    assert [(m.text, m.context.key) for m in messages] == [
        ("one", "UNANCHORED"),
        ("two", "UNANCHORED"),
        ("three", "Iowa 2017"),
    ]
    assert [(s.position, s.reason) for s in log.skipped] == [
        ("line 4", "2 line(s) with no message header before them")
    ]
    assert no_secret(log)


def test_header_without_text_is_skipped() -> None:
    messages, log = read_text("Sam: one\nJo:\nSam: two\nJo: three\n")
    assert [m.text for m in messages] == ["one", "two", "three"]
    assert [(s.position, s.reason) for s in log.skipped] == [
        ("line 2", "a message header with no text")
    ]


def test_forced_date_order() -> None:
    text = "[03/04/2021 10:00] Sam: a\n[04/04/2021 10:00] Jo: b\n"
    messages, log = read_text(text, IngestOptions(date_order="mdy"))
    assert [m.timestamp for m in messages] == [datetime(2021, 3, 4, 10), datetime(2021, 4, 4, 10)]
    assert log.warnings == []


def test_impossible_dates_and_time_only_stamps_warn() -> None:
    text = "[2021-02-30 10:00] Sam: a\n[31/04/2021 10:00] Jo: b\n[10:05] Sam: c\n"
    messages, log = read_text(text)
    assert [(m.speaker, m.text, m.timestamp) for m in messages] == [
        ("Sam", "a", None),
        ("Jo", "b", None),
        ("Sam", "c", None),
    ]
    assert log.warnings == [
        "2 message header(s) have a date that is not a real date in the file's date order "
        "(dmy); those messages have no time",
        "1 message header(s) have a time of day but no date; those messages have no timestamp",
    ]


def test_no_headers_reads_paragraphs_without_speakers() -> None:
    messages, log = read_text("first line\nsecond line\n\n\nthird\n")
    assert [(m.text, m.speaker, m.source_ref) for m in messages] == [
        ("first line\nsecond line", None, "line 1"),
        ("third", None, "line 5"),
    ]
    assert log.warnings == [PARAGRAPH_WARNING.format(found="no")]


def test_one_line_transcript_is_a_chat() -> None:
    messages, log = read_text("Sam: just this\n")
    assert [(m.speaker, m.text) for m in messages] == [("Sam", "just this")]
    assert log.warnings == []


def test_long_messages_with_a_returning_speaker_are_a_chat() -> None:
    body = "".join(f"line {n} of a long message\n" for n in range(6))
    messages, log = read_text(f"Sam: start\n{body}Jo: reply\n{body}Sam: again\n{body}")
    assert [m.speaker for m in messages] == ["Sam", "Jo", "Sam"]
    assert messages[0].text.count("\n") == 6
    assert log.warnings == []


def test_binary_junk_does_not_crash_and_reasons_hold_no_text() -> None:
    junk = bytes(b or 1 for b in random.Random(3).randbytes(20_000))  # no NUL bytes
    messages, log = read_text(junk)
    assert messages == []
    assert [s.position for s in log.skipped] == ["line 1", "line 96", "line 102"]
    assert {s.reason for s in log.skipped} == {
        "mostly undecodable bytes or control characters, not text"
    }
    assert log.warnings == [PARAGRAPH_WARNING.format(found="no")]


def test_binary_with_nul_bytes_is_a_clear_input_error() -> None:
    with pytest.raises(InputError, match="NUL byte at offset"):
        read_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + SECRET.encode())


def test_undecodable_bytes_inside_text_are_replaced() -> None:
    source = Source("chat.txt", data=b"Sam: caf\xe9\nJo: ok\n")
    messages = list(FORMAT.read(source, IngestOptions(), IngestLog()))
    assert [m.text for m in messages] == ["caf\ufffd", "ok"]
    assert source.stats.replacements == 1


# --- detection ----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(set(CASES) - {"prose.txt"}))
def test_sniff_scores_own_fixtures_and_stays_below_specific_formats(name: str) -> None:
    score = FORMAT.sniff(Sniff.of(Source(name, path=FIXTURES / name)))
    assert 0.5 <= score <= 0.7


def structured_files() -> list[Path]:
    """Other formats' fixtures that are not line-per-message text."""
    root = REPO_ROOT / "tests" / "fixtures"
    suffixes = {".json", ".csv", ".tsv", ".xml", ".html"}
    return [path for path in sorted(root.rglob("*")) if path.suffix in suffixes]


@pytest.mark.parametrize("path", structured_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_sniff_scores_structured_files_zero(path: Path) -> None:
    assert FORMAT.sniff(Sniff.of(Source(path.name, path=path))) == 0.0


@pytest.mark.parametrize(
    "head",
    [
        (FIXTURES / "prose.txt").read_text(encoding="utf-8"),
        "Dear Sam,\n\nThe meeting is at 10:30. Note: bring the papers.\n\nBest,\nJo\n",
        "",
    ],
)
def test_sniff_scores_prose_zero(head: str) -> None:
    assert FORMAT.sniff(Sniff.of(Source("x.txt", data=head.encode()))) == 0.0
