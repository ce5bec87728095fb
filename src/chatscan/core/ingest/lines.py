"""Shared steps of the line-based text readers (Signal, iMessage)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Protocol

from chatscan.core.ingest.base import IngestLog
from chatscan.core.models import Context, Message

__all__ = ["iter_lines", "messages_from_blocks"]


class _Block(Protocol):
    line: int


Parsed = tuple[str, str | None, datetime | None, frozenset[str]]


def iter_lines(chunks: Iterable[str]) -> Iterator[str]:
    """The lines of decoded text, split on ``\\n`` only (other line breaks are text)."""
    pending: list[str] = []
    for chunk in chunks:
        lines = chunk.split("\n")
        if len(lines) == 1:
            pending.append(chunk)
            continue
        if pending:
            pending.append(lines[0])
            lines[0] = "".join(pending)
        pending = [lines.pop()]
        yield from lines
    rest = "".join(pending)
    if rest:
        yield rest


def messages_from_blocks(
    items: Iterable[_Block | Context],
    parse: Callable[[_Block], Parsed | str],
    log: IngestLog,
) -> Iterator[Message]:
    """Messages from raw blocks in file order: an anchor's context applies to the blocks
    after it; a block ``parse`` rejects (returns a reason) is skipped at its line."""
    context = Context()
    index = 0
    for item in items:
        if isinstance(item, Context):
            context = item
            continue
        parsed = parse(item)
        if isinstance(parsed, str):
            log.skip(f"line {item.line}", parsed)
            continue
        text, speaker, timestamp, flags = parsed
        yield Message(index, text, speaker, timestamp, context, f"line {item.line}", flags)
        index += 1
