"""The complete outcome of one scan, everything a report writer needs."""

from __future__ import annotations

from dataclasses import dataclass, field

from chatscan.core.models import Event, SequenceMatch
from chatscan.core.rules import RulePack

__all__ = ["Result", "Skipped", "SourceInfo", "SpeakerRow"]


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


@dataclass
class SpeakerRow:
    """Message mode: one speaker's messages, events, and events per category."""

    speaker: str
    messages: int
    events: int
    categories: dict[str, int] = field(default_factory=dict)


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
    skipped_total: int = 0
    mode: str = "paragraphs"  # or "messages"
    window: str = ""  # how far sequences look, in words
    format_confidence: float = 1.0
    system_messages: int = 0
    speakers: list[SpeakerRow] = field(default_factory=list)
    months: dict[str, dict[str, int]] = field(default_factory=dict)
    # identities of the detectors that ran beside the rules (the semantic layer's model,
    # data and thresholds); empty when only the rules ran
    detectors: list[dict[str, str]] = field(default_factory=list)
