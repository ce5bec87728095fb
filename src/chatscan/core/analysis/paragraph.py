"""Paragraph (compat) analysis: file-wide de-duplication, then events in order.

The original scanner fingerprints every entry and skips one whose fingerprint it
has seen before, then matches the rest. Fingerprinting is only observable for an
entry that some later entry with hits duplicates, so we ask the engine which
entries could, after normalisation, match any rule (a superset: see
``engine.prefilter``), and fingerprint and parse only those. The events are the
same as fingerprinting everything, at a fraction of the cost.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import compress, count
from operator import itemgetter

from chatscan.core.analysis.fingerprint import fingerprint
from chatscan.core.engine import Engine
from chatscan.core.engine.prefilter import NORMALISATION_UNSAFE_CHARS
from chatscan.core.ingest.paragraphs import EntryBatch, parse_anchor, split_message
from chatscan.core.models import Context, Event, Message

__all__ = ["ParagraphAnalysis"]


def _needs_fingerprint_anyway(text: str) -> bool:
    return not text.isascii() and any(char in text for char in NORMALISATION_UNSAFE_CHARS)


class ParagraphAnalysis:
    """Consumes entry batches in file order and collects events."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.events: list[Event] = []
        self.messages_total = 0
        self._seen: set[bytes] = set()
        self._context = Context()

    def feed(self, batches: Iterable[EntryBatch]) -> None:
        for batch in batches:
            self._feed_batch(batch)

    def _feed_batch(self, batch: EntryBatch) -> None:
        entries = batch.entries
        # Anchors set the context of the entries after them and are not messages.
        contexts: list[tuple[int, Context]] = []
        ends_in_digit = map(str.isdecimal, map(itemgetter(-1), entries))
        for k in compress(count(), ends_in_digit):
            anchor = parse_anchor(entries[k])
            if anchor is not None:
                contexts.append((k, anchor))
        anchors = {k for k, _ in contexts}
        self.messages_total += len(entries) - len(anchors)
        candidates = self.engine.candidates_in_utf8(*batch.utf8_pieces())
        wanted = set(candidates)
        if _needs_fingerprint_anyway(batch.text):
            wanted.update(k for k, entry in enumerate(entries) if _needs_fingerprint_anyway(entry))
        wanted -= anchors
        seen, events, check = self._seen, self.events, self.engine.check
        change_points = [k for k, _ in contexts]
        for k in sorted(wanted):
            speaker, text = split_message(entries[k])
            key = fingerprint(text)
            if key in seen:
                continue
            seen.add(key)
            rules = candidates.get(k)
            if not rules:
                continue
            hits = check(text, rules)
            if hits:
                at = bisect.bisect_left(change_points, k) - 1
                context = contexts[at][1] if at >= 0 else self._context
                line = batch.line(k)
                message = Message(
                    batch.first_index + k, text, speaker, None, context, f"line {line}"
                )
                events.append(Event(len(events), message, hits, key.hex()))
        if contexts:
            self._context = contexts[-1][1]
