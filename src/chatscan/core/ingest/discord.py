"""Discord channels exported by DiscordChatExporter, as JSON or as CSV.

The JSON export is ``{"guild", "channel", "messages": [...], ...}``; each message has
an ISO ``timestamp`` with its UTC offset (kept: times are timezone-aware), ``content``,
``author`` (``nickname``, else ``name``, is the speaker), ``type`` (anything but
``Default`` or ``Reply`` is a system message: joins, pins, calls, renames),
``timestampEdited`` (set when edited) and ``attachments``/``stickers``/``embeds`` (a
message with one of them and no content is a media message).

The CSV export has the header ``AuthorID,Author,Date,Content,Attachments,Reactions``;
its dates are ISO or, in older versions, ``04-Mar-21 10:11 AM`` (local time, naive). It
carries no message type or edit mark, so only the "media" flag applies.

DiscordChatExporter writes messages oldest first; a file found newest first (its
first time later than its last) is reversed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from chatscan.core.ingest.base import Format, IngestLog, IngestOptions, Sniff, Source
from chatscan.core.ingest.csv_generic import Columns, Table, read_table
from chatscan.core.ingest.jsonutil import (
    FieldError,
    describe,
    expect_object,
    load_json,
    optional_str,
    top_level_messages,
)
from chatscan.core.models import Message

__all__ = ["CSV_HEADER", "FORMAT", "csv_columns", "parse_message", "read", "sniff"]

WHAT = "a DiscordChatExporter export"
CHAT_TYPES = frozenset({"Default", "Reply"})
MEDIA_KEYS = ("attachments", "stickers", "embeds")
CSV_HEADER = ("AuthorID", "Author", "Date", "Content", "Attachments", "Reactions")
# Headers of older DiscordChatExporter versions, read the same way.
OLDER_CSV_HEADERS = (CSV_HEADER[:5], CSV_HEADER[1:5])
_JSON_SIGNATURE = frozenset({"guild", "channel", "messages"})


# --- JSON ---------------------------------------------------------------------------


def _speaker(record: dict[str, Any], position: str) -> str | None:
    author = record.get("author")
    if author is None:
        return None
    author = expect_object(author, f"{position}.author")
    for key in ("nickname", "name"):
        value = optional_str(author, key, f"{position}.author")
        if value and value.strip():
            return value
    return None


def _timestamp(record: dict[str, Any], position: str) -> datetime:
    value = optional_str(record, "timestamp", position)
    if value is None:
        raise FieldError(position, "no 'timestamp'")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise FieldError(position, "'timestamp' is not an ISO date and time") from None


def _has_media(record: dict[str, Any], position: str) -> bool:
    found = False
    for key in MEDIA_KEYS:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            raise FieldError(position, f"'{key}' is {describe(value)}, not a list")
        found = found or bool(value)
    return found


def parse_message(record: object, position: str) -> Message | None:
    """One message record (its ``index`` still 0); None for a chat message with neither
    content nor anything attached. ``FieldError`` when a field has the wrong type."""
    record = expect_object(record, position)
    kind = optional_str(record, "type", position) or "Default"
    timestamp = _timestamp(record, position)
    text = optional_str(record, "content", position) or ""
    speaker = _speaker(record, position)
    flags = set()
    if kind not in CHAT_TYPES:
        flags.add("system")
    elif not text.strip():
        if not _has_media(record, position):
            return None
        flags.add("media")
    if record.get("timestampEdited") is not None:
        flags.add("edited")
    return Message(0, text, speaker, timestamp, source_ref=position, flags=frozenset(flags))


def _records(document: object, source: Source) -> list[Any]:
    return top_level_messages(document, source, WHAT, "'guild', 'channel' and 'messages'")


def _parsed(records: Sequence[Any], log: IngestLog) -> list[Message]:
    messages: list[Message] = []
    aware: bool | None = None
    for number, record in enumerate(records):
        position = f"messages[{number}]"
        try:
            message = parse_message(record, position)
        except FieldError as error:
            log.skip(error.position, error.reason)
            continue
        if message is None:
            log.skip(position, "no content, attachments, stickers or embeds")
            continue
        is_aware = message.timestamp is not None and message.timestamp.tzinfo is not None
        if aware is None:
            aware = is_aware
        elif is_aware != aware:
            # Times with and without a UTC offset cannot be compared downstream.
            has = "has no" if aware else "has a"
            log.skip(position, f"'timestamp' {has} UTC offset, unlike the messages before it")
            continue
        messages.append(message)
    return messages


def read_json(source: Source, options: IngestOptions, log: IngestLog) -> Iterator[Message]:
    messages = _parsed(_records(load_json(source, options, WHAT), source), log)
    if messages:
        first, last = messages[0].timestamp, messages[-1].timestamp
        if first is not None and last is not None and first > last:
            messages.reverse()  # newest first: DiscordChatExporter writes oldest first
    for index, message in enumerate(messages):
        yield message._replace(index=index)


# --- CSV ----------------------------------------------------------------------------


def csv_columns(header: Sequence[str]) -> Columns | None:
    """The columns of a DiscordChatExporter CSV header; None for any other header."""
    names = tuple(name.strip().lstrip("\ufeff") for name in header)
    if names != CSV_HEADER and names not in OLDER_CSV_HEADERS:
        return None
    return Columns(
        tuple(header),
        text=names.index("Content"),
        sender=names.index("Author"),
        time=names.index("Date"),
        attachments=names.index("Attachments"),
    )


CSV_TABLE = Table(",", csv_columns, f"the DiscordChatExporter header {','.join(CSV_HEADER)}")


def _first_line(text: str) -> str:
    return next((line for line in text.lstrip("\ufeff").split("\n") if line.strip()), "")


def _csv_header_score(line: str) -> float:
    try:
        fields = next(csv.reader([line]), [])
    except csv.Error:
        return 0.0
    names = tuple(field.strip() for field in fields)
    if names == CSV_HEADER:
        return 0.95
    return 0.9 if names in OLDER_CSV_HEADERS else 0.0


# --- the format ---------------------------------------------------------------------


def read(source: Source, options: IngestOptions, log: IngestLog) -> Iterator[Message]:
    """JSON when the text starts with ``{`` or ``[``; the CSV export otherwise."""
    head = next(source.text_chunks(options), "")
    if head.lstrip("\ufeff \t\n")[:1] in ("{", "["):
        yield from read_json(source, options, log)
    else:
        yield from read_table(source, options, log, CSV_TABLE)


def sniff(s: Sniff) -> float:
    if s.json_keys is not None:
        return 0.95 if s.json_keys >= _JSON_SIGNATURE else 0.0
    if s.zip_names is not None:
        return 0.0
    return _csv_header_score(_first_line(s.head))


FORMAT = Format(
    name="discord",
    title="Discord channel exported by DiscordChatExporter (JSON or CSV)",
    example=(
        '{"guild": {...}, "channel": {"name": "general"}, "messages": [{"id": "1", '
        '"type": "Default", "timestamp": "2021-03-04T10:11:12.345+00:00", '
        '"content": "hi", "author": {"name": "sam", "nickname": "Sam"}}]}'
        "  |  CSV: AuthorID,Author,Date,Content,Attachments,Reactions"
    ),
    sniff=sniff,
    read=read,
    extensions=(".json", ".csv"),
)
