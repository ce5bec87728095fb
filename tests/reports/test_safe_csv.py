"""CSV formula injection: text cells a spreadsheet would run are written with a '."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import chatscan
from chatscan.core.result import Result
from chatscan.core.rules import load_pack
from chatscan.reports import ReportOptions, render
from chatscan.reports.csv_reports import neutralise, write_csv

SPEAKER = '=HYPERLINK("x")'


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


@pytest.fixture(scope="module")
def messages(tmp_path_factory: pytest.TempPathFactory) -> Result:
    texts = [(SPEAKER, "+1 call me, I was watching you"), ("Alex", "@here stop texting me"),
             (SPEAKER, "-5 you'll get hurt"), ("Alex", "fine, I said no")]  # fmt: skip
    items = [
        {"id": n, "type": "message", "date": "2021-03-04T10:11:12",
         "date_unixtime": str(1614852672 + 60 * n), "from": who, "text": text}
        for n, (who, text) in enumerate(texts)
    ]  # fmt: skip
    export = tmp_path_factory.mktemp("chat") / "result.json"
    export.write_text(json.dumps({"name": "C", "type": "personal_chat", "id": 1,
                                  "messages": items}), encoding="utf-8")  # fmt: skip
    # The original pack flags all four (v2, message mode's default, does not count "you'll
    # get hurt" alone): what is tested here is the CSV, not the rules.
    result = chatscan.scan_file(export, chatscan.ScanOptions(rules=load_pack("original")))
    assert result.mode == "messages" and len(result.events) == 4
    return result


def test_message_mode_neutralises_by_default(messages: Result) -> None:
    events = rows(render("events", messages))
    assert [r["speaker"] for r in events] == [f"'{SPEAKER}", "Alex", f"'{SPEAKER}", "Alex"]
    assert [r["text"] for r in events] == [
        "'+1 call me, I was watching you",
        "'@here stop texting me",
        "'-5 you'll get hurt",
        "fine, I said no",
    ]
    assert [r["entry_index"] for r in events] == ["0", "1", "2", "3"]
    speakers = rows(render("speakers", messages))
    assert {r["speaker"] for r in speakers} == {f"'{SPEAKER}", "Alex"}
    sequences = rows(render("sequences", messages))
    assert sequences and all(not r["from_speaker"].startswith("=") for r in sequences)
    assert any(r["from_excerpt"].startswith("'@here") for r in sequences)


def test_message_mode_can_be_asked_for_raw_cells(messages: Result) -> None:
    events = rows(render("events", messages, ReportOptions(safe_csv=False)))
    assert events[0]["speaker"] == SPEAKER and events[0]["text"].startswith("+1")


def test_paragraph_mode_is_raw_unless_asked(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text("=SUM(A1) I was watching you\n\n@here stop\n\nplain stop\n", encoding="utf-8")
    result = chatscan.scan_file(chat, chatscan.ScanOptions(format="paragraphs"))
    raw = rows(render("events", result))
    assert [r["text"] for r in raw] == ["=SUM(A1) I was watching you", "@here stop", "plain stop"]
    safe = rows(render("events", result, ReportOptions(safe_csv=True)))
    assert [r["text"] for r in safe] == [
        "'=SUM(A1) I was watching you",
        "'@here stop",
        "plain stop",
    ]
    assert [r["entry_index"] for r in safe] == ["0", "1", "2"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-5", "'-5"), ("@x", "'@x"), ("\tx", "'\tx"),
     ("\rx", "'\rx"), ("a=b", "a=b"), ("", ""), (-5, -5), (0, 0), (None, None)],
)  # fmt: skip
def test_neutralise(cell: object, expected: object) -> None:
    assert neutralise(cell) == expected


def test_write_csv_safe_header_and_rows() -> None:
    buffer = io.BytesIO()
    write_csv(buffer, ["a", "=b"], [[-1, "-1"], ["x", "@y"]], safe=True)
    assert buffer.getvalue() == b"a,'=b\r\n-1,'-1\r\nx,'@y\r\n"
