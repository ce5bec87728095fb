"""Helpers the per-format ingest tests share."""

from __future__ import annotations

from typing import Any

from chatscan.core.ingest.base import Format, IngestLog, IngestOptions, Source
from chatscan.core.models import Message


def read_source(
    fmt: Format, source: Source, options: IngestOptions | None = None
) -> tuple[list[Message], IngestLog]:
    """Every message a format reads from ``source``, and what it logged."""
    log = IngestLog()
    return list(fmt.read(source, options or IngestOptions(), log)), log


def record(message: Message, *, context: bool = False) -> dict[str, Any]:
    """A message as the fixtures' ``.expected.json`` files write it."""
    out: dict[str, Any] = {
        "timestamp": message.timestamp.isoformat() if message.timestamp else None,
        "speaker": message.speaker,
        "text": message.text,
        "flags": sorted(message.flags),
        "source_ref": message.source_ref,
    }
    if context:
        out["context"] = message.context.key
    return out
