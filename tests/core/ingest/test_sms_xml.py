"""SMS Backup & Restore XML: golden fixture, XML safety, malformed input, streaming."""

from __future__ import annotations

import io
import json
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from chatscan.core.errors import InputError
from chatscan.core.ingest.base import IngestLog, Sniff, Source
from chatscan.core.ingest.sms_xml import FORMAT, SurrogateRefFixer
from chatscan.core.models import UNANCHORED, Message
from tests.core.ingest.support import read_source, record
from tests.paths import REPO_ROOT, SHARED

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "sms"
OTHER_FIXTURES = REPO_ROOT / "tests" / "fixtures"
CHAT_MINER = SHARED / "fixtures" / "chat-miner"
SECRET = "SECRETWORD"  # planted in bad records: must never reach a reason or message
HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"


def read_path(path: Path) -> tuple[list[Message], IngestLog]:
    return read_source(FORMAT, Source(path.name, path=path))


def read_bytes(data: bytes) -> tuple[list[Message], IngestLog]:
    return read_source(FORMAT, Source("sms.xml", data=data))


def read_text(text: str) -> tuple[list[Message], IngestLog]:
    return read_bytes(text.encode("utf-8"))


def as_record(message: Message) -> dict[str, Any]:
    return record(message, context=True)


def sms(date: str, body: str, kind: str = "1", name: str = "Ana") -> str:
    attributes = f'address="+15550100" date="{date}" type="{kind}" body="{body}"'
    return f'<sms {attributes} contact_name="{name}" />'


def test_fixture_matches_expected() -> None:
    messages, log = read_path(FIXTURES / "backup.xml")
    expected = json.loads((FIXTURES / "backup.expected.json").read_text(encoding="utf-8"))
    assert len(messages) == len(expected)
    assert [m.index for m in messages] == list(range(len(expected)))
    for message, want in zip(messages, expected, strict=True):
        assert as_record(message) == {"context": UNANCHORED, **want}
    assert [(s.position, s.reason) for s in log.skipped] == [
        ("/smses/sms[4]", "a draft (type 3), never sent")
    ]
    assert log.warnings == []


def test_times_are_utc_and_messages_oldest_first() -> None:
    messages, _ = read_path(FIXTURES / "backup.xml")
    stamps = [m.timestamp for m in messages]
    assert all(s is not None and s.utcoffset() is not None and not s.utcoffset() for s in stamps)
    assert stamps == sorted(stamps)  # type: ignore[type-var]
    # The file holds all texts, then all multimedia messages; the order interleaves them.
    assert [m.source_ref.split("[")[0] for m in messages[:3]] == [
        "/smses/sms",
        "/smses/mms",
        "/smses/sms",
    ]


def test_speakers_received_sent_unknown_and_group() -> None:
    messages, _ = read_path(FIXTURES / "backup.xml")
    by_ref = {m.source_ref: m for m in messages}
    assert by_ref["/smses/sms[1]"].speaker == "Riley Chen"  # type 1, contact name
    assert by_ref["/smses/sms[2]"].speaker == "Me"  # type 2
    assert by_ref["/smses/sms[3]"].speaker == "+15550100999"  # "(Unknown)" contact
    assert by_ref["/smses/mms[2]"].speaker == "Morgan Lee"  # group: the from-address's name
    assert by_ref["/smses/mms[3]"].speaker == "Me"


def test_mms_text_parts_are_joined_and_picture_only_is_media() -> None:
    messages, _ = read_path(FIXTURES / "backup.xml")
    by_ref = {m.source_ref: m for m in messages}
    assert by_ref["/smses/mms[2]"].text == "Group hello\nsecond part"
    assert by_ref["/smses/mms[1]"].flags == {"media"} and by_ref["/smses/mms[1]"].text == ""
    assert by_ref["/smses/mms[3]"].flags == frozenset()  # text with a picture


def test_surrogate_pair_references_become_one_character() -> None:
    messages, _ = read_path(FIXTURES / "backup.xml")
    assert "Unknown number here \U0001f600 and \U0001f600" in [m.text for m in messages]


def test_lone_surrogate_reference_becomes_replacement_character() -> None:
    messages, _ = read_text(HEAD + "<smses>" + sms("1614852672000", "a &#55357; b") + "</smses>")
    assert messages[0].text == "a \ufffd b"


class Trickle(io.RawIOBase):
    """A stream that hands out a few bytes per read, as a slow pipe might."""

    def __init__(self, data: bytes, sizes: tuple[int, ...]) -> None:
        self._data, self._sizes, self._k, self._pos = data, sizes, 0, 0

    def read(self, size: int = -1) -> bytes:
        step = self._sizes[self._k % len(self._sizes)]
        self._k += 1
        chunk = self._data[self._pos : self._pos + step]
        self._pos += len(chunk)
        return chunk


@pytest.mark.parametrize("sizes", [(1,), (3, 5, 7), (17,), (23, 2)])
def test_surrogate_fixing_does_not_depend_on_read_boundaries(sizes: tuple[int, ...]) -> None:
    data = ("x&#55357;&#56832;y&#xD83D;&#xDE00;z&#10;&#55357;" * 40).encode()
    whole = SurrogateRefFixer(io.BytesIO(data)).read()
    fixer = SurrogateRefFixer(Trickle(data, sizes))  # type: ignore[arg-type]
    pieces = []
    while chunk := fixer.read(16):
        pieces.append(chunk)
    assert b"".join(pieces) == whole
    assert len(whole) == len(data)  # same length: line and column numbers are kept
    assert b"55357" not in whole and b"xD83D" not in whole
    assert whole.count(b"&#0000000128512;") == 80 and whole.count(b"&#65533;") == 40


def test_xml_bomb_is_refused_fast_without_expanding() -> None:
    # The classic "billion laughs": lol9 would expand to 10**9 copies of "lol".
    lol = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{k} "{("&lol" + str(k - 1) + ";") * 10}">' for k in range(1, 10)
    )
    bomb = f'{HEAD}<!DOCTYPE smses [{lol}]>\n<smses><sms date="1" type="1" body="&lol9;"/></smses>'
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        read_text(bomb)
    assert time.perf_counter() - started < 1.0
    assert "DOCTYPE" in caught.value.message


def test_external_entity_is_refused() -> None:
    xxe = f'{HEAD}<!DOCTYPE smses [<!ENTITY x SYSTEM "file:///etc/passwd">]><smses/>'
    with pytest.raises(InputError, match="DOCTYPE"):
        read_text(xxe)


def test_doctype_after_a_long_comment_is_still_refused() -> None:
    padded = f"{HEAD}<!--{'-x' * 100_000}-->\n<?pi data?>\n<!DOCTYPE smses []><smses/>"
    with pytest.raises(InputError, match="DOCTYPE"):
        read_text(padded)


def test_doctype_after_a_utf8_byte_order_mark_is_refused() -> None:
    data = b"\xef\xbb\xbf" + f"{HEAD}<!DOCTYPE smses []><smses/>".encode()
    with pytest.raises(InputError, match="DOCTYPE"):
        read_bytes(data)


def test_utf16_doctype_is_refused() -> None:
    text = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE smses []><smses/>'
    with pytest.raises(InputError, match="DOCTYPE"):
        read_bytes(text.encode("utf-16"))


def test_utf16_backup_is_read() -> None:
    text = (
        '<?xml version="1.0" encoding="UTF-16"?>\n<smses>' + sms("1614852672000", "hé") + "</smses>"
    )
    messages, _ = read_bytes(text.encode("utf-16"))
    assert [m.text for m in messages] == ["hé"]


def test_truncated_xml_names_line_and_column() -> None:
    data = (FIXTURES / "backup.xml").read_bytes()
    with pytest.raises(InputError) as caught:
        read_bytes(data[: len(data) // 2])
    message = caught.value.message
    assert "not well-formed" in message and "line " in message and "column " in message


def test_not_well_formed_position_is_that_of_the_file() -> None:
    # The emoji references before the error are rewritten; columns must not move.
    line = '<sms date="1" type="1" body="&#55357;&#56832;" /><' + SECRET + " <"
    with pytest.raises(InputError) as caught:
        read_text(HEAD + "<smses>\n" + line + "\n</smses>")
    message = caught.value.message
    column = line.index(" <") + 2  # expat stops at the "<" after the space (1-based)
    assert f"line 3, column {column}" in message
    assert SECRET not in message


def test_undefined_entity_is_an_input_error() -> None:
    with pytest.raises(InputError, match="undefined entity at line 3"):
        read_text(HEAD + "<smses>\n" + sms("1", "&nope;") + "</smses>")


def test_non_numeric_date_is_skipped_with_its_position() -> None:
    text = (
        HEAD
        + "<smses>"
        + sms("1614852672000", "ok")
        + sms(f"yesterday {SECRET}", SECRET)
        + sms("1614852673000", "ok too")
        + "</smses>"
    )
    messages, log = read_text(text)
    assert [m.text for m in messages] == ["ok", "ok too"]
    assert [m.index for m in messages] == [0, 1]
    assert [(s.position, s.reason) for s in log.skipped] == [
        ("/smses/sms[2]", "'date' is not a whole number of milliseconds")
    ]
    assert SECRET not in repr(log)


def test_top_element_must_be_smses() -> None:
    with pytest.raises(InputError, match="not an SMS Backup"):
        read_text(HEAD + '<calls count="0"></calls>')


def test_empty_and_junk_files_are_input_errors() -> None:
    for data in (b"", b"\x00\x01\x02junk", SECRET.encode()):
        with pytest.raises(InputError) as caught:
            read_bytes(data)
        assert "line 1" in caught.value.message and SECRET not in caught.value.message


def test_memory_stays_flat_with_large_attachments() -> None:
    blob = "A" * 200_000
    mms = (
        '<mms date="{d}" msg_box="1" address="+15550100" contact_name="Ana"><parts>'
        '<part ct="text/plain" text="hi" /><part ct="image/jpeg" data="{blob}" />'
        "</parts></mms>"
    )
    body = "".join(mms.format(d=1614852672000 + k, blob=blob) for k in range(60))
    data = (HEAD + "<smses>" + body + "</smses>").encode()
    tracemalloc.start()
    try:
        messages, _ = read_bytes(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(messages) == 60
    assert peak < len(data) // 8  # a few elements at a time, not the whole tree


def test_sniff_scores_backups_high_and_others_low() -> None:
    path = FIXTURES / "backup.xml"
    assert FORMAT.sniff(Sniff.of(Source(path.name, path=path))) >= 0.9
    others = [
        *sorted((CHAT_MINER / "whatsapp").glob("*.txt")),
        CHAT_MINER / "signal" / "test_export.txt",
        CHAT_MINER / "telegram" / "test_single_export.json",
        *sorted((OTHER_FIXTURES / "imessage").glob("*.txt")),
    ]
    for other in others:
        assert FORMAT.sniff(Sniff.of(Source(other.name, path=other))) == 0.0, other.name
    assert FORMAT.sniff(Sniff("notes.txt", "We met <b>twice</b>.\n")) == 0.0
    assert FORMAT.sniff(Sniff("a.zip", "", zip_names=("sms.xml",))) == 0.0
