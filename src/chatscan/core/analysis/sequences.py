"""Sequences: an event of one category followed, within a window, by another."""

from __future__ import annotations

from collections.abc import Sequence

from chatscan.core.models import Event, SequenceMatch

__all__ = ["find_sequences"]


def find_sequences(
    events: Sequence[Event], pairs: Sequence[tuple[str, str]], window: int
) -> list[SequenceMatch]:
    """For each event and each (start, end) pair whose start it holds, the first of the
    next ``window`` events in the same context that holds the end category."""
    found: list[SequenceMatch] = []
    total = len(events)
    for i, first in enumerate(events):
        categories = first.categories
        key = first.message.context.key
        for start, end in pairs:
            if start not in categories:
                continue
            for j in range(i + 1, min(i + 1 + window, total)):
                second = events[j]
                if second.message.context.key != key:
                    continue
                if end in second.categories:
                    found.append(SequenceMatch(start, end, key, first, second))
                    break
    return found
