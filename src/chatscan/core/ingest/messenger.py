"""Facebook Messenger and Instagram JSON exports (``message_1.json``).

Both write ``{"participants": [{"name"}], "messages": [...], "title", ...}`` with
messages newest first; they are yielded oldest first. Facebook writes each UTF-8
byte of non-ASCII text as one character U+0080-U+00FF ("Ã©" for "é"); sender
names, titles and content are repaired where, and only where, that reading applies
(see :func:`~chatscan.core.ingest.jsonutil.repair_mojibake`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from chatscan.core.ingest.base import Format, IngestLog, IngestOptions, Sniff, Source
from chatscan.core.ingest.jsonutil import (
    FieldError,
    expect_object,
    from_unix_ms,
    item_path,
    keys_in_head,
    load_json,
    optional_str,
    repair_mojibake,
    top_level_messages,
)
from chatscan.core.models import Message

__all__ = ["FORMAT", "chronological", "parse_message", "raw_messages", "read", "sniff", "title"]

WHAT = "a Messenger or Instagram export"
# Attachments; a message with one of them and no content is flagged "media".
MEDIA_KEYS = ("photos", "videos", "audio_files", "gifs", "files", "sticker", "share")
# Message types that record an event rather than something someone wrote.
SYSTEM_TYPES = frozenset({"Subscribe", "Unsubscribe", "Call"})
_TELEGRAM_KEYS = frozenset({"date_unixtime", "from_id", "personal_information"})


def raw_messages(document: object, source: Source) -> list[Any]:
    """The ``messages`` list; ``InputError`` when the document is not shaped like one."""
    return top_level_messages(document, source, WHAT, "'participants' and 'messages'")


def title(document: dict[str, Any]) -> str | None:
    """The conversation's title, repaired; None when there is none."""
    value = document.get("title")
    return repair_mojibake(value) if isinstance(value, str) else None


def _first_time(records: list[Any], positions: range) -> int | None:
    for number in positions:
        record = records[number]
        value = record.get("timestamp_ms") if isinstance(record, dict) else None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def chronological(records: list[Any]) -> range:
    """Record positions oldest first: the export's order reversed, as Facebook and
    Instagram write newest first, unless the times clearly run forwards already."""
    first = _first_time(records, range(len(records)))
    last = _first_time(records, range(len(records) - 1, -1, -1))
    if first is not None and last is not None and first < last:
        return range(len(records))
    return range(len(records) - 1, -1, -1)


def parse_message(record: object, position: str, index: int) -> Message:
    """One message record; ``FieldError`` (position and reason) when it cannot be used."""
    record = expect_object(record, position)
    if "timestamp_ms" not in record:
        raise FieldError(position, "no 'timestamp_ms'")
    timestamp = from_unix_ms(record["timestamp_ms"], "timestamp_ms", position)
    speaker = optional_str(record, "sender_name", position)
    content = optional_str(record, "content", position)
    text = repair_mojibake(content) if content else ""
    flags: set[str] = set()
    if record.get("is_unsent") is True:
        flags.add("deleted")
    if record.get("type") in SYSTEM_TYPES:
        flags.add("system")
    if not text.strip() and any(record.get(key) for key in MEDIA_KEYS):
        flags.add("media")
    return Message(
        index=index,
        text=text,
        speaker=repair_mojibake(speaker) if speaker is not None else None,
        timestamp=timestamp,
        source_ref=position,
        flags=frozenset(flags),
    )


def read(source: Source, options: IngestOptions, log: IngestLog) -> Iterator[Message]:
    records = raw_messages(load_json(source, options, WHAT), source)
    index = 0
    for number in chronological(records):
        position = item_path("messages", number)
        try:
            message = parse_message(records[number], position, index)
        except FieldError as error:
            log.skip(error.position, error.reason)
            continue
        yield message
        index += 1


def sniff(s: Sniff) -> float:
    keys = keys_in_head(s)
    if "messages" not in keys or keys & _TELEGRAM_KEYS:
        return 0.0
    if "sender_name" in keys or "timestamp_ms" in keys:
        return 0.95
    if "participants" in keys:
        return 0.8
    return 0.0


FORMAT = Format(
    name="messenger",
    title="Facebook Messenger / Instagram JSON export (message_1.json)",
    example=(
        '{"participants": [{"name": "Sam"}, {"name": "Alex"}], "messages": [{"sender_name": '
        '"Sam", "timestamp_ms": 1609578672000, "content": "hi"}], "title": "Sam"}'
    ),
    sniff=sniff,
    read=read,
    extensions=(".json",),
)
