"""iMessage conversations as imessage-exporter writes them in its ``.txt`` output.

A message is a block: a date line ``May 17, 2022  5:29:42 PM`` (optionally followed by
``(Read by them after 2 minutes)``), a sender line (``Me``, a contact name or a handle),
then the message's lines; a blank line ends the block. A date line only starts a block
at the top of the file or after a blank line, so a message that itself holds blank lines
keeps them. Group announcements are one line, ``<date> You named the conversation X``,
and are flagged ``system``. Times are local time as written (naive datetimes).

The exporter writes things around the text that are not the sender's words, and these
are left out: the ``Tapbacks:``/``Reactions:`` section (``Loved by Me``), the note
``This message responded to an earlier message.``, and replies rendered a second time,
indented, under the message they answer (each reply also appears on its own). Edit
histories (``Edited 1 minute later: ...``) stay in the text and flag ``edited``; deleted
or unsent messages flag ``deleted``; a message of attachment file names only flags
``media``; a tapback exported as its own message (``Loved “text”``) flags ``system``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from chatscan.core.ingest.base import Format, IngestLog, IngestOptions, Sniff, Source
from chatscan.core.ingest.lines import iter_lines, messages_from_blocks
from chatscan.core.ingest.paragraphs import parse_anchor
from chatscan.core.models import Context, Message

__all__ = ["FORMAT", "read_imessage"]

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        start=1,
    )
}
_DATE = (
    r"(?P<month>[A-Z][a-z]{2})[a-z]*\.? {1,2}(?P<day>\d{1,2}), (?P<year>\d{4})"
    r"[ \u202f\u00a0]{1,3}(?P<hour>\d{1,2}):(?P<minute>\d{2}):(?P<second>\d{2})"
    r"[ \u202f\u00a0]?(?P<ampm>[AaPp][Mm])"
)
HEADER_RE = re.compile(_DATE + r"(?: \([^\n]*\))?[ \t]*")
ANNOUNCEMENT_RE = re.compile(_DATE + r" (?P<text>[^(\s][^\n]*)")
_INDENT = "    "
_REPLY_NOTE = "This message responded to an earlier message."
_TAPBACK_HEADERS = ("Tapbacks:", "Reactions:")
_TAPBACK_RE = re.compile(
    r"[ \t]*(?:(?:Loved|Liked|Disliked|Laughed|Emphasized|Questioned|[^\sA-Za-z0-9]{1,12})"
    r" by \S[^\n]*"
    r"|(?:\S+ )?Sticker from \S[^\n]*)"
)
_STANDALONE_TAPBACK_RE = re.compile(
    r"(?:Loved|Liked|Disliked|Laughed at|Emphasized|Questioned"
    r"|Removed an? \S+ from) (?:“[^\n]*”|\"[^\n]*\"|an? (?:image|movie|attachment|audio message))"
)
_EDITED_RE = re.compile(r"Edited .{1,80}? later: ")
_DELETED_NOTE = "This message was deleted from the conversation!"
_DELETED_RE = re.compile(r"(?:You|They) (?:deleted|unsent) a message[.!]")
_MEDIA_EXTENSIONS = (
    "jpe?g|png|gif|heic|heif|webp|tiff?|bmp|mov|mp4|m4v|3gp|avi|caf|m4a|mp3|aac|amr|wav|opus"
    "|pdf|vcf|pkpass|usdz|docx?|xlsx?|pptx?|key|pages|numbers|zip|txt|gpx"
    "|pluginPayloadAttachment"
)
_ATTACHMENT_LINE_RE = re.compile(
    rf"(?:[^\n]*/)?[^/\n]+\.(?:{_MEDIA_EXTENSIONS})|Attachment missing!"
    r"|Transcription: [^\n]*|(?:\S+ )?Sticker from [^\n]*",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Block:
    """The raw lines of one message: its date line, sender line and body lines."""

    line: int
    date: re.Match[str]
    speaker: str | None = None
    lines: list[str] = field(default_factory=list)
    announcement: bool = False


def read_blocks(lines: Iterable[str], log: IngestLog) -> Iterator[Block | Context]:
    """Raw records in file order: message blocks, and the contexts anchor lines set."""
    block: Block | None = None
    at_start = True  # at the top of the file or just after a blank line
    wants_sender = False
    for number, line in enumerate(lines, start=1):
        blank = not line.strip()
        if wants_sender:
            assert block is not None
            wants_sender = False
            if not blank:
                block.speaker = line.strip()
                at_start = False
                continue
            log.skip(f"line {block.line}", "a date line with no sender line after it")
            block = None
        elif at_start and not blank:
            if line[:1].isalpha():
                header = HEADER_RE.fullmatch(line)
                announcement = None if header else ANNOUNCEMENT_RE.fullmatch(line)
                if header or announcement:
                    if block is not None:
                        yield block
                    if header:
                        block, wants_sender = Block(number, header), True
                    else:
                        assert announcement is not None
                        text = announcement.group("text")
                        block = Block(number, announcement, None, [text], announcement=True)
                    at_start = False
                    continue
            anchor = parse_anchor(line.strip())
            if anchor is not None:
                if block is not None:
                    yield block
                    block = None
                yield anchor
                continue  # an anchor line separates, like a blank line
        if block is not None:
            block.lines.append(line)
        elif not blank:
            log.skip(f"line {number}", "no header and no message before it")
        at_start = blank
    if wants_sender and block is not None:
        log.skip(f"line {block.line}", "a date line with no sender line after it")
    elif block is not None:
        yield block


def _timestamp(date: re.Match[str]) -> datetime | None:
    month = _MONTHS.get(date.group("month"))
    hour = int(date.group("hour"))
    if month is None or not 1 <= hour <= 12:
        return None
    hour = hour % 12 + (12 if date.group("ampm").upper() == "PM" else 0)
    try:
        return datetime(
            int(date.group("year")),
            month,
            int(date.group("day")),
            hour,
            int(date.group("minute")),
            int(date.group("second")),
        )
    except ValueError:
        return None


def _is_nested_reply(line: str) -> bool:
    if not line.startswith(_INDENT):
        return False
    inner = line[len(_INDENT) :]
    return bool(HEADER_RE.fullmatch(inner) or ANNOUNCEMENT_RE.fullmatch(inner))


def _message_lines(lines: list[str]) -> list[str]:
    """The body without tapback sections, the reply note and indented nested replies."""
    kept: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        if _is_nested_reply(line):
            k += 1
            while k < len(lines) and (not lines[k].strip() or lines[k].startswith(_INDENT)):
                k += 1
            continue
        following = lines[k + 1] if k + 1 < len(lines) else ""
        if line.rstrip() in _TAPBACK_HEADERS and _TAPBACK_RE.fullmatch(following):
            k += 1
            while k < len(lines) and (
                lines[k].startswith(_INDENT) or _TAPBACK_RE.fullmatch(lines[k])
            ):
                k += 1
            continue
        if line.strip() != _REPLY_NOTE:
            kept.append(line)
        k += 1
    return _trim(kept)


def _trim(lines: list[str]) -> list[str]:
    """The lines without the blank lines that end a block."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    return lines[:end]


def _is_deletion(text: str, speaker: str | None) -> bool:
    """``You deleted a message.``, ``They ...``, or the sender's own name for "You"."""
    if _DELETED_RE.fullmatch(text):
        return True
    return bool(speaker) and text in (
        f"{speaker} deleted a message.",
        f"{speaker} unsent a message.",
    )


def _flags(lines: list[str], speaker: str | None, announcement: bool) -> frozenset[str]:
    if announcement:
        return frozenset({"system"})
    flags: set[str] = set()
    if any(_EDITED_RE.match(line) for line in lines):
        flags.add("edited")
    text = "\n".join(lines).strip()
    if (lines and lines[0].strip() == _DELETED_NOTE) or _is_deletion(text, speaker):
        flags.add("deleted")
    elif _STANDALONE_TAPBACK_RE.fullmatch(text):
        flags.add("system")
    content = [line.strip() for line in lines if line.strip()]
    if content and all(_ATTACHMENT_LINE_RE.fullmatch(line) for line in content):
        flags.add("media")
    return frozenset(flags)


def parse_block(block: Block) -> tuple[str, str | None, datetime, frozenset[str]] | str:
    """(text, speaker, timestamp, flags) of one block, or why it cannot be used."""
    timestamp = _timestamp(block.date)
    if timestamp is None:
        return "the date line's date or time does not exist"
    lines = _trim(block.lines) if block.announcement else _message_lines(block.lines)
    return (
        "\n".join(lines),
        block.speaker,
        timestamp,
        _flags(lines, block.speaker, block.announcement),
    )


def read_imessage(source: Source, options: IngestOptions, log: IngestLog) -> Iterator[Message]:
    blocks = read_blocks(iter_lines(source.text_chunks(options)), log)
    return messages_from_blocks(blocks, parse_block, log)  # type: ignore[arg-type]


def sniff(s: Sniff) -> float:
    """High when the text opens with an imessage-exporter date line and a sender line."""
    if s.zip_names is not None or s.json_keys is not None:
        return 0.0
    lines = s.head.split("\n")[:400]
    starts = [
        k for k, line in enumerate(lines) if line.strip() and parse_anchor(line.strip()) is None
    ]
    if not starts:
        return 0.0
    first = starts[0]
    blocks = sum(
        1
        for k, line in enumerate(lines[:-1])
        if (k == 0 or not lines[k - 1].strip())
        and HEADER_RE.fullmatch(line)
        and lines[k + 1].strip()
    )
    if not blocks:
        return 0.0
    if not (HEADER_RE.fullmatch(lines[first]) or ANNOUNCEMENT_RE.fullmatch(lines[first])):
        return 0.3
    return 0.95 if "(Read by " in s.head else 0.9


FORMAT = Format(
    name="imessage",
    title="iMessage (imessage-exporter .txt)",
    example="Mar 04, 2021 10:11:12 AM (Read by them after 2 minutes)",
    sniff=sniff,
    read=read_imessage,
    extensions=(".txt",),
)
