"""Shared helpers for JSON chat exports: loading with clear errors, typed field access.

Every accessor takes the JSON path of the value it checks (``messages[3]``,
``chats.list[2].messages[0]``) and raises :class:`FieldError` with that path and a
reason naming the field and the type found, never the value itself: a reader turns a
``FieldError`` about one record into ``log.skip`` and one about the document's shape
into an :class:`~chatscan.core.errors.InputError`.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from chatscan.core.errors import InputError
from chatscan.core.ingest.base import IngestOptions, Sniff, Source

__all__ = [
    "MAX_JSON_BYTES",
    "FieldError",
    "describe",
    "expect_list",
    "expect_object",
    "from_unix_ms",
    "from_unix_seconds",
    "item_path",
    "key_path",
    "keys_in_head",
    "load_json",
    "optional_str",
    "repair_mojibake",
    "top_level_messages",
]

MAX_JSON_BYTES = 512 * 1024 * 1024
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# A quoted key followed by a colon, not an escaped quote inside a string value.
_HEAD_KEY_RE = re.compile(r'(?<!\\)"([A-Za-z_][A-Za-z0-9_]{0,40})"\s*:')


class FieldError(ValueError):
    """A value in a JSON document has the wrong type or form: where and why, no content."""

    def __init__(self, position: str, reason: str) -> None:
        super().__init__(f"{position}: {reason}")
        self.position = position
        self.reason = reason


def describe(value: object) -> str:
    """The JSON type of ``value`` in words ("a number"), for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def key_path(path: str, key: str) -> str:
    """``chats`` + ``list`` -> ``chats.list``; a key at the top level is just the key."""
    return f"{path}.{key}" if path else key


def item_path(path: str, index: int) -> str:
    return f"{path}[{index}]"


def source_size(source: Source) -> int:
    with source.open() as stream:
        return stream.seek(0, 2)


def load_json(source: Source, options: IngestOptions, what: str) -> Any:
    """The parsed document; ``InputError`` (position, no content) when it is not JSON.

    ``what`` names the export in messages ("a Telegram export").
    """
    size = source_size(source)
    if size > MAX_JSON_BYTES:
        raise InputError(
            f"{source.name} is {size} bytes; {what} is read whole and the limit is "
            f"{MAX_JSON_BYTES // (1024 * 1024)} MB"
        )
    text = source.text(options)
    if not text.strip():
        raise InputError(f"{source.name} is empty, not {what} (JSON)")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        cut = exc.msg.startswith("Unterminated string") or exc.pos >= len(text.rstrip())
        hint = "; the file ends early (was it cut off?)" if cut else ""
        raise InputError(
            f"{source.name} is not valid JSON: {exc.msg} at line {exc.lineno}, "
            f"column {exc.colno} (character {exc.pos}){hint}"
        ) from None
    except RecursionError:
        raise InputError(f"{source.name} is nested too deeply to read as JSON") from None


def top_level_messages(document: object, source: Source, what: str, keys: str) -> list[Any]:
    """The top-level ``messages`` list of an export, or ``InputError`` saying what a
    document of this kind (``what``, holding ``keys``) looks like instead."""
    if not isinstance(document, dict):
        raise InputError(
            f"{source.name}: the top level is {describe(document)}, not an object "
            f"({what} is an object with {keys})"
        )
    if "messages" not in document:
        raise InputError(f"{source.name} has no 'messages' list ({what})")
    messages = document["messages"]
    if not isinstance(messages, list):
        raise InputError(f"{source.name}: 'messages' is {describe(messages)}, not a list ({what})")
    return messages


def expect_object(value: object, position: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FieldError(position, f"is {describe(value)}, not an object")
    return value


def expect_list(value: object, position: str) -> list[Any]:
    if not isinstance(value, list):
        raise FieldError(position, f"is {describe(value)}, not a list")
    return value


def optional_str(record: dict[str, Any], key: str, position: str) -> str | None:
    """``record[key]`` when it is a string; None when absent or null."""
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise FieldError(position, f"'{key}' is {describe(value)}, not a string")


def from_unix_seconds(value: object, key: str, position: str) -> datetime:
    """A timezone-aware UTC time from a count of seconds written as a string of digits
    (as Telegram does) or as an integer."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        seconds = int(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        seconds = value
    else:
        raise FieldError(position, f"'{key}' is not a number of seconds")
    return _utc(seconds * 1000, key, position)


def from_unix_ms(value: object, key: str, position: str) -> datetime:
    """A timezone-aware UTC time from a count of milliseconds (an integer)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return _utc(value, key, position)
    if isinstance(value, float) and value.is_integer():
        return _utc(int(value), key, position)
    raise FieldError(position, f"'{key}' is {describe(value)}, not a whole number")


def _utc(milliseconds: int, key: str, position: str) -> datetime:
    try:
        return _EPOCH + timedelta(milliseconds=milliseconds)
    except OverflowError:
        raise FieldError(position, f"'{key}' is out of the range of dates") from None


def repair_mojibake(text: str) -> str:
    """Undo Facebook's habit of writing UTF-8 bytes as U+0080-U+00FF characters.

    Applied only where it applies: the string has a character in U+0080-U+00FF, all its
    characters fit in one byte, and those bytes are valid UTF-8. Anything else (proper
    Unicode, a genuine "café" in Latin-1 range that is not valid UTF-8 as bytes) is
    returned unchanged.
    """
    if text.isascii() or not any("\x80" <= char <= "\xff" for char in text):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text


def keys_in_head(sniff: Sniff) -> frozenset[str]:
    """The JSON keys ``sniff`` saw: the top-level ones and any quoted key in the head.

    Only for a document whose top level is an object; empty otherwise.
    """
    if sniff.json_keys is None or not sniff.head.lstrip().startswith("{"):
        return frozenset()
    return sniff.json_keys | frozenset(_HEAD_KEY_RE.findall(sniff.head))
