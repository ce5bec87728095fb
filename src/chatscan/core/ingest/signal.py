"""Signal chats as signal-export writes them: ``chat.md`` and its older text layout.

Each message starts on a header line ``[2021-03-04 10:11:12] Name: text`` (seconds are
optional; the older layout writes ``[2019-12-24, 12:23]``); every line up to the next
header continues it and keeps its ``\\n``. Dates are year first, so there is no day or
month order to decide; times are local time as written (naive datetimes).

signal-export adds Markdown around the message text, which is taken off or recognised:

- the two spaces ending each message (a Markdown line break) and trailing blank lines;
- a quoted earlier message, written as ``\\n\\n> quoted text\\n\\n`` right after the header,
  is dropped: those are someone else's words, and that message has its own header;
- attachments ``![name](./media/file.jpg)`` and ``[name](./media/file.pdf)``, stickers
  ``(( label ))`` and reaction lines ``(- Name: emoji -)`` stay in the text, but a message
  with nothing else is flagged ``media``;
- ``(This message was deleted)`` is flagged ``deleted``, call records (``Missed voice
  call``) ``system``.
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

__all__ = ["FORMAT", "read_signal"]

HEADER_RE = re.compile(
    r"\[(\d{4})-(\d{2})-(\d{2})(,?) (\d{1,2}):(\d{2})(?::(\d{2}))?\] ([^:\n]+?): ?(.*)"
)
_ATTACHMENT_RE = re.compile(r"!?\[[^\]\n]*\]\((?![A-Za-z][A-Za-z0-9+.-]*:)[^)\n]*\)")
_STICKER_RE = re.compile(r"\(\( [^\n]* \)\)")
_REACTIONS_RE = re.compile(r"\(- [^\n]* -\)")
_DELETED = "(This message was deleted)"
_CALL_RE = re.compile(r"(?:Incoming|Outgoing|Missed) (?:voice |video )?call(?: \([^)\n]*\))?")


@dataclass(slots=True)
class Block:
    """The raw lines of one message: its header match and the lines continuing it."""

    line: int
    header: re.Match[str]
    rest: list[str] = field(default_factory=list)


def read_blocks(lines: Iterable[str], log: IngestLog) -> Iterator[Block | Context]:
    """Raw records in file order: message blocks, and the contexts anchor lines set."""
    block: Block | None = None
    for number, line in enumerate(lines, start=1):
        header = HEADER_RE.fullmatch(line) if line[:1] == "[" else None
        if header is not None:
            if block is not None:
                yield block
            block = Block(number, header)
            continue
        stripped = line.strip()
        anchor = parse_anchor(stripped) if stripped else None
        if anchor is not None:
            if block is not None:
                yield block
                block = None
            yield anchor
        elif block is not None:
            block.rest.append(line)
        elif stripped:
            log.skip(f"line {number}", "no header and no message before it")
    if block is not None:
        yield block


def _timestamp(header: re.Match[str]) -> datetime | None:
    year, month, day, _, hour, minute, second = header.group(1, 2, 3, 4, 5, 6, 7)
    try:
        return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return None


def _body_lines(first: str, rest: list[str]) -> list[str]:
    """The message's lines without a leading quoted message (``\\n\\n> quote\\n\\n``)
    or a first line holding only the Markdown line break."""
    lines = [first, *rest]
    if len(lines) >= 4 and not first.strip() and lines[1] == "" and lines[2].startswith(">"):
        end = 2
        while end < len(lines) and lines[end].startswith(">"):
            end += 1
        if end < len(lines) and lines[end] == "":
            return lines[end + 1 :]
    if len(lines) > 1 and not first.strip():
        return lines[1:]  # only the Markdown line break: the text starts on the next line
    return lines


def _flags(text: str) -> frozenset[str]:
    stripped = text.strip()
    if stripped == _DELETED:
        return frozenset({"deleted"})
    if _CALL_RE.fullmatch(stripped):
        return frozenset({"system"})
    residue, attachments = _ATTACHMENT_RE.subn("", stripped)
    residue, stickers = _STICKER_RE.subn("", residue)
    if (attachments or stickers) and not _REACTIONS_RE.sub("", residue).strip():
        return frozenset({"media"})
    return frozenset()


def parse_block(block: Block) -> tuple[str, str, datetime, frozenset[str]] | str:
    """(text, speaker, timestamp, flags) of one block, or why it cannot be used."""
    timestamp = _timestamp(block.header)
    if timestamp is None:
        return "the header's date or time does not exist"
    speaker = block.header.group(8).strip()
    text = "\n".join(_body_lines(block.header.group(9), block.rest)).rstrip()
    return text, speaker, timestamp, _flags(text)


def read_signal(source: Source, options: IngestOptions, log: IngestLog) -> Iterator[Message]:
    blocks = read_blocks(iter_lines(source.text_chunks(options)), log)
    return messages_from_blocks(blocks, parse_block, log)  # type: ignore[arg-type]


def sniff(s: Sniff) -> float:
    """High when the first non-blank lines are signal-export headers."""
    if s.zip_names is not None:
        return 0.0  # (json_keys is set for any text starting with "[", as headers do)
    lines = [
        line
        for line in s.head.split("\n")[:400]
        if line.strip() and parse_anchor(line.strip()) is None
    ]
    if not lines:
        return 0.0
    headers = [m for m in map(HEADER_RE.fullmatch, lines) if m is not None]
    first = HEADER_RE.fullmatch(lines[0])
    if first is None or len(headers) * 4 < len(lines):
        return 0.3 if headers else 0.0
    if "](./media/" in s.head or "](media/" in s.head or "\n(- " in s.head:
        return 0.95
    # "[2019-12-24, 12:23:45]" is also how some WhatsApp iOS locales write their header.
    comma_with_seconds = first.group(4) == "," and first.group(7) is not None
    score = 0.6 if comma_with_seconds else 0.85
    return score + 0.05 if s.name.lower().endswith(".md") else score


FORMAT = Format(
    name="signal",
    title="Signal (signal-export chat.md)",
    example="[2021-03-04 10:11] Alice: See you at six",
    sniff=sniff,
    read=read_signal,
    extensions=(".md", ".txt"),
)
