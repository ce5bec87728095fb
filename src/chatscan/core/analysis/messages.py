"""Message mode: one event per message with hits, sequences between people and in time.

Unlike paragraph mode nothing is dropped: a message repeated word for word is an
event every time (repetition is evidence) and says which earlier event it repeats.
System messages (``joined``, ``changed the subject``) are not matched. Extra
detectors (the semantic layer) get each batch of message texts after the rules; their
hits come after the rules' hits, and a message only they flag is an event too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import islice
from operator import attrgetter

from chatscan.core.analysis.fingerprint import fingerprint
from chatscan.core.analysis.window import Window
from chatscan.core.engine import Engine
from chatscan.core.engine.base import Detector
from chatscan.core.models import Event, Message, SequenceMatch
from chatscan.core.result import SpeakerRow
from chatscan.core.rules.schema import SequenceSpec

__all__ = ["MessageAnalysis", "find_message_sequences", "month_counts", "speaker_rows"]

BATCH_MESSAGES = 4096


_speaker_of = attrgetter("speaker")
_text_of = attrgetter("text")


class MessageAnalysis:
    """Consumes messages in order and collects events."""

    def __init__(self, engine: Engine, detectors: Sequence[Detector] = ()) -> None:
        self.engine = engine
        self.detectors = tuple(detectors)
        self.events: list[Event] = []
        self.messages_total = 0
        self.system_messages = 0
        self.messages_by_speaker: Counter[str | None] = Counter()
        self._first_event_of: dict[bytes, int] = {}

    def feed(self, messages: Iterable[Message]) -> None:
        iterator = iter(messages)
        while batch := list(islice(iterator, BATCH_MESSAGES)):
            self._feed_batch(batch)

    def _feed_batch(self, batch: list[Message]) -> None:
        matchable = [message for message in batch if "system" not in message.flags]
        self.system_messages += len(batch) - len(matchable)
        self.messages_total += len(matchable)
        self.messages_by_speaker.update(map(_speaker_of, matchable))  # None: no speaker
        texts = list(map(_text_of, matchable))
        matches = self.engine.match(texts)
        for detector in self.detectors:
            found = detector.detect(texts)
            if len(found) != len(texts):
                raise ValueError(
                    f"detector {detector.name} gave {len(found)} answers for {len(texts)} texts"
                )
            matches = [rules + extra if extra else rules
                       for rules, extra in zip(matches, found, strict=True)]  # fmt: skip
        for message, hits in zip(matchable, matches, strict=True):
            if not hits:
                continue
            key = fingerprint(message.text)
            first = self._first_event_of.setdefault(key, len(self.events))
            repeat_of = first if first != len(self.events) else None
            self.events.append(Event(len(self.events), message, hits, key.hex(), repeat_of))


def _speakers_fit(constraint: str, first: Message, second: Message) -> bool:
    if constraint == "any":
        return True
    if first.speaker is None or second.speaker is None:
        return False  # unknown speakers satisfy neither "same" nor "different"
    return (first.speaker == second.speaker) == (constraint == "same")


def _within(window: Window, first: Message, second: Message) -> bool:
    if window.span is not None and first.timestamp is not None and second.timestamp is not None:
        return second.timestamp - first.timestamp <= window.span
    return second.index - first.index <= window.messages


def find_message_sequences(
    events: Sequence[Event], specs: Sequence[SequenceSpec], window: Window
) -> list[SequenceMatch]:
    """For each event and each sequence whose start it holds, the first later event in
    the same context, within the window, holding the end category, from a speaker that
    fits the sequence's constraint."""
    found: list[SequenceMatch] = []
    total = len(events)
    for i, first in enumerate(events):
        key = first.message.context.key
        for spec in specs:
            if spec.start not in first.categories:
                continue
            for j in range(i + 1, total):
                second = events[j]
                if not _within(window, first.message, second.message):
                    break
                if second.message.context.key != key or spec.end not in second.categories:
                    continue
                if _speakers_fit(spec.speakers, first.message, second.message):
                    found.append(SequenceMatch(spec.start, spec.end, key, first, second))
                    break
    return found


def speaker_rows(
    events: Sequence[Event], messages_by_speaker: Counter[str | None], categories: Sequence[str]
) -> list[SpeakerRow]:
    """Per speaker: messages, events and events per category; most messages first
    (messages without a speaker are counted under "")."""
    names = sorted(categories)
    counts: Counter[str] = Counter()
    for speaker, count in messages_by_speaker.items():
        counts[speaker or ""] += count
    rows = {
        name: SpeakerRow(name, count, 0, dict.fromkeys(names, 0))
        for name, count in counts.most_common()
    }
    for event in events:
        speaker = event.message.speaker or ""
        row = rows.setdefault(speaker, SpeakerRow(speaker, 0, 0, dict.fromkeys(names, 0)))
        row.events += 1
        for name in event.categories:
            row.categories[name] = row.categories.get(name, 0) + 1
    return list(rows.values())


def month_counts(events: Sequence[Event]) -> dict[str, dict[str, int]]:
    """Events per category for each month (``YYYY-MM``), months in order."""
    months: dict[tuple[int, int], Counter[str]] = {}
    for event in events:
        stamp = event.message.timestamp
        if stamp is not None:
            key = (stamp.year, stamp.month)
            counts = months.get(key)
            if counts is None:
                counts = months[key] = Counter()
            counts.update(event.categories)
    return {
        f"{year:04d}-{month:02d}": dict(sorted(counts.items()))
        for (year, month), counts in sorted(months.items())
    }
