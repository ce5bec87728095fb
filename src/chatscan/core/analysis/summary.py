"""Counts over events: per category, per strength, per sequence, per context."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from chatscan.core.models import Event, SequenceMatch

__all__ = ["category_counts", "context_summary", "sequence_counts", "strength_counts"]


def _ranked(counter: Counter[str]) -> dict[str, int]:
    """Descending by count; ties keep first-seen order."""
    return dict(counter.most_common())


def category_counts(events: Sequence[Event]) -> dict[str, int]:
    return _ranked(Counter(name for event in events for name in event.categories))


def strength_counts(events: Sequence[Event]) -> dict[str, int]:
    return _ranked(Counter(str(tier) for event in events for tier in event.strengths))


def sequence_counts(sequences: Sequence[SequenceMatch]) -> dict[str, int]:
    return _ranked(Counter(seq.name for seq in sequences))


def context_summary(
    events: Sequence[Event], categories: Sequence[str]
) -> list[tuple[str, dict[str, int]]]:
    """Per context key, events per category (every category, sorted by name);
    rows by total descending, ties in first-seen order."""
    names = sorted(categories)
    rows: dict[str, dict[str, int]] = {}
    for event in events:
        row = rows.get(event.message.context.key)
        if row is None:
            row = rows[event.message.context.key] = dict.fromkeys(names, 0)
        for name in event.categories:
            if name in row:
                row[name] += 1
    return sorted(rows.items(), key=lambda item: sum(item[1].values()), reverse=True)
