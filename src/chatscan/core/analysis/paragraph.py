"""Paragraph (compat) analysis: file-wide de-duplication, then events in order.

The original scanner fingerprints every entry and skips one whose fingerprint it
has seen before, then matches the rest. Fingerprinting is only observable for an
entry that some later entry with hits duplicates, so we ask the engine which
entries could, after normalisation, match any rule (a superset: see
``engine.prefilter``), and fingerprint and parse only those. The events are the
same as fingerprinting everything, at a fraction of the cost.
"""

from __future__ import annotations

from collections.abc import Iterable

from chatscan.core.analysis.fingerprint import fingerprint
from chatscan.core.engine import Engine
from chatscan.core.engine.prefilter import NORMALISATION_UNSAFE_CHARS
from chatscan.core.ingest.paragraphs import parse_anchor, split_message
from chatscan.core.models import Context, Event, Message

__all__ = ["ParagraphAnalysis"]

BATCH_ENTRIES = 8192

_Entry = tuple[int, str, int, Context]  # raw block index, entry text, line, context


def _needs_fingerprint_anyway(text: str) -> bool:
    return not text.isascii() and any(char in text for char in NORMALISATION_UNSAFE_CHARS)


class ParagraphAnalysis:
    """Consumes (entry, line) pairs in order and collects events."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.events: list[Event] = []
        self.messages_total = 0
        self._seen: set[bytes] = set()

    def feed(self, entries: Iterable[tuple[str, int]]) -> None:
        context = Context()
        batch: list[_Entry] = []
        for index, (entry, line) in enumerate(entries):
            if entry[-1].isdecimal():
                anchor = parse_anchor(entry)
                if anchor is not None:
                    context = anchor
                    continue
            batch.append((index, entry, line, context))
            if len(batch) >= BATCH_ENTRIES:
                self._feed_batch(batch)
                batch = []
        if batch:
            self._feed_batch(batch)

    def _feed_batch(self, batch: list[_Entry]) -> None:
        self.messages_total += len(batch)
        texts = [entry for _, entry, _, _ in batch]
        candidates = self.engine.candidates(texts, invariant=True)
        wanted = set(candidates)
        wanted.update(k for k, text in enumerate(texts) if _needs_fingerprint_anyway(text))
        seen, events, check = self._seen, self.events, self.engine.check
        for k in sorted(wanted):
            index, entry, line, context = batch[k]
            speaker, text = split_message(entry)
            key = fingerprint(text)
            if key in seen:
                continue
            seen.add(key)
            rules = candidates.get(k)
            if not rules:
                continue
            hits = check(text, rules)
            if hits:
                message = Message(index, text, speaker, None, context, f"line {line}")
                events.append(Event(len(events), message, hits, key.hex()))
