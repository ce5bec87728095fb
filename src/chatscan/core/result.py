"""The complete outcome of one scan, everything a report writer needs."""

from __future__ import annotations

from dataclasses import dataclass, field

from chatscan.core.models import Event, SequenceMatch
from chatscan.core.rules import RulePack

__all__ = ["Result", "Skipped", "SourceInfo"]


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """The input file as read: never its content, only facts about it."""

    name: str
    size: int
    sha256: str
    encoding: str
    bom: bool = False
    replacements: int = 0
    first_bad_offset: int | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record the ingest could not parse: where and why, never its text."""

    position: str
    reason: str


@dataclass(frozen=True)
class Result:
    source: SourceInfo
    format: str
    pack: RulePack
    engine: str
    messages_total: int
    events: list[Event]
    sequences: list[SequenceMatch]
    category_counts: dict[str, int]
    strength_counts: dict[str, int]
    sequence_counts: dict[str, int]
    context_summary: list[tuple[str, dict[str, int]]]
    warnings: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
