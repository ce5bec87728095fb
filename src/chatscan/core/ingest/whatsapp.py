"""WhatsApp chat exports: the ``.txt`` file, or the ``.zip`` that holds it.

WhatsApp writes one header per message, in one of two layouts (kept as data in
:data:`LAYOUTS`, one compiled regular expression each):

- Android: ``12/31/21, 11:25 - Name: text``
- iOS: ``[31/12/2021, 11:25:03] Name: text``

with the phone's locale deciding the rest: day, month or year first, ``/ . -``
between date fields, 2- or 4-digit years, seconds or not, a 24-hour clock or a
12-hour one (``PM``, ``pm``, ``p.m.``, ``p. m.``), and invisible marks (U+200E,
U+200F) or narrow/no-break spaces (U+202F, U+00A0) inside the header. A line that
does not start with a header continues the message before it and keeps its ``\\n``.
A header with no ``Name:`` part is a system line ("X created group").

Reading takes two passes over the text, so that memory stays flat in file size. The
day/month order depends on every header date of the file, so the first pass,
:func:`header_dates`, collects only the distinct dates, and the order is decided once
from them (no first pass when ``--date-order`` gives it). The second pass splits each
decoded chunk on the headers with one regular expression (:func:`raw_batches`; a loop
over lines in Python is several times slower), and :meth:`RecordParser.messages` turns
each batch into :class:`~chatscan.core.models.Message` records a column at a time
(dates, times, senders, bodies), working out one by one only the records that need it.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import accumulate, chain, compress, count, repeat
from operator import add, is_
from pathlib import PurePosixPath
from typing import Any, Generic, TypeVar

from chatscan.core.decoding import DecodeStats, decode_chunks
from chatscan.core.errors import InputError
from chatscan.core.ingest.base import (
    MAX_MEMBER_BYTES,
    Format,
    IngestLog,
    IngestOptions,
    LimitedReader,
    Sniff,
    Source,
)
from chatscan.core.ingest.dates import RawDate, decide_date_order, make_datetime
from chatscan.core.models import NO_CONTEXT, Message

__all__ = [
    "FORMAT",
    "LAYOUTS",
    "Batch",
    "Layout",
    "RawRecord",
    "RecordParser",
    "chat_member",
    "choose_layout",
    "has_control_chars",
    "header_dates",
    "raw_batches",
    "raw_records",
    "read",
    "sniff",
]

# Pieces of the header expressions. A header is matched with the newline before it
# (the text is read with one added in front), which lets the regular expression engine
# jump from newline to newline instead of trying every position. Repeats are possessive
# (``*+``, ``{1,4}+``) where giving characters back could never lead to a match: the
# same matches, found faster.
_SPACE = "[ \u00a0\u202f]"
_LINE_MARKS = "[\u200e\u200f]*+"  # at the start of a line
_DATE = r"(\d{1,4}+[./-]\d{1,2}+[./-]\d{2,4}+)"
_YEAR_FIRST_DATE = r"(\d{4}[./-]\d{1,2}+[./-]\d{2,4}+)"
_CLOCK = rf"\d{{1,2}}+[:.]\d{{2}}(?:[:.]\d{{2}})?+(?:{_SPACE}?[AaPp]\.?{_SPACE}?[Mm]\.?)?+"
# The sender: up to the first ": " of the line, or a ":" ending it (the text then starts
# on the next line). A quotation mark before it means a system line quoting a subject
# (``X changed the subject to "a: b"``), so a name has none. The marks before it are not
# possessive: a "name" of marks alone gives them back.
_NAME_CHAR = '[^\n:"\u201c\u00ab]'
_NAME = (
    rf"(?:[\u200e\u200f]*({_NAME_CHAR}++(?::[^\n: \"\u201c\u00ab]{_NAME_CHAR}*+)*+)"
    r":(?: |(?=\n)|$))?"
)


@dataclass(frozen=True, slots=True)
class Layout:
    """One header layout. ``header`` matches a newline and the header after it, with the
    date (group 1), the time (group 2) and the sender (group 3, None for a system line)
    as written. ``dates`` matches the same headers without their (optional) sender part,
    with the date as its only group; ``year_first`` only those whose date starts with a
    4-digit year."""

    name: str
    example: str
    header: re.Pattern[str]
    dates: re.Pattern[str]
    year_first: re.Pattern[str]


def _layout(name: str, example: str, before_date: str, after_time: str) -> Layout:
    start = rf"\n{_LINE_MARKS}{before_date}"
    end = rf",?{_SPACE}{_CLOCK}{after_time}"
    return Layout(
        name,
        example,
        re.compile(rf"{start}{_DATE},?{_SPACE}({_CLOCK}){after_time}{_NAME}"),
        re.compile(rf"{start}{_DATE}{end}"),
        re.compile(rf"{start}{_YEAR_FIRST_DATE}{end}"),
    )


LAYOUTS = (
    _layout("android", "12/31/21, 11:25 - Name: text", "", rf"{_SPACE}[-\u2013]{_SPACE}"),
    _layout("ios", "[31/12/2021, 11:25:03] Name: text", r"\[", rf"\]{_SPACE}"),
)

# One message as written: the line its header is on (1-based), the date, time and
# sender (None for a system line) as the header writes them, and the body (the rest of
# the header line and the lines continuing it). A plain tuple: files hold many.
RawRecord = tuple[int, str, str, str | None, str]

NO_HEADER = "no header and no message before it"  # the reason lines before any header get
SNIFF_LINES = 200
MAX_NAME_CHARS = 200
LAYOUT_SNIFF_CHARS = 64 * 1024
# Characters a text line never holds; a line with one is binary junk (tab is allowed).
_JUNK_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Every byte but those characters. They are ASCII: in UTF-8 each is one byte, which no
# other character's encoding holds.
_TEXT_BYTES = bytes(byte for byte in range(256) if not _JUNK_RE.match(chr(byte)))
_TIME_RE = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(.*)", re.DOTALL)
_DATE_FIELDS_RE = re.compile(r"(\d+)[./-](\d+)[./-](\d+)")
# Invisible marks around names: direction marks, embeddings (Android wraps phone
# numbers in U+202A ... U+202C) and isolates.
_NAME_MARKS = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
_NAME_SPACES = " \u00a0\u202f\t"

# Placeholders WhatsApp writes instead of an attachment, whole texts once the direction
# marks and spaces around them are taken off: Android's "<Media omitted>" (in a few
# languages), iOS's "image omitted", ...
_OMITTED_KINDS = ("image", "video", "audio", "sticker", "GIF", "document", "Contact card")
MEDIA_PLACEHOLDERS = frozenset(
    {
        "<Media omitted>",
        "<Medien ausgeschlossen>",
        "<Multimedia omitido>",
        "<M\u00eddia oculta>",
        "<M\u00e9dias omis>",
        "<Media omessi>",
        "<Media weggelaten>",
        *(f"{kind} omitted" for kind in _OMITTED_KINDS),
    }
)
# ... and one-line texts ending so: iOS's "report.pdf \u2022 3 pages document omitted" (a
# U+200E before "document"), Android's "IMG-20210101-WA0001.jpg (file attached)".
MEDIA_ENDINGS = ("\u200edocument omitted", " (file attached)")
DELETED_TEXTS = frozenset(
    {
        "This message was deleted",
        "This message was deleted.",
        "You deleted this message",
        "You deleted this message.",
        "Se elimin\u00f3 este mensaje.",
        "Eliminaste este mensaje.",
        "Diese Nachricht wurde gel\u00f6scht.",
        "Du hast diese Nachricht gel\u00f6scht.",
    }
)
EDITED_SUFFIX = "<This message was edited>"
# iOS writes service lines under the chat's name, their text starting with U+200E.
_IOS_SYSTEM_RE = re.compile(
    r"\u200e(?:.*(?:end-to-end|Ende-zu-Ende|extremo a extremo|de bout en bout|ponta a ponta"
    r"|created (?:group|this group)|\b(?:added|removed)\b|left$"
    r"|joined using|changed (?:the|this|their|your) |security code|disappearing messages"
    r"|turned (?:on|off)|pinned a message)|(?:Missed|Silenced) (?:voice|video|group) call)",
    re.DOTALL,
)
_MARK_CHARS = " \u200e\u200f"
_SYSTEM = frozenset({"system"})
_EDITED = frozenset({"edited"})
_MEDIA = frozenset({"media"})
_DELETED = frozenset({"deleted"})
_NO_FLAGS: frozenset[str] = frozenset()
# The classifier looks only at texts that end like a placeholder or start with U+200E
# (as iOS placeholders and service lines do), and only at short ones: placeholders are.
_SHORT_PLACEHOLDER = 120
_SHORT_SERVICE_LINE = 400
# Texts starting so are worked out one by one: "Name:" ended the header line, or a mark.
_ODD_STARTS = ("\n", "\u200e")
_ENDINGS = {
    text[-6:] for text in (*MEDIA_PLACEHOLDERS, *MEDIA_ENDINGS, *DELETED_TEXTS, EDITED_SUFFIX, ">")
}
# (without those ending in another one: ">" covers all the "...>" placeholders)
_FLAG_ENDINGS = tuple(
    sorted(end for end in _ENDINGS if not any(end.endswith(o) for o in _ENDINGS - {end}))
)


# -- reading raw records -------------------------------------------------------------


def choose_layout(text: str) -> Layout | None:
    """The layout with the most header lines in ``text`` from its first header on (None
    when it has none). ``text`` starts with a newline, as the header expressions expect."""
    firsts = [m.start() for layout in LAYOUTS if (m := layout.header.search(text))]
    if not firsts:
        return None
    start = min(firsts)
    window = text[start : start + LAYOUT_SNIFF_CHARS]
    counts = [len(layout.header.findall(window)) for layout in LAYOUTS]
    return LAYOUTS[counts.index(max(counts))]


@dataclass(frozen=True, slots=True)
class Batch:
    """The records of one decoded chunk, as ``re.split`` gives them: date, time, sender
    and body of each record in turn. ``first_line`` is the first header's line; ``junk``
    says whether any of it holds control characters."""

    first_line: int
    pieces: list[Any]  # str, except a system line's sender: None
    junk: bool


class _Scanner:
    """Splits decoded text into batches of records, one buffer at a time.

    A buffer is a newline and then lines of text. ``line`` counts the lines before the
    one that follows the buffer's first newline; no header starts between the buffer's
    start and ``clean`` (the part of a long message already looked at).
    """

    def __init__(self, log: IngestLog) -> None:
        self.log = log
        self.layout: Layout | None = None
        self.line = 0
        self.clean = 0

    def _skip_lines(self, text: str, first_line: int) -> None:
        """Report each non-blank line of ``text`` (lines before the first header)."""
        for offset, line in enumerate(text.split("\n")):
            if line.strip():
                self.log.skip(f"line {first_line + offset}", NO_HEADER)

    def _last_header(self, buffer: str, end: int) -> int:
        """Where the last header before ``end`` starts (its newline); 0 when there is none
        after the buffer's first line."""
        assert self.layout is not None
        start = max(self.clean, end - 4096)  # messages are short: look at the end first
        while True:
            last = 0
            for match in self.layout.header.finditer(buffer, start, end):
                last = match.start()
            if last > 0 or start == self.clean:
                return last
            start = self.clean

    def scan(self, buffer: str, end: int, final: bool) -> tuple[Batch | None, int]:
        """The records that end in ``buffer[:end]``, and where the rest of the buffer (to
        be read again with the next chunk) starts.

        ``end`` is the newline before an incomplete last line; with ``final`` it is the
        buffer's length, and the last record ends there too. Without ``final`` the last
        record may go on in the next chunk, so it waits for it.
        """
        if self.layout is None:
            self.layout = choose_layout(buffer[:end])
            if self.layout is None:
                self._skip_lines(buffer[1:end], self.line + 1)
                self.line += buffer.count("\n", 0, end)
                return None, end
        rest = len(buffer) if final else self._last_header(buffer, end)
        if rest == 0:
            self.clean = end
            return None, 0  # one message goes on past this chunk
        self.clean = 0 if final else end - rest
        region = buffer if final else buffer[:rest]
        pieces = self.layout.header.split(region)
        before: str = pieces[0]
        if before:  # lines before the file's first header (later buffers start with one)
            self._skip_lines(before[1:], self.line + 1)
        batch = Batch(
            self.line + 1 + before.count("\n"),
            pieces[1:],
            has_control_chars(region[len(before) :] if before else region),
        )
        self.line += region.count("\n")
        return batch, rest


def raw_batches(chunks: Iterable[str], log: IngestLog) -> Iterator[Batch]:
    """The records of the text, a batch per decoded chunk; lines before the first
    header are reported to ``log``."""
    scanner = _Scanner(log)
    pending = "\n"  # the header expressions match a newline before the header
    for chunk in chunks:
        buffer = pending + chunk
        end = buffer.rfind("\n")
        if end > 0:
            batch, rest = scanner.scan(buffer, end, final=False)
            if batch is not None:
                yield batch
            buffer = buffer[rest:]
        pending = buffer
    batch, _ = scanner.scan(pending, len(pending), final=True)
    if batch is not None:
        yield batch


def raw_records(batches: Iterable[Batch], log: IngestLog) -> Iterator[RawRecord]:
    """Each record with its line; trailing blank lines are taken off the body, and lines
    of binary junk are taken out and reported to ``log``."""
    for batch in batches:
        line = batch.first_line
        pieces = iter(batch.pieces)
        junk = batch.junk
        for date_text, time_text, name, body in zip(pieces, pieces, pieces, pieces, strict=True):
            start = line
            line += body.count("\n") + 1
            if body[-1:] == "\n":
                body = body.rstrip("\n")  # blank lines before the next header
            if junk and (_JUNK_RE.search(body) or (name and _JUNK_RE.search(name))):
                cleaned = _without_junk(name, body, start, log)
                if cleaned is None:
                    continue
                body = cleaned
            yield start, date_text, time_text, name, body


def has_control_chars(text: str) -> bool:
    """Whether ``text`` holds a character :data:`_JUNK_RE` looks for: the same answer as
    ``_JUNK_RE.search(text) is not None``, found several times faster in its UTF-8 bytes."""
    return bool(text.encode("utf-8", "surrogatepass").translate(None, _TEXT_BYTES))


def _without_junk(name: str | None, body: str, line: int, log: IngestLog) -> str | None:
    """The body without its lines of binary junk, each one reported; None when the header
    line itself holds junk (then the message and its other lines are skipped)."""
    lines = body.split("\n")
    if _JUNK_RE.search(lines[0]) or (name and _JUNK_RE.search(name)):
        log.skip(f"line {line}", "control characters (binary data?) in a header line")
        for offset, text in enumerate(lines[1:], 1):
            if text.strip():
                log.skip(f"line {line + offset}", "continues a skipped line")
        return None
    kept = [lines[0]]
    for offset, text in enumerate(lines[1:], 1):
        if _JUNK_RE.search(text):
            log.skip(f"line {line + offset}", "control characters (binary data?)")
        else:
            kept.append(text)
    return "\n".join(kept).rstrip("\n")


def _whole_lines(chunks: Iterable[str]) -> Iterator[str]:
    """The text a piece at a time: a newline and whole lines, the last piece the rest of
    the text. They are the pieces :func:`raw_batches` chooses its layout from."""
    pending = "\n"  # the header expressions match a newline before the header
    for chunk in chunks:
        buffer = pending + chunk
        end = buffer.rfind("\n")  # where the last whole line ends
        if end > 0:
            yield buffer[:end]
        pending = buffer[end:]
    yield pending


def header_dates(chunks: Iterable[str]) -> list[RawDate]:
    """The distinct header dates of the text in the order of first appearance, or as many
    as decide the date order the same way: the first pass over a file, which keeps
    nothing else.

    It chooses the layout from the same text as :func:`raw_batches`, so it sees the same
    headers. Repeats add nothing to the date-order decision (its rules look at the date
    fields, and the backwards jumps it counts come from the order the days first appear
    in), and a year-first date decides it: reading stops there. After a first field
    above 12 only a year-first date could change it, so only those are looked for.
    """
    seen: dict[str, RawDate] = {}
    layout: Layout | None = None
    day_first = False
    for text in _whole_lines(chunks):
        if layout is None:
            layout = choose_layout(text)
            if layout is None:
                continue
        if day_first:
            if found := layout.year_first.search(text):
                return [*seen.values(), raw_date(found.group(1))]
            continue
        for date_text in dict.fromkeys(layout.dates.findall(text)):
            if date_text not in seen:
                raw = seen[date_text] = raw_date(date_text)
                if raw.first_digits == 4:
                    return list(seen.values())
                day_first = day_first or raw.first > 12
    return list(seen.values())


def raw_date(text: str) -> RawDate:
    """A header date's three fields (the header expressions make sure there are three)."""
    first, second, third = _DATE_FIELDS_RE.split(text)[1:4]
    return RawDate(int(first), int(second), int(third), len(first))


# -- parsing one record --------------------------------------------------------------


def parse_time(text: str) -> timedelta | None:
    """A header's time of day (``23:05``, ``11:05:09 PM``, ``11:05 p. m.``) as the time
    since midnight; None when it is not a real time."""
    match = _TIME_RE.fullmatch(text)
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    marker = match.group(4).lstrip(_NAME_SPACES)[:1].lower()
    if marker:
        if hour > 12:
            return None
        if marker == "p" and hour < 12:
            hour += 12
        elif marker == "a" and hour == 12:
            hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return timedelta(hours=hour, minutes=minute, seconds=second)


def clean_name(name: str) -> str | None:
    """A sender's name without the invisible marks and spaces around or in it; None when
    what the header holds is not a name (empty, or longer than any name)."""
    if not name.isascii():
        name = name.translate(_NAME_MARKS)
    name = name.strip(_NAME_SPACES)
    return name if 0 < len(name) <= MAX_NAME_CHARS else None


def message_flags(text: str) -> tuple[str, frozenset[str]]:
    """A sender's text without an edit marker, and its flags."""
    flags = _NO_FLAGS
    if text.endswith(EDITED_SUFFIX):
        text = text[: -len(EDITED_SUFFIX)].rstrip("\u200e\u200f")
        if text[-1:] in (" ", "\n"):
            text = text[:-1]
        flags = _EDITED
    if len(text) <= _SHORT_PLACEHOLDER:
        key = text.strip(_MARK_CHARS)
        if key in MEDIA_PLACEHOLDERS or (
            "\n" not in key
            and (key.endswith(MEDIA_ENDINGS) or (key.startswith("<attached: ") and key[-1] == ">"))
        ):
            return text, flags | _MEDIA
        if key in DELETED_TEXTS:
            return text, flags | _DELETED
    if len(text) <= _SHORT_SERVICE_LINE and _IOS_SYSTEM_RE.match(text):
        return text, flags | _SYSTEM
    return text, flags


_K = TypeVar("_K")
_V = TypeVar("_V")


class _Cache(dict[_K, _V], Generic[_K, _V]):
    """A dict that fills itself: a missing key's value is ``make(key)``. Looking keys up
    with ``map(cache.__getitem__, keys)`` stays in C for the keys already there."""

    def __init__(self, make: Callable[[_K], _V]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: _K) -> _V:
        value = self[key] = self._make(key)
        return value


def _speaker(name: str | None) -> str | None:
    return None if name is None else clean_name(name)


def _line_refs(bodies: list[str], first_line: int) -> Iterator[str]:
    """``line N`` for each record of a batch: a record has its header line and the lines
    of its body."""
    sizes = map(add, map(str.count, bodies, repeat("\n")), repeat(1))
    return map("line {}".format, accumulate(sizes, initial=first_line))


def _odd_records(texts: list[str], speakers: list[str | None]) -> set[int]:
    """Where a record may not be the common case (a named sender, the text as written
    and no flags): no sender, or a text that starts or ends like a flagged one."""
    return {
        *compress(count(), map(is_, speakers, repeat(None))),
        *compress(count(), map(str.startswith, texts, repeat(_ODD_STARTS))),
        *compress(count(), map(str.endswith, texts, repeat(_FLAG_ENDINGS))),
    }


class RecordParser:
    """Turns records into messages once the file's date order is known, numbering them
    from 0. Each distinct date, time and name string is parsed once."""

    def __init__(self, order: str) -> None:
        self.order = order
        self._days: _Cache[str, datetime | None] = _Cache(self._day)
        self._clocks: _Cache[str, timedelta | None] = _Cache(parse_time)
        self._speakers: _Cache[str | None, str | None] = _Cache(_speaker)
        self.index = 0  # the next message's
        self.records = 0  # headers seen
        self.undated = 0  # messages whose header date or time is not real

    def _day(self, date_text: str) -> datetime | None:
        return make_datetime(raw_date(date_text), self.order)

    def timestamp(self, date_text: str, time_text: str) -> datetime | None:
        """The header's date and time; None (counted in ``undated``) when not real."""
        day, clock = self._days[date_text], self._clocks[time_text]
        if day is None or clock is None:
            self.undated += 1
            return None
        return day + clock

    def content(self, name: str | None, body: str) -> tuple[str, str | None, frozenset[str]]:
        """A record's text, sender and flags, from its sender part (None for a system
        line) and its body."""
        if name is None:
            return body, None, _SYSTEM
        speaker = self._speakers[name]
        if speaker is None:  # not a name after all: the text is the whole line
            text = f"{name}:{body}" if body[:1] in ("", "\n") else f"{name}: {body}"
        else:
            text = body[1:] if body[:1] == "\n" else body  # "Name:" ended the line
        if text.endswith(_FLAG_ENDINGS) or text[:1] == "\u200e":
            text, flags = message_flags(text)
            return text, speaker, flags
        return text, speaker, _NO_FLAGS

    def parse(self, record: RawRecord, index: int) -> Message:
        """One record as the ``index``-th message."""
        line, date_text, time_text, name, body = record
        text, speaker, flags = self.content(name, body)
        stamp = self.timestamp(date_text, time_text)
        return Message(index, text, speaker, stamp, NO_CONTEXT, f"line {line}", flags)

    def messages(self, batch: Batch, log: IngestLog) -> Iterator[Message]:
        """The messages of one batch, numbered on from the last batch's."""
        self.records += len(batch.pieces) // 4
        if batch.junk:  # rare: record by record, leaving out the junk (reported to log)
            parsed = list(map(self.parse, raw_records((batch,), log), count(self.index)))
            self.index += len(parsed)
            return iter(parsed)
        return self._columns(batch)

    def _columns(self, batch: Batch) -> Iterator[Message]:
        """The messages of a batch without junk, worked out a column at a time: most
        steps run in C, once per record or once per distinct string."""
        pieces = batch.pieces
        dates, times, names, bodies = pieces[0::4], pieces[1::4], pieces[2::4], pieces[3::4]
        texts = list(map(str.rstrip, bodies, repeat("\n")))  # blank lines before the next header
        speakers = list(map(self._speakers.__getitem__, names))
        flags: Iterable[frozenset[str]] = repeat(_NO_FLAGS)
        if odd := _odd_records(texts, speakers):
            flags = [_NO_FLAGS] * len(texts)
            for i in odd:
                texts[i], speakers[i], flags[i] = self.content(names[i], texts[i])
        stamps = self._stamps(dates, times)
        first, self.index = self.index, self.index + len(texts)
        refs = _line_refs(bodies, batch.first_line)
        return map(Message, count(first), texts, speakers, stamps, repeat(NO_CONTEXT), refs, flags)

    def _stamps(self, dates: list[str], times: list[str]) -> list[datetime | None]:
        days = map(self._days.__getitem__, dates)
        clocks = map(self._clocks.__getitem__, times)
        try:
            return list(map(add, days, clocks))
        except TypeError:  # None: a date or time that is not real
            return list(map(self.timestamp, dates, times))


# -- zip archives ----------------------------------------------------------------------


def chat_member(names: Iterable[str]) -> str | None:
    """The chat text in a zip export: ``_chat.txt`` (iOS) or ``WhatsApp Chat with ... .txt``
    (Android, in the phone's language); None when there is none."""
    found = []
    for name in names:
        base = PurePosixPath(name).name.lower()
        if name.endswith("/") or name.startswith("__MACOSX/") or not base.endswith(".txt"):
            continue
        if base == "_chat.txt":
            return name
        if "whatsapp" in base:
            found.append(name)
    return min(found) if found else None


def _is_zip(source: Source) -> bool:
    if source.head(4) in (b"PK\x03\x04", b"PK\x05\x06"):  # an archive, or an empty one
        return True
    if source.name.lower().endswith(".zip"):
        raise InputError(f"{source.name} is named .zip but is not a zip archive")
    return False


def _zip_chunks(source: Source, options: IngestOptions) -> Iterator[str]:
    """The decoded text of the chat member of a zip export (media members are ignored)."""
    member = None
    try:
        with source.open() as stream, zipfile.ZipFile(stream) as archive:
            member = chat_member(archive.namelist())
            if member is None:
                raise InputError(
                    f"{source.name}: no chat text member found in the zip archive (expected "
                    f"_chat.txt or 'WhatsApp Chat with ... .txt' among its "
                    f"{len(archive.namelist())} member(s))"
                )
            with archive.open(member) as packed:
                limit = min(options.max_unpacked_bytes, MAX_MEMBER_BYTES)
                limited = LimitedReader(packed, limit, f"{source.name}: {member!r}")
                yield from decode_chunks(limited, source.stats, strict=options.strict_encoding)  # type: ignore[arg-type]
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        if member is None:
            raise InputError(
                f"{source.name} is not a readable zip archive (cut off or damaged)"
            ) from None
        raise InputError(
            f"{source.name}: the zip member {member!r} is damaged and cannot be read "
            f"({type(error).__name__})"
        ) from None
    except (NotImplementedError, RuntimeError):
        raise InputError(
            f"{source.name}: the zip member {member!r} is encrypted or uses an "
            "unsupported compression method"
        ) from None


def _text_chunks(source: Source, options: IngestOptions) -> Iterator[str]:
    if _is_zip(source):
        source.stats = DecodeStats()
        return _zip_chunks(source, options)
    return source.text_chunks(options)


# -- the format ------------------------------------------------------------------------


def read(source: Source, options: IngestOptions, log: IngestLog) -> Iterator[Message]:
    """The messages of a WhatsApp export, oldest first (as WhatsApp writes them).

    Two passes over the text: the first (skipped when the date order is given) decides
    the date order from every header date of the file, the second yields the messages
    a batch at a time. Nothing is read before the first message is asked for.
    """
    return chain.from_iterable(_batch_messages(source, options, log))  # flattened in C


def _batch_messages(
    source: Source, options: IngestOptions, log: IngestLog
) -> Iterator[Iterator[Message]]:
    """The messages of each batch, and then the warnings about the whole file."""
    order = options.date_order
    if order == "auto":
        order = _decide_order(header_dates(_text_chunks(source, options)), log)
    parser = RecordParser(order)
    for batch in raw_batches(_text_chunks(source, options), log):
        yield parser.messages(batch, log)
    if not parser.records:
        log.warn(
            f"{source.name}: no WhatsApp message header lines found "
            f"(such as '{LAYOUTS[0].example}' or '{LAYOUTS[1].example}')"
        )
    elif parser.undated:
        log.warn(
            f"{parser.undated} message header(s) hold a date or time that is not real "
            f"in {order} order; those messages have no timestamp"
        )


def _decide_order(dates: list[RawDate], log: IngestLog) -> str:
    """The date order of a file's header dates, with a warning when it is a guess (none
    for a file without headers: there is nothing to read in any order)."""
    if not dates:
        return "dmy"
    order = decide_date_order(dates)
    if not order.confident:
        guess = "day-first" if order.order == "dmy" else "month-first"
        log.warn(f"date order guessed as {guess} ({order.reason}); use --date-order to set it")
    return order.order


# Things only WhatsApp writes: placeholders, service lines, marks, the file's name.
_SIGNATURES = (
    "\u200e",
    " omitted",
    "<attached: ",
    "<This message was edited>",
    "This message was deleted",
    "end-to-end encrypted",
    "created group",
    "You were added",
    "added you",
    "changed the subject",
    "Missed voice call",
)


def _has_signature(s: Sniff) -> bool:
    name = s.name.lower()
    return "whatsapp" in name or name == "_chat.txt" or any(mark in s.head for mark in _SIGNATURES)


def sniff(s: Sniff) -> float:
    """High when most of the first lines start with WhatsApp headers (the first one too).

    The iOS layout (``[31/12/2021, 11:25:03] Name: text``) is also how people write
    transcripts by hand, and with year-first dates Signal's older layout: without
    anything only WhatsApp writes (a placeholder, a service line, a U+200E mark) it
    scores below what those formats claim. So does a Markdown file (signal-export
    writes ``chat.md``, WhatsApp never does).
    """
    if s.zip_names is not None:
        return 0.95 if chat_member(s.zip_names) is not None else 0.0
    if s.json_keys is not None:
        return 0.0
    lines = s.head.split("\n", SNIFF_LINES + 1)[:SNIFF_LINES]
    if len(lines) > 1:
        lines.pop()  # it may be cut off
    lines = [line for line in lines if line.strip()]
    text = "\n" + "\n".join(lines)
    layout = choose_layout(text) if lines else None
    if layout is None:
        return 0.0
    headers = list(layout.header.finditer(text))
    ratio = len(headers) / len(lines)
    first_is_header = headers[0].start() == 0
    if ratio >= 0.5:
        score = 0.95 if first_is_header else 0.85
    elif ratio >= 0.3 and first_is_header:
        score = 0.8  # many multi-line messages
    else:
        return 0.4 if ratio >= 0.2 else 0.1
    if s.name.lower().endswith(".md"):
        return 0.3
    if layout.name == "ios" and not _has_signature(s):
        year_first = all(len(m.group(1)) >= 8 and m.group(1)[4] == "-" for m in headers)
        return 0.5 if year_first else 0.65
    return score


FORMAT = Format(
    name="whatsapp",
    title="WhatsApp chat export (.txt, or the .zip with _chat.txt), Android or iOS layout",
    example=LAYOUTS[0].example,
    sniff=sniff,
    read=read,
    extensions=(".txt", ".zip"),
)
