"""Plain chat transcripts: one ``Name: text`` line per message, with or without a time.

A message header is a line (at its start, not indented) of one of these shapes::

    [2021-03-04 10:11] Name: text        [04/03/2021, 10:11:12] Name: text
    2021-03-04 10:11 Name: text          04/03/2021, 10:11 - Name: text
    [10:11] Name: text                   Name: text

A stamped line without a ``Name:`` (``[2021-03-04 10:11] Sam joined``) is a message
with no speaker. Without a time stamp, the name must look like one: 1 to 50
characters, starting with a letter, made of letters (any script), digits, spaces and
``.'-_``, and a ``:`` followed by a space or the end of the line; after a stamp any
name without a colon will do (``🤓: hi``). A "name" of more than five words is a
sentence, not a name. Every other line continues the message before it, joined with
``\\n``; blank lines inside a message are kept when more of the message follows, and
dropped at its end. A whole line that :func:`~chatscan.core.ingest.paragraphs.parse_anchor`
accepts (``Iowa 2017``) sets the context of the messages after it and ends the message
before it. Lines with no header before them are skipped (one skip per run of lines).

Numeric dates are collected in a first pass and their day/month order is decided once
for the file; times are naive local times, as written.

This is also the fallback for files no format recognises, which are often prose. A
file is read as a chat when header lines are at least half of its text lines, or
when they are at least one in ten (and two or more) and look like a chat: time
stamps on two or more, or a speaker who comes back. Otherwise (no headers, or prose
with a stray ``Then the calls started: ...`` line) it is read in *paragraph mode*:
every group of non-blank lines between blank lines (or anchor lines) is one message,
its text as written, with no speaker and no time, and a warning says so. Paragraphs
that are mostly undecodable bytes or control characters (binary junk) are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from chatscan.core.ingest.base import SNIFF_BYTES, Format, IngestLog, IngestOptions, Sniff, Source
from chatscan.core.ingest.csv_generic import read_when, resolve_when, warn_date_order
from chatscan.core.ingest.dates import RawDate
from chatscan.core.ingest.lines import iter_lines
from chatscan.core.ingest.paragraphs import parse_anchor
from chatscan.core.models import NO_CONTEXT, Context, Message

__all__ = ["FORMAT", "Header", "classify", "iter_lines", "read", "sniff"]

MAX_NAME_WORDS = 5
MOSTLY_HEADERS = 0.5  # at least this share of text lines: a transcript
MIN_HEADER_SHARE = 0.1  # below this share of text lines: paragraphs
MAX_SPEAKERS_TRACKED = 10_000
MAX_SNIFF_SCORE = 0.7  # formats with a specific signature score higher
SNIFF_LINES = 200
JUNK_SHARE = 0.3

_DATE = r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}"
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?(?:\s*[AaPp]\.?\s?[Mm]\.?)?"
_WHEN = rf"{_DATE}(?:(?:,\s*|\s+|T){_CLOCK})?"
# An unbracketed stamp, taken whole (an atomic group: no shorter stamp is tried), is
# followed by spaces and a non-digit: not by a tab or a comma, as in CSV rows.
_STAMP_RE = re.compile(
    rf"(?:\[\s*(?:(?P<bracketed>{_WHEN})|(?P<clock>{_CLOCK}))\s*\]"
    rf"|(?P<plain>(?>{_WHEN}))(?= +[^\s\d]| *$))"
    r"\s*(?:[-–]\s+)?"
)
# After a stamp: any name up to the first colon that is not part of a time or a URL.
_STAMPED_NAME_RE = re.compile(r"(?P<name>[^\s:][^:]{0,49}?)\s*:(?!\d|//)\s*")
# Without a stamp: a name that looks like one, then ": " or ":" at the end of the line.
_NAME_RE = re.compile(r"(?P<name>[^\W\d_][\w .'\-]{0,49}?)\s*:(?:\s+|$)")


@dataclass(frozen=True, slots=True)
class Header:
    """What a message header line holds: the time as written (a ``datetime``, a
    numeric ``RawDate`` whose order is decided per file, or None), whether it had a
    time of day but no date, the speaker and the text after the header."""

    when: datetime | RawDate | None
    clock_only: bool
    speaker: str | None
    text: str
    stamped: bool


def _name(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    name = match.group("name").strip()
    return name if len(name.split()) <= MAX_NAME_WORDS else None


def classify(line: str) -> Header | None:
    """The header on ``line``, or None when the line is not a message header."""
    if not line or line[0].isspace():
        return None
    stamp = _STAMP_RE.match(line)
    if stamp is None:
        match = _NAME_RE.match(line)
        speaker = _name(match)
        if speaker is None or match is None:
            return None
        return Header(None, False, speaker, line[match.end() :], stamped=False)
    written = stamp.group("bracketed") or stamp.group("plain")
    when = read_when(written) if written else None
    rest = line[stamp.end() :]
    match = _STAMPED_NAME_RE.match(rest)
    speaker = _name(match)
    if speaker is not None and match is not None:
        rest = rest[match.end() :]
    return Header(when, written is None, speaker, rest, stamped=True)


def _anchor(line: str) -> Context | None:
    stripped = line.strip()
    return parse_anchor(stripped) if stripped else None


def _is_junk(text: str) -> bool:
    """Mostly U+FFFD (undecodable bytes) and control characters: binary data, not text."""
    bad = sum(1 for char in text if char == "\ufffd" or (char < " " and char not in "\t\n"))
    return bad > JUNK_SHARE * len(text)


# --- the first pass -----------------------------------------------------------------


@dataclass
class _Survey:
    """What the first pass learns: header and text line counts, whether a speaker
    comes back or headers carry times, and the ambiguous dates."""

    headers: int = 0
    stamped: int = 0
    text_lines: int = 0
    repeated_speaker: bool = False
    speakers: set[str] = field(default_factory=set)
    dates: list[RawDate] = field(default_factory=list)

    def add(self, header: Header) -> None:
        self.headers += 1
        self.stamped += header.stamped
        if isinstance(header.when, RawDate):
            self.dates.append(header.when)
        if header.speaker is not None and not self.repeated_speaker:
            self.repeated_speaker = header.speaker in self.speakers
            if len(self.speakers) < MAX_SPEAKERS_TRACKED:
                self.speakers.add(header.speaker)

    @property
    def paragraph_mode(self) -> bool:
        """Read as paragraphs unless header lines are most of the text, or are frequent
        enough and look like a chat (a speaker who comes back, or time stamps)."""
        if self.headers >= MOSTLY_HEADERS * self.text_lines > 0:
            return False
        chat_like = self.stamped >= 2 or self.repeated_speaker
        frequent = self.headers >= max(2, MIN_HEADER_SHARE * self.text_lines)
        return not (chat_like and frequent)


def _survey(lines: Iterable[str]) -> _Survey:
    survey = _Survey()
    for line in lines:
        header = classify(line)
        if header is not None:
            survey.add(header)
            survey.text_lines += 1
        elif line.strip() and _anchor(line) is None:
            survey.text_lines += 1
    return survey


# --- building messages --------------------------------------------------------------


@dataclass
class _Draft:
    """A message being read: its header, and its lines so far."""

    line: int
    speaker: str | None
    timestamp: datetime | None
    context: Context
    parts: list[str]
    blanks: int = 0

    def add(self, line: str) -> None:
        if self.parts and self.blanks:
            self.parts.extend([""] * self.blanks)
        self.blanks = 0
        self.parts.append(line)

    def text(self) -> str:
        return "\n".join(self.parts)


@dataclass
class _Builder:
    """Turns headers and lines into numbered messages, and notes what it could not use."""

    log: IngestLog
    order: str
    index: int = 0
    context: Context = NO_CONTEXT
    draft: _Draft | None = None
    orphan_line: int = 0  # the first of a run of lines with no header before them
    orphans: int = 0
    seen_header: bool = False
    bad_dates: int = 0
    clock_only: int = 0

    def start(self, number: int, header: Header) -> Iterator[Message]:
        yield from self.finish()
        self.seen_header = True
        timestamp = resolve_when(header.when, self.order)
        if header.when is not None and timestamp is None:
            self.bad_dates += 1
        elif header.when is None and header.stamped:
            if header.clock_only:
                self.clock_only += 1
            else:
                self.bad_dates += 1
        parts = [header.text] if header.text else []
        self.draft = _Draft(number, header.speaker, timestamp, self.context, parts)

    def plain(self, number: int, line: str) -> None:
        """A line without a header: continues the draft, else starts a headerless one."""
        if self.draft is None:
            self.draft = _Draft(number, None, None, self.context, [])
        self.draft.add(line)

    def orphan(self, number: int) -> None:
        if not self.orphans:
            self.orphan_line = number
        self.orphans += 1

    def blank(self) -> None:
        if self.draft is not None and self.draft.parts:
            self.draft.blanks += 1

    def anchor(self, context: Context) -> Iterator[Message]:
        yield from self.finish()
        self.context = context

    def finish(self) -> Iterator[Message]:
        """End the draft (yield it) and the run of orphan lines (note it)."""
        if self.orphans:
            where = "the first message header" if not self.seen_header else "them"
            before = "before" if not self.seen_header else "with no message header before"
            self.log.skip(f"line {self.orphan_line}", f"{self.orphans} line(s) {before} {where}")
            self.orphans = 0
        draft, self.draft = self.draft, None
        if draft is None:
            return
        text = draft.text()
        position = f"line {draft.line}"
        if not text.strip():
            self.log.skip(position, "a message header with no text")
        elif draft.speaker is None and draft.timestamp is None and _is_junk(text):
            self.log.skip(position, "mostly undecodable bytes or control characters, not text")
        else:
            yield Message(self.index, text, draft.speaker, draft.timestamp, draft.context, position)
            self.index += 1

    def report(self) -> None:
        if self.bad_dates:
            self.log.warn(
                f"{self.bad_dates} message header(s) have a date that is not a real date in "
                f"the file's date order ({self.order}); those messages have no time"
            )
        if self.clock_only:
            self.log.warn(
                f"{self.clock_only} message header(s) have a time of day but no date; "
                "those messages have no timestamp"
            )


def _headed(lines: Iterable[str], builder: _Builder) -> Iterator[Message]:
    """Every header starts a message; other lines continue it."""
    for number, line in enumerate(lines, 1):
        header = classify(line)
        if header is not None:
            yield from builder.start(number, header)
        elif not line.strip():
            builder.blank()
        elif (context := _anchor(line)) is not None:
            yield from builder.anchor(context)
        elif builder.draft is None:
            builder.orphan(number)
        else:
            builder.draft.add(line)
    yield from builder.finish()


def _paragraphs(lines: Iterable[str], builder: _Builder) -> Iterator[Message]:
    """Blank lines and anchors end messages; every line is text (no speakers)."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            yield from builder.finish()
        elif (context := _anchor(line)) is not None:
            yield from builder.anchor(context)
        else:
            builder.plain(number, line)
    yield from builder.finish()


def read(source: Source, options: IngestOptions, log: IngestLog) -> Iterator[Message]:
    survey = _survey(iter_lines(source.text_chunks(options)))
    order = warn_date_order(survey.dates, options, log)
    builder = _Builder(log, order)
    lines = iter_lines(source.text_chunks(options))
    if survey.paragraph_mode:
        found = f"too few ({survey.headers})" if survey.headers else "no"
        log.warn(
            f"{found} 'Name: text' message header lines found; each paragraph (lines "
            "between blank lines) is read as one message, with no speaker or time"
        )
        yield from _paragraphs(lines, builder)
    else:
        yield from _headed(lines, builder)
    builder.report()


def sniff(s: Sniff) -> float:
    """The share of header lines among the first non-blank, non-anchor lines (at least
    two headers), at most 0.7 so that formats with a specific signature win."""
    if s.json_keys or s.zip_names is not None:
        return 0.0  # (a text starting with "[" has an empty set of JSON keys)
    lines = s.head.split("\n")
    if len(s.head) >= SNIFF_BYTES // 2 and len(lines) > 1:
        lines.pop()  # may be cut off
    headers = counted = 0
    for line in lines:
        if not line.strip() or _anchor(line) is not None:
            continue
        counted += 1
        headers += classify(line) is not None
        if counted >= SNIFF_LINES:
            break
    if headers < 2:
        return 0.0
    return min(headers / counted, MAX_SNIFF_SCORE)


FORMAT = Format(
    name="transcript",
    title="Plain transcript: 'Name: text' lines, optionally after a [date time] stamp",
    example="[2021-03-04 10:11] Sam: see you at six",
    sniff=sniff,
    read=read,
    extensions=(".txt", ".log", ".md"),
)
