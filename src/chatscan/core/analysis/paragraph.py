"""Paragraph (compat) analysis: file-wide de-duplication, then events in order.

The original scanner fingerprints every entry and skips one whose fingerprint it
has seen before, then matches the rest. Fingerprinting is only observable for an
entry that some later entry with hits duplicates, so we ask the engine which
entries could, after normalisation, match any rule (a superset: see
``engine.prefilter``), and fingerprint and parse only those. The events are the
same as fingerprinting everything, at a fraction of the cost.

The work is split in two so that batches can be examined in other processes:
:func:`examine_batch` needs only the batch and the engine; :class:`ParagraphAnalysis`
then absorbs the findings in file order (contexts, de-duplication, events).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress, count
from operator import itemgetter
from typing import NamedTuple

from chatscan.core.analysis.fingerprint import fingerprint
from chatscan.core.engine import Engine
from chatscan.core.engine.prefilter import NORMALISATION_UNSAFE_CHARS
from chatscan.core.ingest.paragraphs import EntryBatch, parse_anchor, split_message
from chatscan.core.models import Context, Event, Hit, Message

__all__ = ["BatchFindings", "ParagraphAnalysis", "examine_batch"]


def _needs_fingerprint_anyway(text: str) -> bool:
    return not text.isascii() and any(char in text for char in NORMALISATION_UNSAFE_CHARS)


class Finding(NamedTuple):
    """An entry that was fingerprinted; ``hits`` is empty when it matched nothing."""

    k: int  # position in its batch
    key: bytes
    speaker: str | None = None
    text: str = ""
    hits: tuple[Hit, ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True)
class BatchFindings:
    entries: int
    anchors: tuple[tuple[int, Context], ...]
    findings: tuple[Finding, ...]


def examine_batch(batch: EntryBatch, engine: Engine) -> BatchFindings:
    """Anchors of a batch, and every entry that has to be fingerprinted, with its hits."""
    entries = batch.entries
    anchors: list[tuple[int, Context]] = []
    ends_in_digit = map(str.isdecimal, map(itemgetter(-1), entries))
    for k in compress(count(), ends_in_digit):
        anchor = parse_anchor(entries[k])
        if anchor is not None:
            anchors.append((k, anchor))
    candidates = engine.candidates_in_utf8(*batch.utf8_pieces())
    wanted = set(candidates)
    if _needs_fingerprint_anyway(batch.text):
        wanted.update(k for k, entry in enumerate(entries) if _needs_fingerprint_anyway(entry))
    wanted.difference_update(k for k, _ in anchors)
    findings: list[Finding] = []
    check = engine.check
    for k in sorted(wanted):
        speaker, text = split_message(entries[k])
        key = fingerprint(text)
        rules = candidates.get(k)
        hits = check(text, rules) if rules else ()
        if hits:
            findings.append(Finding(k, key, speaker, text, hits, batch.line(k)))
        else:
            findings.append(Finding(k, key))
    return BatchFindings(len(entries), tuple(anchors), tuple(findings))


class ParagraphAnalysis:
    """Absorbs batch findings in file order and collects events."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.events: list[Event] = []
        self.messages_total = 0
        self._entries_before = 0
        self._seen: set[bytes] = set()
        self._context = Context()

    def feed(self, batches: Iterable[EntryBatch]) -> None:
        for batch in batches:
            self.absorb(examine_batch(batch, self.engine))

    def absorb(self, found: BatchFindings, line_offset: int = 0) -> None:
        """Take one batch's findings; ``line_offset`` is added to their line numbers."""
        anchors = found.anchors
        change_points = [k for k, _ in anchors]
        seen, events, first_index = self._seen, self.events, self._entries_before
        for finding in found.findings:
            if finding.key in seen:
                continue
            seen.add(finding.key)
            if finding.hits:
                at = bisect.bisect_left(change_points, finding.k) - 1
                context = anchors[at][1] if at >= 0 else self._context
                message = Message(
                    first_index + finding.k,
                    finding.text,
                    finding.speaker,
                    None,
                    context,
                    f"line {finding.line + line_offset}",
                )
                events.append(Event(len(events), message, finding.hits, finding.key.hex()))
        if anchors:
            self._context = anchors[-1][1]
        self.messages_total += found.entries - len(anchors)
        self._entries_before += found.entries
