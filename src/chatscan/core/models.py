"""The immutable data that flows through chatscan: messages in, hits, events out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

__all__ = [
    "UNANCHORED",
    "Context",
    "Event",
    "Hit",
    "Message",
    "SequenceMatch",
    "Tier",
]

UNANCHORED = "UNANCHORED"


class Tier(StrEnum):
    """What produced a hit: a phrase rule, a single weak token rule, or the semantic
    layer (similarity to a category's exemplar sentences)."""

    TOKEN = "TOKEN"
    PHRASE = "PHRASE"
    SEMANTIC = "SEMANTIC"


@dataclass(frozen=True, slots=True)
class Context:
    """Where/when a message belongs, set by anchor lines such as ``Iowa 2017``."""

    key: str = UNANCHORED
    place: str = ""
    year: str = ""


NO_CONTEXT = Context()


class Message(NamedTuple):
    """One message (or paragraph entry) as read from an export.

    ``source_ref`` says where it came from (``line 12``, ``messages[3]``) so a
    reader can find it in the original file; ``flags`` holds markers such as
    ``system``, ``media``, ``edited`` or ``deleted``.

    Immutable like every record here, but a named tuple rather than a frozen dataclass:
    readers build one per message, and a frozen dataclass costs four times as much to
    construct (0.8 against 0.2 microseconds, a sixth of reading a large WhatsApp export).
    """

    index: int
    text: str
    speaker: str | None = None
    timestamp: datetime | None = None
    context: Context = NO_CONTEXT
    source_ref: str = ""
    flags: frozenset[str] = frozenset()


class Hit(NamedTuple):
    """Why a message was flagged: a rule that matched it, with the span (character
    offsets) it matched, or a semantic hit.

    A semantic hit (tier SEMANTIC) spans the whole message; ``score`` is its similarity
    to ``exemplar``, the nearest exemplar sentence of the category in the pack.
    A named tuple rather than a dataclass: scans create and pass many of them.
    """

    rule_id: str
    category: str
    tier: Tier
    start: int
    end: int
    score: float = 1.0  # the rule's ``score``; a semantic hit's similarity (not a filter)
    context: str | None = None  # the rule's context word found near the match, if any
    exemplar: str | None = None  # semantic hits: the nearest exemplar sentence

    @property
    def detector(self) -> str:
        """``semantic`` for a semantic hit, ``rules`` for a rule's."""
        return "semantic" if self.tier is Tier.SEMANTIC else "rules"


# A category's strength in an event is its strongest hit's tier: a phrase rule, then a
# token rule, then the semantic layer.
_RANK = {Tier.SEMANTIC: 0, Tier.TOKEN: 1, Tier.PHRASE: 2}


@dataclass(frozen=True, slots=True)
class Event:
    """A message with at least one hit.

    ``categories`` is sorted by name; ``strengths`` gives each category's tier in
    the same order: its strongest hit's (PHRASE when any phrase rule of that category
    matched, else TOKEN when a token rule did, else SEMANTIC).
    """

    index: int
    message: Message
    hits: tuple[Hit, ...]
    fingerprint: str
    repeat_of: int | None = None  # message mode: the earlier event with the same text
    categories: tuple[str, ...] = field(init=False)
    strengths: tuple[Tier, ...] = field(init=False)

    def __post_init__(self) -> None:
        hits = self.hits
        if len(hits) == 1:  # the common case
            names, strengths = (hits[0].category,), (hits[0].tier,)
        else:
            best: dict[str, Tier] = {}
            for hit in hits:
                held = best.get(hit.category)
                if held is None or _RANK[hit.tier] > _RANK[held]:
                    best[hit.category] = hit.tier
            names = tuple(sorted(best))
            strengths = tuple(best[name] for name in names)
        object.__setattr__(self, "categories", names)
        object.__setattr__(self, "strengths", strengths)


@dataclass(frozen=True, slots=True)
class SequenceMatch:
    """An event of one category followed, within the window, by one of another."""

    start_category: str
    end_category: str
    context_key: str
    first: Event
    second: Event

    @property
    def name(self) -> str:
        return f"{self.start_category} -> {self.end_category}"
