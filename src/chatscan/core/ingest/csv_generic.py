"""Generic CSV chat exports: a header row naming a text column, and a sender and time.

The delimiter is sniffed from the file's first lines (``,`` ``;`` tab or ``|``) and
checked against the header: the one that yields a text column wins. Columns are found
by their header names (aliases, case and spacing ignored); a separate date column and
time-of-day column are joined. Quoted fields keep their newlines.

Times are read in this order: a unix time (10 or 13 digits, UTC), ISO 8601, a date
with a month name, then numeric dates, whose day/month order is decided once over
the whole file (a first pass collects them) as ``dates.py`` does. 12- and 24-hour
clocks are both read. A row whose time cannot be read keeps its text with no
timestamp, and the file gets one warning: losing a message's time is better than
losing the message.

``row N`` counts records as a spreadsheet shows them: the header is row 1, and blank
lines count as rows. A record whose field count differs from the header's is skipped,
as is one with no text.

The date helpers here (:func:`read_when`, :func:`resolve_when`) are shared with the
other text readers of this package.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from chatscan.core.errors import InputError
from chatscan.core.ingest.base import SNIFF_BYTES, Format, IngestLog, IngestOptions, Sniff, Source
from chatscan.core.ingest.dates import RawDate, decide_date_order, make_datetime
from chatscan.core.models import Message

__all__ = [
    "DELIMITERS",
    "FORMAT",
    "Columns",
    "Record",
    "Row",
    "Table",
    "choose_delimiter",
    "find_columns",
    "iter_records",
    "lines_of",
    "read",
    "read_table",
    "read_when",
    "resolve_when",
    "sniff",
    "warn_date_order",
]

DELIMITERS = ",;\t|"
# Preferred first: a column holding date and time, then a date/time pair, then either.
FULL_TIME_ALIASES = ("timestamp", "datetime", "date_time", "sent_at", "created_at", "sent")
DATE_ALIASES = ("date",)
CLOCK_ALIASES = ("time",)
SENDER_ALIASES = ("sender", "from", "author", "name", "speaker", "user", "username", "contact")
TEXT_ALIASES = ("text", "message", "body", "content", "msg")
ATTACHMENT_ALIASES = ("attachments", "attachment")
_MAX_HEADER_FIELD = 64
_SNIFF_LINES = 50

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_CLOCK = (
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d{1,9})?)?"
    r"(?:\s*(?P<ampm>[AaPp])\.?\s?[Mm]\.?)?"
)
_CLOCK_TAIL_RE = re.compile(rf"(?:(?:\s*,\s*|\s+|T)(?:at\s+)?{_CLOCK})?\s*")
_NUMERIC_DATE_RE = re.compile(r"\s*(\d{1,4})([-/.])(\d{1,2})\2(\d{2,4})")
_DAY_MONTH_RE = re.compile(r"\s*(\d{1,2})[-\s/.]([A-Za-z]{3,9})\.?[-\s/.,]+(\d{4}|\d{2})")
_MONTH_DAY_RE = re.compile(r"\s*([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_ISO_START_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


# --- times as written ---------------------------------------------------------------


def _hour24(hour: int, ampm: str | None) -> int:
    """The hour on a 24-hour clock; a 12-hour clock's 12 AM is 0 and 12 PM is 12."""
    if not ampm or hour > 12:
        return hour
    return hour % 12 + (12 if ampm in "Pp" else 0)


def _clock(rest: str) -> tuple[int, int, int] | None:
    """(hour, minute, second) of what follows a date: nothing, or a time of day."""
    match = _CLOCK_TAIL_RE.fullmatch(rest)
    if match is None:
        return None
    if match.group("hour") is None:
        return 0, 0, 0
    hour = _hour24(int(match.group("hour")), match.group("ampm"))
    return hour, int(match.group("minute")), int(match.group("second") or 0)


def _month(word: str) -> int | None:
    return _MONTHS.get(word[:3].lower()) if word.isascii() else None


def _named_month(value: str) -> datetime | None:
    """``04-Mar-21 10:11 AM``, ``4 March 2021``, ``Mar 4, 2021 10:11`` (English names)."""
    for pattern, day_group, month_group in ((_DAY_MONTH_RE, 1, 2), (_MONTH_DAY_RE, 2, 1)):
        match = pattern.match(value)
        if match is None:
            continue
        month = _month(match.group(month_group))
        clock = _clock(value[match.end() :])
        if month is None or clock is None:
            return None
        year = int(match.group(3))
        try:
            return datetime(
                year + 2000 if year < 100 else year, month, int(match.group(day_group)), *clock
            )
        except ValueError:
            return None
    return None


def read_when(value: str) -> datetime | RawDate | None:
    """A written time: a ``datetime`` when its form fixes the date, a ``RawDate`` when
    it is numeric and its day/month order is not known yet, None when unreadable."""
    value = value.strip()
    if not value:
        return None
    if value.isascii() and value.isdigit() and len(value) in (10, 13):
        scale = 1 if len(value) == 10 else 1000
        return _EPOCH + timedelta(milliseconds=int(value) * 1000 // scale)
    if _ISO_START_RE.match(value):
        try:
            return datetime.fromisoformat(value.replace(" UTC", "+00:00"))
        except ValueError:
            pass  # e.g. a 12-hour clock after an ISO date: read as numeric below
    match = _NUMERIC_DATE_RE.match(value)
    if match is not None:
        clock = _clock(value[match.end() :])
        if clock is None:
            return None
        first, second, third = int(match.group(1)), int(match.group(3)), int(match.group(4))
        raw = RawDate(first, second, third, len(match.group(1)), *clock)
        return make_datetime(raw, "ymd") if raw.first_digits == 4 else raw
    return _named_month(value)


def resolve_when(when: datetime | RawDate | None, order: str) -> datetime | None:
    """The datetime of what :func:`read_when` gave, numeric dates read in ``order``."""
    if isinstance(when, RawDate):
        return make_datetime(when, order)
    return when


def warn_date_order(dates: Sequence[RawDate], options: IngestOptions, log: IngestLog) -> str:
    """Decide the day/month order of a file's ambiguous dates; warn when it is a guess."""
    decision = decide_date_order(dates, options.date_order)
    if dates and not decision.confident:
        guess = {"dmy": "day-first", "mdy": "month-first"}.get(decision.order, decision.order)
        log.warn(f"date order guessed as {guess} ({decision.reason}); use --date-order to set it")
    return decision.order


# --- records ------------------------------------------------------------------------


def lines_of(chunks: Iterable[str]) -> Iterator[str]:
    """The lines of decoded text chunks, each with its ``\\n`` (the last may lack it).
    A line spanning chunks is joined once."""
    pending: list[str] = []
    for chunk in chunks:
        if "\n" not in chunk:
            pending.append(chunk)
            continue
        lines = chunk.split("\n")
        if pending:
            lines[0] = "".join([*pending, lines[0]])
        pending = [lines.pop()]
        for line in lines:
            yield line + "\n"
    rest = "".join(pending)
    if rest:
        yield rest


@dataclass(frozen=True, slots=True)
class Record:
    """One CSV record: its spreadsheet row number, its fields, or why it is unreadable."""

    row: int
    fields: list[str] | None
    problem: str = ""


def iter_records(lines: Iterable[str], delimiter: str) -> Iterator[Record]:
    """Every record, blank lines included (as empty lists); a record the ``csv`` module
    rejects comes with the reason instead of fields. Strict quoting: a quoted field still
    open at the end of the file (a cut-off file) or text after a closing quote is an
    error, not silently merged text."""
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    row = 0
    while True:
        row += 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problem = str(exc)
            if problem == "unexpected end of data":
                problem = "a quoted field is still open at the end of the file"
            yield Record(row, None, f"unreadable CSV record ({problem})")
            continue
        yield Record(row, fields)


# --- columns ------------------------------------------------------------------------


def _normal(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lstrip("\ufeff").strip().lower())


@dataclass(frozen=True, slots=True)
class Columns:
    """Where the text, sender and time are in a header; ``clock`` is a time-of-day
    column to join to the date in ``time``; a row with no text but something in
    ``attachments`` is a media message."""

    names: tuple[str, ...]
    text: int
    sender: int | None = None
    time: int | None = None
    clock: int | None = None
    attachments: int | None = None

    @property
    def width(self) -> int:
        return len(self.names)

    def name(self, column: int) -> str:
        return _short(self.names[column])


def _short(name: str) -> str:
    name = name.strip().lstrip("\ufeff")
    return name if len(name) <= 40 else name[:39] + "…"


def _first(normal: list[str], aliases: Sequence[str]) -> int | None:
    for alias in aliases:
        if alias in normal:
            return normal.index(alias)
    return None


def find_columns(header: Sequence[str]) -> Columns | None:
    """The columns a header names; None when it names no text column."""
    normal = [_normal(name) for name in header]
    text = _first(normal, TEXT_ALIASES)
    if text is None:
        return None
    sender = _first(normal, SENDER_ALIASES)
    time, clock = _first(normal, FULL_TIME_ALIASES), None
    if time is None:
        time, clock = _first(normal, DATE_ALIASES), _first(normal, CLOCK_ALIASES)
        if time is None:
            time, clock = clock, None
    attachments = _first(normal, ATTACHMENT_ALIASES)
    return Columns(tuple(header), text, sender, time, clock, attachments)


def _header_fields(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def choose_delimiter(head: str) -> str:
    """The delimiter of a CSV text: ``csv.Sniffer``'s choice when it gives the header a
    text column, else the one that does (most columns), else a comma."""
    lines = head.lstrip("\ufeff").split("\n")
    first = next((line for line in lines if line.strip()), "")
    try:
        sniffed = csv.Sniffer().sniff("\n".join(lines[:_SNIFF_LINES]), delimiters=DELIMITERS)
        if find_columns(_header_fields(first, sniffed.delimiter)) is not None:
            return sniffed.delimiter
    except csv.Error:
        pass
    candidates = [
        (len(fields), delimiter)
        for delimiter in DELIMITERS
        if len(fields := _header_fields(first, delimiter)) > 1 and find_columns(fields)
    ]
    return max(candidates)[1] if candidates else ","


# --- reading ------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """How to read one kind of CSV: its delimiter, how its header gives the columns,
    and what to say when the header does not fit (no chat text in it)."""

    delimiter: str = ","
    find: Callable[[Sequence[str]], Columns | None] = find_columns
    expected: str = f"a message text column ({', '.join(TEXT_ALIASES)})"


def _header(records: Iterator[Record], source: Source, table: Table) -> Columns:
    for record in records:
        if record.fields is None:
            raise InputError(f"{source.name}: the CSV header (row {record.row}) is unreadable")
        if not any(field.strip() for field in record.fields):
            continue
        columns = table.find(record.fields)
        if columns is None:
            names = ", ".join(repr(_short(name)) for name in record.fields[:20])
            more = f" and {len(record.fields) - 20} more" if len(record.fields) > 20 else ""
            raise InputError(
                f"{source.name}: the CSV header (row {record.row}) has columns {names}{more}; "
                f"expected {table.expected}"
            )
        return columns
    raise InputError(f"{source.name} has no CSV header row (the file is empty)")


def _time_value(fields: list[str], columns: Columns) -> str:
    if columns.time is None:
        return ""
    value = fields[columns.time]
    if columns.clock is not None and fields[columns.clock].strip():
        value = f"{value.strip()} {fields[columns.clock].strip()}"
    return value


def _usable(records: Iterator[Record], columns: Columns) -> Iterator[tuple[int, list[str]]]:
    """Records with the header's width (blank lines and others left out, silently)."""
    for record in records:
        if record.fields is not None and len(record.fields) == columns.width:
            yield record.row, record.fields


@dataclass
class _Clock:
    """What the first pass learns about the file's times."""

    order: str = "dmy"
    newest_first: bool = False


def _first_pass(
    source: Source, options: IngestOptions, table: Table, log: IngestLog
) -> tuple[Columns, _Clock]:
    records = iter_records(lines_of(source.text_chunks(options)), table.delimiter)
    columns = _header(records, source, table)
    clock = _Clock()
    if columns.time is None:
        log.warn("the CSV header has no time column; messages have no timestamps")
        return columns, clock
    ambiguous: list[RawDate] = []
    first: datetime | RawDate | None = None
    last: datetime | RawDate | None = None
    for _, fields in _usable(records, columns):
        when = read_when(_time_value(fields, columns))
        if when is None:
            continue
        if isinstance(when, RawDate):
            ambiguous.append(when)
        if first is None:
            first = when
        last = when
    clock.order = warn_date_order(ambiguous, options, log)
    start, end = resolve_when(first, clock.order), resolve_when(last, clock.order)
    if start is not None and end is not None and _comparable(start, end):
        clock.newest_first = start > end
    return columns, clock


def _comparable(a: datetime, b: datetime) -> bool:
    return (a.tzinfo is None) == (b.tzinfo is None)


@dataclass(frozen=True, slots=True)
class Row:
    """One parsed row, before it gets its place in the chat (``index``)."""

    text: str
    speaker: str | None
    timestamp: datetime | None
    source_ref: str
    flags: frozenset[str] = frozenset()


@dataclass
class _TimeProblems:
    """Rows whose time could not be used: counted, reported once."""

    unreadable: int = 0
    first_unreadable: int = 0
    mixed: int = 0
    aware: bool | None = None

    def check(self, timestamp: datetime | None, value: str, row: int) -> datetime | None:
        if timestamp is None:
            if value.strip():
                self.unreadable += 1
                self.first_unreadable = self.first_unreadable or row
            return None
        aware = timestamp.tzinfo is not None
        if self.aware is None:
            self.aware = aware
        elif aware != self.aware:
            self.mixed += 1  # UTC and local times cannot be compared
            return None
        return timestamp

    def report(self, column: str, log: IngestLog) -> None:
        if self.unreadable:
            log.warn(
                f"{self.unreadable} row(s) have a time in the '{column}' column that could not "
                f"be read (first at row {self.first_unreadable}); those messages have no time"
            )
        if self.mixed:
            log.warn(
                f"{self.mixed} row(s) mix times with and without a UTC offset; "
                "those messages have no time"
            )


def parse_row(
    row: int, fields: list[str], columns: Columns, order: str, problems: _TimeProblems
) -> Row | None:
    """One record with the header's width as a :class:`Row`; None when it has no text
    and no attachment."""
    text = fields[columns.text]
    flags: frozenset[str] = frozenset()
    if not text.strip():
        if columns.attachments is None or not fields[columns.attachments].strip():
            return None
        flags = frozenset({"media"})
    speaker = fields[columns.sender].strip() if columns.sender is not None else ""
    value = _time_value(fields, columns)
    timestamp = problems.check(resolve_when(read_when(value), order), value, row)
    return Row(text, speaker or None, timestamp, f"row {row}", flags)


def _no_text(columns: Columns) -> str:
    reason = f"no text in the '{columns.name(columns.text)}' column"
    if columns.attachments is not None:
        reason += f" and nothing in '{columns.name(columns.attachments)}'"
    return reason


def _rows(
    source: Source, options: IngestOptions, log: IngestLog, table: Table, order: str
) -> Iterator[Row]:
    records = iter_records(lines_of(source.text_chunks(options)), table.delimiter)
    columns = _header(records, source, table)
    problems = _TimeProblems()
    for record in records:
        position = f"row {record.row}"
        if record.fields is None:
            log.skip(position, record.problem)
            continue
        if not record.fields:
            continue  # a blank line
        if len(record.fields) != columns.width:
            log.skip(position, f"has {len(record.fields)} field(s); the header has {columns.width}")
            continue
        parsed = parse_row(record.row, record.fields, columns, order, problems)
        if parsed is None:
            log.skip(position, _no_text(columns))
            continue
        yield parsed
    if columns.time is not None:
        problems.report(columns.name(columns.time), log)


def number_rows(rows: Iterable[Row], newest_first: bool) -> Iterator[Message]:
    """Messages oldest first, numbered from 0 (a newest-first file is reversed)."""
    if newest_first:
        rows = list(rows)
        rows.reverse()
    for index, row in enumerate(rows):
        yield Message(
            index, row.text, row.speaker, row.timestamp, source_ref=row.source_ref, flags=row.flags
        )


def read_table(
    source: Source, options: IngestOptions, log: IngestLog, table: Table
) -> Iterator[Message]:
    """The messages of a CSV file read as ``table`` says (two passes over the text: the
    first finds the date order and whether the file is newest first)."""
    _, clock = _first_pass(source, options, table, log)
    yield from number_rows(_rows(source, options, log, table, clock.order), clock.newest_first)


def read(source: Source, options: IngestOptions, log: IngestLog) -> Iterator[Message]:
    head = next(source.text_chunks(options), "")[:SNIFF_BYTES]
    yield from read_table(source, options, log, Table(choose_delimiter(head)))


def sniff(s: Sniff) -> float:
    """~0.6 when the first line is a delimited header naming a text column and a time or
    sender column; less with a text column only."""
    if s.json_keys or s.zip_names is not None:
        return 0.0
    first = next((line for line in s.head.lstrip("\ufeff").split("\n") if line.strip()), "")
    best = 0.0
    for delimiter in DELIMITERS:
        fields = _header_fields(first, delimiter)
        if len(fields) < 2 or any(len(field) > _MAX_HEADER_FIELD for field in fields):
            continue
        columns = find_columns(fields)
        if columns is not None:
            both = columns.time is not None or columns.sender is not None
            best = max(best, 0.6 if both else 0.45)
    return best


FORMAT = Format(
    name="csv",
    title="CSV with a header row (time, sender and text columns)",
    example="timestamp,sender,message",
    sniff=sniff,
    read=read,
    extensions=(".csv", ".tsv"),
)
