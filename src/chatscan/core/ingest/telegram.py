"""Telegram Desktop JSON exports: one chat, or a whole account's ``result.json``.

A one-chat export is ``{"name", "type", "id", "messages": [...]}``; a full export
holds its chats in ``chats.list`` (and ``left_chats.list``), each of those shaped like
a one-chat export. Every chat of a full export gets its own context (its name) so
sequences never run from one chat into another. Messages are in file order, which
Telegram writes oldest first.

A message's ``text`` is a string or a list of strings and entities
(``{"type": "bold", "text": ...}``) whose texts are joined as they are: the plain
strings already carry the spaces between entities.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chatscan.core.errors import InputError
from chatscan.core.ingest.base import Format, IngestLog, IngestOptions, Sniff, Source
from chatscan.core.ingest.jsonutil import (
    FieldError,
    describe,
    expect_list,
    expect_object,
    from_unix_seconds,
    item_path,
    key_path,
    keys_in_head,
    load_json,
    optional_str,
)
from chatscan.core.models import NO_CONTEXT, Context, Message

__all__ = ["FORMAT", "RawChat", "parse_message", "raw_chats", "read", "sniff"]

WHAT = "a Telegram export"
CHAT_SECTIONS = ("chats", "left_chats")
# Keys that mark an attachment; a message with one of them and no text is flagged "media".
MEDIA_KEYS = (
    "photo",
    "file",
    "media_type",
    "sticker_emoji",
    "poll",
    "location_information",
    "contact_information",
)
_MESSENGER_KEYS = frozenset({"sender_name", "timestamp_ms", "participants"})


@dataclass(frozen=True, slots=True)
class RawChat:
    """One chat's messages as found in the document, with its JSON path ("" at the top)."""

    path: str
    context: Context
    messages: list[Any]


def _shape_error(source: Source, error: FieldError) -> InputError:
    return InputError(f"{source.name}: '{error.position}' {error.reason} ({WHAT})")


def raw_chats(document: object, source: Source, log: IngestLog) -> list[RawChat]:
    """The chats of a one-chat or full export; ``InputError`` when the shape is wrong.

    The whole document's shape is checked before any message is read, so a malformed
    section is reported before anything is yielded.
    """
    if not isinstance(document, dict):
        raise InputError(
            f"{source.name}: the top level is {describe(document)}, not an object "
            f"({WHAT} is an object with 'messages' or 'chats')"
        )
    try:
        if "messages" in document:
            return [RawChat("", NO_CONTEXT, expect_list(document["messages"], "messages"))]
        sections = [name for name in CHAT_SECTIONS if name in document]
        if not sections:
            raise InputError(
                f"{source.name} has neither a 'messages' list nor a 'chats' section "
                f"(was it exported without chats?)"
            )
        lists: list[tuple[str, list[Any]]] = []
        for name in sections:
            section = expect_object(document[name], name)
            lists.append((name, expect_list(section.get("list"), key_path(name, "list"))))
    except FieldError as error:
        raise _shape_error(source, error) from None
    chats: list[RawChat] = []
    keys: dict[str, object] = {}  # context key -> the chat id that has it
    for name, entries in lists:
        for number, entry in enumerate(entries):
            path = item_path(key_path(name, "list"), number)
            chat = _raw_chat(entry, path, keys, log)
            if chat is not None:
                chats.append(chat)
    if not chats:
        log.warn("the Telegram export holds no chats with messages")
    return chats


def _raw_chat(entry: object, path: str, keys: dict[str, object], log: IngestLog) -> RawChat | None:
    if not isinstance(entry, dict):
        log.skip(path, f"the chat is {describe(entry)}, not an object")
        return None
    if "messages" not in entry:
        log.skip(path, "the chat has no 'messages' list")
        return None
    messages = entry["messages"]
    if not isinstance(messages, list):
        log.skip(key_path(path, "messages"), f"is {describe(messages)}, not a list")
        return None
    return RawChat(path, _chat_context(entry, path, keys), messages)


def _chat_context(chat: dict[str, Any], path: str, keys: dict[str, object]) -> Context:
    """The chat's name as its context; two different chats with one name stay apart."""
    name, chat_id = chat.get("name"), chat.get("id")
    if isinstance(name, str) and name.strip():
        key = name
    else:
        key = f"chat {chat_id}" if chat_id is not None else path
    if key in keys and keys[key] != chat_id:
        key = f"{key} (id {chat_id})" if chat_id is not None else f"{key} ({path})"
    keys.setdefault(key, chat_id)
    return Context(key=key, place=key, year="")


def message_text(record: dict[str, Any], position: str) -> str:
    """``text`` (or, without it, ``text_entities``) as one string."""
    key = "text" if "text" in record else "text_entities"
    value = record.get(key)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        raise FieldError(position, f"'{key}' is {describe(value)}, not a string or a list")
    pieces = []
    for number, piece in enumerate(value):
        if isinstance(piece, dict) and isinstance(piece.get("text"), str):
            pieces.append(piece["text"])
        elif isinstance(piece, str):
            pieces.append(piece)
        else:
            found = describe(piece.get("text")) if isinstance(piece, dict) else describe(piece)
            raise FieldError(
                position,
                f"'{key}[{number}]' is {found}, not a string or an entity with a text",
            )
    return "".join(pieces)


def message_time(record: dict[str, Any], position: str) -> datetime:
    """UTC from ``date_unixtime`` when present; else ``date`` as written (local time)."""
    if "date_unixtime" in record:
        return from_unix_seconds(record["date_unixtime"], "date_unixtime", position)
    date = optional_str(record, "date", position)
    if date is None:
        raise FieldError(position, "no 'date_unixtime' or 'date'")
    try:
        return datetime.fromisoformat(date)
    except ValueError:
        raise FieldError(position, "'date' is not an ISO date and time") from None


def parse_message(record: object, position: str, index: int, context: Context) -> Message:
    """One message record; ``FieldError`` (position and reason) when it cannot be used."""
    record = expect_object(record, position)
    kind = optional_str(record, "type", position) or "message"
    timestamp = message_time(record, position)
    text = message_text(record, position)
    speaker = optional_str(record, "from", position)
    flags: set[str] = set()
    if kind == "service":
        flags.add("system")
        if speaker is None:
            speaker = optional_str(record, "actor", position)
        if not text:
            action = optional_str(record, "action", position)
            text = action.replace("_", " ") if action else "service message"
    elif not text.strip() and any(key in record for key in MEDIA_KEYS):
        flags.add("media")
    if "edited" in record or "edited_unixtime" in record:
        flags.add("edited")
    return Message(
        index=index,
        text=text,
        speaker=speaker,
        timestamp=timestamp,
        context=context,
        source_ref=position,
        flags=frozenset(flags),
    )


def read(source: Source, options: IngestOptions, log: IngestLog) -> Iterator[Message]:
    document = load_json(source, options, WHAT)
    index = 0
    aware: bool | None = None  # whether the file's times are UTC (date_unixtime) or local
    for chat in raw_chats(document, source, log):
        for number, record in enumerate(chat.messages):
            position = item_path(key_path(chat.path, "messages"), number)
            try:
                message = parse_message(record, position, index, chat.context)
            except FieldError as error:
                log.skip(error.position, error.reason)
                continue
            is_aware = message.timestamp is not None and message.timestamp.tzinfo is not None
            if aware is None:
                aware = is_aware
            elif is_aware != aware:
                # Mixing UTC and local times would make them incomparable downstream.
                reason = (
                    "no 'date_unixtime' while the messages before it have one"
                    if aware
                    else "a 'date_unixtime' while the messages before it have only 'date'"
                )
                log.skip(position, reason)
                continue
            yield message
            index += 1


def sniff(s: Sniff) -> float:
    keys = keys_in_head(s)
    if not keys or keys & _MESSENGER_KEYS:
        return 0.0
    top = s.json_keys or frozenset()
    if "personal_information" in top or ("chats" in top and "list" in keys):
        return 0.95
    if "messages" in keys and (
        "date_unixtime" in keys or "from" in keys or {"type", "date"} <= keys
    ):
        return 0.95
    if "messages" in keys and ("type" in keys or "date" in keys):
        return 0.6
    return 0.0


FORMAT = Format(
    name="telegram",
    title="Telegram Desktop JSON export (one chat, or the full result.json)",
    example=(
        '{"name": "Sam", "type": "personal_chat", "id": 42, "messages": [{"id": 1, '
        '"type": "message", "date": "2021-01-02T10:11:12", "date_unixtime": "1609578672", '
        '"from": "Sam", "text": "hi"}]}'
    ),
    sniff=sniff,
    read=read,
    extensions=(".json",),
)
