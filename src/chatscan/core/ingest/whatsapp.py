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

Reading is two steps. :func:`raw_batches` splits each decoded chunk on the headers
with one regular expression (a loop over lines in Python is several times slower)
and :func:`raw_records` gives each message as written: its line, date, time, sender
and body. Once every header date has been seen, the day/month order is decided once
for the file, and :meth:`RecordParser.parse` turns each record into a
:class:`~chatscan.core.models.Message`. Nothing is yielded before the whole text has
been split: the date order depends on all of it.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import count
from pathlib import PurePosixPath
from typing import Any

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
    "header_dates",
    "raw_batches",
    "raw_records",
    "read",
    "sniff",
]

# Pieces of the header expressions. A header is matched with the newline before it
# (the text is read with one added in front), which lets the regular expression engine
# jump from newline to newline instead of trying every position.
_SPACE = "[ \u00a0\u202f]"
_MARKS = "[\u200e\u200f]*"  # at the start of a line and before a name
_DATE = r"(\d{1,4}[./-]\d{1,2}[./-]\d{2,4})"
_TIME = rf"(\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?(?:{_SPACE}?[AaPp]\.?{_SPACE}?[Mm]\.?)?)"
# The sender: up to the first ": " of the line, or a ":" ending it (the text then starts
# on the next line). A quotation mark before it means a system line quoting a subject
# (``X changed the subject to "a: b"``), so a name has none.
_NAME_CHAR = '[^\n:"\u201c\u00ab]'
_NAME = rf"(?:{_MARKS}({_NAME_CHAR}+(?::[^\n: \"\u201c\u00ab]{_NAME_CHAR}*)*):(?: |(?=\n)|$))?"


@dataclass(frozen=True, slots=True)
class Layout:
    """One header layout. ``header`` matches a newline and the header after it, with the
    date (group 1), the time (group 2) and the sender (group 3, None for a system line)
    as written."""

    name: str
    example: str
    header: re.Pattern[str]


LAYOUTS = (
    Layout(
        "android",
        "12/31/21, 11:25 - Name: text",
        re.compile(rf"\n{_MARKS}{_DATE},?{_SPACE}{_TIME}{_SPACE}[-\u2013]{_SPACE}{_NAME}"),
    ),
    Layout(
        "ios",
        "[31/12/2021, 11:25:03] Name: text",
        re.compile(rf"\n{_MARKS}\[{_DATE},?{_SPACE}{_TIME}\]{_SPACE}{_NAME}"),
    ),
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
_FLAG_ENDINGS = tuple(
    sorted(
        {
            text[-6:]
            for text in (*MEDIA_PLACEHOLDERS, *MEDIA_ENDINGS, *DELETED_TEXTS, EDITED_SUFFIX, ">")
        }
    )
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
            _JUNK_RE.search(region, len(before)) is not None,
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


def header_dates(batches: Iterable[Batch]) -> list[RawDate]:
    """Each distinct header date, in the order of first appearance.

    Repeats add nothing to the date-order decision: its rules look at the date fields,
    and the backwards jumps it counts come from the order the days first appear in.
    """
    seen: dict[str, None] = {}
    for batch in batches:
        seen.update(dict.fromkeys(batch.pieces[0::4]))
    return [raw_date(text) for text in seen]


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


class RecordParser:
    """Turns records into messages once the file's date order is known. Each distinct
    date, time and name string is parsed once."""

    def __init__(self, order: str) -> None:
        self.order = order
        self._days: dict[str, datetime | None] = {}
        self._clocks: dict[str, timedelta | None] = {}
        self._names: dict[str, str | None] = {}
        self.undated = 0  # messages whose header date or time is not real

    def timestamp(self, date_text: str, time_text: str) -> datetime | None:
        """The header's date and time; None (counted in ``undated``) when not real."""
        if date_text not in self._days:
            self._days[date_text] = make_datetime(raw_date(date_text), self.order)
        if time_text not in self._clocks:
            self._clocks[time_text] = parse_time(time_text)
        day, clock = self._days[date_text], self._clocks[time_text]
        if day is None or clock is None:
            self.undated += 1
            return None
        return day + clock

    def parse(self, record: RawRecord, index: int) -> Message:
        """One record as the ``index``-th message."""
        line, date_text, time_text, name, body = record
        if name is None:
            speaker, text, flags = None, body, _SYSTEM
        else:
            try:
                speaker = self._names[name]
            except KeyError:
                speaker = self._names[name] = clean_name(name)
            if speaker is None:  # not a name after all: the text is the whole line
                text = f"{name}:{body}" if body[:1] in ("", "\n") else f"{name}: {body}"
            else:
                text = body[1:] if body[:1] == "\n" else body  # "Name:" ended the line
            flags = _NO_FLAGS
            if text.endswith(_FLAG_ENDINGS) or text[:1] == "\u200e":
                text, flags = message_flags(text)
        try:  # both strings seen before and valid: the common case
            stamp = self._days[date_text] + self._clocks[time_text]  # type: ignore[operator]
        except (KeyError, TypeError):
            stamp = self.timestamp(date_text, time_text)
        return Message(index, text, speaker, stamp, NO_CONTEXT, f"line {line}", flags)


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
                limited = LimitedReader(packed, MAX_MEMBER_BYTES, f"{source.name}: {member!r}")
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

    The whole text is split into records before the first message is yielded: the
    date order is decided from every header date of the file.
    """
    batches = list(raw_batches(_text_chunks(source, options), log))
    if not any(batch.pieces for batch in batches):
        log.warn(
            f"{source.name}: no WhatsApp message header lines found "
            f"(such as '{LAYOUTS[0].example}' or '{LAYOUTS[1].example}')"
        )
        return
    order = decide_date_order(header_dates(batches), options.date_order)
    if not order.confident:
        guess = "day-first" if order.order == "dmy" else "month-first"
        log.warn(f"date order guessed as {guess} ({order.reason}); use --date-order to set it")
    parser = RecordParser(order.order)
    yield from map(parser.parse, raw_records(batches, log), count())
    if parser.undated:
        log.warn(
            f"{parser.undated} message header(s) hold a date or time that is not real "
            f"in {order.order} order; those messages have no timestamp"
        )


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
